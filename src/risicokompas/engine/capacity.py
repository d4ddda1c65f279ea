# SPDX-License-Identifier: EUPL-1.2
"""The ratio weerstandsvermogen, its class (NAR/Universiteit Twente, or the organisation's own scale) and
its norm.

ratio = beschikbare weerstandscapaciteit / benodigde weerstandscapaciteit (DESIGN §5). The class is always
taken from the unrounded ratio; only the display rounds (two decimals, see ``present.format_ratio``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any, TypeVar, overload

from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.present import format_ratio


def _check_number(value: float, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise EngineInputError(field, f"{value!r} is geen geldig getal")
    return float(value)


def _check_amount(value: float, field: str) -> float:
    value = _check_number(value, field)
    if value < 0:
        raise EngineInputError(field, f"bedrag {value} mag niet negatief zijn")
    return value


Amount = TypeVar("Amount", float, Decimal)


def year_total(amounts: Sequence[Amount | None], zero: Amount, *, later_year: bool) -> Amount | None:
    """Σ one year's capacity over the components that count (a PM component, whose amount is not known,
    is left out by the caller: it is listed, never counted).

    Year t: the sum of the amounts given (``zero`` without any). A later year: None ("niet geraamd") unless
    every component has an amount for it; a total over only some of them would understate what is
    available, and a ratio on it would be a figure nobody planned.
    """
    if later_year and (not amounts or any(amount is None for amount in amounts)):
        return None
    return sum((amount for amount in amounts if amount is not None), zero)


def capacity_ratio(available: float, required: float) -> float | None:
    """Ratio weerstandsvermogen = beschikbare / benodigde weerstandscapaciteit (DESIGN §5).

    Returns ``None`` when the required capacity is 0: without risks there is nothing to cover, and the
    ratio is undefined (not infinite) — the report shows "–" instead of a class. Negative amounts are
    rejected; a deficit in the reserves belongs in the available capacity as 0, with an explanation.
    """
    available = _check_amount(available, "beschikbare_capaciteit")
    required = _check_amount(required, "benodigde_capaciteit")
    if required == 0:
        return None
    return available / required


class RatioClass(Enum):
    """Waarderingsklasse of the ratio weerstandsvermogen (NAR/Universiteit Twente).

    A > 2,0 · B 1,4 ≤ r ≤ 2,0 · C 1,0 ≤ r < 1,4 · D 0,8 ≤ r < 1,0 · E 0,6 ≤ r < 0,8 · F r < 0,6.
    B includes both its bounds (DESIGN §5), so 2,0 is B and 1,4 is B; every other class includes its
    lower bound only. Each member carries (letter, label, lower, upper); ``None`` means unbounded.
    """

    A = ("A", "uitstekend", 2.0, None)
    B = ("B", "ruim voldoende", 1.4, 2.0)
    C = ("C", "voldoende", 1.0, 1.4)
    D = ("D", "matig", 0.8, 1.0)
    E = ("E", "onvoldoende", 0.6, 0.8)
    F = ("F", "ruim onvoldoende", None, 0.6)

    def __init__(self, letter: str, label: str, lower: float | None, upper: float | None) -> None:
        self.letter = letter
        self.label = label
        self.lower = lower
        self.upper = upper

    def __str__(self) -> str:
        return f"{self.letter} ({self.label})"


@overload
def classify_ratio(ratio: float | None, scale: None = None) -> RatioClass | None: ...
@overload
def classify_ratio(ratio: float | None, scale: RatioScale | None) -> RatioClass | RatioBand | None: ...
def classify_ratio(ratio: float | None, scale: RatioScale | None = None) -> RatioClass | RatioBand | None:
    """The class of an unrounded ratio; ``None`` (no required capacity) has no class.

    Without ``scale`` the NAR table (``RatioClass``); with one, the organisation's own band. 1,3999 shows
    as "1,40" but is C, 2,0000001 shows as "2,00" but is A: the class follows the number, not its display.
    """
    if ratio is None:
        return None
    ratio = _check_number(ratio, "ratio")
    if scale is not None:
        return scale.classify(ratio)
    a_lower = RatioClass.A.lower
    if a_lower is not None and ratio > a_lower:  # A alone excludes its lower bound: exactly 2,0 is still B
        return RatioClass.A
    return next(cls for cls in list(RatioClass)[1:] if cls.lower is None or ratio >= cls.lower)


@dataclass(frozen=True)
class RatioBand:
    """One class of a ratio scale: its letter, its label and its lower bound.

    ``lower`` is None only for the lowest class. ``includes_lower`` says whether a ratio exactly at the
    bound belongs here (True) or to the class below (False); the upper bound is the lower bound of the
    class above, see ``RatioScale.bounds``.
    """

    letter: str
    label: str
    lower: float | None
    includes_lower: bool = True

    def __str__(self) -> str:
        return f"{self.letter} ({self.label})"


@dataclass(frozen=True)
class RatioScale:
    """An organisation's own classes for the ratio weerstandsvermogen, highest class first.

    Rules (checked here, messages in Dutch): at least two classes; every letter and label filled in, each
    letter once; every class but the last has a lower bound ≥ 0, strictly falling from class to class;
    the last class has no lower bound, so every ratio has exactly one class. ``NAR_SCALE`` is the default.
    """

    bands: tuple[RatioBand, ...]

    def __post_init__(self) -> None:
        bands = tuple(self.bands)
        object.__setattr__(self, "bands", bands)
        if len(bands) < 2:
            raise EngineInputError("schaal", "een schaal heeft minstens twee klassen")
        seen: set[str] = set()
        for position, band in enumerate(bands, start=1):
            if not isinstance(band, RatioBand):
                raise EngineInputError("schaal", f"klasse {position} is geen klasse van een schaal")
            name = str(band.letter or "").strip()
            if not name:
                raise EngineInputError("schaal", f"klasse {position} heeft geen letter of naam")
            if name.lower() in seen:
                raise EngineInputError("schaal", f"klasse {name} komt twee keer voor")
            seen.add(name.lower())
            if not str(band.label or "").strip():
                raise EngineInputError("schaal", f"klasse {name} heeft geen omschrijving")
            last = position == len(bands)
            if last and band.lower is not None:
                raise EngineInputError(
                    "schaal",
                    f"de laagste klasse ({name}) heeft geen ondergrens: zij vangt elke lagere ratio op",
                )
            if last:
                continue
            if band.lower is None:
                raise EngineInputError(
                    "schaal", f"klasse {name} heeft geen ondergrens; alleen de laagste klasse mag die missen"
                )
            lower = _check_number(band.lower, "schaal")
            if lower < 0:
                raise EngineInputError(
                    "schaal", f"klasse {name}: de ondergrens {format_ratio(lower)} mag niet negatief zijn"
                )
            # The previous class is not the last, so its lower bound was checked above and is set.
            previous = bands[position - 2] if position > 1 else None
            if previous is not None and previous.lower is not None and not lower < previous.lower:
                raise EngineInputError(
                    "schaal",
                    f"klasse {name}: de ondergrens {format_ratio(lower)} moet lager zijn dan die van klasse "
                    f"{previous.letter} ({format_ratio(previous.lower)})",
                )

    def classify(self, ratio: float) -> RatioBand:
        """The band of an unrounded ratio."""
        ratio = _check_number(ratio, "ratio")
        for band in self.bands:
            if band.lower is None or ratio > band.lower or (band.includes_lower and ratio == band.lower):
                return band
        raise AssertionError("the last band has no lower bound")  # pragma: no cover

    def bounds(self, band: RatioBand) -> tuple[float | None, float | None]:
        """(lower, upper) of a band; None is unbounded. The upper bound is the lower bound above it."""
        index = self.bands.index(band)
        upper = self.bands[index - 1].lower if index > 0 else None
        return band.lower, upper

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, for storing the organisation's scale."""
        return {
            "bands": [
                {"letter": b.letter, "label": b.label, "lower": b.lower, "includes_lower": b.includes_lower}
                for b in self.bands
            ]
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RatioScale:
        """The scale stored by ``to_dict``; a malformed one raises EngineInputError("schaal", …)."""
        try:
            items = list(data["bands"])
            bands = tuple(
                RatioBand(
                    letter=str(item["letter"]),
                    label=str(item["label"]),
                    lower=item.get("lower"),
                    includes_lower=bool(item.get("includes_lower", True)),
                )
                for item in items
            )
        except (KeyError, TypeError, AttributeError):
            raise EngineInputError(
                "schaal", "de schaal is onvolledig: elke klasse heeft een letter, omschrijving en ondergrens"
            ) from None
        return cls(bands)


class NormStatus(StrEnum):
    """Where the ratio stands against the organisation's own norm."""

    BELOW = "onder norm"
    WITHIN = "binnen norm"
    ABOVE = "boven norm"


@dataclass(frozen=True)
class NormCheck:
    """Verdict of a ratio against a norm; ``status`` is None when there is no ratio or no norm."""

    ratio: float | None
    minimum: float | None
    maximum: float | None
    status: NormStatus | None
    message: str


def _check_norm_bounds(minimum: float | None, maximum: float | None) -> None:
    if minimum is not None:
        _check_amount(minimum, "norm_minimum")
    if maximum is not None:
        _check_amount(maximum, "norm_maximum")
    if minimum is not None and maximum is not None and maximum < minimum:
        raise EngineInputError("norm_maximum", "de maximale ratio is kleiner dan de minimale ratio")


def _norm_text(minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f"de norm van {format_ratio(minimum)} tot en met {format_ratio(maximum)}"
    if minimum is not None:
        return f"de norm van minimaal {format_ratio(minimum)}"
    return f"de norm van maximaal {format_ratio(maximum)}"


def check_norm(ratio: float | None, minimum: float | None, maximum: float | None = None) -> NormCheck:
    """Compare a ratio with the organisation's norm: minimum ≤ ratio ≤ maximum is "binnen norm".

    Both bounds are inclusive (a ratio exactly at the minimum meets the norm). The maximum is optional;
    some councils set one so that reserves are not held without purpose. Like the class, the verdict
    uses the unrounded ratio. Without a ratio (no required capacity) or without any bound there is no
    verdict: ``status`` is None and the message says why.
    """
    _check_norm_bounds(minimum, maximum)
    if minimum is None and maximum is None:
        return NormCheck(ratio, minimum, maximum, None, "Er is geen norm voor de ratio vastgesteld.")
    if ratio is None:
        message = "Geen oordeel over de norm: er is geen benodigde weerstandscapaciteit, dus geen ratio."
        return NormCheck(ratio, minimum, maximum, None, message)
    ratio = _check_number(ratio, "ratio")
    if minimum is not None and ratio < minimum:
        status, verb = NormStatus.BELOW, "ligt onder"
    elif maximum is not None and ratio > maximum:
        status, verb = NormStatus.ABOVE, "ligt boven"
    else:
        status, verb = NormStatus.WITHIN, "voldoet aan"
    message = f"De ratio van {format_ratio(ratio)} {verb} {_norm_text(minimum, maximum)}."
    return NormCheck(ratio, minimum, maximum, status, message)


@dataclass(frozen=True)
class RatioAssessment:
    """A ratio with its class; both None when nothing is required."""

    available: float
    required: float
    ratio: float | None
    ratio_class: RatioClass | RatioBand | None


def assess(available: float, required: float, scale: RatioScale | None = None) -> RatioAssessment:
    """``capacity_ratio`` and ``classify_ratio`` of one pair of amounts (NAR table unless ``scale``)."""
    ratio = capacity_ratio(available, required)
    return RatioAssessment(float(available), float(required), ratio, classify_ratio(ratio, scale))


@dataclass(frozen=True)
class SplitRatios:
    """Separate ratios for incidental and structural risks (DESIGN §5, optional)."""

    incidental: RatioAssessment
    structural: RatioAssessment


def split_ratios(
    incidental_available: float,
    incidental_required: float,
    structural_available: float,
    structural_required: float,
) -> SplitRatios:
    """Incidental capacity against incidental risks, structural capacity against structural risks.

    Each ratio follows ``capacity_ratio`` and is classified on its own (NAR table).
    """
    return SplitRatios(
        incidental=assess(incidental_available, incidental_required),
        structural=assess(structural_available, structural_required),
    )


#: The NAR/Universiteit Twente table as a scale: the default, identical to ``RatioClass``.
NAR_SCALE = RatioScale(
    tuple(
        RatioBand(cls.letter, cls.label, cls.lower, includes_lower=cls is not RatioClass.A)
        for cls in RatioClass
    )
)
