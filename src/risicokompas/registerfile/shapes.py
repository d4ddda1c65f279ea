# SPDX-License-Identifier: EUPL-1.2
"""Impact shapes by their Dutch register names, and how each maps onto the template's amount columns.

    vast        Fixed(max)
    uniform     Uniform(min or 0, max)
    driehoek    Triangular(min or 0, modus, max)
    pert        Pert(min or 0, modus, max)
    lognormaal  LogNormal(median = modus, p90 = max)

For lognormaal the "meest waarschijnlijk" column holds the median and the maximum column the 90%-value,
the two numbers an expert can state for a loss without an upper bound (DESIGN §5).
"""

from __future__ import annotations

from risicokompas.engine.distributions import Fixed, Impact, LogNormal, Pert, Triangular, Uniform

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


def impact_columns(impact: Impact) -> dict[str, object]:
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
