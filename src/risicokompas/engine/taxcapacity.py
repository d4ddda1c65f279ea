# SPDX-License-Identifier: EUPL-1.2
"""Onbenutte belastingcapaciteit: the room to raise local taxes, one part of the weerstandscapaciteit.

Four parts, each ≥ 0 (a municipality already above a norm has no room there, not a negative one):

- OZB woningen     = max(0, (norm − eigen tarief woningen) / 100 × WOZ-waarde woningen);
- OZB niet-woningen = max(0, (norm − eigen tarief niet-woningen) / 100 × WOZ-waarde niet-woningen);
- rioolheffing      = max(0, kosten riolering − opbrengst rioolheffing);
- afvalstoffenheffing = max(0, kosten afval − opbrengst afvalstoffenheffing).

The norm is the OZB rate the Financiële-verhoudingswet requires of an artikel-12 gemeente (the
"redelijk peil"); rates are percentages of the WOZ value (0,1234 means 0,1234%). The heffingen may cover at
most 100% of their costs, so the room is the uncovered part of the costs. A part whose inputs are missing
is ``None`` with a Dutch reason; the total adds the parts that could be computed. No Django here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from risicokompas.engine.errors import check_inputs

#: Dutch label of every input, used in reasons and errors.
INPUT_LABELS = {
    "norm_rate": "artikel-12-norm OZB",
    "own_rate_dwellings": "eigen OZB-tarief woningen",
    "woz_dwellings": "WOZ-waarde woningen",
    "own_rate_non_dwellings": "eigen OZB-tarief niet-woningen",
    "woz_non_dwellings": "WOZ-waarde niet-woningen",
    "sewage_revenue": "opbrengst rioolheffing",
    "sewage_costs": "kosten riolering",
    "waste_revenue": "opbrengst afvalstoffenheffing",
    "waste_costs": "kosten afvalinzameling en -verwerking",
}


@dataclass(frozen=True)
class TaxCapacityInputs:
    """Rates in percent of the WOZ value, amounts in euros; any input may be ``None`` (unknown), none < 0."""

    norm_rate: float | None = None
    own_rate_dwellings: float | None = None
    woz_dwellings: float | None = None
    own_rate_non_dwellings: float | None = None
    woz_non_dwellings: float | None = None
    sewage_revenue: float | None = None
    sewage_costs: float | None = None
    waste_revenue: float | None = None
    waste_costs: float | None = None

    def __post_init__(self) -> None:
        check_inputs(
            self,
            INPUT_LABELS,
            invalid="{label}: {value} is geen geldig getal",
            negative="{label}: {value} mag niet negatief zijn",
        )


@dataclass(frozen=True)
class TaxCapacityPart:
    """One part of the unused tax capacity: an amount ≥ 0, or ``None`` with the reason why not."""

    key: str
    label: str
    value: float | None
    reason: str | None = None
    note: str | None = None  # e.g. that the own rate is already above the norm


@dataclass(frozen=True)
class TaxCapacityBreakdown:
    """The four parts and their total (the sum of the parts that could be computed)."""

    ozb_dwellings: TaxCapacityPart
    ozb_non_dwellings: TaxCapacityPart
    sewage: TaxCapacityPart
    waste: TaxCapacityPart

    @property
    def parts(self) -> tuple[TaxCapacityPart, ...]:
        return (self.ozb_dwellings, self.ozb_non_dwellings, self.sewage, self.waste)

    @property
    def total(self) -> float | None:
        """Σ of the computed parts; ``None`` when no part could be computed."""
        known = [part.value for part in self.parts if part.value is not None]
        return float(sum(known)) if known else None

    @property
    def complete(self) -> bool:
        return all(part.value is not None for part in self.parts)


def _decimal(value: float) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _missing(inputs: TaxCapacityInputs, names: tuple[str, ...]) -> str | None:
    missing = [INPUT_LABELS[name] for name in names if getattr(inputs, name) is None]
    return f"Niet te berekenen: ontbreekt: {', '.join(missing)}." if missing else None


def _ozb_part(inputs: TaxCapacityInputs, key: str, label: str, rate: str, woz: str) -> TaxCapacityPart:
    reason = _missing(inputs, ("norm_rate", rate, woz))
    if reason or inputs.norm_rate is None:  # a missing norm is in the reason; the check narrows the type
        return TaxCapacityPart(key, label, None, reason)
    room = _decimal(inputs.norm_rate) - _decimal(getattr(inputs, rate))
    if room <= 0:
        note = "Het eigen tarief ligt op of boven de norm: geen ruimte."
        return TaxCapacityPart(key, label, 0.0, note=note)
    return TaxCapacityPart(key, label, float(room / 100 * _decimal(getattr(inputs, woz))))


def _levy_part(inputs: TaxCapacityInputs, key: str, label: str, revenue: str, costs: str) -> TaxCapacityPart:
    reason = _missing(inputs, (revenue, costs))
    if reason:
        return TaxCapacityPart(key, label, None, reason)
    room = _decimal(getattr(inputs, costs)) - _decimal(getattr(inputs, revenue))
    if room <= 0:
        note = "De opbrengst dekt de kosten al volledig: geen ruimte."
        return TaxCapacityPart(key, label, 0.0, note=note)
    return TaxCapacityPart(key, label, float(room))


def unused_tax_capacity(inputs: TaxCapacityInputs) -> TaxCapacityBreakdown:
    """The onbenutte belastingcapaciteit per part (see the module docstring for the formulas).

    Example: norm 0,1000%, own rate 0,0800%, WOZ € 1.000.000.000 → OZB woningen = 0,02 / 100 × 10⁹
    = € 200.000. Costs riolering € 5.000.000, revenue € 4.500.000 → rioolheffing = € 500.000.
    """
    return TaxCapacityBreakdown(
        ozb_dwellings=_ozb_part(
            inputs, "ozb_dwellings", "OZB woningen", "own_rate_dwellings", "woz_dwellings"
        ),
        ozb_non_dwellings=_ozb_part(
            inputs, "ozb_non_dwellings", "OZB niet-woningen", "own_rate_non_dwellings", "woz_non_dwellings"
        ),
        sewage=_levy_part(inputs, "sewage", "Rioolheffing", "sewage_revenue", "sewage_costs"),
        waste=_levy_part(inputs, "waste", "Afvalstoffenheffing", "waste_revenue", "waste_costs"),
    )


def counts_in_available(total: float | None, already_counted_as_item: bool) -> bool:
    """Whether the computed onbenutte belastingcapaciteit is added to the available capacity.

    Only when something was computed (a positive total) and no capacity item of the kind "onbenutte
    belastingcapaciteit" already holds it: otherwise the same room would be counted twice, and an entered
    item wins because the controller chose it.
    """
    return total is not None and total > 0 and not already_counted_as_item
