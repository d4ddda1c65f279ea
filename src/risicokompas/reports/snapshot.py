# SPDX-License-Identifier: EUPL-1.2
"""Build ``ParagraphData`` from a stored snapshot: ``Snapshot.inputs``/``result``/``texts`` as frozen by
``paragraph.freeze``, read through the typed layout of ``risicokompas.snapshot``. No database access, so it
is testable without Django.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from risicokompas.engine.indicators import IndicatorInputs, SignalThresholds
from risicokompas.engine.riskmap import DEFAULT_BANDS, GevolgBands
from risicokompas.reports.build import kengetallen_from_rows, risk_map_data, simulation_figures
from risicokompas.reports.data import (
    CAPACITY_YEARS,
    Approval,
    CapacityRow,
    DriverRow,
    Kengetallen,
    ParagraphData,
    QuantileRow,
    SeparateRequirement,
    TaxCapacity,
    TaxCapacityLine,
)
from risicokompas.snapshot import (
    CapacitySummary,
    FrozenRisk,
    SnapshotInputs,
    SnapshotResult,
    SnapshotSchemaError,
    TaxCapacityRow,
    inputs_of,
    result_of,
)


def _float(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def _date(value: object) -> datetime.date:
    if isinstance(value, datetime.date):
        return value if not isinstance(value, datetime.datetime) else value.date()
    return datetime.date.fromisoformat(str(value)[:10])


#: The parts of the onbenutte belastingcapaciteit by the keys of ``engine.taxcapacity`` (snapshots store
#: those): label, then the inputs as (norm, current, base) keys; a levy's "norm" is full cost recovery.
_TAX_PARTS: dict[str, tuple[str, tuple[str | None, str, str]]] = {
    "ozb_dwellings": ("OZB woningen", ("norm_rate", "own_rate_dwellings", "woz_dwellings")),
    "ozb_non_dwellings": ("OZB niet-woningen", ("norm_rate", "own_rate_non_dwellings", "woz_non_dwellings")),
    "sewage": ("Rioolheffing", (None, "sewage_revenue", "sewage_costs")),
    "waste": ("Afvalstoffenheffing", (None, "waste_revenue", "waste_costs")),
}


def _tax_line(
    label: str, keys: tuple[str | None, str, str], tax: TaxCapacityRow | None, amount: float | None
) -> TaxCapacityLine:
    from risicokompas.engine.present import format_eur, format_number

    norm_key, current_key, base_key = keys
    missing = False

    def shown(key: str, text: Callable[[float], str]) -> str:
        nonlocal missing
        value = None if tax is None else _float(getattr(tax, key))
        missing = missing or value is None
        return "niet ingevuld" if value is None else text(value)

    def rate(value: float) -> str:
        return f"{format_number(value, 4)}%"

    if norm_key is not None:  # OZB: (norm − eigen tarief) × WOZ-waarde
        norm = shown(norm_key, rate)
        current = shown(current_key, rate)
        base = shown(base_key, lambda v: f"{format_eur(v)} (WOZ)")
        inputs = f"(norm {norm} − eigen tarief {current}) × {base}"
    else:  # heffing: kosten − opbrengst, at most 100% cost recovery
        norm = "100% kostendekking"
        current = shown(current_key, lambda v: f"opbrengst {format_eur(v)}")
        base = shown(base_key, lambda v: f"kosten {format_eur(v)}")
        inputs = f"{base} − {current}"
    note = "invoer onvolledig" if missing else ""
    return TaxCapacityLine(label, inputs, amount, note, norm=norm, current=current, base=base)


def _snapshot_tax(inputs: SnapshotInputs, capacity: CapacitySummary) -> TaxCapacity | None:
    tax_inputs, tax = inputs.tax_capacity, capacity.tax
    if not tax.parts and tax_inputs is None:
        return None
    lines = tuple(
        _tax_line(label, keys, tax_inputs, _float(tax.parts.get(key)))
        for key, (label, keys) in _TAX_PARTS.items()
    )
    if tax.included:
        explanation = "De berekende onbenutte belastingcapaciteit telt mee in de beschikbare capaciteit."
    elif tax.already_counted_as_item:
        explanation = (
            "Niet apart meegeteld: de onbenutte belastingcapaciteit staat al als onderdeel in de tabel."
        )
    else:
        explanation = "Niet meegeteld in de beschikbare capaciteit."
    own_explanation = tax_inputs.explanation if tax_inputs is not None else ""
    return TaxCapacity(lines, _float(tax.total), explanation + " " + (own_explanation or ""))


def _snapshot_kengetallen(inputs: SnapshotInputs) -> Kengetallen | None:
    """The frozen kengetallen, a column per (year, kind): a year may hold its begroting and its realisatie,
    and the edition's BBV columns pick by both (``compose_assessment.bbv_columns``)."""
    if not inputs.indicator_years:
        return None
    settings = inputs.paragraph_settings
    stored = (settings.signal_thresholds if settings else None) or {}
    thresholds = SignalThresholds(**{k: tuple(v) for k, v in stored.items()}) if stored else None
    return kengetallen_from_rows(
        (
            (row.year, row.kind, IndicatorInputs(**{k: _float(v) for k, v in row.amounts().items()}))
            for row in inputs.indicator_years
        ),
        thresholds,
        (settings.indicator_reading if settings else "") or "",
    )


def from_snapshot_dict(
    inputs: SnapshotInputs | Mapping[str, Any],
    result: SnapshotResult | Mapping[str, Any],
    texts: Mapping[str, str],
    approval: Mapping[str, Any] | None,
    *,
    title: str,
    year: int,
    reference_date: datetime.date | str,
    content_hash: str = "",
    history: Sequence[tuple[str, float | None]] = (),
    awareness: Mapping[str, object] | None = None,
    edition: str = "begroting",
) -> ParagraphData:
    """The paragraph of a stored snapshot: ``Snapshot.inputs``/``result`` (typed, or their stored JSON,
    read by ``risicokompas.snapshot``) and ``texts``, plus the snapshot's own fields as keywords.

    ``approval`` is ``{"approved_by", "approved_at" (ISO date/datetime), "decision_reference",
    "content_hash"}`` or None. ``history`` (earlier snapshots' ratios) and ``awareness`` (section 8
    facts) come from the caller, which can query them; without ``awareness`` the number of measures
    marked "uitgevoerd" in the frozen register is shown.
    """
    inputs, result = inputs_of(inputs), result_of(result)
    policy, capacity, risks = inputs.policy, result.capacity, inputs.risks
    measures = {r.code: _measures_text(r) for r in risks}
    drivers = [
        DriverRow(d.id, d.name, d.contribution, d.share, d.marginal, d.expected, measures.get(d.id, ""))
        for d in result.drivers[:10]
    ]
    intervals, errors = result.quantile_intervals, result.quantile_standard_errors
    quantiles = sorted(
        (
            QuantileRow(float(k) / 100, v, *_interval(intervals.get(k), v), errors.get(k))
            for k, v in result.quantiles.items()
        ),
        key=lambda q: q.level,
    )
    separate = tuple(
        SeparateRequirement(s.name, s.kind, _float(s.amount) or 0.0, s.explanation)
        for s in inputs.separate_requirements
    )
    simulation = simulation_figures(
        method=result.method,
        certainty=_certainty(result),
        quantiles=quantiles,
        mean=result.mean,
        sum_max=result.sum_max,
        exceedance=(result.exceedance.amounts, result.exceedance.probabilities),
        drivers=drivers,
        available=_float(result.available_capacity),
        separate_total=sum(s.amount for s in separate),
        norm_min=_float(policy.norm_minimum),
        norm_max=_float(policy.norm_maximum),
        p_exceed_available=result.p_exceed_capacity,
        risk_count=result.risk_count,
        active_count=result.active_count,
        iterations=result.iterations,
        seed=result.seed,
        grid_size=result.grid_size,
        calculation=policy.method,
        official_required=result.official_required,
        scale=policy.scale,
    )
    rows = [
        CapacityRow(
            item.name,
            item.kind or "overig",
            item.nature or "incidenteel",
            (None,) * CAPACITY_YEARS
            if item.amount_unknown
            else tuple(_float(amount) for amount in item.amounts[:CAPACITY_YEARS]),
            item.explanation or "",
            pm_years=frozenset(range(CAPACITY_YEARS)) if item.amount_unknown else frozenset(),
        )
        for item in inputs.capacity_items
    ]
    tax = _snapshot_tax(inputs, capacity)
    if capacity.tax.included and tax is not None:
        rows.append(
            CapacityRow(
                "Onbenutte belastingcapaciteit (berekend)",
                "onbenutte belastingcapaciteit",
                "structureel",
                (tax.total,) * CAPACITY_YEARS,
                carried=True,
            )
        )
    bands = GevolgBands.from_bounds(float(b) for b in policy.bands or DEFAULT_BANDS.upper_bounds)
    names = {r.code: r.name for r in risks}
    if awareness is None:
        done = sum(1 for r in risks for m in r.measures if m.status == "uitgevoerd")
        awareness = {"measures_completed": done}
    return ParagraphData(
        organisation=policy.name,
        organisation_kind=policy.kind or "gemeente",
        title=title,
        year=int(year),
        reference_date=_date(reference_date),
        simulation=simulation,
        capacity_rows=tuple(rows),
        risk_map=risk_map_data(
            (
                (r.code, probability, impact)
                for r in risks
                if (probability := _float(r.probability)) is not None
                and (impact := _float(r.impact_max)) is not None
                and not r.excluded
            ),
            bands,
        ),
        default_shape=policy.default_shape or "uniform",
        structural_years=int(policy.structural_years or 1),
        policy_text=texts.get("beleid", ""),
        coherence_text=texts.get("samenhang", ""),
        conclusions_text=texts.get("conclusies", ""),
        tax_capacity=tax,
        separate=separate,
        unquantified=tuple(
            f"{c} {names.get(c, '')}".strip() for c in result.unquantified or inputs.unquantified
        ),
        excluded=tuple(f"{c} {names.get(c, '')}".strip() for c in result.excluded),
        kengetallen=_snapshot_kengetallen(inputs),
        history=tuple(history),
        awareness=awareness,
        approval=_approval(approval),
        edition=edition,
        records=inputs.records,
        year_account=inputs.year_account,
        examples=examples_of(texts),
        content_hash=content_hash,
        input_hash=result.input_hash,
        engine_version=result.engine_version,
    )


#: Key in a snapshot's texts holding the controller's examples for section 8 (a list of strings).
EXAMPLES_KEY = "voorbeelden"
MAX_EXAMPLES = 3


def examples_of(texts: Mapping[str, Any]) -> tuple[str, ...]:
    """The (at most three) non-empty examples in a snapshot's texts."""
    stored = texts.get(EXAMPLES_KEY) or ()
    if isinstance(stored, str):
        stored = (stored,)
    return tuple(str(t).strip() for t in stored if str(t).strip())[:MAX_EXAMPLES]


def _certainty(result: SnapshotResult) -> float:
    """The certainty the quantiles were read at; every computed snapshot has it."""
    if result.certainty is None:
        raise SnapshotSchemaError("result: het veld 'certainty' ontbreekt")
    return result.certainty


def _interval(stored: Sequence[float] | None, value: float) -> tuple[float, float]:
    """The stored (lower, upper) interval of a quantile; the quantile itself when none is stored."""
    if stored is None:
        return value, value
    lower, upper = stored
    return lower, upper


def _measures_text(risk: FrozenRisk) -> str:
    listed = [m.description + (" (uitgevoerd)" if m.status == "uitgevoerd" else "") for m in risk.measures]
    return "; ".join([t for t in [risk.measures_text] if t] + listed)


def _approval(approval: Mapping[str, Any] | None) -> Approval | None:
    if not approval:
        return None
    return Approval(
        approved_by=str(approval.get("approved_by") or ""),
        approved_on=_date(approval.get("approved_at") or approval.get("approved_on")),
        decision_reference=str(approval.get("decision_reference") or ""),
        content_hash=str(approval.get("content_hash") or ""),
    )
