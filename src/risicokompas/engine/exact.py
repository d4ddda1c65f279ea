# SPDX-License-Identifier: EUPL-1.2
"""Exact aggregation of independent risks on a grid, with rigorous discretisation bounds.

Each risk's loss Y_i is put on a grid of step h in three ways:

* rounded down, floor(Y_i/h)·h ≤ Y_i, and rounded up, ceil(Y_i/h)·h ≥ Y_i. The sums of these bound the
  total S from below and above for every outcome, so their quantiles bracket the true quantile. That
  bracket is the stated discretisation error bound: the true value lies between ``lower`` and ``upper``.
* split between the two neighbouring grid points (the trapezoid rule; for a point amount the split that
  keeps its value), which gives the reported estimate.

The distributions of the sums are computed as products of discrete Fourier transforms (independence makes
the transform of a sum the product of the transforms). The grid spans [0, R] with R the smaller of the sum
of maxima and μ + t, where Bernstein's inequality P(S − μ ≥ t) ≤ exp(−t² / 2(σ² + Mt/3)) puts at most
5·10⁻⁷ of probability beyond R; an unbounded (lognormal) impact is truncated where its tails hold at most
5·10⁻⁷ in total (that mass joins the last cell). Both tiny masses widen the bracket, which so stays
rigorous. The estimate's mean differs from the exact mean Σ p·E[Y] by at most h/2 per risk.

Drivers come from the distribution of S without risk i, the product of all other transforms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import fft

from risicokompas.engine.prepared import PreparedProfile
from risicokompas.engine.result import ExceedanceCurve, Quantile

TAIL_MASS = 5e-7  # probability allowed beyond the grid (Bernstein), and again in truncated lognormal tails
ROUNDOFF = 1e-9  # slack on cumulative probabilities for floating-point error of the transforms
MIN_GRID = 2**14
MAX_GRID = 2**21
BATCH = 64  # risks transformed at once; bounds memory at BATCH × grid floats
EXCEEDANCE_POINTS = 201
FRAGILE = 1e-6  # a risk transform this close to zero is not divided out of the total


@dataclass(frozen=True)
class GridOutcome:
    quantiles: tuple[Quantile, ...]
    exceedance: ExceedanceCurve
    p_exceed_capacity: float | None
    simulated_mean: float
    contributions: np.ndarray | None  # Euler, scaled to sum to the certainty quantile
    marginals: np.ndarray | None
    grid_size: int
    grid_step: float


def default_grid_size(n_risks: int) -> int:
    """A power of two with room for the upward rounding of every risk (≥ 4 points per risk)."""
    return int(min(MAX_GRID, max(MIN_GRID, 2 ** math.ceil(math.log2(max(1, 4 * n_risks))))))


def aggregate_exact(
    prepared: PreparedProfile,
    levels: tuple[float, ...],
    certainty: float,
    capacity: float | None,
    grid_size: int | None = None,
    drivers: bool = True,
) -> GridOutcome:
    n = prepared.size
    size = grid_size or default_grid_size(n)
    if size < 2 * n + 16:
        raise ValueError(f"grid of {size} points is too small for {n} risks")

    uppers, truncated = _upper_bounds(prepared)
    step = _grid_step(prepared, uppers, size)
    grid = _Grid(size, step)
    tail = truncated + (TAIL_MASS if step * (size - n - 2) < uppers.sum() else 0.0)

    down = np.ones(size // 2 + 1, dtype=complex)
    up = np.ones_like(down)
    robust = np.ones_like(down)  # product over risks whose transform stays away from zero
    fragile: dict[int, np.ndarray] = {}
    for start in range(0, n, BATCH):
        stop = min(n, start + BATCH)
        t_down, t_up, t_mid = _risk_transforms(prepared, uppers, grid, start, stop)
        down *= t_down.prod(axis=0)
        up *= t_up.prod(axis=0)
        near_zero = np.abs(t_mid).min(axis=1) < FRAGILE
        robust *= t_mid[~near_zero].prod(axis=0)
        fragile.update({start + int(r): t_mid[r] for r in np.flatnonzero(near_zero)})
    mid = robust * np.prod(list(fragile.values()), axis=0) if fragile else robust

    cdf_down = grid.cdf(down)
    cdf_up = grid.cdf(up)
    pmf_mid = grid.pmf(mid)
    cdf_mid = np.cumsum(pmf_mid)

    quantiles = []
    for level in levels:
        lower = grid.step_quantile(cdf_down, level - ROUNDOFF)
        upper = grid.step_quantile(cdf_up, min(1.0, level + tail + ROUNDOFF))
        value = min(max(grid.smooth_quantile(pmf_mid, cdf_mid, level), lower), upper)
        quantiles.append(Quantile(level=level, value=float(value), lower=float(lower), upper=float(upper)))
    q = next(x.value for x in quantiles if math.isclose(x.level, certainty))

    top = grid.smooth_quantile(pmf_mid, cdf_mid, 0.999)
    if capacity is not None:
        top = max(top, capacity)
    amounts = np.linspace(0.0, max(top, step), EXCEEDANCE_POINTS)
    exceed = 1.0 - grid.smooth_cdf(pmf_mid, cdf_mid, amounts)
    p_exceed = None if capacity is None else float(1.0 - grid.smooth_cdf(pmf_mid, cdf_mid, capacity))

    contributions = marginals = None
    if drivers:
        contributions, marginals = _drivers(prepared, uppers, grid, mid, robust, fragile, q, certainty)

    return GridOutcome(
        quantiles=tuple(quantiles),
        exceedance=ExceedanceCurve(tuple(amounts.tolist()), tuple(np.clip(exceed, 0, 1).tolist())),
        p_exceed_capacity=p_exceed,
        simulated_mean=float((pmf_mid * np.arange(size)).sum() * step),
        contributions=contributions,
        marginals=marginals,
        grid_size=size,
        grid_step=step,
    )


def _upper_bounds(prepared: PreparedProfile) -> tuple[np.ndarray, float]:
    """Each risk's largest loss on the grid, and the total probability of truncated tails."""
    uppers = np.empty(prepared.size)
    unbounded = [i for i, impact in enumerate(prepared.impacts) if not math.isfinite(impact.upper)]
    truncated = 0.0
    for i, impact in enumerate(prepared.impacts):
        if math.isfinite(impact.upper):
            uppers[i] = impact.upper * prepared.multiplier[i]
        else:
            level = 1.0 - TAIL_MASS / len(unbounded)
            uppers[i] = float(impact.ppf(np.array(level))) * prepared.multiplier[i]
            truncated += prepared.probability[i] * (1.0 - float(impact.cdf(np.array(uppers[i]))))
    return uppers, truncated


def _grid_step(prepared: PreparedProfile, uppers: np.ndarray, size: int) -> float:
    """Step h so that [0, R] plus one step per risk (upward rounding) fits the grid."""
    p, m = prepared.probability, prepared.multiplier
    second = np.array([impact.second_moment() for impact in prepared.impacts]) * m * m
    mu = float(prepared.mean_loss.sum())
    variance = float((p * second).sum())  # ≥ Var(S); a larger σ² keeps Bernstein's bound valid
    largest = float(uppers.max())
    log_term = math.log(1.0 / TAIL_MASS)
    a = 2 * log_term * largest / 3
    t = (a + math.sqrt(a * a + 8 * log_term * variance)) / 2
    span = min(float(uppers.sum()), mu + t)
    return span / (size - prepared.size - 2)


class _Grid:
    """Grid of ``size`` points k·step, k = 0 … size−1, and the maths on it."""

    def __init__(self, size: int, step: float) -> None:
        self.size = size
        self.step = step
        self.frequencies = size // 2 + 1
        self.roots = np.exp(-2j * np.pi * np.arange(size) / size)  # ω^k, for point masses
        self.one_step = self.roots[: self.frequencies]  # transform of a shift by one grid point
        self.half_step = (1 + self.one_step) / 2

    def shift(self, k: np.ndarray | int) -> np.ndarray:
        """Transform of a unit mass at grid point k (one row per k)."""
        j = np.arange(self.frequencies)
        return self.roots[(np.multiply.outer(np.atleast_1d(k), j)) % self.size]

    def pmf(self, transform: np.ndarray) -> np.ndarray:
        return np.clip(fft.irfft(transform, n=self.size), 0.0, None)

    def cdf(self, transform: np.ndarray) -> np.ndarray:
        return np.cumsum(self.pmf(transform))

    def step_quantile(self, cdf: np.ndarray, level: float) -> float:
        index = int(np.searchsorted(cdf, level, side="left"))
        return min(index, self.size - 1) * self.step

    def smooth_cdf(self, pmf: np.ndarray, cdf: np.ndarray, amount):
        """CDF with each point's mass spread evenly over its cell, linear between cell midpoints."""
        centre = cdf - pmf / 2
        return np.interp(np.asarray(amount, dtype=float) / self.step, np.arange(self.size), centre, left=0.0)

    def smooth_quantile(self, pmf: np.ndarray, cdf: np.ndarray, level: float) -> float:
        if cdf[0] >= level:  # the no-loss atom holds the level
            return 0.0
        centre = cdf - pmf / 2
        index = int(np.searchsorted(centre, level, side="left"))
        if index >= self.size:
            return (self.size - 1) * self.step
        below = centre[index - 1]
        width = centre[index] - below
        fraction = (level - below) / width if width > 0 else 0.0
        return max(0.0, (index - 1 + fraction) * self.step)


def _cell_masses(prepared: PreparedProfile, uppers: np.ndarray, grid: _Grid, i: int) -> np.ndarray:
    """P(k·h ≤ Y_i < (k+1)·h) for k = 0 … ⌊upper/h⌋; the truncated tail joins the last cell."""
    impact, m = prepared.impacts[i], prepared.multiplier[i]
    last = min(int(uppers[i] / grid.step), grid.size - 2)
    edges = np.arange(1, last + 1) * grid.step / m
    cdf = np.concatenate(([0.0], impact.cdf(edges), [1.0]))
    return np.diff(cdf)


def _risk_transforms(
    prepared: PreparedProfile, uppers: np.ndarray, grid: _Grid, start: int, stop: int, *, mid_only=False
) -> tuple[np.ndarray | None, np.ndarray | None, np.ndarray]:
    """Transforms of (1−p)·δ₀ + p·(loss on the grid) for risks start … stop−1: down, up and mid."""
    count = stop - start
    impact_down = np.zeros((count, grid.frequencies), dtype=complex)
    points = [i for i in range(start, stop) if prepared.is_point(i)]
    continuous = [i for i in range(start, stop) if not prepared.is_point(i)]
    if continuous:
        block = np.zeros((len(continuous), grid.size))
        for row, i in enumerate(continuous):
            masses = _cell_masses(prepared, uppers, grid, i)
            block[row, : len(masses)] = masses
        impact_down[np.array(continuous) - start] = fft.rfft(block, axis=1, workers=-1)
    p = prepared.probability[start:stop, None]
    impact_mid = impact_down * grid.half_step  # each cell's mass split over its two ends
    impact_up = None if mid_only else impact_down * grid.one_step  # ceil = floor + 1 almost surely
    for i in points:
        position = prepared.point_value(i) / grid.step
        low = math.floor(position)
        weight = position - low
        at_low, at_high = grid.shift(np.array([low, low + 1]))
        impact_mid[i - start] = (1 - weight) * at_low + weight * at_high
        if not mid_only:
            impact_down[i - start] = at_low
            impact_up[i - start] = at_low if weight == 0 else at_high
    mid = impact_mid * p
    mid += 1 - p
    if mid_only:
        return None, None, mid
    return 1 - p + p * impact_down, 1 - p + p * impact_up, mid


def _drivers(
    prepared: PreparedProfile,
    uppers: np.ndarray,
    grid: _Grid,
    total: np.ndarray,
    robust: np.ndarray,
    fragile: dict[int, np.ndarray],
    quantile: float,
    certainty: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Euler contributions E[Y_i | S ∈ W] (W: ±0,5% around the quantile) and removal effects.

    The distribution of S without risk i has the transform total / φ_i. Where φ_i comes near zero that
    division is unsafe, so such a risk gets the product of all others directly.
    """
    n = prepared.size
    centre = round(quantile / grid.step)
    half = max(2, round(0.005 * quantile / grid.step))
    window = (max(0, centre - half), min(grid.size - 1, centre + half))

    raw = np.empty(n)
    marginals = np.empty(n)
    for start in range(0, n, BATCH):
        stop = min(n, start + BATCH)
        factors = _risk_transforms(prepared, uppers, grid, start, stop, mid_only=True)[2]
        others = np.empty_like(factors)
        for row, i in enumerate(range(start, stop)):
            if i in fragile:
                rest = [f for j, f in fragile.items() if j != i]
                others[row] = robust * np.prod(rest, axis=0) if rest else robust
            else:
                others[row] = total / factors[row]
        pmfs = np.clip(fft.irfft(others, n=grid.size, axis=1, workers=-1), 0.0, None)
        cdfs = np.cumsum(pmfs, axis=1)
        for row, i in enumerate(range(start, stop)):
            points, masses = _mid_loss(prepared, uppers, grid, i)
            cdf = cdfs[row]
            hi = window[1] - points
            lo = window[0] - points - 1
            upper_part = np.where(hi >= 0, cdf[np.clip(hi, 0, grid.size - 1)], 0.0)
            lower_part = np.where(lo >= 0, cdf[np.clip(lo, 0, grid.size - 1)], 0.0)
            raw[i] = float((masses * points * (upper_part - lower_part)).sum()) * grid.step
            marginals[i] = quantile - grid.smooth_quantile(pmfs[row], cdf, certainty)
    # Σ_i E[Y_i; S∈W] = E[S; S∈W]; scale so the contributions add up to the quantile itself.
    total_raw = raw.sum()
    contributions = raw * (quantile / total_raw) if total_raw > 0 else np.zeros(n)
    return contributions, marginals


def _mid_loss(
    prepared: PreparedProfile, uppers: np.ndarray, grid: _Grid, i: int
) -> tuple[np.ndarray, np.ndarray]:
    """Grid points and probabilities of Y_i > 0 under the mid discretisation (occurrence included)."""
    p = prepared.probability[i]
    if prepared.is_point(i):
        position = prepared.point_value(i) / grid.step
        low = math.floor(position)
        weight = position - low
        return np.array([low, low + 1]), p * np.array([1 - weight, weight])
    masses = _cell_masses(prepared, uppers, grid, i)
    mid = np.zeros(len(masses) + 1)
    mid[:-1] += masses / 2
    mid[1:] += masses / 2
    return np.arange(len(mid)), p * mid
