# SPDX-License-Identifier: EUPL-1.2
"""Vastleggen: freeze everything a document's numbers depend on, and recompute them from that alone.

``collect_inputs`` reads the database once and returns plain JSON (Decimals as strings, dates as ISO
text). Everything after that — ``profile_from_inputs``, ``compute``, ``recompute``, ``verify`` — works
on that JSON only, so a snapshot can be recomputed years later and must give the same numbers with the
same engine version. The content hash (SHA-256 over the canonical JSON of inputs and result) is what an
approval binds to.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

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
    simulate,
)
from risicokompas.engine.standing import assess_standing, capacity_for_simulation
from risicokompas.engine.taxcapacity import TaxCapacityInputs as EngineTaxInputs
from risicokompas.engine.taxcapacity import counts_in_available, unused_tax_capacity
from risicokompas.organisations.models import Organisation
from risicokompas.paragraph.models import Snapshot
from risicokompas.risks.models import Risk
from risicokompas.risks.profile import engine_risk

#: Fixed seed: only Monte Carlo uses it, and a snapshot must be repeatable.
SNAPSHOT_SEED = 20_260_101
#: Version of the JSON layout of ``Snapshot.inputs``/``result``; bump when keys change meaning.
SCHEMA_VERSION = 1
#: The editable text blocks of a snapshot: key → Dutch heading.
TEXT_BLOCKS: tuple[tuple[str, str], ...] = (
    ("beleid", "Beleid"),
    ("samenhang", "Beoordeling in samenhang"),
    ("conclusies", "Conclusies"),
)
YEAR_KEYS = ("t", "t+1", "t+2", "t+3")
_SKIPPED_FIELDS = {"id", "organisation"}


def _plain(value):
    """A model value as plain JSON: Decimal → str, date → ISO text."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def _row(instance: models.Model, exclude: set[str] = _SKIPPED_FIELDS) -> dict:
    """All concrete fields of ``instance`` (not id/organisation) as plain JSON, keyed by field name."""
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


def _risk_row(risk: Risk) -> dict:
    return {
        "code": risk.code,
        "name": risk.name,
        "cause": risk.cause,
        "event": risk.event,
        "consequence": risk.consequence,
        "description": risk.description,
        "programme": risk.programme,
        "owner_label": risk.owner_label,
        "owner_name": _owner_name(risk),
        "probability": _plain(risk.probability),
        "shape": risk.shape,
        "impact_min": _plain(risk.impact_min),
        "impact_mode": _plain(risk.impact_mode),
        "impact_max": _plain(risk.impact_max),
        "nature": risk.nature,
        "years": risk.years,
        "group": risk.group,
        "excluded": risk.excluded,
        "measures_text": risk.measures_text,
        "measures": [
            {
                "id": m.pk,
                "description": m.description,
                "status": m.status,
                "owner_label": m.owner_label,
                "due_date": _plain(m.due_date),
                "probability_after": _plain(m.probability_after),
                "impact_factor": _plain(m.impact_factor),
            }
            for m in risk.measures.all()
        ],
        "status": risk.status,
        "review_date": _plain(risk.review_date),
        "updated_at": _plain(risk.updated_at),
        "quantified": risk.is_quantified,
    }


def collect_inputs(organisation: Organisation) -> dict:
    """Everything the snapshot's numbers and texts depend on, as plain JSON (see the module docstring)."""
    risks = list(
        organisation.risks.order_by("code").select_related("owner__user").prefetch_related("measures")
    )
    open_risks = [r for r in risks if r.status == Risk.Status.OPEN]
    tax = TaxCapacityInputs.objects.filter(organisation=organisation).first()
    texts = ParagraphSettings.objects.filter(organisation=organisation).first()
    return {
        "schema": SCHEMA_VERSION,
        "organisation": {
            "name": organisation.name,
            "kind": organisation.kind,
            "certainty": _plain(organisation.certainty),
            "default_shape": organisation.default_shape,
            "structural_years": organisation.structural_years,
            "bands": [organisation.band_1, organisation.band_2, organisation.band_3, organisation.band_4],
            "norm_minimum": _plain(organisation.norm_minimum),
            "norm_maximum": _plain(organisation.norm_maximum),
        },
        "risks": [_risk_row(r) for r in open_risks],
        "closed_risks": [{"code": r.code, "status": r.status} for r in risks if r.status != Risk.Status.OPEN],
        "unquantified": [r.code for r in open_risks if not r.is_quantified],
        "capacity_items": [
            _row(item)
            for item in CapacityItem.objects.filter(organisation=organisation).order_by("name", "pk")
        ],
        "tax_capacity": None if tax is None else _row(tax),
        "separate_requirements": [
            _row(s)
            for s in SeparateRequirement.objects.filter(organisation=organisation).order_by("name", "pk")
        ],
        "indicator_years": [
            _row(y) for y in IndicatorYear.objects.filter(organisation=organisation).order_by("year")
        ],
        "paragraph_settings": None if texts is None else _row(texts),
    }


# --- From the frozen JSON to the engine -------------------------------------------------------------


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _optional_float(value) -> float | None:
    return None if value in (None, "") else float(Decimal(str(value)))


def _frozen_risk(row: dict) -> SimpleNamespace:
    """A stand-in with the attributes ``risks.profile.engine_risk`` reads, so the mapping is shared."""
    return SimpleNamespace(
        code=row["code"],
        name=row["name"],
        probability=_decimal(row["probability"]),
        shape=row["shape"],
        impact_min=_decimal(row["impact_min"]),
        impact_mode=_decimal(row["impact_mode"]),
        impact_max=_decimal(row["impact_max"]),
        nature=row["nature"],
        years=row["years"],
        group=row["group"],
        excluded=row["excluded"],
    )


@dataclass(frozen=True)
class FrozenProfile:
    profile: Profile
    unquantified: tuple[str, ...]
    invalid: tuple[tuple[str, str], ...]


def frozen_profile(
    inputs: dict, *, default_shape: str | None = None, correlations: dict[str, float] | None = None
) -> FrozenProfile:
    """The engine profile of the frozen open risks, with the codes that could not be counted and why.

    ``default_shape`` overrides the organisation's default (sensitivity); ``correlations`` maps group
    names to a correlation (the register itself sets none: independence unless chosen explicitly).
    """
    policy = inputs["organisation"]
    shape = default_shape or policy["default_shape"]
    counted, unquantified, invalid = [], [], []
    for row in inputs["risks"]:
        if row["probability"] is None or row["impact_max"] is None:
            unquantified.append(row["code"])
            continue
        try:
            counted.append(engine_risk(_frozen_risk(row), shape))
        except EngineInputError as error:
            invalid.append((row["code"], error.message))
    profile = Profile(
        risks=tuple(counted),
        structural_years=int(policy["structural_years"]),
        correlations=correlations or {},
    )
    return FrozenProfile(profile, tuple(unquantified), tuple(invalid))


def profile_from_inputs(inputs: dict) -> Profile:
    """The engine Profile rebuilt from the frozen JSON only (never from the database)."""
    return frozen_profile(inputs).profile


# --- Capacity ---------------------------------------------------------------------------------------


def tax_capacity_parts(tax: dict | None) -> dict[str, float | None]:
    """Onbenutte belastingcapaciteit per part, computed by ``engine.taxcapacity`` from the frozen inputs
    (the same maths as the live pages); a part whose inputs are missing is None."""
    if not tax:
        return {}
    fields = {name: _optional_float(tax.get(name)) for name in EngineTaxInputs.__dataclass_fields__}
    breakdown = unused_tax_capacity(EngineTaxInputs(**fields))
    return {part.key: part.value for part in breakdown.parts}


def capacity_summary(inputs: dict) -> dict:
    """Capacity per year, kind and nature; the available capacity of year t includes the computed tax
    capacity unless a capacity item of kind "onbenutte belastingcapaciteit" already counts it."""
    items = inputs["capacity_items"]
    by_year: list[Decimal | None] = []
    for key in ("amount", "amount_t1", "amount_t2", "amount_t3"):
        given = [_decimal(i.get(key)) for i in items if i.get(key) not in (None, "")]
        by_year.append(sum(given, Decimal("0")) if given else None)
    by_kind: dict[str, list[str | None]] = {}
    by_nature: dict[str, Decimal] = {}
    for item in items:
        kind = item.get("kind") or CapacityItem.Kind.OTHER
        row = by_kind.setdefault(kind, [None] * 4)
        for index, key in enumerate(("amount", "amount_t1", "amount_t2", "amount_t3")):
            value = _decimal(item.get(key))
            if value is not None:
                row[index] = str(_decimal(row[index] or 0) + value)
        by_nature[item["nature"]] = by_nature.get(item["nature"], Decimal("0")) + _decimal(item["amount"])
    parts = tax_capacity_parts(inputs.get("tax_capacity"))
    known = [Decimal(repr(v)) for v in parts.values() if v is not None]
    tax_total = sum(known, Decimal("0"))
    already_counted = any(i.get("kind") == CapacityItem.Kind.TAX_CAPACITY for i in items)
    included = bool(parts) and counts_in_available(float(tax_total), already_counted)
    items_total = by_year[0] or Decimal("0")
    available = items_total + (tax_total if included else Decimal("0"))
    return {
        "items_total": str(items_total),
        "by_year": dict(zip(YEAR_KEYS, (None if v is None else str(v) for v in by_year), strict=True)),
        "by_kind": {kind: dict(zip(YEAR_KEYS, row, strict=True)) for kind, row in sorted(by_kind.items())},
        "by_nature": {nature: str(v) for nature, v in sorted(by_nature.items())},
        "tax": {
            "parts": parts,
            "total": str(tax_total),
            "included": included,
            "already_counted_as_item": already_counted,
        },
        "available": str(available),
    }


def separate_total(inputs: dict) -> Decimal:
    return sum((_decimal(s["amount"]) for s in inputs["separate_requirements"]), Decimal("0"))


# --- Computing --------------------------------------------------------------------------------------


def simulate_inputs(
    inputs: dict,
    *,
    certainty: float | None = None,
    default_shape: str | None = None,
    correlations: dict[str, float] | None = None,
    method: str = "auto",
    iterations: int = 100_000,
    drivers: bool = True,
    capacity: float | None = None,
) -> SimulationResult:
    """Simulate the frozen profile; every keyword is an override for sensitivity or attribution."""
    frozen = frozen_profile(inputs, default_shape=default_shape, correlations=correlations)
    if capacity is None:
        # The separately computed groups claim their part first (as on the dashboard), so
        # P(S + separate > available) = P(S > available − separate).
        available = Decimal(capacity_summary(inputs)["available"])
        capacity = capacity_for_simulation(float(available), float(separate_total(inputs)))
    settings = Settings(
        method=method,
        certainty=certainty if certainty is not None else float(Decimal(inputs["organisation"]["certainty"])),
        capacity=capacity,
        seed=SNAPSHOT_SEED,
        iterations=iterations,
        drivers=drivers,
    )
    return simulate(frozen.profile, settings)


def assessment(available: float, simulated_required: float, separate: float, policy: dict) -> dict:
    """Ratio, class and norm verdict (``engine.standing``), as plain JSON."""
    standing = assess_standing(
        available,
        simulated_required,
        separate,
        _optional_float(policy["norm_minimum"]),
        _optional_float(policy["norm_maximum"]),
    )
    norm = standing.norm
    return {
        "ratio": standing.ratio,
        "class": standing.class_letter,
        "class_label": standing.class_label,
        "norm": {
            "minimum": norm.minimum,
            "maximum": norm.maximum,
            "status": None if norm.status is None else norm.status.value,
            "message": norm.message,
        },
    }


def _json(value):
    """Tuples → lists etc.: exactly what the JSONField will give back."""
    return json.loads(json.dumps(value, allow_nan=False))


def compute(inputs: dict) -> dict:
    """The snapshot's numbers from its inputs: the engine result plus the derived figures.

    ``ratio``/``class``/``class_label``/``norm`` are on the TOTAL requirement (simulated quantile plus
    the separately computed groups); the engine's own ratio on the quantile alone is ``simulated_ratio``.
    """
    frozen = frozen_profile(inputs)
    result = simulate_inputs(inputs)
    data = result.to_dict()
    capacity = capacity_summary(inputs)
    available = float(Decimal(capacity["available"]))
    separate = separate_total(inputs)
    total = result.required_capacity + float(separate)
    data.update(
        {
            "simulated_ratio": data["ratio"],
            "simulated_class": data["class"],
            "separate_requirements_total": str(separate),
            "total_required": total,
            "available_capacity": available,
            "capacity": capacity,
            "unquantified": list(frozen.unquantified),
            "invalid": [list(pair) for pair in frozen.invalid],
            **assessment(available, result.required_capacity, float(separate), inputs["organisation"]),
        }
    )
    return _json(data)


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
    inputs = _json(collect_inputs(organisation))
    result = compute(inputs)
    settings = inputs["paragraph_settings"] or {}
    return Snapshot.objects.create(
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
        texts={key: (settings.get("policy_text", "") if key == "beleid" else "") for key, _ in TEXT_BLOCKS},
    )


def recompute(snapshot: Snapshot) -> dict:
    """The snapshot's result computed again from its stored inputs (never from the database)."""
    return compute(snapshot.inputs)


def verify(snapshot: Snapshot) -> bool:
    """True when the stored inputs still hash to the stored hashes and recomputing gives the stored
    numbers exactly (same engine version required: another version may legitimately differ)."""
    return (
        snapshot.engine_version == ENGINE_VERSION
        and canonical_hash(snapshot.inputs) == snapshot.input_hash
        and content_hash(snapshot.inputs, snapshot.result) == snapshot.content_hash
        and recompute(snapshot) == snapshot.result
    )
