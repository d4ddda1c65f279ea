# SPDX-License-Identifier: EUPL-1.2
"""The BBV kengetallen (Regeling BBV 2015) and their signal categories for provincial supervision.

Every kengetal is a fraction (0,85 = 85%). Inputs may be missing: a kengetal whose inputs are incomplete,
or whose denominator is 0, is ``None`` with a Dutch reason, never an exception. Sums are taken in decimal
arithmetic on the numbers as entered, so balanced inputs (e.g. a structural result of exactly 0) give
exactly 0 and land on the right side of a signal boundary.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import overload

from risicokompas.engine.errors import EngineInputError, check_inputs


class Indicator(StrEnum):
    """The kengetallen of the Regeling BBV 2015, in the order of the regeling."""

    NET_DEBT = "net_debt_ratio"
    NET_DEBT_CORRECTED = "net_debt_ratio_corrected"
    SOLVENCY = "solvency_ratio"
    LAND_DEVELOPMENT = "land_development"
    STRUCTURAL_MARGIN = "structural_margin"
    TAX_CAPACITY = "tax_capacity"

    @property
    def label(self) -> str:
        """Dutch display name, as in the BBV table."""
        return INDICATOR_LABELS[self]


INDICATOR_LABELS: Mapping[Indicator, str] = MappingProxyType(
    {
        Indicator.NET_DEBT: "Netto schuldquote",
        Indicator.NET_DEBT_CORRECTED: "Netto schuldquote gecorrigeerd voor alle verstrekte leningen",
        Indicator.SOLVENCY: "Solvabiliteitsratio",
        Indicator.LAND_DEVELOPMENT: "Grondexploitatie",
        Indicator.STRUCTURAL_MARGIN: "Structurele exploitatieruimte",
        Indicator.TAX_CAPACITY: "Belastingcapaciteit",
    }
)

#: Dutch label of every input, with the letter of the BBV formula where it has one.
INPUT_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "long_term_debt": "vaste schulden (A)",
        "net_floating_debt": "netto vlottende schuld (B)",
        "accrued_liabilities": "overlopende passiva (C)",
        "long_term_investments": "uitzettingen met een looptijd van 1 jaar of langer (D)",
        "loans_granted": "verstrekte leningen (D, gecorrigeerd)",
        "short_term_investments": "uitzettingen korter dan 1 jaar (E)",
        "cash": "liquide middelen (F)",
        "accrued_assets": "overlopende activa (G)",
        "total_revenue": "totale baten exclusief mutaties reserves (H)",
        "equity": "eigen vermogen",
        "balance_sheet_total": "balanstotaal",
        "land_not_in_development": "niet in exploitatie genomen bouwgronden",
        "land_in_development": "bouwgronden in exploitatie",
        "structural_revenue": "structurele baten",
        "structural_expenses": "structurele lasten",
        "structural_reserve_withdrawals": "structurele onttrekkingen aan reserves",
        "structural_reserve_additions": "structurele toevoegingen aan reserves",
        "property_tax": "OZB-lasten voor een woning met de gemiddelde WOZ-waarde",
        "sewage_charge": "rioolheffing",
        "waste_charge": "afvalstoffenheffing",
        "tax_discount": "heffingskorting",
        "national_average_housing_costs": "landelijk gemiddelde woonlasten van het jaar ervoor",
    }
)

#: Inputs that may be negative: equity after losses, and book values of land with a negative balance.
_MAY_BE_NEGATIVE = frozenset({"equity", "land_not_in_development", "land_in_development"})


@dataclass(frozen=True)
class IndicatorInputs:
    """The amounts of one year (realisatie or begroting), in euros; any of them may be ``None`` (unknown).

    The letters are those of the Regeling BBV 2015. D is split in two: ``long_term_investments`` (the
    uitzettingen with a term of 1 year or more, D of kengetal 1a) and ``loans_granted`` (all other
    verstrekte leningen: to woningcorporaties, deelnemingen and others), which kengetal 1b adds to D.
    Belastingcapaciteit uses the woonlasten of a household in a house at the average WOZ value.
    Everything except equity and land book values must be ≥ 0.
    """

    long_term_debt: float | None = None
    net_floating_debt: float | None = None
    accrued_liabilities: float | None = None
    long_term_investments: float | None = None
    loans_granted: float | None = None
    short_term_investments: float | None = None
    cash: float | None = None
    accrued_assets: float | None = None
    total_revenue: float | None = None
    equity: float | None = None
    balance_sheet_total: float | None = None
    land_not_in_development: float | None = None
    land_in_development: float | None = None
    structural_revenue: float | None = None
    structural_expenses: float | None = None
    structural_reserve_withdrawals: float | None = None
    structural_reserve_additions: float | None = None
    property_tax: float | None = None
    sewage_charge: float | None = None
    waste_charge: float | None = None
    tax_discount: float | None = None
    national_average_housing_costs: float | None = None

    def __post_init__(self) -> None:
        check_inputs(
            self,
            INPUT_LABELS,
            invalid="{label}: {value} is geen geldig bedrag",
            negative="{label}: bedrag {value} mag niet negatief zijn",
            may_be_negative=_MAY_BE_NEGATIVE,
        )


@dataclass(frozen=True)
class _Formula:
    """numerator = Σ sign × input; kengetal = numerator / denominator."""

    terms: tuple[tuple[int, str], ...]
    denominator: str


_DEBT_TERMS = (
    (+1, "long_term_debt"),
    (+1, "net_floating_debt"),
    (+1, "accrued_liabilities"),
    (-1, "long_term_investments"),
    (-1, "short_term_investments"),
    (-1, "cash"),
    (-1, "accrued_assets"),
)

_FORMULAS: Mapping[Indicator, _Formula] = MappingProxyType(
    {
        # (A + B + C − D − E − F − G) / H, D = uitzettingen ≥ 1 jaar
        Indicator.NET_DEBT: _Formula(_DEBT_TERMS, "total_revenue"),
        # idem, D = uitzettingen ≥ 1 jaar + alle verstrekte leningen
        Indicator.NET_DEBT_CORRECTED: _Formula((*_DEBT_TERMS, (-1, "loans_granted")), "total_revenue"),
        # eigen vermogen / balanstotaal
        Indicator.SOLVENCY: _Formula(((+1, "equity"),), "balance_sheet_total"),
        # (niet in exploitatie genomen bouwgronden + bouwgronden in exploitatie) / totale baten
        Indicator.LAND_DEVELOPMENT: _Formula(
            ((+1, "land_not_in_development"), (+1, "land_in_development")), "total_revenue"
        ),
        # ((structurele baten − structurele lasten) + (structurele onttrekkingen − structurele toevoegingen))
        # / totale baten
        Indicator.STRUCTURAL_MARGIN: _Formula(
            (
                (+1, "structural_revenue"),
                (-1, "structural_expenses"),
                (+1, "structural_reserve_withdrawals"),
                (-1, "structural_reserve_additions"),
            ),
            "total_revenue",
        ),
        # (OZB + rioolheffing + afvalstoffenheffing − heffingskorting) / landelijk gemiddelde woonlasten t−1
        Indicator.TAX_CAPACITY: _Formula(
            ((+1, "property_tax"), (+1, "sewage_charge"), (+1, "waste_charge"), (-1, "tax_discount")),
            "national_average_housing_costs",
        ),
    }
)


@dataclass(frozen=True)
class IndicatorValue:
    """One kengetal as a fraction, or ``None`` with the Dutch reason it could not be computed."""

    indicator: Indicator
    value: float | None
    reason: str | None = None

    @property
    def label(self) -> str:
        return self.indicator.label


def _decimal(value: float) -> Decimal:
    # The number as entered (shortest repr), so 100,1 − 100 − 0,1 is exactly 0.
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _evaluate(indicator: Indicator, inputs: IndicatorInputs) -> IndicatorValue:
    formula = _FORMULAS[indicator]
    names = [name for _, name in formula.terms] + [formula.denominator]
    missing = [INPUT_LABELS[name] for name in names if getattr(inputs, name) is None]
    if missing:
        return IndicatorValue(indicator, None, f"Niet te berekenen: ontbreekt: {', '.join(missing)}.")
    denominator = _decimal(getattr(inputs, formula.denominator))
    if denominator == 0:
        reason = f"Niet te berekenen: {INPUT_LABELS[formula.denominator]} is 0."
        return IndicatorValue(indicator, None, reason)
    numerator = sum((sign * _decimal(getattr(inputs, name)) for sign, name in formula.terms), Decimal(0))
    return IndicatorValue(indicator, float(numerator / denominator))


@dataclass(frozen=True)
class Indicators:
    """The kengetallen of one year. Iterating yields them in the order of the regeling."""

    net_debt_ratio: IndicatorValue
    net_debt_ratio_corrected: IndicatorValue
    solvency_ratio: IndicatorValue
    land_development: IndicatorValue
    structural_margin: IndicatorValue
    tax_capacity: IndicatorValue

    def __getitem__(self, indicator: Indicator | str) -> IndicatorValue:
        value: IndicatorValue = getattr(self, _indicator(indicator).value)
        return value

    def __iter__(self) -> Iterator[IndicatorValue]:
        return (self[indicator] for indicator in Indicator)

    def categories(
        self, thresholds: SignalThresholds | None = None
    ) -> dict[Indicator, SignalCategory | None]:
        """The signal category of every kengetal (``None`` where the kengetal is missing)."""
        thresholds = thresholds or DEFAULT_THRESHOLDS
        return {item.indicator: signal_category(item.indicator, item.value, thresholds) for item in self}


def compute_indicators(inputs: IndicatorInputs) -> Indicators:
    """All kengetallen of one year (Regeling BBV 2015, see DESIGN §5), each a fraction or ``None``.

    - 1a netto schuldquote = (A + B + C − D − E − F − G) / H, D = uitzettingen ≥ 1 jaar;
    - 1b gecorrigeerd voor alle verstrekte leningen: the same with D + verstrekte leningen;
    - solvabiliteitsratio = eigen vermogen / balanstotaal;
    - grondexploitatie = (niet in exploitatie genomen bouwgronden + bouwgronden in exploitatie) / H;
    - structurele exploitatieruimte = ((structurele baten − structurele lasten) + (structurele onttrekkingen
      − structurele toevoegingen reserves)) / H;
    - belastingcapaciteit = (OZB + rioolheffing + afvalstoffenheffing − heffingskorting) / landelijk
      gemiddelde woonlasten t−1 (the percentage shown is this fraction × 100).

    H = totale baten exclusief mutaties reserves. A kengetal with a missing input or a zero denominator is
    ``None`` with a reason; the others are still computed.
    """
    return Indicators(**{indicator.value: _evaluate(indicator, inputs) for indicator in Indicator})


class SignalCategory(StrEnum):
    """Signal category for provincial supervision; A is the least risky."""

    A = "A"
    B = "B"
    C = "C"


#: Kengetallen where a higher value is less risky (A above the B band); for the others A is below it.
_HIGHER_IS_BETTER = frozenset({Indicator.SOLVENCY, Indicator.STRUCTURAL_MARGIN})


@dataclass(frozen=True)
class SignalThresholds:
    """The closed B band (lower, upper) of each kengetal, as fractions; overridable per organisation.

    Both bounds belong to B, so a value exactly on a boundary is B:
    - netto schuldquote (1a and 1b): A < 90% ≤ B ≤ 130% < C;
    - solvabiliteitsratio: C < 20% ≤ B ≤ 50% < A;
    - grondexploitatie: A < 20% ≤ B ≤ 35% < C;
    - structurele exploitatieruimte: C < 0 = B < A (the band is the single value 0);
    - belastingcapaciteit: A < 95% ≤ B ≤ 105% < C.
    """

    net_debt: tuple[float, float] = (0.90, 1.30)
    solvency: tuple[float, float] = (0.20, 0.50)
    land_development: tuple[float, float] = (0.20, 0.35)
    structural_margin: tuple[float, float] = (0.0, 0.0)
    tax_capacity: tuple[float, float] = (0.95, 1.05)

    def __post_init__(self) -> None:
        for f in fields(self):
            band = tuple(getattr(self, f.name))
            valid = len(band) == 2 and all(
                not isinstance(b, bool) and isinstance(b, int | float) and math.isfinite(b) for b in band
            )
            if not valid:
                raise EngineInputError(
                    "signaalgrenzen", f"{f.name}: {band!r} is geen ondergrens en bovengrens"
                )
            if band[0] > band[1]:
                raise EngineInputError(
                    "signaalgrenzen", f"{f.name}: de ondergrens is hoger dan de bovengrens"
                )
            object.__setattr__(self, f.name, (float(band[0]), float(band[1])))

    def band(self, indicator: Indicator) -> tuple[float, float]:
        """The B band of a kengetal; both net debt variants share ``net_debt``."""
        if indicator is Indicator.NET_DEBT_CORRECTED:
            return self.net_debt
        band: tuple[float, float] = getattr(self, _THRESHOLD_FIELDS[indicator])
        return band


_THRESHOLD_FIELDS: Mapping[Indicator, str] = MappingProxyType(
    {
        Indicator.NET_DEBT: "net_debt",
        Indicator.SOLVENCY: "solvency",
        Indicator.LAND_DEVELOPMENT: "land_development",
        Indicator.STRUCTURAL_MARGIN: "structural_margin",
        Indicator.TAX_CAPACITY: "tax_capacity",
    }
)

DEFAULT_THRESHOLDS = SignalThresholds()


def _indicator(name: Indicator | str) -> Indicator:
    try:
        return Indicator(name)
    except ValueError as exc:
        raise EngineInputError("kengetal", f"onbekend kengetal {name!r}") from exc


@overload
def signal_category(
    name: Indicator | str, value: float, thresholds: SignalThresholds = ...
) -> SignalCategory: ...
@overload
def signal_category(
    name: Indicator | str, value: float | None, thresholds: SignalThresholds = ...
) -> SignalCategory | None: ...
def signal_category(
    name: Indicator | str, value: float | None, thresholds: SignalThresholds = DEFAULT_THRESHOLDS
) -> SignalCategory | None:
    """Signal category A/B/C of a kengetal's unrounded value; ``None`` when the value is missing.

    B is the closed band of ``thresholds`` (boundary values are B, see ``SignalThresholds``). Outside it,
    the less risky side is A: above the band for solvabiliteit and structurele exploitatieruimte, below
    it for netto schuldquote, grondexploitatie and belastingcapaciteit.
    """
    indicator = _indicator(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise EngineInputError("kengetal", f"{indicator.label}: {value!r} is geen geldige waarde")
    lower, upper = thresholds.band(indicator)
    if lower <= value <= upper:
        return SignalCategory.B
    below = value < lower
    less_risky = not below if indicator in _HIGHER_IS_BETTER else below
    return SignalCategory.A if less_risky else SignalCategory.C


class YearKind(StrEnum):
    """What the figures of a year are, relative to the budget year t."""

    REALISATION = "realisatie"
    BUDGET = "begroting"
    FORECAST = "meerjarenraming"


@dataclass(frozen=True)
class IndicatorSeries:
    """Kengetallen over several years around budget year t (t−1 realisatie, t begroting, t+1.. raming)."""

    budget_year: int
    by_year: Mapping[int, Indicators]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(self.by_year))

    def kind(self, year: int) -> YearKind:
        """Realisatie before the budget year, begroting in it, meerjarenraming after it."""
        if year < self.budget_year:
            return YearKind.REALISATION
        return YearKind.BUDGET if year == self.budget_year else YearKind.FORECAST

    def row(self, indicator: Indicator | str) -> tuple[IndicatorValue, ...]:
        """One kengetal over all years, oldest first: a row of the kengetallen table."""
        return tuple(self.by_year[year][indicator] for year in self.years)


def compute_series(budget_year: int, inputs_by_year: Mapping[int, IndicatorInputs]) -> IndicatorSeries:
    """``compute_indicators`` for each year; the years need not be consecutive."""
    by_year = {int(year): compute_indicators(inputs) for year, inputs in inputs_by_year.items()}
    return IndicatorSeries(budget_year=budget_year, by_year=MappingProxyType(by_year))
