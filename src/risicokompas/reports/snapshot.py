# SPDX-License-Identifier: EUPL-1.2
"""Build ``ParagraphData`` from a stored snapshot: ``Snapshot.inputs``/``result``/``texts`` as frozen by
``paragraph.freeze`` (schema 1). Plain JSON in, no database access, so it is testable without Django.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal

from risicokompas.engine.indicators import IndicatorInputs, SignalThresholds
from risicokompas.engine.riskmap import DEFAULT_BANDS, GevolgBands
from risicokompas.reports.build import kengetallen_from_inputs, risk_map_data, simulation_figures
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


def _float(value) -> float | None:
    return None if value in (None, "") else float(Decimal(str(value)))


def _date(value) -> datetime.date:
    if isinstance(value, datetime.date):
        return value if not isinstance(value, datetime.datetime) else value.date()
    return datetime.date.fromisoformat(str(value)[:10])


_TAX_LABELS = {
    "ozb_woningen": ("OZB woningen", ("norm_rate", "own_rate_dwellings", "woz_dwellings")),
    "ozb_niet_woningen": ("OZB niet-woningen", ("norm_rate", "own_rate_non_dwellings", "woz_non_dwellings")),
    "rioolheffing": ("Rioolheffing", ("sewage_costs", "sewage_revenue")),
    "afvalstoffenheffing": ("Afvalstoffenheffing", ("waste_costs", "waste_revenue")),
}


def _tax_inputs_text(tax: Mapping, keys: tuple[str, ...]) -> str:
    from risicokompas.engine.present import format_eur, format_number

    values = [_float(tax.get(k)) for k in keys]
    if any(v is None for v in values):
        return "invoer onvolledig"
    if len(keys) == 3:
        norm, own, woz = values
        return (
            f"(norm {format_number(norm, 4)}% − eigen tarief {format_number(own, 4)}%) × WOZ-waarde "
            f"{format_eur(woz)}"
        )
    costs, revenue = values
    return f"kosten {format_eur(costs)} − opbrengst {format_eur(revenue)}"


def _snapshot_tax(inputs: Mapping, capacity: Mapping) -> TaxCapacity | None:
    tax_inputs = inputs.get("tax_capacity") or {}
    tax = capacity.get("tax") or {}
    parts = tax.get("parts") or {}
    if not parts:
        return None
    lines = tuple(
        TaxCapacityLine(label, _tax_inputs_text(tax_inputs, keys), _float(parts.get(key)))
        for key, (label, keys) in _TAX_LABELS.items()
        if key in parts
    )
    if tax.get("included"):
        explanation = "De berekende onbenutte belastingcapaciteit telt mee in de beschikbare capaciteit."
    elif tax.get("already_counted_as_item"):
        explanation = (
            "Niet apart meegeteld: de onbenutte belastingcapaciteit staat al als onderdeel in de tabel."
        )
    else:
        explanation = "Niet meegeteld in de beschikbare capaciteit."
    return TaxCapacity(
        lines, _float(tax.get("total")), explanation + " " + (tax_inputs.get("explanation") or "")
    )


def _snapshot_kengetallen(inputs: Mapping, year: int) -> Kengetallen | None:
    rows = inputs.get("indicator_years") or []
    if not rows:
        return None
    names = set(IndicatorInputs.__dataclass_fields__)
    by_year = {
        int(r["year"]): IndicatorInputs(**{k: _float(v) for k, v in r.items() if k in names}) for r in rows
    }
    settings = inputs.get("paragraph_settings") or {}
    stored = settings.get("signal_thresholds") or {}
    thresholds = SignalThresholds(**{k: tuple(v) for k, v in stored.items()}) if stored else None
    return kengetallen_from_inputs(year, by_year, thresholds, settings.get("indicator_reading") or "")


def from_snapshot_dict(
    inputs: dict,
    result: dict,
    texts: dict,
    approval: dict | None,
    *,
    title: str,
    year: int,
    reference_date: datetime.date | str,
    content_hash: str = "",
    history: Sequence[tuple[str, float | None]] = (),
    awareness: Mapping[str, object] | None = None,
) -> ParagraphData:
    """The paragraph of a stored snapshot: ``Snapshot.inputs``/``result``/``texts`` as frozen by
    ``paragraph.freeze`` (schema 1), plus the snapshot's own fields as keywords.

    ``approval`` is ``{"approved_by", "approved_at" (ISO date/datetime), "decision_reference",
    "content_hash"}`` or None. ``history`` (earlier snapshots' ratios) and ``awareness`` (section 8
    facts) come from the caller, which can query them; without ``awareness`` the number of measures
    marked "uitgevoerd" in the frozen register is shown.
    """
    policy = inputs["organisation"]
    capacity = result.get("capacity") or {}
    risks = inputs.get("risks") or []
    measures = {r["code"]: _measures_text(r) for r in risks}
    drivers = [
        DriverRow(
            d["id"],
            d["name"],
            d["contribution"],
            d["share"],
            d["marginal"],
            d["expected"],
            measures.get(d["id"], ""),
        )
        for d in result["drivers"][:10]
    ]
    intervals = result.get("quantile_intervals", {})
    errors = result.get("quantile_standard_errors", {})
    quantiles = sorted(
        (
            QuantileRow(float(k) / 100, v, *intervals.get(k, (v, v)), errors.get(k))
            for k, v in result["quantiles"].items()
        ),
        key=lambda q: q.level,
    )
    separate = tuple(
        SeparateRequirement(
            s["name"], s.get("kind", ""), _float(s["amount"]) or 0.0, s.get("explanation", "")
        )
        for s in inputs.get("separate_requirements") or []
    )
    available = _float(result.get("available_capacity"))
    simulation = simulation_figures(
        method=result["method"],
        certainty=result["certainty"],
        quantiles=quantiles,
        mean=result["mean"],
        sum_max=result["sum_max"],
        exceedance=(result["exceedance"]["amounts"], result["exceedance"]["probabilities"]),
        drivers=drivers,
        available=available,
        separate_total=sum(s.amount for s in separate),
        norm_min=_float(policy.get("norm_minimum")),
        norm_max=_float(policy.get("norm_maximum")),
        p_exceed_available=result.get("p_exceed_capacity"),
        risk_count=result.get("risk_count", 0),
        active_count=result.get("active_count", 0),
        iterations=result.get("iterations"),
        seed=result.get("seed"),
        grid_size=result.get("grid_size"),
    )
    rows = [
        CapacityRow(
            item["name"],
            item.get("kind") or "overig",
            item.get("nature") or "incidenteel",
            tuple(
                _float(item.get(k))
                for k in ("amount", "amount_t1", "amount_t2", "amount_t3")[:CAPACITY_YEARS]
            ),
            item.get("explanation") or "",
        )
        for item in inputs.get("capacity_items") or []
    ]
    tax = _snapshot_tax(inputs, capacity)
    if (capacity.get("tax") or {}).get("included") and tax is not None:
        rows.append(
            CapacityRow(
                "Onbenutte belastingcapaciteit (berekend)",
                "onbenutte belastingcapaciteit",
                "structureel",
                (tax.total, None, None, None),
            )
        )
    bands = GevolgBands(tuple(float(b) for b in policy.get("bands") or DEFAULT_BANDS.upper_bounds))
    quantified = [
        r for r in risks if r.get("probability") not in (None, "") and r.get("impact_max") not in (None, "")
    ]
    names = {r["code"]: r["name"] for r in risks}
    if awareness is None:
        done = sum(1 for r in risks for m in r.get("measures", []) if m.get("status") == "uitgevoerd")
        awareness = {"measures_completed": done}
    return ParagraphData(
        organisation=policy["name"],
        organisation_kind=policy.get("kind") or "gemeente",
        title=title,
        year=int(year),
        reference_date=_date(reference_date),
        simulation=simulation,
        capacity_rows=tuple(rows),
        risk_map=risk_map_data(
            (
                (r["code"], _float(r["probability"]), _float(r["impact_max"]))
                for r in quantified
                if not r.get("excluded")
            ),
            bands,
        ),
        default_shape=policy.get("default_shape") or "uniform",
        structural_years=int(policy.get("structural_years") or 1),
        policy_text=texts.get("beleid", ""),
        coherence_text=texts.get("samenhang", ""),
        conclusions_text=texts.get("conclusies", ""),
        tax_capacity=tax,
        separate=separate,
        unquantified=tuple(
            f"{c} {names.get(c, '')}".strip()
            for c in result.get("unquantified") or inputs.get("unquantified") or []
        ),
        excluded=tuple(f"{c} {names.get(c, '')}".strip() for c in result.get("excluded") or []),
        kengetallen=_snapshot_kengetallen(inputs, int(year)),
        history=tuple(history),
        awareness=awareness,
        approval=_approval(approval),
        content_hash=content_hash,
        input_hash=result.get("input_hash", ""),
        engine_version=result.get("engine_version", ""),
    )


def _measures_text(risk: Mapping) -> str:
    listed = [
        m["description"] + (" (uitgevoerd)" if m.get("status") == "uitgevoerd" else "")
        for m in risk.get("measures", [])
    ]
    return "; ".join([t for t in [risk.get("measures_text", "")] if t] + listed)


def _approval(approval: Mapping | None) -> Approval | None:
    if not approval:
        return None
    return Approval(
        approved_by=str(approval.get("approved_by") or ""),
        approved_on=_date(approval.get("approved_at") or approval.get("approved_on")),
        decision_reference=str(approval.get("decision_reference") or ""),
        content_hash=str(approval.get("content_hash") or ""),
    )
