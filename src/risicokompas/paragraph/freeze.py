# SPDX-License-Identifier: EUPL-1.2
"""Vastleggen: freeze everything a document's numbers depend on, and recompute them from that alone.

``frozen_inputs`` reads the database once and returns the typed inputs of ``risicokompas.snapshot``,
stored as their plain JSON (``collect_inputs``: Decimals as strings, dates as ISO text). Everything after
that — ``frozen_profile``, ``compute``, ``recompute``, ``verify`` — works on those inputs only, so a
snapshot can be recomputed years later and must give the same numbers with the same engine version. The
content hash (SHA-256 over the canonical JSON of inputs and result) is what an approval binds to.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db import models, transaction

from risicokompas.capacity.models import (
    CapacityItem,
    IndicatorYear,
    ParagraphSettings,
    SeparateRequirement,
    TaxCapacityInputs,
)
from risicokompas.engine import (
    ENGINE_VERSION,
    EngineInputError,
    Profile,
    Settings,
    SimulationResult,
)
from risicokompas.engine.conventional import required_capacity
from risicokompas.engine.model import Method
from risicokompas.engine.standing import Standing, assess_standing, capacity_for_simulation
from risicokompas.engine.taxcapacity import TaxCapacityInputs as EngineTaxInputs
from risicokompas.engine.taxcapacity import counts_in_available, unused_tax_capacity
from risicokompas.organisations.models import Organisation
from risicokompas.paragraph.models import Snapshot
from risicokompas.risks.fields import FROZEN_FIELDS
from risicokompas.risks.models import Risk
from risicokompas.risks.profile import engine_risk
from risicokompas.risks.simulation import simulate_cached
from risicokompas.snapshot import (
    SCHEMA_VERSION,
    YEAR_KEYS,
    CapacityItemRow,
    CapacitySummary,
    ClosedRisk,
    FrozenMeasure,
    FrozenRisk,
    IndicatorYearRow,
    NormVerdict,
    ParagraphSettingsRow,
    Policy,
    SeparateRequirementRow,
    SnapshotInputs,
    SnapshotResult,
    TaxCapacityRow,
    TaxSummary,
    given,
    inputs_of,
)

__all__ = ["SCHEMA_VERSION", "YEAR_KEYS"]  # re-exported: pages and older callers import them from here

#: Fixed seed: only Monte Carlo uses it, and a snapshot must be repeatable.
SNAPSHOT_SEED = 20_260_101
#: The editable text blocks of a snapshot: key → Dutch heading.
TEXT_BLOCKS: tuple[tuple[str, str], ...] = (
    ("beleid", "Beleid"),
    ("samenhang", "Beoordeling in samenhang"),
    ("conclusies", "Conclusies"),
)
#: The texts a paragraph cannot be approved without (the others may stay empty).
REQUIRED_TEXTS: tuple[str, ...] = ("beleid", "samenhang")
#: Key in ``Snapshot.texts`` listing the texts taken over from the previous snapshot and not yet checked;
#: saving the texts clears it.
CARRIED_KEY = "overgenomen"
_SKIPPED_FIELDS = {"id", "organisation"}
Inputs = SnapshotInputs | Mapping  # typed inputs, or the stored JSON (read through ``inputs_of``)


def _plain(value):
    """A model value as plain JSON: Decimal → str, date → ISO text."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def _row(instance: models.Model, exclude: set[str] = _SKIPPED_FIELDS) -> dict:
    """All concrete fields of ``instance`` (not id/organisation) as plain JSON, keyed by field name.

    Read into the matching record with ``from_dict``: a model field the record does not know yet is
    kept in its ``extra`` rather than lost."""
    return {
        field.name: _plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.name not in exclude
    }


def _owner_name(risk: Risk) -> str:
    if risk.owner is None:
        return ""
    user = risk.owner.user
    return user.get_full_name() or user.get_username()


def _frozen_risk(risk: Risk) -> FrozenRisk:
    """The risk's fields as ``risks.fields.FROZEN_FIELDS`` lists them, with its owner and measures."""
    dates = {"review_date", "updated_at"}
    plain = {
        name: _plain(getattr(risk, name)) if name in dates else getattr(risk, name) for name in FROZEN_FIELDS
    }
    return FrozenRisk(
        **plain,
        owner_name=_owner_name(risk),
        measures=tuple(
            FrozenMeasure(
                id=m.pk,
                description=m.description,
                status=m.status,
                owner_label=m.owner_label,
                due_date=_plain(m.due_date),
                probability_after=m.probability_after,
                impact_factor=m.impact_factor,
            )
            for m in risk.measures.all()
        ),
        quantified=risk.is_quantified,
    )


def frozen_inputs(organisation: Organisation) -> SnapshotInputs:
    """Everything the snapshot's numbers and texts depend on, read from the database once."""
    risks = list(
        organisation.risks.order_by("code").select_related("owner__user").prefetch_related("measures")
    )
    open_risks = [r for r in risks if r.status == Risk.Status.OPEN]
    tax = TaxCapacityInputs.objects.filter(organisation=organisation).first()
    texts = ParagraphSettings.objects.filter(organisation=organisation).first()
    return SnapshotInputs(
        schema=SCHEMA_VERSION,
        organisation=Policy(
            name=organisation.name,
            kind=organisation.kind,
            certainty=organisation.certainty,
            default_shape=organisation.default_shape,
            structural_years=organisation.structural_years,
            bands=(organisation.band_1, organisation.band_2, organisation.band_3, organisation.band_4),
            norm_minimum=organisation.norm_minimum,
            norm_maximum=organisation.norm_maximum,
            calculation=organisation.calculation,
            calculation_factor=organisation.calculation_factor,
            ratio_scale=organisation.ratio_scale or None,
        ),
        risks=tuple(_frozen_risk(r) for r in open_risks),
        closed_risks=tuple(
            ClosedRisk(code=r.code, status=r.status) for r in risks if r.status != Risk.Status.OPEN
        ),
        unquantified=tuple(r.code for r in open_risks if not r.is_quantified),
        capacity_items=tuple(
            CapacityItemRow.from_dict(_row(item))
            for item in CapacityItem.objects.filter(organisation=organisation).order_by("name", "pk")
        ),
        tax_capacity=None if tax is None else TaxCapacityRow.from_dict(_row(tax)),
        separate_requirements=tuple(
            SeparateRequirementRow.from_dict(_row(s))
            for s in SeparateRequirement.objects.filter(organisation=organisation).order_by("name", "pk")
        ),
        indicator_years=tuple(
            IndicatorYearRow.from_dict(_row(y))
            for y in IndicatorYear.objects.filter(organisation=organisation).order_by("year", "kind")
        ),
        paragraph_settings=None if texts is None else ParagraphSettingsRow.from_dict(_row(texts)),
        records=None,  # added by ``with_records`` once the numbers are computed
        year_account=None,
    )


def collect_inputs(organisation: Organisation) -> dict:
    """``frozen_inputs`` as the plain JSON that is stored in ``Snapshot.inputs``."""
    return frozen_inputs(organisation).to_dict()


# --- From the frozen inputs to the engine -----------------------------------------------------------


def _optional_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class FrozenProfile:
    profile: Profile
    unquantified: tuple[str, ...]
    invalid: tuple[tuple[str, str], ...]


def frozen_profile(
    inputs: Inputs, *, default_shape: str | None = None, correlations: dict[str, float] | None = None
) -> FrozenProfile:
    """The engine profile of the frozen open risks, with the codes that could not be counted and why.

    ``default_shape`` overrides the organisation's default (sensitivity); ``correlations`` maps group
    names to a correlation (the register itself sets none: independence unless chosen explicitly).
    A ``FrozenRisk`` has the attributes ``risks.profile.engine_risk`` reads, so the mapping is shared.
    """
    inputs = inputs_of(inputs)
    shape = default_shape or inputs.policy.default_shape
    counted, unquantified, invalid = [], [], []
    for risk in inputs.risks:
        if not risk.has_estimate:
            unquantified.append(risk.code)
            continue
        try:
            counted.append(engine_risk(risk, shape))
        except EngineInputError as error:
            invalid.append((risk.code, error.message))
    profile = Profile(
        risks=tuple(counted),
        structural_years=int(given(inputs.policy.structural_years, "inputs.organisation.structural_years")),
        correlations=tuple(sorted((correlations or {}).items())),
    )
    return FrozenProfile(profile, tuple(unquantified), tuple(invalid))


def profile_from_inputs(inputs: Inputs) -> Profile:
    """The engine Profile rebuilt from the frozen inputs only (never from the database)."""
    return frozen_profile(inputs).profile


# --- Capacity ---------------------------------------------------------------------------------------


def tax_capacity_parts(tax: TaxCapacityRow | None) -> dict[str, float | None]:
    """Onbenutte belastingcapaciteit per part, computed by ``engine.taxcapacity`` from the frozen inputs
    (the same maths as the live pages); a part whose inputs are missing is None."""
    if tax is None:
        return {}
    fields = {name: _optional_float(getattr(tax, name)) for name in EngineTaxInputs.__dataclass_fields__}
    breakdown = unused_tax_capacity(EngineTaxInputs(**fields))
    return {part.key: part.value for part in breakdown.parts}


def capacity_summary(inputs: Inputs) -> CapacitySummary:
    """Capacity per year, kind and nature; the available capacity of year t includes the computed tax
    capacity unless a capacity item of kind "onbenutte belastingcapaciteit" already counts it."""
    inputs = inputs_of(inputs)
    # A PM item (amount not known yet) is listed in the inputs and never counted.
    counted = [(index, item) for index, item in enumerate(inputs.capacity_items) if not item.amount_unknown]
    by_year: list[Decimal | None] = []
    for year in range(len(YEAR_KEYS)):
        amounts = [amount for amount in (i.amounts[year] for _, i in counted) if amount is not None]
        by_year.append(sum(amounts, Decimal("0")) if amounts else None)
    by_kind: dict[str, list[Decimal | None]] = {}
    by_nature: dict[str, Decimal] = {}
    for index, item in counted:
        row = by_kind.setdefault(item.kind or CapacityItem.Kind.OTHER.value, [None] * len(YEAR_KEYS))
        for year, value in enumerate(item.amounts):
            if value is not None:
                row[year] = (row[year] or Decimal("0")) + value
        amount = given(item.amount, f"inputs.capacity_items[{index}].amount")
        by_nature[item.nature] = by_nature.get(item.nature, Decimal("0")) + amount
    parts = tax_capacity_parts(inputs.tax_capacity)
    known = [Decimal(repr(v)) for v in parts.values() if v is not None]
    tax_total = sum(known, Decimal("0"))
    # Any item of that kind, a PM one too: the organisation states that capacity itself (as the live page).
    already_counted = any(i.kind == CapacityItem.Kind.TAX_CAPACITY for i in inputs.capacity_items)
    included = bool(parts) and counts_in_available(float(tax_total), already_counted)
    items_total = by_year[0] or Decimal("0")
    return CapacitySummary(
        items_total=items_total,
        by_year=dict(zip(YEAR_KEYS, by_year, strict=True)),
        by_kind={kind: dict(zip(YEAR_KEYS, row, strict=True)) for kind, row in sorted(by_kind.items())},
        by_nature=dict(sorted(by_nature.items())),
        tax=TaxSummary(
            parts=parts, total=tax_total, included=included, already_counted_as_item=already_counted
        ),
        available=items_total + (tax_total if included else Decimal("0")),
    )


def separate_total(inputs: Inputs) -> Decimal:
    requirements = inputs_of(inputs).separate_requirements
    return sum(
        (given(s.amount, f"inputs.separate_requirements[{i}].amount") for i, s in enumerate(requirements)),
        Decimal("0"),
    )


# --- Computing --------------------------------------------------------------------------------------


def simulate_inputs(
    inputs: Inputs,
    *,
    certainty: float | None = None,
    default_shape: str | None = None,
    correlations: dict[str, float] | None = None,
    method: Method = "auto",
    iterations: int = 100_000,
    drivers: bool = True,
    capacity: float | None = None,
) -> SimulationResult:
    """Simulate the frozen profile; every keyword is an override for sensitivity or attribution."""
    inputs = inputs_of(inputs)
    frozen = frozen_profile(inputs, default_shape=default_shape, correlations=correlations)
    if capacity is None:
        # The separately computed groups claim their part first (as on the dashboard), so
        # P(S + separate > available) = P(S > available − separate).
        available = given(capacity_summary(inputs).available, "capacity.available")
        capacity = capacity_for_simulation(float(available), float(separate_total(inputs)))
    if certainty is None:
        certainty = float(given(inputs.policy.certainty, "inputs.organisation.certainty"))
    settings = Settings(
        method=method,
        certainty=certainty,
        capacity=capacity,
        seed=SNAPSHOT_SEED,
        iterations=iterations,
        drivers=drivers,
    )
    return simulate_cached(frozen.profile, settings)


def standing(available: float, required: float, separate: float, policy: Policy) -> Standing:
    """Ratio, class (by the frozen scale) and norm verdict on the total requirement (``engine.standing``)."""
    return assess_standing(
        available,
        required,
        separate,
        _optional_float(policy.norm_minimum),
        _optional_float(policy.norm_maximum),
        policy.scale,
    )


def _norm_verdict(verdict: Standing) -> NormVerdict:
    norm = verdict.norm
    return NormVerdict(
        minimum=norm.minimum,
        maximum=norm.maximum,
        status=None if norm.status is None else norm.status.value,
        message=norm.message,
    )


def assessment(available: float, simulated_required: float, separate: float, policy: Policy) -> dict:
    """Ratio, class and norm verdict (``engine.standing``), as plain JSON for the pages."""
    verdict = standing(available, simulated_required, separate, policy)
    return {
        "ratio": verdict.ratio,
        "class": verdict.class_letter,
        "class_label": verdict.class_label,
        "norm": _norm_verdict(verdict).to_dict(),
    }


def stored_json(value):
    """Tuples → lists etc.: exactly what the JSONField will give back."""
    return json.loads(json.dumps(value, allow_nan=False))


def compute_result(inputs: Inputs) -> SnapshotResult:
    """The snapshot's numbers from its inputs: the engine result plus the derived figures.

    ``ratio``/``ratio_class``/``class_label``/``norm`` are on the TOTAL requirement (simulated quantile
    plus the separately computed groups); the engine's own ratio on the quantile alone is
    ``simulated_ratio``. The engine's ``capacity`` figure gives way to the capacity summary.
    """
    inputs = inputs_of(inputs)
    frozen = frozen_profile(inputs)
    result = simulate_inputs(inputs)
    engine = {key: value for key, value in result.to_dict().items() if key != "capacity"}
    figures = SnapshotResult.from_dict(stored_json(engine))
    capacity = capacity_summary(inputs)
    available = float(given(capacity.available, "capacity.available"))
    separate = separate_total(inputs)
    official = required_capacity(frozen.profile, result.required_capacity, inputs.policy.method)
    verdict = standing(available, official.value, float(separate), inputs.policy)
    return replace(
        figures,
        absent=frozenset(),
        simulated_ratio=figures.ratio,
        simulated_class=figures.ratio_class,
        separate_requirements_total=separate,
        total_required=official.value + float(separate),
        calculation=official.method.name.value,
        calculation_factor=official.method.factor,
        official_required=official.value,
        conventional=official.conventional.sums(),
        available_capacity=available,
        capacity=capacity,
        unquantified=frozen.unquantified,
        invalid=frozen.invalid,
        ratio=verdict.ratio,
        ratio_class=verdict.class_letter,
        class_label=verdict.class_label,
        norm=_norm_verdict(verdict),
    )


def compute(inputs: Inputs) -> dict:
    """``compute_result`` as the plain JSON that is stored in ``Snapshot.result``."""
    return stored_json(compute_result(inputs).to_dict())


def canonical_hash(payload) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def content_hash(inputs: dict, result: dict) -> str:
    return canonical_hash({"inputs": inputs, "result": result})


@transaction.atomic
def freeze(
    organisation: Organisation,
    user,
    title: str,
    document: str,
    year: int,
    reference_date: datetime.date,
) -> Snapshot:
    """Freeze the organisation's current inputs and their result into a new, immutable snapshot."""
    typed = frozen_inputs(organisation)
    inputs = stored_json(typed.to_dict())
    result = compute(inputs)  # from the stored JSON, exactly as ``recompute`` will
    # The period's records need the computed figures; the numbers never depend on them, so adding them
    # afterwards leaves ``recompute`` unchanged.
    inputs = stored_json(with_records(typed, result, organisation, document, year, reference_date).to_dict())
    policy_text = typed.paragraph_settings.policy_text if typed.paragraph_settings else ""
    snapshot = unsaved_snapshot(
        organisation,
        inputs,
        result,
        title=title,
        document=document,
        year=year,
        reference_date=reference_date,
        user=user,
        texts=initial_texts(organisation, policy_text),
    )
    snapshot.save()
    return snapshot


def unsaved_snapshot(
    organisation: Organisation,
    inputs: dict,
    result: dict,
    *,
    title: str,
    document: str,
    year: int,
    reference_date: datetime.date,
    user=None,
    texts: dict,
) -> Snapshot:
    """A snapshot of stored inputs and their result, with the engine version and the hashes ``verify``
    checks; not yet saved (``freeze`` saves it, the national dataset creates them in bulk)."""
    return Snapshot(
        organisation=organisation,
        title=title,
        document=document,
        year=year,
        reference_date=reference_date,
        created_by=user,
        inputs=inputs,
        result=result,
        engine_version=ENGINE_VERSION,
        input_hash=canonical_hash(inputs),
        content_hash=content_hash(inputs, result),
        texts=texts,
    )


def with_records(
    inputs: SnapshotInputs,
    result: dict,
    organisation: Organisation,
    document: str,
    year: int,
    reference_date: datetime.date,
) -> SnapshotInputs:
    """``inputs`` plus what the organisation did in the period and, for the jaarstukken, what happened."""
    from risicokompas.paragraph import records  # imported here: records builds on this module

    typed_result = SnapshotResult.from_dict(result)
    record = records.management_record(
        organisation,
        reference_date,
        inputs,
        typed_result,
        frozen_profile(inputs).profile,
        float(separate_total(inputs)),
    )
    account = records.year_account(organisation, year) if document == Snapshot.Document.ACCOUNTS else None
    return replace(inputs, records=record, year_account=account)


def initial_texts(organisation: Organisation, policy_text: str = "") -> dict[str, str | list[str]]:
    """The texts a new snapshot starts with: each text of the organisation's latest snapshot, marked as
    taken over (``CARRIED_KEY``) until the controller saves the texts; a text the latest snapshot lacks
    starts empty (the policy text from the paragraph settings for "beleid")."""
    previous = (
        Snapshot.objects.filter(organisation=organisation)
        .order_by("-reference_date", "-created_at", "-pk")
        .first()
    )
    texts: dict[str, str | list[str]] = {}
    carried: list[str] = []
    for key, _label in TEXT_BLOCKS:
        before = str(previous.texts.get(key) or "") if previous is not None else ""
        if before.strip():
            texts[key] = before
            carried.append(key)
        else:
            texts[key] = policy_text if key == "beleid" else ""
    if carried:
        texts[CARRIED_KEY] = carried
    return texts


def carried_texts(snapshot: Snapshot) -> tuple[str, ...]:
    """The keys of the texts taken over from the previous snapshot and not checked since."""
    return tuple(snapshot.texts.get(CARRIED_KEY) or ())


def missing_texts(snapshot: Snapshot) -> tuple[str, ...]:
    """The labels of the required texts that are still empty: approval waits for them."""
    labels = dict(TEXT_BLOCKS)
    return tuple(labels[key] for key in REQUIRED_TEXTS if not str(snapshot.texts.get(key) or "").strip())


def recompute(snapshot: Snapshot) -> dict:
    """The snapshot's result computed again from its stored inputs (never from the database)."""
    return compute(snapshot.frozen_inputs)


def verify(snapshot: Snapshot) -> bool:
    """True when the stored inputs still hash to the stored hashes and recomputing gives the stored
    numbers exactly (same engine version required: another version may legitimately differ)."""
    return (
        snapshot.engine_version == ENGINE_VERSION
        and canonical_hash(snapshot.inputs) == snapshot.input_hash
        and content_hash(snapshot.inputs, snapshot.result) == snapshot.content_hash
        and recompute(snapshot) == snapshot.result
    )
