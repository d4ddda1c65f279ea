# SPDX-License-Identifier: EUPL-1.2
"""Kansklasse, gevolgklasse, risicoscore and the 5×5 risicokaart (DESIGN §5).

A risk's place on the map is (kansklasse, gevolgklasse); its score is their product and the score's colour
follows configurable thresholds. The map is a frozen result: rendering it is the templates' job.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from risicokompas.engine.errors import EngineInputError

CLASSES: tuple[int, ...] = (1, 2, 3, 4, 5)

#: Upper bounds of kansklasse 1–4; a probability above the last one is kansklasse 5.
PROBABILITY_UPPER_BOUNDS: tuple[float, ...] = (0.10, 0.30, 0.50, 0.70)


def _check_number(value: float, field_name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise EngineInputError(field_name, f"{value!r} is geen geldig getal")
    return float(value)


def _check_class(value: int, field_name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in CLASSES:
        raise EngineInputError(field_name, f"{field_name} {value!r} bestaat niet (1 t/m 5)")
    return value


def _class_by_upper_bounds(value: float, upper_bounds: tuple[float, ...]) -> int:
    """1 + the number of upper bounds the value exceeds: each bound belongs to the lower class."""
    return 1 + bisect.bisect_left(upper_bounds, value)  # the bounds ascend: count those below the value


def probability_class(p: float) -> int:
    """Kansklasse 1–5 of a probability p ∈ [0, 1]: ≤ 10%, ≤ 30%, ≤ 50%, ≤ 70%, > 70% (DESIGN §5).

    Each upper bound belongs to its class: 0,10 → 1, 0,1000001 → 2, 0,70 → 4.
    """
    p = _check_number(p, "kans")
    if not 0.0 <= p <= 1.0:
        raise EngineInputError("kans", f"kans {p} ligt niet tussen 0 en 1")
    return _class_by_upper_bounds(p, PROBABILITY_UPPER_BOUNDS)


@dataclass(frozen=True)
class GevolgBands:
    """Upper bounds in euros of gevolgklasse 1–4; an amount above the last bound is gevolgklasse 5.

    Set per organisation; default ≤ 50.000, ≤ 200.000, ≤ 500.000, ≤ 1.000.000, > 1.000.000 (DESIGN §5).
    The bounds must be positive and strictly ascending.
    """

    upper_bounds: tuple[float, float, float, float] = (50_000, 200_000, 500_000, 1_000_000)

    def __post_init__(self) -> None:
        bounds = tuple(_check_number(b, "gevolgklassen") for b in self.upper_bounds)
        if len(bounds) != 4:
            raise EngineInputError("gevolgklassen", f"er zijn 4 bovengrenzen nodig, niet {len(bounds)}")
        if bounds[0] <= 0:
            raise EngineInputError("gevolgklassen", "de bovengrenzen moeten groter zijn dan 0")
        if any(lower >= upper for lower, upper in itertools.pairwise(bounds)):
            raise EngineInputError("gevolgklassen", "de bovengrenzen moeten oplopen")
        object.__setattr__(self, "upper_bounds", bounds)

    @classmethod
    def from_bounds(cls, bounds: Iterable[float]) -> GevolgBands:
        """Bands from bounds of any length (stored or typed in); a count other than 4 is an error."""
        values = tuple(bounds)
        if len(values) != 4:
            raise EngineInputError("gevolgklassen", f"er zijn 4 bovengrenzen nodig, niet {len(values)}")
        return cls((values[0], values[1], values[2], values[3]))


DEFAULT_BANDS = GevolgBands()


def impact_class(amount: float, bands: GevolgBands = DEFAULT_BANDS) -> int:
    """Gevolgklasse 1–5 of an amount in euros: the first band whose upper bound it does not exceed.

    With the default bands 50.000 → 1, 50.000,01 → 2, 1.000.000 → 4, 1.000.000,01 → 5.
    """
    amount = _check_number(amount, "gevolg")
    if amount < 0:
        raise EngineInputError("gevolg", f"bedrag {amount} mag niet negatief zijn")
    return _class_by_upper_bounds(amount, bands.upper_bounds)


def score(kansklasse: int, gevolgklasse: int) -> int:
    """Risicoscore = kansklasse × gevolgklasse, 1–25 (DESIGN §5)."""
    return _check_class(kansklasse, "kansklasse") * _check_class(gevolgklasse, "gevolgklasse")


class RiskColour(StrEnum):
    """Colour of a score on the risicokaart."""

    GREEN = "groen"
    ORANGE = "oranje"
    RED = "rood"


@dataclass(frozen=True)
class ScoreColours:
    """Score thresholds of the colours: green if score ≤ ``green_max``, orange if ≤ ``orange_max``, else red.

    Default 4 and 12: green 1–4, orange 5–12, red 15–25 (DESIGN §5). Needs 1 ≤ green_max < orange_max ≤ 25
    (orange_max = 25 leaves no red cell, which an organisation may choose).
    """

    green_max: int = 4
    orange_max: int = 12

    def __post_init__(self) -> None:
        for name in ("green_max", "orange_max"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 25:
                raise EngineInputError("kleurgrenzen", f"{value!r} is geen score van 1 t/m 25")
        if self.green_max >= self.orange_max:
            raise EngineInputError("kleurgrenzen", "de grens voor groen moet lager zijn dan die voor oranje")

    def colour(self, score: int) -> RiskColour:
        """The colour of a score 1–25 under these thresholds."""
        if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 25:
            raise EngineInputError("score", f"{score!r} is geen score van 1 t/m 25")
        if score <= self.green_max:
            return RiskColour.GREEN
        if score <= self.orange_max:
            return RiskColour.ORANGE
        return RiskColour.RED


DEFAULT_COLOURS = ScoreColours()


def colour(score: int, colours: ScoreColours = DEFAULT_COLOURS) -> RiskColour:
    """'groen', 'oranje' or 'rood' for a score (see ``ScoreColours``)."""
    return colours.colour(score)


@dataclass(frozen=True)
class RiskMapCell:
    """One cell of the risicokaart with the ids of the risks in it (in input order)."""

    kansklasse: int
    gevolgklasse: int
    risk_ids: tuple[str, ...]
    score: int
    colour: RiskColour

    @property
    def count(self) -> int:
        return len(self.risk_ids)


@dataclass(frozen=True)
class RiskMap:
    """The 5×5 risicokaart: ``cells[(kansklasse, gevolgklasse)]`` for all 25 cells, empty ones included."""

    cells: Mapping[tuple[int, int], RiskMapCell]
    bands: GevolgBands = field(default=DEFAULT_BANDS)
    colours: ScoreColours = field(default=DEFAULT_COLOURS)

    def cell(self, kansklasse: int, gevolgklasse: int) -> RiskMapCell:
        return self.cells[
            (_check_class(kansklasse, "kansklasse"), _check_class(gevolgklasse, "gevolgklasse"))
        ]

    @property
    def total(self) -> int:
        """Number of risks on the map."""
        return sum(cell.count for cell in self.cells.values())

    def rows(self) -> tuple[tuple[RiskMapCell, ...], ...]:
        """Rows for rendering: kansklasse 5 at the top, each row gevolgklasse 1 to 5 from left to right."""
        return tuple(tuple(self.cells[(k, g)] for g in CLASSES) for k in sorted(CLASSES, reverse=True))


def risk_map(
    items: Iterable[tuple[str, float, float]],
    bands: GevolgBands = DEFAULT_BANDS,
    colours: ScoreColours = DEFAULT_COLOURS,
) -> RiskMap:
    """Place each (risk_id, probability, amount) on the risicokaart.

    kansklasse = ``probability_class(probability)``, gevolgklasse = ``impact_class(amount, bands)``; the
    cell's score and colour follow ``score`` and ``colours``. Risk ids must be unique.
    """
    placed: dict[tuple[int, int], list[str]] = {(k, g): [] for k in CLASSES for g in CLASSES}
    seen: set[str] = set()
    for risk_id, probability, amount in items:
        if risk_id in seen:
            raise EngineInputError("id", f"risico-id {risk_id} komt meer dan eens voor")
        seen.add(risk_id)
        try:
            position = (probability_class(probability), impact_class(amount, bands))
        except EngineInputError as exc:
            raise EngineInputError(exc.field, f"risico {risk_id}: {exc.message}") from exc
        placed[position].append(risk_id)
    cells = {
        (k, g): RiskMapCell(k, g, tuple(ids), score(k, g), colours.colour(score(k, g)))
        for (k, g), ids in placed.items()
    }
    return RiskMap(cells=MappingProxyType(cells), bands=bands, colours=colours)
