# SPDX-License-Identifier: EUPL-1.2
# ruff: noqa: RUF009  -- ``_f`` returns ``dataclasses.field(...)``; ruff only recognises ``field`` itself.
"""The typed, versioned layout of a frozen snapshot: ``Snapshot.inputs`` and ``Snapshot.result``.

A snapshot is stored as plain JSON (Decimals as strings such as ``"1250000.00"``, dates as ISO text) and
bound by a SHA-256 over that JSON, so the stored text is the source of truth. The dataclasses here are
the one place that knows its keys: every reader goes through ``SnapshotInputs.from_dict`` /
``SnapshotResult.from_dict`` instead of reading string keys, and ``paragraph.freeze`` builds them and
stores ``to_dict()``.

Rules of the layout (they make ``to_dict(from_dict(d)) == d`` exact, so hashes keep verifying):

- amounts and rates are ``Decimal`` built from the stored string, and must be in Decimal's own notation
  (``str(Decimal(text)) == text``), so they are written back character for character;
- dates and timestamps stay ISO text (``str``): parsing and re-printing could change the text;
- **unknown keys are kept**, in each record's ``extra`` mapping, and written back unchanged: a newer
  minor addition is neither lost nor silently dropped; readers ignore it;
- a known key missing from the stored JSON (hand-written or early snapshots) reads as its default
  and is remembered in ``absent``, so it is not added on writing back;
- ``schema`` is the layout version in the inputs (absent in the earliest snapshots: read as 1). A
  version newer than ``SCHEMA_VERSION`` is refused with ``SnapshotSchemaError``: its keys may mean
  something this code does not know.

Pure Python: no Django, so reports and the engine's callers can use it without a database.
"""

from __future__ import annotations

import copy
import reprlib
from collections.abc import Callable, Mapping
from dataclasses import Field, dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Self, TypeVar

from risicokompas.engine.capacity import RatioScale
from risicokompas.engine.conventional import CalculationMethod, CalculationName

#: Version of the JSON layout of ``Snapshot.inputs``/``result``; bump when keys change meaning.
SCHEMA_VERSION = 1
#: Keys of the four capacity years, in order (t … t+3).
YEAR_KEYS = ("t", "t+1", "t+2", "t+3")


T = TypeVar("T")


class SnapshotSchemaError(ValueError):
    """The stored JSON does not fit the snapshot layout (the message names the key, in Dutch)."""


def given(value: T | None, path: str) -> T:
    """A stored value the numbers need. Freezing always stores it, so None means stored JSON without it
    (damaged or hand-written): a schema error naming the key, not a TypeError further on."""
    if value is None:
        raise SnapshotSchemaError(f"{path}: het veld ontbreekt")
    return value


# --- Codecs: one stored JSON value ↔ one typed value ------------------------------------------------


@dataclass(frozen=True)
class _Codec:
    load: Callable[[Any, str], Any]
    dump: Callable[[Any], Any]


def _short(value: object) -> str:
    return reprlib.repr(value)


def _load_plain(value: Any, path: str) -> Any:
    return copy.deepcopy(value)


PLAIN = _Codec(_load_plain, copy.deepcopy)  # JSON as stored (numbers, text, booleans, nested JSON)


def _load_decimal(value: object, path: str) -> Decimal | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise SnapshotSchemaError(f"{path}: verwacht een bedrag als tekst, kreeg {_short(value)}")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise SnapshotSchemaError(f"{path}: {value!r} is geen getal") from None
    if str(number) != value:
        raise SnapshotSchemaError(f"{path}: {value!r} staat niet in de vastgelegde schrijfwijze")
    return number


DECIMAL = _Codec(_load_decimal, lambda value: None if value is None else str(value))


def _load_tuple(value: object, path: str) -> tuple[Any, ...]:
    if not isinstance(value, list | tuple):  # a tuple: an engine dict not yet through JSON
        raise SnapshotSchemaError(f"{path}: verwacht een lijst, kreeg {_short(value)}")
    return tuple(copy.deepcopy(value))


TUPLE = _Codec(_load_tuple, list)  # a list of plain values, kept as a tuple


def _pairs_load(value: object, path: str) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(pair) for pair in _load_tuple(value, path))


PAIRS = _Codec(_pairs_load, lambda value: [list(pair) for pair in value])  # list of [a, b]


def nested(cls: type[_Record]) -> _Codec:
    return _Codec(lambda value, path: cls.from_dict(value, path), lambda value: value.to_dict())


def optional(codec: _Codec) -> _Codec:
    return _Codec(
        lambda value, path: None if value is None else codec.load(value, path),
        lambda value: None if value is None else codec.dump(value),
    )


def sequence(codec: _Codec) -> _Codec:
    def load(value: object, path: str) -> tuple[Any, ...]:
        items = _load_tuple(value, path)
        return tuple(codec.load(item, f"{path}[{index}]") for index, item in enumerate(items))

    return _Codec(load, lambda value: [codec.dump(item) for item in value])


def mapping(codec: _Codec) -> _Codec:
    def load(value: object, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise SnapshotSchemaError(f"{path}: verwacht een object, kreeg {_short(value)}")
        return {key: codec.load(item, f"{path}.{key}") for key, item in value.items()}

    return _Codec(load, lambda value: {key: codec.dump(item) for key, item in value.items()})


_REQUIRED = object()


def _f(codec: _Codec = PLAIN, *, key: str | None = None, missing: Any = _REQUIRED) -> Any:
    """A stored field: its codec, its JSON key (default: the field name) and the value that a missing
    key reads as (without one, a missing key is an error). In code every field must be given."""
    return field(metadata={"codec": codec, "key": key, "missing": missing})


# --- Records ------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class _Record:
    """Base of every stored record: ``from_dict``/``to_dict`` driven by the fields' codecs."""

    #: Keys this code does not know, kept and written back unchanged.
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: Known keys that the stored JSON lacked (read as their default, not written back).
    absent: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    @classmethod
    def _stored_fields(cls) -> list[Field[Any]]:
        return [f for f in fields(cls) if "codec" in f.metadata]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "") -> Self:
        path = path or cls.__name__
        if not isinstance(data, Mapping):
            raise SnapshotSchemaError(f"{path}: verwacht een object, kreeg {_short(data)}")
        values, absent, known = {}, set(), set()
        for f in cls._stored_fields():
            key = f.metadata["key"] or f.name
            known.add(key)
            if key in data:
                values[f.name] = f.metadata["codec"].load(data[key], f"{path}.{key}")
            elif f.metadata["missing"] is _REQUIRED:
                raise SnapshotSchemaError(f"{path}: het veld {key!r} ontbreekt")
            else:
                values[f.name] = copy.deepcopy(f.metadata["missing"])
                absent.add(key)
        extra = {key: copy.deepcopy(value) for key, value in data.items() if key not in known}
        return cls(**values, extra=extra, absent=frozenset(absent))

    def to_dict(self) -> dict[str, Any]:
        """Exactly the JSON this record was read from (or, when built in code, all its keys)."""
        data = {}
        for f in self._stored_fields():
            key = f.metadata["key"] or f.name
            value = getattr(self, f.name)
            if key in self.absent and value == f.metadata["missing"]:
                continue
            data[key] = f.metadata["codec"].dump(value)
        for key, value in self.extra.items():
            data[key] = copy.deepcopy(value)
        return data


def _empty(cls: type[_Record]) -> _Record:
    """The record a missing nested object reads as: every key absent, so nothing is written back."""
    return cls.from_dict({})


# --- Inputs -------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Policy(_Record):
    """The organisation and its policy choices (stored under ``"organisation"``)."""

    name: str = _f(missing="")
    kind: str = _f(missing="gemeente")
    certainty: Decimal | None = _f(DECIMAL, missing=None)
    default_shape: str = _f(missing="uniform")
    structural_years: int | None = _f(missing=None)
    bands: tuple[int, ...] | None = _f(optional(TUPLE), missing=None)
    norm_minimum: Decimal | None = _f(DECIMAL, missing=None)
    norm_maximum: Decimal | None = _f(DECIMAL, missing=None)
    # The rekenmethode volgens de nota and the ratio scale (snapshots before they existed: the simulation
    # and the NAR table, which is what those snapshots used).
    calculation: str = _f(missing="simulatie")
    calculation_factor: Decimal | None = _f(DECIMAL, missing=None)
    ratio_scale: Mapping[str, Any] | None = _f(missing=None)  # engine RatioScale.to_dict(); None: NAR

    @property
    def method(self) -> CalculationMethod:
        factor = 1.0 if self.calculation_factor is None else float(self.calculation_factor)
        if self.calculation == CalculationName.SIMULATION:
            factor = 1.0
        return CalculationMethod(CalculationName(self.calculation), factor)

    @property
    def scale(self) -> RatioScale | None:
        """The organisation's own scale as frozen; None for the NAR/Universiteit Twente table."""
        return RatioScale.from_dict(self.ratio_scale) if self.ratio_scale else None


@dataclass(frozen=True, kw_only=True)
class FrozenMeasure(_Record):
    id: int | None = _f(missing=None)
    description: str = _f(missing="")
    status: str = _f(missing="")
    owner_label: str = _f(missing="")
    due_date: str | None = _f(missing=None)  # ISO date
    probability_after: Decimal | None = _f(DECIMAL, missing=None)
    impact_factor: Decimal | None = _f(DECIMAL, missing=None)

    @property
    def changes_estimate(self) -> bool:
        return self.probability_after is not None or self.impact_factor is not None


@dataclass(frozen=True, kw_only=True)
class FrozenRisk(_Record):
    """An open risk as frozen: its texts, its estimate and its measures."""

    code: str = _f()
    name: str = _f(missing="")
    cause: str = _f(missing="")
    event: str = _f(missing="")
    consequence: str = _f(missing="")
    description: str = _f(missing="")
    programme: str = _f(missing="")
    owner_label: str = _f(missing="")
    owner_name: str = _f(missing="")
    probability: Decimal | None = _f(DECIMAL, missing=None)
    shape: str = _f(missing="")
    impact_min: Decimal | None = _f(DECIMAL, missing=None)
    impact_mode: Decimal | None = _f(DECIMAL, missing=None)
    impact_max: Decimal | None = _f(DECIMAL, missing=None)
    nature: str = _f(missing="incidenteel")
    years: int | None = _f(missing=None)
    group: str = _f(missing="")
    excluded: bool = _f(missing=False)
    measures_text: str = _f(missing="")
    measures: tuple[FrozenMeasure, ...] = _f(sequence(nested(FrozenMeasure)), missing=())
    status: str = _f(missing="")
    review_date: str | None = _f(missing=None)  # ISO date
    updated_at: str | None = _f(missing=None)  # ISO timestamp
    quantified: bool = _f(missing=False)

    @property
    def has_estimate(self) -> bool:
        """Probability and maximum consequence are both given (what the engine needs to count it)."""
        return self.probability is not None and self.impact_max is not None


@dataclass(frozen=True, kw_only=True)
class ClosedRisk(_Record):
    code: str = _f()
    status: str = _f(missing="")


@dataclass(frozen=True, kw_only=True)
class CapacityItemRow(_Record):
    name: str = _f(missing="")
    kind: str = _f(missing="")
    nature: str = _f(missing="")
    amount: Decimal | None = _f(DECIMAL, missing=None)
    amount_t1: Decimal | None = _f(DECIMAL, missing=None)
    amount_t2: Decimal | None = _f(DECIMAL, missing=None)
    amount_t3: Decimal | None = _f(DECIMAL, missing=None)
    explanation: str = _f(missing="")
    #: "PM": the amount is not known yet; the item has no amounts, is listed and never counted. Snapshots
    #: from before PM items existed lack the key (read as False, not written back).
    amount_unknown: bool = _f(missing=False)

    @property
    def amounts(self) -> tuple[Decimal | None, ...]:
        """Year t … t+3."""
        return (self.amount, self.amount_t1, self.amount_t2, self.amount_t3)


@dataclass(frozen=True, kw_only=True)
class TaxCapacityRow(_Record):
    """The inputs of the onbenutte belastingcapaciteit (names as ``engine.taxcapacity.TaxCapacityInputs``)."""

    year: int | None = _f(missing=None)
    norm_rate: Decimal | None = _f(DECIMAL, missing=None)
    own_rate_dwellings: Decimal | None = _f(DECIMAL, missing=None)
    woz_dwellings: Decimal | None = _f(DECIMAL, missing=None)
    own_rate_non_dwellings: Decimal | None = _f(DECIMAL, missing=None)
    woz_non_dwellings: Decimal | None = _f(DECIMAL, missing=None)
    sewage_revenue: Decimal | None = _f(DECIMAL, missing=None)
    sewage_costs: Decimal | None = _f(DECIMAL, missing=None)
    waste_revenue: Decimal | None = _f(DECIMAL, missing=None)
    waste_costs: Decimal | None = _f(DECIMAL, missing=None)
    explanation: str = _f(missing="")
    nature: str = _f(missing="structureel")


@dataclass(frozen=True, kw_only=True)
class SeparateRequirementRow(_Record):
    name: str = _f(missing="")
    kind: str = _f(missing="")
    amount: Decimal | None = _f(DECIMAL, missing=None)
    explanation: str = _f(missing="")


#: The amounts of a kengetallen year (names as ``engine.indicators.IndicatorInputs``).
INDICATOR_AMOUNTS = (
    "long_term_debt",
    "net_floating_debt",
    "accrued_liabilities",
    "long_term_investments",
    "loans_granted",
    "short_term_investments",
    "cash",
    "accrued_assets",
    "total_revenue",
    "equity",
    "balance_sheet_total",
    "land_not_in_development",
    "land_in_development",
    "structural_revenue",
    "structural_expenses",
    "structural_reserve_withdrawals",
    "structural_reserve_additions",
    "property_tax",
    "sewage_charge",
    "waste_charge",
    "tax_discount",
    "national_average_housing_costs",
)


@dataclass(frozen=True, kw_only=True)
class IndicatorYearRow(_Record):
    """One year of kengetallen inputs: the year, its kind and the amounts of ``INDICATOR_AMOUNTS``."""

    year: int = _f()
    kind: str = _f(missing="")
    long_term_debt: Decimal | None = _f(DECIMAL, missing=None)
    net_floating_debt: Decimal | None = _f(DECIMAL, missing=None)
    accrued_liabilities: Decimal | None = _f(DECIMAL, missing=None)
    long_term_investments: Decimal | None = _f(DECIMAL, missing=None)
    loans_granted: Decimal | None = _f(DECIMAL, missing=None)
    short_term_investments: Decimal | None = _f(DECIMAL, missing=None)
    cash: Decimal | None = _f(DECIMAL, missing=None)
    accrued_assets: Decimal | None = _f(DECIMAL, missing=None)
    total_revenue: Decimal | None = _f(DECIMAL, missing=None)
    equity: Decimal | None = _f(DECIMAL, missing=None)
    balance_sheet_total: Decimal | None = _f(DECIMAL, missing=None)
    land_not_in_development: Decimal | None = _f(DECIMAL, missing=None)
    land_in_development: Decimal | None = _f(DECIMAL, missing=None)
    structural_revenue: Decimal | None = _f(DECIMAL, missing=None)
    structural_expenses: Decimal | None = _f(DECIMAL, missing=None)
    structural_reserve_withdrawals: Decimal | None = _f(DECIMAL, missing=None)
    structural_reserve_additions: Decimal | None = _f(DECIMAL, missing=None)
    property_tax: Decimal | None = _f(DECIMAL, missing=None)
    sewage_charge: Decimal | None = _f(DECIMAL, missing=None)
    waste_charge: Decimal | None = _f(DECIMAL, missing=None)
    tax_discount: Decimal | None = _f(DECIMAL, missing=None)
    national_average_housing_costs: Decimal | None = _f(DECIMAL, missing=None)

    def amounts(self) -> dict[str, Decimal | None]:
        return {name: getattr(self, name) for name in INDICATOR_AMOUNTS}


# --- What the organisation did, and (jaarstukken) what happened ----------------------------------------


@dataclass(frozen=True, kw_only=True)
class MeasureEffect(_Record):
    """A measure completed in the period, and what the change of its risk's estimate since the previous
    snapshot does to the required capacity (``before``: with the risk as estimated then; ``after``: now)."""

    risk: str = _f(missing="")  # "R03 Naam van het risico"
    measure: str = _f(missing="")
    #: "herschat": the estimate changed since the previous snapshot; "ongewijzigd": not (yet) changed;
    #: "nieuw": the risk was not in the previous snapshot (or there is none).
    basis: str = _f(missing="")
    before: float | None = _f(missing=None)
    after: float | None = _f(missing=None)


@dataclass(frozen=True, kw_only=True)
class ManagementRecord(_Record):
    """The counts behind "Risicobeheersing en risicobewustzijn" for the period ending at the peildatum.

    Facts are plain counts (and team names), never a person's name. ``facts`` keys are documented in
    ``reports.data.AWARENESS_LABELS``; an app that records nothing of a kind leaves its keys out.
    """

    period_start: str = _f(missing="")  # ISO date, exclusive: the previous snapshot's peildatum
    period_end: str = _f(missing="")  # ISO date, inclusive: this snapshot's peildatum
    previous: str = _f(missing="")  # title of the previous snapshot ("" when there is none)
    required_before: float | None = _f(missing=None)  # the previous snapshot's total requirement
    measures: tuple[MeasureEffect, ...] = _f(sequence(nested(MeasureEffect)), missing=())
    facts: Mapping[str, Any] = _f(missing={})
    teams: tuple[str, ...] = _f(TUPLE, missing=())  # teams that held a risk conversation in the period


@dataclass(frozen=True, kw_only=True)
class OccurredEvent(_Record):
    """An event of the year as the jaarstukken list it: its risks (or none: a surprise) and amount."""

    date: str = _f(missing="")  # ISO date
    risks: str = _f(missing="")  # "R03 Naam; R07 Naam", or "" for a loss outside the register
    description: str = _f(missing="")
    amount: float = _f(missing=0.0)

    @property
    def surprise(self) -> bool:
        return not self.risks


@dataclass(frozen=True, kw_only=True)
class YearAccount(_Record):
    """What happened in the year of a jaarstukken snapshot, next to what its begroting expected."""

    year: int | None = _f(missing=None)
    events: tuple[OccurredEvent, ...] = _f(sequence(nested(OccurredEvent)), missing=())
    realised: float = _f(missing=0.0)  # Σ amounts of the year's events: the capacity used
    budget_snapshot: str = _f(missing="")  # title of the approved begroting snapshot of the year
    expected_mean: float | None = _f(missing=None)  # its expected loss (mean)
    expected_required: float | None = _f(missing=None)  # its total requirement as its paragraph showed it
    certainty: float | None = _f(missing=None)
    exceeded: bool | None = _f(missing=None)
    pit: float | None = _f(missing=None)  # place of the realised loss in that year's distribution
    #: ``engine.calibration.CalibrationResult.to_dict()`` over all years with an approved snapshot, plus
    #: "reading" (the exceedance test in plain Dutch); None without any checked year.
    calibration: Mapping[str, Any] | None = _f(missing=None)


@dataclass(frozen=True, kw_only=True)
class ParagraphSettingsRow(_Record):
    signal_thresholds: Mapping[str, Any] = _f(missing={})
    indicator_reading: str = _f(missing="")
    policy_text: str = _f(missing="")


@dataclass(frozen=True, kw_only=True)
class SnapshotInputs(_Record):
    """Everything a snapshot's numbers and texts depend on (``Snapshot.inputs``)."""

    schema: int | None = _f(missing=None)
    organisation: Policy = _f(nested(Policy))
    risks: tuple[FrozenRisk, ...] = _f(sequence(nested(FrozenRisk)), missing=())
    closed_risks: tuple[ClosedRisk, ...] = _f(sequence(nested(ClosedRisk)), missing=())
    unquantified: tuple[str, ...] = _f(TUPLE, missing=())
    capacity_items: tuple[CapacityItemRow, ...] = _f(sequence(nested(CapacityItemRow)), missing=())
    tax_capacity: TaxCapacityRow | None = _f(optional(nested(TaxCapacityRow)), missing=None)
    separate_requirements: tuple[SeparateRequirementRow, ...] = _f(
        sequence(nested(SeparateRequirementRow)), missing=()
    )
    indicator_years: tuple[IndicatorYearRow, ...] = _f(sequence(nested(IndicatorYearRow)), missing=())
    paragraph_settings: ParagraphSettingsRow | None = _f(optional(nested(ParagraphSettingsRow)), missing=None)
    #: Counts for "Risicobeheersing en risicobewustzijn" (snapshots before it existed: None).
    records: ManagementRecord | None = _f(optional(nested(ManagementRecord)), missing=None)
    #: Jaarstukken only: what happened in the year and what was expected of it.
    year_account: YearAccount | None = _f(optional(nested(YearAccount)), missing=None)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "inputs") -> Self:
        """Read stored inputs; a schema newer than ``SCHEMA_VERSION`` is refused (see the module)."""
        schema = data.get("schema") if isinstance(data, Mapping) else None
        if schema is not None and (not isinstance(schema, int) or not 1 <= schema <= SCHEMA_VERSION):
            raise SnapshotSchemaError(
                f"{path}: schemaversie {schema!r} wordt niet ondersteund; deze versie van Risicokompas "
                f"leest versie 1 tot en met {SCHEMA_VERSION}"
            )
        return super().from_dict(data, path)

    @property
    def version(self) -> int:
        """The layout version (snapshots from before the key existed are version 1)."""
        return self.schema or 1

    @property
    def pm_capacity_items(self) -> tuple[CapacityItemRow, ...]:
        """The capacity items whose amount was not known yet (PM): listed, not counted."""
        return tuple(item for item in self.capacity_items if item.amount_unknown)

    @property
    def policy(self) -> Policy:
        return self.organisation

    def risk(self, code: str) -> FrozenRisk | None:
        return next((r for r in self.risks if r.code == code), None)

    def indicator_year(self, year: int, kind: str = "begroting") -> IndicatorYearRow | None:
        """The kengetallen row of ``year``: the one of ``kind`` when frozen, otherwise another row of that
        year (realisatie, then begroting, then meerjarenraming, then one frozen without a kind)."""
        order = {"realisatie": 1, "begroting": 2, "meerjarenraming": 3}
        rows = [row for row in self.indicator_years if row.year == year]
        return min(rows, key=lambda row: 0 if row.kind == kind else order.get(row.kind, 4), default=None)

    def group_names(self) -> tuple[str, ...]:
        return tuple(sorted({r.group for r in self.risks if r.group}))

    def with_changes(self, **changes: Any) -> SnapshotInputs:
        """A copy with some fields replaced (what-if, attribution between snapshots)."""
        return replace(self, **changes)


# --- Result -------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DriverRow(_Record):
    id: str = _f()
    name: str = _f(missing="")
    contribution: float = _f(missing=0.0)
    share: float = _f(missing=0.0)
    marginal: float = _f(missing=0.0)
    expected: float = _f(missing=0.0)
    # Added with the exact method's drivers; snapshots frozen before lack them (read as None).
    probability_times_max: float | None = _f(missing=None)
    influence: float | None = _f(missing=None)


@dataclass(frozen=True, kw_only=True)
class Exceedance(_Record):
    amounts: tuple[float, ...] = _f(TUPLE, missing=())
    probabilities: tuple[float, ...] = _f(TUPLE, missing=())


@dataclass(frozen=True, kw_only=True)
class NormVerdict(_Record):
    minimum: float | None = _f(missing=None)
    maximum: float | None = _f(missing=None)
    status: str | None = _f(missing=None)
    message: str = _f(missing="")


@dataclass(frozen=True, kw_only=True)
class TaxSummary(_Record):
    """The computed onbenutte belastingcapaciteit and whether it counts in the available capacity."""

    parts: Mapping[str, float | None] = _f(missing={})
    total: Decimal | None = _f(DECIMAL, missing=None)
    included: bool = _f(missing=False)
    already_counted_as_item: bool = _f(missing=False)


@dataclass(frozen=True, kw_only=True)
class CapacitySummary(_Record):
    """Capacity per year (``YEAR_KEYS``), kind and nature, and what is available in year t."""

    items_total: Decimal | None = _f(DECIMAL, missing=None)
    by_year: Mapping[str, Decimal | None] = _f(mapping(DECIMAL), missing={})
    by_kind: Mapping[str, Mapping[str, Decimal | None]] = _f(mapping(mapping(DECIMAL)), missing={})
    by_nature: Mapping[str, Decimal | None] = _f(mapping(DECIMAL), missing={})
    tax: TaxSummary = _f(nested(TaxSummary), missing=_empty(TaxSummary))
    available: Decimal | None = _f(DECIMAL, missing=None)

    def year_amounts(self) -> list[Decimal | None]:
        return [self.by_year.get(key) for key in YEAR_KEYS]


@dataclass(frozen=True, kw_only=True)
class SnapshotResult(_Record):
    """A snapshot's numbers (``Snapshot.result``): ``engine.SimulationResult.to_dict()`` plus the derived
    figures. ``ratio``/``ratio_class``/``norm`` are on the TOTAL requirement (simulated quantile plus the
    separately computed groups); the engine's ratio on the quantile alone is ``simulated_ratio``. The
    engine's own ``capacity`` figure is replaced by the capacity summary."""

    # The engine's figures
    method: str = _f(missing="")
    certainty: float | None = _f(missing=None)
    required_capacity: float | None = _f(missing=None)
    quantiles: Mapping[str, float] = _f(missing={})  # level in percent ("90") → amount
    quantile_intervals: Mapping[str, list[float]] = _f(missing={})
    quantile_standard_errors: Mapping[str, float] = _f(missing={})
    mean: float | None = _f(missing=None)
    simulated_mean: float | None = _f(missing=None)
    sum_max: float | None = _f(missing=None)
    p_exceed_capacity: float | None = _f(missing=None)
    drivers: tuple[DriverRow, ...] = _f(sequence(nested(DriverRow)), missing=())
    exceedance: Exceedance = _f(nested(Exceedance), missing=_empty(Exceedance))
    seed: int | None = _f(missing=None)
    iterations: int | None = _f(missing=None)
    grid_size: int | None = _f(missing=None)
    grid_step: float | None = _f(missing=None)
    input_hash: str = _f(missing="")
    engine_version: str = _f(missing="")
    risk_count: int = _f(missing=0)
    active_count: int = _f(missing=0)
    excluded: tuple[str, ...] = _f(TUPLE, missing=())
    # Derived figures
    simulated_ratio: float | None = _f(missing=None)
    simulated_class: str | None = _f(missing=None)
    separate_requirements_total: Decimal | None = _f(DECIMAL, missing=None)
    total_required: float | None = _f(missing=None)
    available_capacity: float | None = _f(missing=None)
    capacity: CapacitySummary = _f(nested(CapacitySummary), missing=_empty(CapacitySummary))
    unquantified: tuple[str, ...] = _f(TUPLE, missing=())
    invalid: tuple[tuple[str, str], ...] = _f(PAIRS, missing=())
    ratio: float | None = _f(missing=None)
    ratio_class: str | None = _f(key="class", missing=None)
    class_label: str | None = _f(missing=None)
    norm: NormVerdict | None = _f(optional(nested(NormVerdict)), missing=None)
    # The official figure by the organisation's method (older snapshots: the simulation was the figure)
    calculation: str = _f(missing="simulatie")
    calculation_factor: float = _f(missing=1.0)
    official_required: float | None = _f(missing=None)
    conventional: Mapping[str, float] = _f(missing={})  # kans_maal_maximum, kans_maal_gemiddeld, som_maxima

    @property
    def official(self) -> float | None:
        """The required capacity the ratio uses (without separate groups): the prescribed sum, or the
        simulated quantile."""
        return self.official_required if self.official_required is not None else self.required_capacity

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "result") -> Self:
        result = super().from_dict(data, path)
        if result.capacity is None:  # hand-written results without a capacity summary
            return replace(result, capacity=CapacitySummary.from_dict({}, f"{path}.capacity"))
        return result

    def quantile_levels(self) -> list[tuple[str, float]]:
        """(level key, amount), lowest level first."""
        return sorted(self.quantiles.items(), key=lambda kv: float(kv[0]))


def inputs_of(value: SnapshotInputs | Mapping[str, Any]) -> SnapshotInputs:
    """Typed inputs from either typed inputs or the stored JSON."""
    return value if isinstance(value, SnapshotInputs) else SnapshotInputs.from_dict(value)


def result_of(value: SnapshotResult | Mapping[str, Any]) -> SnapshotResult:
    """A typed result from either a typed result or the stored JSON."""
    return value if isinstance(value, SnapshotResult) else SnapshotResult.from_dict(value)
