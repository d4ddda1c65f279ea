# SPDX-License-Identifier: EUPL-1.2
"""From the paragraph's stored inputs to engine inputs and back: the one place that translates.

Views and the dashboard call these functions; the maths stays in ``engine.taxcapacity`` and
``engine.indicators``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from risicokompas.capacity.models import (
    CapacityItem,
    IndicatorYear,
    ParagraphSettings,
    TaxCapacityInputs,
    available_capacity,
)
from risicokompas.engine.capacity import year_total
from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.indicator_reading import indicator_reading
from risicokompas.engine.indicators import (
    DEFAULT_THRESHOLDS,
    IndicatorInputs,
    IndicatorSeries,
    SignalThresholds,
    compute_series,
)
from risicokompas.engine.taxcapacity import TaxCapacityBreakdown, counts_in_available, unused_tax_capacity
from risicokompas.engine.taxcapacity import TaxCapacityInputs as EngineTaxInputs
from risicokompas.organisations.models import Organisation
from risicokompas.reports.compose_assessment import bbv_slots

#: The letters of an IndicatorYear, in the order of the BBV formulas (same names as IndicatorInputs).
LETTER_FIELDS: tuple[str, ...] = tuple(IndicatorInputs.__dataclass_fields__)
#: Letters that may be negative (as in engine.indicators).
SIGNED_FIELDS = frozenset({"equity", "land_not_in_development", "land_in_development"})
TAX_INPUT_FIELDS: tuple[str, ...] = tuple(EngineTaxInputs.__dataclass_fields__)
#: Years shown around budget year t: t−1 (realisatie), t (begroting), t+1 … t+3 (meerjarenraming).
YEAR_OFFSETS = (-1, 0, 1, 2, 3)
#: The kinds of figures in the order they are listed: jaarrekening, begroting, meerjarenraming.
KIND_ORDER: tuple[str, ...] = (
    IndicatorYear.Kind.ACTUAL,
    IndicatorYear.Kind.BUDGET,
    IndicatorYear.Kind.FORECAST,
)
#: The paragraph's editions whose kengetallen columns the kengetallen page checks.
EDITIONS: tuple[str, ...] = ("begroting", "jaarstukken")


def _float(value) -> float | None:
    return None if value is None else float(value)


# --- onbenutte belastingcapaciteit -------------------------------------------------------------------


def engine_tax_inputs(inputs: TaxCapacityInputs) -> EngineTaxInputs:
    return EngineTaxInputs(**{name: _float(getattr(inputs, name)) for name in TAX_INPUT_FIELDS})


def tax_breakdown(organisation: Organisation) -> TaxCapacityBreakdown | None:
    """The computed breakdown, or ``None`` when the organisation has not entered the inputs."""
    inputs = TaxCapacityInputs.objects.filter(organisation=organisation).first()
    return None if inputs is None else unused_tax_capacity(engine_tax_inputs(inputs))


@dataclass(frozen=True)
class TaxCapacityUse:
    """Whether the computed onbenutte belastingcapaciteit counts in the available capacity, and why."""

    amount: float | None  # the computed total (None: nothing computed)
    counted: bool
    reason: str


def tax_capacity_use(organisation: Organisation) -> TaxCapacityUse:
    """Whether the computed amount counts (``engine.taxcapacity.counts_in_available``), and why."""
    breakdown = tax_breakdown(organisation)
    if breakdown is None or breakdown.total is None:
        return TaxCapacityUse(None, False, "Er is geen berekende onbenutte belastingcapaciteit.")
    has_item = organisation.capacity_items.filter(kind=CapacityItem.Kind.TAX_CAPACITY).exists()
    if counts_in_available(breakdown.total, has_item):
        return TaxCapacityUse(
            breakdown.total,
            True,
            "De berekende onbenutte belastingcapaciteit telt mee in de beschikbare capaciteit.",
        )
    if has_item:
        return TaxCapacityUse(
            breakdown.total,
            False,
            "De berekende onbenutte belastingcapaciteit telt niet mee: er is al een capaciteitspost "
            "van de soort onbenutte belastingcapaciteit (anders zou die dubbel tellen).",
        )
    return TaxCapacityUse(breakdown.total, False, "De berekende onbenutte belastingcapaciteit is nul.")


def available_total(organisation: Organisation) -> tuple[float, float]:
    """(Σ capacity items of year t, available capacity): the items plus the computed onbenutte
    belastingcapaciteit when it counts (``tax_capacity_use``)."""
    items = float(available_capacity(organisation))
    tax_use = tax_capacity_use(organisation)
    return items, items + (tax_use.amount if tax_use.counted and tax_use.amount else 0.0)


def separate_requirements_total(organisation: Organisation) -> Decimal:
    total = organisation.separate_requirements.aggregate(total=Sum("amount"))["total"]
    return total or Decimal("0")


# --- capacity items over the years --------------------------------------------------------------------


@dataclass(frozen=True)
class CapacityTable:
    """Capacity items with their amounts t … t+3 and the totals per year and per nature, by the paragraph's
    rule (``engine.capacity.year_total``): year t sums the amounts; a later year has a total only when
    every counted item has an amount for it (else None: "niet geraamd", never € 0). PM items (amount not
    known yet) are listed and never counted."""

    items: tuple[CapacityItem, ...]
    totals: tuple[Decimal | None, ...]
    incidental: tuple[Decimal | None, ...]
    structural: tuple[Decimal | None, ...]

    @property
    def pm_items(self) -> tuple[CapacityItem, ...]:
        return tuple(item for item in self.items if item.amount_unknown)


def year_totals(items) -> tuple[Decimal | None, ...]:
    """Σ per year t … t+3 over the counted (not PM) items."""
    counted = [item.amounts() for item in items if not item.amount_unknown]
    return tuple(
        year_total([amounts[year] for amounts in counted], Decimal("0"), later_year=year > 0)
        for year in range(4)
    )


def capacity_table(organisation: Organisation) -> CapacityTable:
    items = tuple(organisation.capacity_items.all())
    return CapacityTable(
        items=items,
        totals=year_totals(items),
        incidental=year_totals(i for i in items if i.nature == CapacityItem.Nature.INCIDENTAL),
        structural=year_totals(i for i in items if i.nature == CapacityItem.Nature.STRUCTURAL),
    )


def pm_capacity_items(organisation: Organisation) -> tuple[str, ...]:
    """The names of the capacity items whose amount is not known yet (PM): listed, not counted."""
    return tuple(organisation.capacity_items.filter(amount_unknown=True).values_list("name", flat=True))


# --- kengetallen ----------------------------------------------------------------------------------------


def paragraph_settings(organisation: Organisation) -> ParagraphSettings:
    return ParagraphSettings.objects.get_or_create(organisation=organisation)[0]


def thresholds_of(settings: ParagraphSettings | None) -> SignalThresholds:
    """The organisation's signal thresholds; stored JSON that no longer validates falls back to defaults."""
    stored = (settings.signal_thresholds if settings else None) or {}
    try:
        return SignalThresholds(**{name: tuple(band) for name, band in stored.items()})
    except (EngineInputError, TypeError):
        return DEFAULT_THRESHOLDS


def thresholds_to_json(thresholds: SignalThresholds) -> dict[str, list[float]]:
    return {name: list(getattr(thresholds, name)) for name in SignalThresholds.__dataclass_fields__}


def engine_indicator_inputs(year: IndicatorYear) -> IndicatorInputs:
    return IndicatorInputs(**{name: _float(getattr(year, name)) for name in LETTER_FIELDS})


def default_budget_year(organisation: Organisation) -> int:
    """The latest year entered as begroting, else next calendar year (the budget being prepared)."""
    latest = organisation.indicator_years.filter(kind=IndicatorYear.Kind.BUDGET).order_by("-year").first()
    return latest.year if latest else timezone.localdate().year + 1


def budget_years(budget_year: int) -> tuple[int, ...]:
    return tuple(budget_year + offset for offset in YEAR_OFFSETS)


def kind_for(year: int, budget_year: int) -> str:
    """The kind of figures a year has seen from budget year t: realisatie before t, begroting in t,
    meerjarenraming after t (as the paragraph's ``_default_kind``)."""
    if year < budget_year:
        return IndicatorYear.Kind.ACTUAL
    return IndicatorYear.Kind.BUDGET if year == budget_year else IndicatorYear.Kind.FORECAST


def kind_preference(year: int, budget_year: int) -> tuple[str, ...]:
    """The kinds to show for ``year`` seen from budget year t, best first: ``kind_for``, then the others in
    ``KIND_ORDER``."""
    first = kind_for(year, budget_year)
    return (first, *(kind for kind in KIND_ORDER if kind != first))


def sorted_rows(rows: Iterable[IndicatorYear]) -> list[IndicatorYear]:
    """Rows by year, and within a year jaarrekening, begroting, meerjarenraming."""
    return sorted(
        rows, key=lambda row: (row.year, KIND_ORDER.index(row.kind) if row.kind in KIND_ORDER else 9)
    )


def choose_rows(rows: Iterable[IndicatorYear], budget_year: int) -> dict[int, IndicatorYear]:
    """One row per year for the overview of budget year t: of the kind ``kind_for`` gives when that is
    recorded, else the first other kind of ``kind_preference`` (a year can hold several kinds)."""
    by_key = {(row.year, row.kind): row for row in rows}
    chosen: dict[int, IndicatorYear] = {}
    for year in sorted({year for year, _kind in by_key}):
        for kind in kind_preference(year, budget_year):
            if (year, kind) in by_key:
                chosen[year] = by_key[(year, kind)]
                break
    return chosen


@dataclass(frozen=True)
class IndicatorSlot:
    """One kengetallen column of an edition of the paragraph and the row that fills it (None: missing)."""

    label: str
    year: int
    kind: str
    row: IndicatorYear | None


@dataclass(frozen=True)
class IndicatorOverview:
    budget_year: int
    years: tuple[int, ...]
    entered: dict[int, IndicatorYear]  # per year of ``years`` the row shown (``choose_rows``)
    series: IndicatorSeries
    thresholds: SignalThresholds
    proposal: str  # the generated reading for these years and thresholds
    #: Every recorded row of the organisation, by year and kind (``sorted_rows``).
    rows: tuple[IndicatorYear, ...] = ()
    #: Per edition ("begroting", "jaarstukken") of budget year t: its BBV columns and what fills them.
    slots: dict[str, tuple[IndicatorSlot, ...]] = field(default_factory=dict)


def bbv_slots_of(rows: Iterable[IndicatorYear], budget_year: int) -> dict[str, tuple[IndicatorSlot, ...]]:
    """The paragraph's kengetallen columns of both editions of ``budget_year``, each with its row (exactly
    that year and kind, as the paragraph takes it) or None."""
    by_key = {(row.year, row.kind): row for row in rows}
    return {
        edition: tuple(
            IndicatorSlot(label, year, kind, by_key.get((year, kind)))
            for label, year, kind in bbv_slots(edition, budget_year)
        )
        for edition in EDITIONS
    }


def indicator_overview(organisation: Organisation, budget_year: int) -> IndicatorOverview:
    years = budget_years(budget_year)
    rows = tuple(sorted_rows(organisation.indicator_years.all()))
    entered = {y: row for y, row in choose_rows(rows, budget_year).items() if y in years}
    series = compute_series(budget_year, {y: engine_indicator_inputs(obj) for y, obj in entered.items()})
    settings = ParagraphSettings.objects.filter(organisation=organisation).first()
    thresholds = thresholds_of(settings)
    return IndicatorOverview(
        budget_year,
        years,
        entered,
        series,
        thresholds,
        indicator_reading(series, thresholds),
        rows=rows,
        slots=bbv_slots_of(rows, budget_year),
    )
