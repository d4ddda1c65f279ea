# SPDX-License-Identifier: EUPL-1.2
"""The methods municipalities use today, as the official method or beside the simulation (DESIGN §5).

Over the active risks (not excluded), with m_i the number of times a risk counts (``jaren`` for a
structural risk, else 1):

* Σ kans × maximum  = Σ p_i · m_i · max_i — deterministic; the mean when every impact sits at its maximum;
* Σ kans × gemiddeld gevolg = Σ p_i · m_i · E[X_i] — the expected yearly loss (the engine's ``mean``);
* som van de maxima = Σ m_i · max_i.

For a lognormal impact the "maximum" is its 90%-value, the number the register holds in that column.
An organisation picks one of these, or the simulation, as its official method (``CalculationMethod``),
optionally times a factor F: "70% van de som van de maxima" is ``som-maxima`` with F = 0,7. The chosen
figure is then the benodigde weerstandscapaciteit; the simulation and the other figures stand beside it.

Published simulated 90% outcomes of municipal profiles are typically 20–28% of the sum of maxima; the
share of this profile is a plausibility check a reader can make at a glance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.model import Profile
from risicokompas.engine.present import format_number

PUBLISHED_SHARE_RANGE = (0.20, 0.28)


class CalculationName(StrEnum):
    """The official method, by the name the command line and the settings use."""

    SIMULATION = "simulatie"
    PROBABILITY_TIMES_MAX = "kans-maal-maximum"
    PROBABILITY_TIMES_MEAN = "kans-maal-gemiddeld"
    SUM_OF_MAXIMA = "som-maxima"


CALCULATION_OPTIONS = "simulatie, kans-maal-maximum, kans-maal-gemiddeld of som-maxima"

_DESCRIPTIONS = {
    CalculationName.SIMULATION: "simulatie",
    CalculationName.PROBABILITY_TIMES_MAX: "Σ kans × maximum",
    CalculationName.PROBABILITY_TIMES_MEAN: "Σ kans × gemiddeld gevolg",
    CalculationName.SUM_OF_MAXIMA: "som van de maxima",
}


@dataclass(frozen=True)
class CalculationMethod:
    """The organisation's official way to compute the benodigde weerstandscapaciteit.

    ``factor`` F multiplies the chosen sum (default 1). The simulation has no factor: its knob is the
    zekerheidspercentage, so F must stay 1 there. Structural risks count ``jaren`` times in every method.
    """

    name: CalculationName = CalculationName.SIMULATION
    factor: float = 1.0

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "name", CalculationName(str(self.name).strip().lower()))
        except ValueError:
            raise EngineInputError(
                "rekenmethode", f"onbekende rekenmethode {self.name!r}; kies {CALCULATION_OPTIONS}"
            ) from None
        f = self.factor
        if isinstance(f, bool) or not isinstance(f, int | float) or not math.isfinite(f):
            raise EngineInputError("factor", f"{f!r} is geen geldige factor")
        if f <= 0:
            raise EngineInputError("factor", "de factor moet groter zijn dan 0")
        if self.name is CalculationName.SIMULATION and f != 1:
            raise EngineInputError(
                "factor",
                "bij de simulatie hoort geen factor; kies het zekerheidspercentage, of een rekenmethode "
                "als kans-maal-maximum of som-maxima",
            )
        object.__setattr__(self, "factor", float(f))

    @property
    def is_simulation(self) -> bool:
        return self.name is CalculationName.SIMULATION

    @property
    def description(self) -> str:
        """Dutch, for reports: "0,9 × Σ kans × maximum", "som van de maxima", "simulatie"."""
        text = _DESCRIPTIONS[self.name]
        if self.factor == 1:
            return text
        return f"{format_number(self.factor, _decimals(self.factor))} × {text}"


def _decimals(x: float) -> int:
    text = repr(float(x))
    return 0 if float(x).is_integer() else min(len(text.partition(".")[2]), 6)


@dataclass(frozen=True)
class ConventionalFigures:
    """The conventional sums of a profile (before any factor), next to a simulated required capacity.

    ``factor``/``factor_of_sum_max`` is the fixed comparison "70% of the sum of maxima" that the
    dashboard shows; the organisation's own factor lives in ``CalculationMethod``.
    """

    probability_times_max: float
    sum_max: float
    factor: float
    factor_of_sum_max: float
    simulated: float
    probability_times_mean: float = 0.0

    @property
    def simulated_share_of_sum_max(self) -> float | None:
        return self.simulated / self.sum_max if self.sum_max > 0 else None

    @property
    def within_published_range(self) -> bool | None:
        share = self.simulated_share_of_sum_max
        if share is None:
            return None
        low, high = PUBLISHED_SHARE_RANGE
        return low <= share <= high

    def sums(self) -> dict[str, float]:
        """The three sums by the JSON names: kans_maal_maximum, kans_maal_gemiddeld, som_maxima."""
        return {
            "kans_maal_maximum": self.probability_times_max,
            "kans_maal_gemiddeld": self.probability_times_mean,
            "som_maxima": self.sum_max,
        }


def conventional_figures(profile: Profile, simulated: float, factor: float = 0.70) -> ConventionalFigures:
    """Σ p·m·max, Σ p·m·E[X], Σ m·max and factor·Σ m·max over the active risks, next to a simulated figure."""
    if not 0 < factor <= 1:
        raise ValueError("de factor moet tussen 0 en 1 liggen")
    risks = profile.active
    multipliers = [r.multiplier(profile.structural_years) for r in risks]
    maxima = [r.impact.nominal_max * m for r, m in zip(risks, multipliers, strict=True)]
    sum_max = math.fsum(maxima)
    return ConventionalFigures(
        probability_times_max=math.fsum(r.probability * x for r, x in zip(risks, maxima, strict=True)),
        probability_times_mean=math.fsum(
            r.probability * m * r.impact.mean() for r, m in zip(risks, multipliers, strict=True)
        ),
        sum_max=sum_max,
        factor=factor,
        factor_of_sum_max=factor * sum_max,
        simulated=float(simulated),
    )


@dataclass(frozen=True)
class RequiredCapacity:
    """The benodigde weerstandscapaciteit by the official method, with the simulation and the sums beside it.

    ``value`` is the figure the ratio and the class use; ``conventional`` holds the sums before the factor.
    """

    method: CalculationMethod
    value: float
    simulated: float
    conventional: ConventionalFigures

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``required_capacity`` (the chosen figure), ``calculation``, ``factor``,
        ``simulated_required_capacity`` and ``conventional`` (the three sums before the factor)."""
        return {
            "required_capacity": self.value,
            "calculation": self.method.name.value,
            "factor": self.method.factor,
            "simulated_required_capacity": self.simulated,
            "conventional": self.conventional.sums(),
        }


def required_capacity(
    profile: Profile, simulated: float, method: CalculationMethod | None = None
) -> RequiredCapacity:
    """The required capacity by ``method`` (default: the simulation) for ``profile``.

    ``simulated`` is the simulation's quantile at the certainty level (``result.required_capacity``).
    simulatie → that quantile; kans-maal-maximum → F·Σ p·m·max; kans-maal-gemiddeld → F·Σ p·m·E[X];
    som-maxima → F·Σ m·max (m: years a structural risk counts, else 1).
    """
    method = method or CalculationMethod()
    figures = conventional_figures(profile, simulated)
    chosen = {
        CalculationName.SIMULATION: figures.simulated,
        CalculationName.PROBABILITY_TIMES_MAX: figures.probability_times_max,
        CalculationName.PROBABILITY_TIMES_MEAN: figures.probability_times_mean,
        CalculationName.SUM_OF_MAXIMA: figures.sum_max,
    }[method.name]
    value = chosen if method.is_simulation else method.factor * chosen
    return RequiredCapacity(method=method, value=value, simulated=figures.simulated, conventional=figures)
