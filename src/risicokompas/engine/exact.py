# SPDX-License-Identifier: EUPL-1.2
"""Exact aggregation of independent risks on a grid, with rigorous discretisation bounds.

Each risk's loss Y_i is put on a grid of step h: the probability of each cell [k·h, (k+1)·h) is split
evenly over its two ends (the trapezoid rule); a point amount is split over its two grid points so that
its value is kept. The distribution of the sum is the convolution of the risks' distributions, computed in
a balanced tree of partial sums (direct convolution for short supports, through Fourier transforms for long
ones). That is deterministic: there is no sampling noise.

The stated error bound is rigorous. Every outcome is rounded up or down by less than h per occurring risk,
so S_grid − h·J ≤ S ≤ S_grid + h·L, with J and L the numbers of risks rounded up and down (sums of
independent Bernoulli variables with a known distribution). That brackets every quantile: the true value
lies between ``lower`` and ``upper`` (see ``_bracket``). The grid spans [0, R] with R the smaller of the
sum of maxima and μ + t, where Bernstein's inequality P(S − μ ≥ t) ≤ exp(−t² / 2(σ² + Mt/3)) leaves at
most 5·10⁻⁷ of probability beyond R; an unbounded (lognormal) impact is cut off where its tails hold at
most 10⁻⁴ in total (that mass joins the last cell). Both masses widen the bracket. The grid's mean differs
from the exact mean Σ p·E[Y] by at most h/2 per risk plus the mean of the cut-off tails beyond the cut.

Drivers come from the distribution of S without risk i, which the tree gives for every risk at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import fft, special

from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.prepared import PreparedProfile
from risicokompas.engine.result import ExceedanceCurve, Quantile

TAIL_MASS = 5e-7  # probability allowed beyond the grid (Bernstein's bound)
TRUNCATION = 1e-4  # total probability of unbounded (lognormal) tails cut off at the grid's end
TARGET_BOUND = 0.01  # the automatic grid aims at a bracket within ±1% of the certainty quantile …
WORK_BUDGET = 2**26  # … with at most this many risk × grid points (a larger ``grid_size`` can be asked for)
ROUNDOFF = 1e-9  # slack on cumulative probabilities for floating-point error of the transforms
MIN_GRID = 2**14
MAX_GRID = 2**21
EXCEEDANCE_POINTS = 201
DIRECT_CONVOLUTION = 64  # below this length a direct convolution beats one through transforms
MIN_DRIVER_GRID = 2**12
EXACT_COUNTS = 2000  # up to this many risks the rounding counts' distribution is computed exactly


@dataclass(frozen=True)
class GridOutcome:
    quantiles: tuple[Quantile, ...]
    exceedance: ExceedanceCurve
    p_exceed_capacity: float | None
    simulated_mean: float
    mean_error_bound: float
    contributions: np.ndarray | None  # Euler, scaled to sum to the certainty quantile
    marginals: np.ndarray | None
    grid_size: int
    grid_step: float


def default_grid_size(n_risks: int) -> int:
    """A power of two with room for the upward rounding of every risk (≥ 4 points per risk)."""
    return int(min(MAX_GRID, max(MIN_GRID, 2 ** math.ceil(math.log2(max(1, 4 * n_risks))))))


def automatic_grid_size(prepared: PreparedProfile, uppers: np.ndarray, certainty: float) -> int:
    """The smallest power of two whose expected bracket is within TARGET_BOUND of the quantile, as far
    as the work budget allows (large registers get a wider, still rigorous, bracket).

    The bracket is about h·(μ_J + 3σ_J) on each side (see ``_bracket``), with h = span / size; the
    quantile is estimated by the normal approximation μ + z·σ, which is rough but only sizes the grid.
    """
    p, m = prepared.probability, prepared.multiplier
    second = np.array([impact.second_moment() for impact in prepared.impacts]) * m * m
    mu = float(prepared.mean_loss.sum())
    sigma = math.sqrt(max(0.0, float((p * second).sum() - (prepared.mean_loss**2).sum())))
    estimate = mu + float(special.ndtri(certainty)) * sigma
    counts = float(p.sum()) / 2 + 3 * math.sqrt(float((p / 2 * (1 - p / 2)).sum()))
    if estimate <= 0:
        return default_grid_size(prepared.size)
    needed = _span(prepared, uppers) * counts / (TARGET_BOUND * estimate) + prepared.size + 2
    size = 2 ** math.ceil(math.log2(max(needed, 1)))
    affordable = 2 ** math.floor(math.log2(WORK_BUDGET / max(1, prepared.size)))
    return int(min(MAX_GRID, max(default_grid_size(prepared.size), min(size, affordable))))


def aggregate_exact(
    prepared: PreparedProfile,
    levels: tuple[float, ...],
    certainty: float,
    capacity: float | None,
    grid_size: int | None = None,
    drivers: bool = True,
) -> GridOutcome:
    n = prepared.size
    uppers, truncated = _upper_bounds(prepared)
    size = grid_size or automatic_grid_size(prepared, uppers, certainty)
    if size < 2 * n + 16:
        raise EngineInputError("rooster", f"een rooster van {size} punten is te klein voor {n} risico's")
    grid = _Grid(size, _grid_step(prepared, uppers, size))
    tail = truncated + (TAIL_MASS if grid.step * (size - n - 2) < uppers.sum() else 0.0)
    pmf = _Tree(prepared, uppers, grid).total()
    cdf = np.cumsum(pmf)
    below, above = _rounding_tails(prepared, grid)

    quantiles = []
    for level in levels:
        lower, upper = _bracket(grid, cdf, level, below, above, tail)
        value = min(max(grid.smooth_quantile(pmf, cdf, level), lower), upper)
        quantiles.append(Quantile(level=level, value=float(value), lower=float(lower), upper=float(upper)))
    q = next(x.value for x in quantiles if math.isclose(x.level, certainty))

    top = grid.smooth_quantile(pmf, cdf, 0.999)
    if capacity is not None:
        top = max(top, capacity)
    amounts = np.linspace(0.0, max(top, grid.step), EXCEEDANCE_POINTS)
    exceed = 1.0 - grid.smooth_cdf(pmf, cdf, amounts)
    p_exceed = None if capacity is None else float(1.0 - grid.smooth_cdf(pmf, cdf, capacity))

    contributions = marginals = None
    if drivers:
        coarse_size = max(MIN_DRIVER_GRID, 2 ** math.ceil(math.log2(2 * n + 16)))
        coarse = _Grid(coarse_size, _grid_step(prepared, uppers, coarse_size))
        contributions, marginals = _drivers(prepared, uppers, coarse, q, certainty)

    return GridOutcome(
        quantiles=tuple(quantiles),
        exceedance=ExceedanceCurve(tuple(amounts.tolist()), tuple(np.clip(exceed, 0, 1).tolist())),
        p_exceed_capacity=p_exceed,
        simulated_mean=float((pmf * np.arange(size)).sum() * grid.step),
        mean_error_bound=_mean_error_bound(prepared, uppers, grid.step),
        contributions=contributions,
        marginals=marginals,
        grid_size=size,
        grid_step=grid.step,
    )


def _rounding_tails(prepared: PreparedProfile, grid: _Grid) -> tuple[np.ndarray, np.ndarray]:
    """Tail probabilities P(J > j) and P(L > j), j = 0 … n, of the two rounding counts.

    The grid estimate rounds each occurring loss to one of the two grid points around it: up (the
    estimate then exceeds the true loss by less than h) or down (it falls short by less than h). With J
    and L the numbers of risks rounded up and down, S_grid − h·J ≤ S ≤ S_grid + h·L for every outcome.
    J and L are sums of independent Bernoulli variables: p/2 each for a continuous impact, p·w and
    p·(1 − w) for a point amount that lies a fraction w past its grid point (none when w = 0).
    """
    up = np.empty(prepared.size)
    down = np.empty(prepared.size)
    for i in range(prepared.size):
        p = prepared.probability[i]
        if prepared.is_point(i):
            position = prepared.point_value(i) / grid.step
            w = position - math.floor(position)
            up[i], down[i] = (p * w, p * (1 - w)) if w > 0 else (0.0, 0.0)
        else:
            up[i] = down[i] = p / 2
    return _count_tail(up), _count_tail(down)


def _count_tail(probabilities: np.ndarray) -> np.ndarray:
    """P(N > j) for j = 0 … n, N a sum of independent Bernoulli(p_i): exact for up to EXACT_COUNTS
    risks, above that Bernstein's bound P(N ≥ μ + t) ≤ exp(−t² / 2(σ² + t/3))."""
    n = probabilities.size
    if n <= EXACT_COUNTS:
        pmf = np.ones(1)
        for p in probabilities:
            pmf = np.concatenate((pmf * (1 - p), [0.0])) + np.concatenate(([0.0], pmf * p))
        return np.clip(1.0 - np.cumsum(pmf), 0.0, 1.0)
    mu = probabilities.sum()
    variance = (probabilities * (1 - probabilities)).sum()
    t = np.arange(n + 1) + 1 - mu
    bound = np.exp(-(t**2) / (2 * (variance + np.maximum(t, 0) / 3)))
    return np.where(t > 0, np.minimum(bound, 1.0), 1.0)


def _bracket(
    grid: _Grid, cdf: np.ndarray, level: float, below: np.ndarray, above: np.ndarray, tail: float
) -> tuple[float, float]:
    """Bounds on the true quantile from the grid distribution and the rounding counts.

    F_S(x) ≤ F_grid(x + h·j) + P(J > j) gives q ≥ q_grid(α − P(J > j)) − h·j, and
    F_S(x) ≥ F_grid(x − h·j) − P(L > j) gives q ≤ q_grid(α + P(L > j)) + h·j; the best j is taken.
    The tail mass beyond the grid and floating-point slack widen both sides.
    """
    j = np.arange(below.size)
    low_levels = level - below - tail - ROUNDOFF
    lows = np.where(low_levels > 0, np.searchsorted(cdf, low_levels) - j, 0)
    high_levels = level + above + tail + ROUNDOFF
    reachable = high_levels < cdf[-1]
    highs = np.where(reachable, np.searchsorted(cdf, np.minimum(high_levels, 1.0)) + j, grid.size + j)
    lower = max(0, int(lows.max())) * grid.step
    upper = min(int(highs.min()), grid.size - 1 + below.size) * grid.step
    return lower, upper


def _upper_bounds(prepared: PreparedProfile) -> tuple[np.ndarray, float]:
    """Each risk's largest loss on the grid, and the total probability of cut-off tails."""
    uppers = np.empty(prepared.size)
    unbounded = [i for i, impact in enumerate(prepared.impacts) if not math.isfinite(impact.upper)]
    truncated = 0.0
    for i, impact in enumerate(prepared.impacts):
        if math.isfinite(impact.upper):
            uppers[i] = impact.upper * prepared.multiplier[i]
        else:
            level = 1.0 - TRUNCATION / len(unbounded)
            uppers[i] = float(impact.ppf(np.array(level))) * prepared.multiplier[i]
            truncated += prepared.probability[i] * (1.0 - float(impact.cdf(np.array(uppers[i]))))
    return uppers, truncated


def _mean_error_bound(prepared: PreparedProfile, uppers: np.ndarray, step: float) -> float:
    """How far the grid's mean may lie from Σ p·E[Y]: h/2 per risk, plus each cut-off tail's excess."""
    p, m = prepared.probability, prepared.multiplier
    excess = [impact.excess_mean(uppers[i] / m[i]) * m[i] for i, impact in enumerate(prepared.impacts)]
    return float((p * step / 2).sum() + (p * np.array(excess)).sum())


def _span(prepared: PreparedProfile, uppers: np.ndarray) -> float:
    """R: the sum of maxima, or less where Bernstein's bound leaves at most TAIL_MASS beyond μ + t."""
    p, m = prepared.probability, prepared.multiplier
    second = np.array([impact.second_moment() for impact in prepared.impacts]) * m * m
    mu = float(prepared.mean_loss.sum())
    variance = float((p * second).sum())  # ≥ Var(S); a larger σ² keeps Bernstein's bound valid
    largest = float(uppers.max())
    log_term = math.log(1.0 / TAIL_MASS)
    a = 2 * log_term * largest / 3
    t = (a + math.sqrt(a * a + 8 * log_term * variance)) / 2
    return min(float(uppers.sum()), mu + t)


def _grid_step(prepared: PreparedProfile, uppers: np.ndarray, size: int) -> float:
    """Step h so that [0, R] plus one step per risk (upward rounding) fits the grid."""
    return _span(prepared, uppers) / (size - prepared.size - 2)


class _Grid:
    """Grid of ``size`` points k·step, k = 0 … size−1, and the maths on it."""

    def __init__(self, size: int, step: float) -> None:
        self.size = size
        self.step = step
        self.masses: dict[int, np.ndarray] = {}  # per risk, filled by _cell_masses

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
    """P(k·h ≤ Y_i < (k+1)·h) for k = 0 … ⌊upper/h⌋; the truncated tail joins the last cell.

    Each grid asks for a risk's masses more than once (transform, then drivers), so they are kept.
    """
    cached = grid.masses.get(i)
    if cached is None:
        cached = grid.masses[i] = _compute_cell_masses(prepared, uppers, grid, i)
    return cached


def _compute_cell_masses(prepared: PreparedProfile, uppers: np.ndarray, grid: _Grid, i: int) -> np.ndarray:
    impact, m = prepared.impacts[i], prepared.multiplier[i]
    last = min(int(uppers[i] / grid.step), grid.size - 2)
    edges = np.arange(1, last + 1) * grid.step / m
    cdf = np.concatenate(([0.0], impact.cdf(edges), [1.0]))
    return np.diff(cdf)


def _risk_pmf(prepared: PreparedProfile, uppers: np.ndarray, grid: _Grid, i: int) -> np.ndarray:
    """(1−p)·δ₀ + p·(loss on the grid) for risk i, on grid points 0 … (at most size − 1).

    A continuous loss's mass in cell [k·h, (k+1)·h) is split evenly over the points k and k+1 (the
    trapezoid rule); a point amount is split over its two grid points so that its value is kept.
    """
    p = prepared.probability[i]
    if prepared.is_point(i):
        position = prepared.point_value(i) / grid.step
        low = min(math.floor(position), grid.size - 2)
        weight = position - low
        pmf = np.zeros(low + 2)
        pmf[low] += p * (1 - weight)
        pmf[low + 1] += p * weight
    else:
        masses = _cell_masses(prepared, uppers, grid, i)
        pmf = np.zeros(len(masses) + 1)
        pmf[:-1] += masses * (p / 2)
        pmf[1:] += masses * (p / 2)
    pmf[0] += 1 - p
    return pmf


def _convolve(a: np.ndarray, b: np.ndarray, size: int) -> np.ndarray:
    """The distribution of the sum of two independent grid variables, folded onto ``size`` points.

    Folding (adding what lies beyond the grid's end to the start) is what a product of transforms does;
    the mass that far out is bounded by TAIL_MASS (see ``_span``).
    """
    if min(a.size, b.size) <= DIRECT_CONVOLUTION or a.size + b.size < 2 * DIRECT_CONVOLUTION:
        out = np.convolve(a, b)
    else:
        n = a.size + b.size - 1
        length = fft.next_fast_len(n, real=True)
        out = fft.irfft(fft.rfft(a, length) * fft.rfft(b, length), length)[:n]
        np.clip(out, 0.0, None, out=out)
    if out.size <= size:
        return out
    folded = out[:size].copy()
    for start in range(size, out.size, size):
        chunk = out[start : start + size]
        folded[: chunk.size] += chunk
    return folded


class _Tree:
    """A balanced tree of partial sums: leaves are the risks, each node the sum of its two children.

    Building it costs about (number of levels) × (total length of the risks' supports), far less than one
    transform of the whole grid per risk. The distribution of S without risk i is the convolution of the
    siblings met on the way from the root to leaf i, computed top-down once for all leaves.
    """

    def __init__(self, prepared: PreparedProfile, uppers: np.ndarray, grid: _Grid) -> None:
        self.grid = grid
        self.size = prepared.size
        level = [_risk_pmf(prepared, uppers, grid, i) for i in range(prepared.size)]
        self.levels = [level]
        while len(level) > 1:
            pairs = [_convolve(level[k], level[k + 1], grid.size) for k in range(0, len(level) - 1, 2)]
            if len(level) % 2:
                pairs.append(level[-1])
            level = pairs
            self.levels.append(level)

    def total(self) -> np.ndarray:
        return _pad(self.levels[-1][0], self.grid.size)

    def without_each(self):
        """Yield (i, pmf of S without risk i) for every risk, from the root down."""
        top = len(self.levels) - 1
        stack = [(top, 0, np.ones(1))]
        while stack:
            depth, index, outside = stack.pop()
            if depth == 0:
                yield index, _pad(outside, self.grid.size)
                continue
            below = self.levels[depth - 1]
            children = [c for c in (2 * index, 2 * index + 1) if c < len(below)]
            if len(children) == 1:
                stack.append((depth - 1, children[0], outside))
                continue
            left, right = children
            stack.append((depth - 1, right, _convolve(outside, below[left], self.grid.size)))
            stack.append((depth - 1, left, _convolve(outside, below[right], self.grid.size)))


def _pad(pmf: np.ndarray, size: int) -> np.ndarray:
    out = np.zeros(size)
    out[: pmf.size] = pmf[:size]
    return out


def _drivers(
    prepared: PreparedProfile, uppers: np.ndarray, grid: _Grid, quantile: float, certainty: float
) -> tuple[np.ndarray, np.ndarray]:
    """Euler contributions E[Y_i | S ∈ W] (W: ±0,5% around the quantile) and removal effects.

    Computed on a coarser grid than the quantiles: a share or an effect needs no finer resolution. The
    contributions are scaled to add up to the (fine-grid) quantile, and each removal effect is the
    coarse-grid quantile minus the coarse-grid quantile without the risk.
    """
    n = prepared.size
    tree = _Tree(prepared, uppers, grid)
    pmf = tree.total()
    coarse_quantile = grid.smooth_quantile(pmf, np.cumsum(pmf), certainty)
    centre = round(coarse_quantile / grid.step)
    half = max(2, round(0.005 * coarse_quantile / grid.step))
    window = (max(0, centre - half), min(grid.size - 1, centre + half))

    raw = np.empty(n)
    marginals = np.empty(n)
    for i, others in tree.without_each():
        cdf = np.cumsum(others)
        points, masses = _mid_loss(prepared, uppers, grid, i)
        hi = window[1] - points
        lo = window[0] - points - 1
        upper_part = np.where(hi >= 0, cdf[np.clip(hi, 0, grid.size - 1)], 0.0)
        lower_part = np.where(lo >= 0, cdf[np.clip(lo, 0, grid.size - 1)], 0.0)
        raw[i] = float((masses * points * (upper_part - lower_part)).sum()) * grid.step
        # Removing a loss never raises the quantile; a tiny negative is grid noise.
        marginals[i] = max(0.0, coarse_quantile - grid.smooth_quantile(others, cdf, certainty))
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
