# SPDX-License-Identifier: EUPL-1.2
"""Impact shapes by their Dutch register names, and how each maps onto the template's amount columns.

    vast        Fixed(max)
    uniform     Uniform(min or 0, max)
    driehoek    Triangular(min or 0, modus, max)
    pert        Pert(min or 0, modus, max)
    lognormaal  LogNormal(median = modus, p90 = max)

For lognormaal the "meest waarschijnlijk" column holds the median and the maximum column the 90%-value,
the two numbers an expert can state for a loss without an upper bound (DESIGN §5).

``impact_from_fields`` is the one place that turns a row's verdeling/min/modus/max into an engine impact;
the register file, the web form and the API all call it, so a row means the same everywhere. Its rule for
a missing "meest waarschijnlijk gevolg" is ``MISSING_MODE_RULE``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from risicokompas.engine.distributions import Fixed, Impact, LogNormal, Pert, Triangular, Uniform
from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.present import format_exact as format_number

SHAPES: tuple[str, ...] = ("vast", "uniform", "driehoek", "pert", "lognormaal")

#: Accepted spellings (lower case) → the shape's register name; the engine's own names count too.
SHAPE_NAMES: dict[str, str] = {
    **{shape: shape for shape in SHAPES},
    "vaste": "vast",
    "vast bedrag": "vast",
    "fixed": "vast",
    "uniforme": "uniform",
    "gelijkmatig": "uniform",
    "driehoeks": "driehoek",
    "driehoeksverdeling": "driehoek",
    "triangular": "driehoek",
    "beta pert": "pert",
    "beta-pert": "pert",
    "lognormale": "lognormaal",
    "log-normaal": "lognormaal",
    "lognormal": "lognormaal",
}

SHAPE_OPTIONS = "vast, uniform, driehoek, pert of lognormaal"


def impact_columns(impact: Impact) -> dict[str, str | float]:
    """The register cells of an impact: ``verdeling`` plus the amounts the shape uses."""
    if isinstance(impact, Fixed):
        return {"verdeling": "vast", "gevolg_max": impact.value}
    if isinstance(impact, Uniform):
        return {"verdeling": "uniform", "gevolg_min": impact.low, "gevolg_max": impact.high}
    if isinstance(impact, Triangular | Pert):
        return {
            "verdeling": "driehoek" if isinstance(impact, Triangular) else "pert",
            "gevolg_min": impact.low,
            "gevolg_modus": impact.mode,
            "gevolg_max": impact.high,
        }
    if isinstance(impact, LogNormal):
        return {"verdeling": "lognormaal", "gevolg_modus": impact.median, "gevolg_max": impact.p90}
    raise TypeError(f"unknown impact {impact!r}")


#: The documented rule for driehoek and pert without a "meest waarschijnlijk gevolg", in Dutch for reports.
MISSING_MODE_RULE = (
    "bij verdeling driehoek of pert zonder meest waarschijnlijk gevolg ligt dat gevolg in het midden "
    "tussen het minimum (leeg: 0) en het maximum"
)


@dataclass(frozen=True)
class ShapedImpact:
    """An engine impact made from a row's fields, and whether ``MISSING_MODE_RULE`` supplied its modus."""

    impact: Impact
    shape: str
    assumed_mode: bool = False


def impact_from_fields(
    shape: str,
    maximum: float | None,
    minimum: float | None = None,
    mode: float | None = None,
) -> ShapedImpact:
    """The engine impact of a row's verdeling and amounts (the one shape mapping, DESIGN §3).

    ``shape`` is a register name (vast, uniform, driehoek, pert, lognormaal) or an accepted spelling of
    one; a caller passes the organisation's standaardverdeling when the row names none. An empty minimum
    is 0. Rules:

    * vast → Fixed(max); uniform → Uniform(min, max);
    * driehoek/pert → Triangular/Pert(min, modus, max). Without a modus the rule ``MISSING_MODE_RULE``
      applies: modus = (min + max) / 2, the symmetric shape whose mean equals that of uniform(min, max),
      so a row that gives only a maximum keeps the expected loss of the default uniform and only its
      spread narrows. ``assumed_mode`` is then True so a report can say the rule was used;
    * lognormaal → LogNormal(median = modus, p90 = max); a median cannot be invented (it fixes the whole
      tail), so a missing one is an error.

    Raises ``EngineInputError`` whose ``field`` is the register column at fault (``verdeling``,
    ``gevolg_max``, ``gevolg_min`` or ``gevolg_modus``) with a Dutch message.
    """
    name = SHAPE_NAMES.get(" ".join(str(shape or "").lower().split()))
    if name is None:
        raise EngineInputError("verdeling", f"'{shape}' is geen bekende verdeling; kies {SHAPE_OPTIONS}")
    if maximum is None:
        if name == "lognormaal":
            raise EngineInputError(
                "gevolg_max", "bij verdeling lognormaal hoort in deze kolom de 90%-waarde; die ontbreekt"
            )
        raise EngineInputError("gevolg_max", "het maximale financiële gevolg ontbreekt")
    high = float(maximum)
    low = float(minimum or 0.0)
    if minimum is not None and low > high:
        raise EngineInputError(
            "gevolg_min",
            f"het minimale gevolg ({_euro(low)}) is groter dan het maximale gevolg ({_euro(high)})",
        )
    if name == "vast":
        return ShapedImpact(_build(Fixed, high), name)
    if name == "uniform":
        return ShapedImpact(_build(Uniform, low, high), name)
    if name == "lognormaal":
        if mode is None:
            raise EngineInputError("gevolg_modus", "bij verdeling lognormaal is de mediaan nodig")
        if not 0 < mode < high:
            raise EngineInputError(
                "gevolg_modus",
                f"bij verdeling lognormaal moet de mediaan ({_euro(mode)}) groter zijn dan 0 en kleiner dan "
                f"de 90%-waarde ({_euro(high)})",
            )
        return ShapedImpact(_build(LogNormal, float(mode), high), name)
    assumed = mode is None
    middle = (low + high) / 2 if mode is None else float(mode)
    if not low <= middle <= high:
        raise EngineInputError(
            "gevolg_modus",
            f"het meest waarschijnlijke gevolg ({_euro(middle)}) ligt niet tussen het minimale "
            f"({_euro(low)}) en het maximale gevolg ({_euro(high)})",
        )
    cls = Triangular if name == "driehoek" else Pert
    return ShapedImpact(_build(cls, low, middle, high), name, assumed_mode=assumed)


_AMOUNT_FIELDS = ("gevolg_max", "gevolg_min", "gevolg_modus")


def _build(cls: Callable[..., Impact], *params: float) -> Impact:
    try:
        return cls(*params)
    except EngineInputError as exc:
        field = exc.field if exc.field in _AMOUNT_FIELDS else "gevolg_max"
        raise EngineInputError(field, exc.message) from None


def _euro(amount: float) -> str:
    return f"€ {format_number(amount)}"
