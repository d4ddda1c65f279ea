# SPDX-License-Identifier: EUPL-1.2
"""Impact distributions: the loss if a risk occurs.

Each distribution is a frozen dataclass that knows its moments, its CDF and its inverse CDF (``ppf``).
The aggregation methods need nothing else, so a new distribution adds only its maths here. The inverse CDF
is written once, as ``inverse_cdf(u, *parameters)`` with parameters that may be arrays (one column per
risk): ``ppf`` applies it to the distribution's own parameters, Monte Carlo to many risks at once.

All amounts are in euros and non-negative. ``nominal_max`` is the amount a register shows as the
"maximaal financieel gevolg" and that counts in the sum of maxima.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from scipy import special

from risicokompas.engine.errors import EngineInputError

# z-value of the 90th percentile of the standard normal distribution.
Z90 = float(special.ndtri(0.9))

#: A level or parameter of ``inverse_cdf``: one number, or an array (one column per risk).
Parameter = float | np.ndarray


def _check_amount(value: float, field: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise EngineInputError(field, f"{value!r} is geen geldig bedrag")
    if value < 0:
        raise EngineInputError(field, f"bedrag {value} mag niet negatief zijn")
    return float(value)


class _Inverse:
    """``ppf`` from the class's vectorised ``inverse_cdf`` and the names of its parameters."""

    ppf_parameters: ClassVar[tuple[str, ...]]
    affine: ClassVar[bool] = False  # inverse_cdf is linear in u (Monte Carlo uses that for speed)
    #: F⁻¹(u, *parameters), vectorised; each distribution defines it as a staticmethod.
    inverse_cdf: ClassVar[Callable[..., Parameter]]

    def ppf(self, u: np.ndarray) -> np.ndarray:
        parameters = (getattr(self, name) for name in self.ppf_parameters)
        return np.array(self.inverse_cdf(np.asarray(u, dtype=float), *parameters), dtype=float)


class _Bounded(_Inverse):
    """Shared by the distributions with a finite maximum."""

    @property
    def upper(self) -> float:
        """The largest possible loss; each distribution defines it."""
        raise NotImplementedError

    def excess_mean(self, cut: float) -> float:
        """E[(X − cut)⁺]; only used beyond the maximum, where it is zero (a bounded impact is never cut)."""
        if cut >= self.upper:
            return 0.0
        raise ValueError("a bounded impact is not cut below its maximum")


@dataclass(frozen=True)
class Fixed(_Bounded):
    """The loss is always ``value``."""

    value: float
    kind: ClassVar[str] = "fixed"
    ppf_parameters: ClassVar[tuple[str, ...]] = ("value",)

    def __post_init__(self) -> None:
        _check_amount(self.value, "gevolg")

    @property
    def nominal_max(self) -> float:
        return self.value

    @property
    def upper(self) -> float:
        return self.value

    def mean(self) -> float:
        return self.value

    def second_moment(self) -> float:
        return self.value**2

    def cdf(self, x: np.ndarray) -> np.ndarray:
        return (np.asarray(x, dtype=float) >= self.value).astype(float)

    @staticmethod
    def inverse_cdf(u: Parameter, value: Parameter) -> Parameter:
        return np.broadcast_to(value, np.broadcast_shapes(np.shape(u), np.shape(value)))


@dataclass(frozen=True)
class Uniform(_Bounded):
    """Every amount between ``low`` and ``high`` equally likely ("niet, geheel of gedeeltelijk")."""

    low: float
    high: float
    kind: ClassVar[str] = "uniform"
    ppf_parameters: ClassVar[tuple[str, ...]] = ("low", "high")
    affine: ClassVar[bool] = True

    def __post_init__(self) -> None:
        _check_amount(self.low, "gevolg_min")
        _check_amount(self.high, "gevolg_max")
        if self.high < self.low:
            raise EngineInputError("gevolg_max", "het maximum is kleiner dan het minimum")

    @property
    def nominal_max(self) -> float:
        return self.high

    @property
    def upper(self) -> float:
        return self.high

    def mean(self) -> float:
        return (self.low + self.high) / 2

    def second_moment(self) -> float:
        a, b = self.low, self.high
        return (a * a + a * b + b * b) / 3

    def cdf(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        if self.high == self.low:
            return (x >= self.low).astype(float)
        return np.clip((x - self.low) / (self.high - self.low), 0.0, 1.0)

    @staticmethod
    def inverse_cdf(u: Parameter, low: Parameter, high: Parameter) -> Parameter:
        return low + (high - low) * u


def _check_three_points(low: float, mode: float, high: float) -> None:
    _check_amount(low, "gevolg_min")
    _check_amount(mode, "gevolg_modus")
    _check_amount(high, "gevolg_max")
    if not low <= mode <= high:
        raise EngineInputError("gevolg_modus", "minimum ≤ meest waarschijnlijk ≤ maximum is niet voldaan")
    if high == low:
        raise EngineInputError("gevolg_max", "het maximum moet groter zijn dan het minimum")


@dataclass(frozen=True)
class Triangular(_Bounded):
    """Triangular distribution on [low, high] with its peak at ``mode``."""

    low: float
    mode: float
    high: float
    kind: ClassVar[str] = "triangular"
    ppf_parameters: ClassVar[tuple[str, ...]] = ("low", "mode", "high")

    def __post_init__(self) -> None:
        _check_three_points(self.low, self.mode, self.high)

    @property
    def nominal_max(self) -> float:
        return self.high

    @property
    def upper(self) -> float:
        return self.high

    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3

    def second_moment(self) -> float:
        a, c, b = self.low, self.mode, self.high
        variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        return variance + self.mean() ** 2

    def cdf(self, x: np.ndarray) -> np.ndarray:
        a, c, b = self.low, self.mode, self.high
        x = np.clip(np.asarray(x, dtype=float), a, b)
        left = (x - a) ** 2 / ((b - a) * (c - a)) if c > a else np.zeros_like(x)
        right = 1 - (b - x) ** 2 / ((b - a) * (b - c)) if b > c else np.ones_like(x)
        return np.where(x <= c, left, right)

    @staticmethod
    def inverse_cdf(u: Parameter, a: Parameter, c: Parameter, b: Parameter) -> Parameter:
        split = (c - a) / (b - a)
        left = a + np.sqrt(u * (b - a) * (c - a))
        right = b - np.sqrt((1 - u) * (b - a) * (b - c))
        return np.where(u <= split, left, right)


@dataclass(frozen=True)
class Pert(_Bounded):
    """(Beta-)PERT distribution on [low, high] with most likely value ``mode`` (shape λ = 4).

    It is a scaled Beta(α, β) with α = 1 + 4(m−a)/(b−a), β = 1 + 4(b−m)/(b−a); mean (a + 4m + b)/6.
    """

    low: float
    mode: float
    high: float
    kind: ClassVar[str] = "pert"
    ppf_parameters: ClassVar[tuple[str, ...]] = ("low", "high", "alpha", "beta")

    def __post_init__(self) -> None:
        _check_three_points(self.low, self.mode, self.high)

    @property
    def alpha(self) -> float:
        return 1 + 4 * (self.mode - self.low) / (self.high - self.low)

    @property
    def beta(self) -> float:
        return 1 + 4 * (self.high - self.mode) / (self.high - self.low)

    @property
    def nominal_max(self) -> float:
        return self.high

    @property
    def upper(self) -> float:
        return self.high

    def mean(self) -> float:
        return (self.low + 4 * self.mode + self.high) / 6

    def second_moment(self) -> float:
        a, b = self.alpha, self.beta
        width = self.high - self.low
        variance = width**2 * a * b / ((a + b) ** 2 * (a + b + 1))
        return variance + self.mean() ** 2

    def cdf(self, x: np.ndarray) -> np.ndarray:
        z = (np.asarray(x, dtype=float) - self.low) / (self.high - self.low)
        probability: np.ndarray = special.betainc(self.alpha, self.beta, np.clip(z, 0.0, 1.0))
        return probability

    @staticmethod
    def inverse_cdf(
        u: Parameter, low: Parameter, high: Parameter, alpha: Parameter, beta: Parameter
    ) -> Parameter:
        quantile: Parameter = low + (high - low) * special.betaincinv(alpha, beta, u)
        return quantile


@dataclass(frozen=True)
class LogNormal(_Inverse):
    """Lognormal loss given by its median and its 90th percentile (p90 > median > 0).

    ln X ~ N(μ, σ²) with μ = ln(median) and σ = (ln p90 − ln median) / z₀.₉. The support is unbounded;
    ``nominal_max`` is the p90, the "maximum" a register row states for this shape.
    """

    median: float
    p90: float
    kind: ClassVar[str] = "lognormal"
    ppf_parameters: ClassVar[tuple[str, ...]] = ("mu", "sigma")

    def __post_init__(self) -> None:
        _check_amount(self.median, "gevolg_modus")
        _check_amount(self.p90, "gevolg_max")
        if not 0 < self.median < self.p90:
            raise EngineInputError("gevolg_max", "lognormaal vraagt 0 < mediaan < 90%-waarde")

    @property
    def mu(self) -> float:
        return math.log(self.median)

    @property
    def sigma(self) -> float:
        return (math.log(self.p90) - math.log(self.median)) / Z90

    @property
    def nominal_max(self) -> float:
        return self.p90

    @property
    def upper(self) -> float:
        return math.inf

    def mean(self) -> float:
        return math.exp(self.mu + self.sigma**2 / 2)

    def excess_mean(self, cut: float) -> float:
        """E[(X − cut)⁺] = e^(μ+σ²/2)·Φ((μ + σ² − ln cut)/σ) − cut·(1 − Φ((ln cut − μ)/σ))."""
        if cut <= 0:
            return self.mean()
        z = (math.log(cut) - self.mu) / self.sigma
        return float(self.mean() * special.ndtr(self.sigma - z) - cut * special.ndtr(-z))

    def second_moment(self) -> float:
        return math.exp(2 * self.mu + 2 * self.sigma**2)

    def cdf(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        with np.errstate(divide="ignore"):
            z = (np.log(np.maximum(x, 0.0)) - self.mu) / self.sigma
        probability: np.ndarray = special.ndtr(z)
        return probability

    @staticmethod
    def inverse_cdf(u: Parameter, mu: Parameter, sigma: Parameter) -> Parameter:
        quantile: Parameter = np.exp(mu + sigma * special.ndtri(u))
        return quantile


Impact = Fixed | Uniform | Triangular | Pert | LogNormal

IMPACT_KINDS: dict[str, type[Impact]] = {
    cls.kind: cls for cls in (Fixed, Uniform, Triangular, Pert, LogNormal)
}


def _param_names(impact: Impact) -> tuple[str, ...]:
    return _field_names(impact.kind)


@functools.cache
def _field_names(kind: str) -> tuple[str, ...]:
    """A distribution kind's parameter names (``dataclasses.fields`` is slow for thousands of risks)."""
    return tuple(f.name for f in dataclasses.fields(IMPACT_KINDS[kind]))


def impact_to_dict(impact: Impact) -> dict[str, float | str]:
    """A plain, JSON-ready description of an impact distribution."""
    data: dict[str, float | str] = {"kind": impact.kind}
    data.update({name: float(getattr(impact, name)) for name in _param_names(impact)})
    return data


def impact_from_dict(data: Mapping[str, Any]) -> Impact:
    params = {key: value for key, value in data.items() if key != "kind"}
    try:
        cls = IMPACT_KINDS[data["kind"]]
    except KeyError as exc:
        raise EngineInputError("verdeling", f"onbekende verdeling {data.get('kind')!r}") from exc
    return cls(**params)


def scale_impact(impact: Impact, factor: float) -> Impact:
    """The same shape with every amount multiplied by ``factor`` (≥ 0), e.g. for a measure."""
    if factor < 0:
        raise EngineInputError("factor", "een schaalfactor mag niet negatief zijn")
    params = {name: getattr(impact, name) * factor for name in _param_names(impact)}
    if isinstance(impact, LogNormal) and factor == 0:
        return Fixed(0.0)
    if isinstance(impact, Triangular | Pert) and factor == 0:
        return Fixed(0.0)
    return type(impact)(**params)
