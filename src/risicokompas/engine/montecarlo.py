# SPDX-License-Identifier: EUPL-1.2
"""Seeded, chunked Monte Carlo simulation of the yearly loss, with dependence within groups.

Randomness: iteration r of a run belongs to block r // BLOCK; every block has its own generators, seeded
from (seed, block). A block's uniforms are drawn row by row from one stream, so processing it in chunks
of any size draws exactly the same numbers: results do not depend on ``chunk_size``, and a run of n
iterations is the first n iterations of any longer run with the same seed.

Each risk gets one uniform U per iteration. The risk occurs when U < p; its loss is then
m · F⁻¹(1 − U/p). Conditionally on occurring, U/p is uniform, so for independent risks this is the usual
model. For a group with correlation ρ, U = Φ(√ρ·W + √(1−ρ)·Φ⁻¹(U₀)) with one common normal W per group
and year (a Gaussian copula): a bad year makes the group's risks occur together and with larger losses.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import cast

import numpy as np
from scipy import special

from risicokompas.engine.distributions import Fixed, Impact, LogNormal, Pert, Triangular, Uniform
from risicokompas.engine.prepared import PreparedProfile
from risicokompas.engine.result import ExceedanceCurve, Quantile

BLOCK = 65_536
MAX_CELLS = 2**16  # rows × risks per chunk: arrays of 512 kB stay in cache
Z95 = 1.959963984540054
EXCEEDANCE_POINTS = 201
DRIVER_WINDOW = 0.005  # Euler window: ranks within ±0,5% of the quantile's rank
MARGINAL_BINS = 512

Progress = Callable[[int, int], None]
_CHEAP = (Fixed, Uniform, Triangular)  # inverse CDFs cheap enough to evaluate for every uniform


@dataclass(frozen=True)
class SampleOutcome:
    quantiles: tuple[Quantile, ...]
    exceedance: ExceedanceCurve
    p_exceed_capacity: float | None
    simulated_mean: float
    contributions: np.ndarray | None
    marginals: np.ndarray | None
    iterations: int


class _Sampler:
    """Turns uniforms into losses per risk, vectorised per distribution kind.

    The losses come from each kind's own ``inverse_cdf`` (distributions.py), applied to all risks of that
    kind at once with their parameters as columns.
    """

    def __init__(self, prepared: PreparedProfile) -> None:
        self.prepared = prepared
        self.n = prepared.size
        self.p = prepared.probability
        self.m = prepared.multiplier
        self.correlated = np.flatnonzero(prepared.correlation > 0)
        named = [g for g in (prepared.groups[i] for i in self.correlated) if g is not None]
        # Profile.correlation_of gives 0 to a risk without a group, so every correlated risk has one.
        assert len(named) == self.correlated.size, "a correlated risk has a group"
        groups = sorted(set(named))
        self.group_count = len(groups)
        self.group_of = np.array([groups.index(g) for g in named], dtype=int)
        self.rho = prepared.correlation[self.correlated]
        self.kinds: list[tuple[type[Impact], np.ndarray, tuple[np.ndarray, ...]]] = []
        for kind in (Fixed, Uniform, Triangular, Pert, LogNormal):
            columns = [i for i, impact in enumerate(prepared.impacts) if isinstance(impact, kind)]
            if columns:
                impacts = [prepared.impacts[i] for i in columns]
                self.kinds.append((kind, np.array(columns), _parameters(kind, impacts)))

    def losses(self, uniforms: np.ndarray, common: np.ndarray | None) -> np.ndarray:
        u = uniforms
        if self.correlated.size:
            assert common is not None, "correlated risks come with their groups' common factors"
            own = special.ndtri(np.clip(u[:, self.correlated], 2.0**-60, 1 - 2.0**-53))
            z = np.sqrt(self.rho) * common[:, self.group_of] + np.sqrt(1 - self.rho) * own
            u[:, self.correlated] = special.ndtr(z)
        losses = np.zeros_like(u)
        for kind, columns, params in self.kinds:
            where = _as_slice(columns)
            p, m = self.p[where], self.m[where]
            u_kind = u[:, where]
            if kind.affine:  # loss = m·(F⁻¹(1) − (F⁻¹(1) − F⁻¹(0))·u/p): linear in u, two operations
                start, end = kind.inverse_cdf(0.0, *params), kind.inverse_cdf(1.0, *params)
                slope = (end - start) * m / p
                losses[:, where] = np.where(u_kind < p, end * m - slope * u_kind, 0.0)
            elif kind in _CHEAP:  # evaluate everywhere, keep where the risk occurs
                x = kind.inverse_cdf(np.clip(1.0 - u_kind / p, 0.0, 1.0), *params)
                losses[:, where] = np.where(u_kind < p, x * m, 0.0)
            else:  # costly inverse CDFs only where the risk occurs
                rows, cols = np.nonzero(u_kind < p)
                level = 1.0 - u_kind[rows, cols] / p[cols]
                x = kind.inverse_cdf(level, *(v[cols] for v in params))
                losses[rows, columns[cols]] = x * m[cols]
        return losses


def _parameters(kind: type[Impact], impacts: list[Impact]) -> tuple[np.ndarray, ...]:
    """The parameters of ``kind.inverse_cdf``, one array each with a column per risk."""
    return tuple(
        np.array([getattr(impact, name) for impact in impacts], dtype=float) for name in kind.ppf_parameters
    )


def _as_slice(columns: np.ndarray) -> slice | np.ndarray:
    """A slice when the columns are contiguous (the usual case), so no copies are made."""
    if columns.size and columns[-1] - columns[0] + 1 == columns.size:
        return slice(int(columns[0]), int(columns[-1]) + 1)
    return columns


def _generators(seed: int, block: int) -> tuple[np.random.Generator, np.random.Generator]:
    uniforms = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block, 0))))
    common = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block, 1))))
    return uniforms, common


def _chunks(
    sampler: _Sampler, seed: int, start: int, stop: int, chunk_size: int
) -> Iterator[tuple[int, np.ndarray]]:
    """Yield (first iteration, losses matrix) for iterations start … stop−1."""
    rows_per_chunk = max(1, min(chunk_size, MAX_CELLS // max(1, sampler.n)))
    position = start
    while position < stop:
        block = position // BLOCK
        block_end = min(stop, (block + 1) * BLOCK)
        uniforms, common = _generators(seed, block)
        skip = position - block * BLOCK
        if skip:  # resume inside a block: move both streams past what came before
            # _generators made it a PCG64, which can jump ahead; one 64-bit draw per uniform.
            cast(np.random.PCG64, uniforms.bit_generator).advance(skip * sampler.n)
            for done in range(0, skip * bool(sampler.group_count), rows_per_chunk):
                common.standard_normal((min(rows_per_chunk, skip - done), sampler.group_count))
        while position < block_end:
            rows = min(rows_per_chunk, block_end - position)
            u = uniforms.random((rows, sampler.n))
            w = common.standard_normal((rows, sampler.group_count)) if sampler.group_count else None
            yield position, sampler.losses(u, w)
            position += rows


def aggregate_montecarlo(
    prepared: PreparedProfile,
    levels: tuple[float, ...],
    certainty: float,
    capacity: float | None,
    *,
    iterations: int,
    seed: int,
    chunk_size: int,
    tolerance: float | None = None,
    max_iterations: int = 10_000_000,
    drivers: bool = True,
    progress: Progress | None = None,
) -> SampleOutcome:
    sampler = _Sampler(prepared)
    target = iterations
    limit = max(iterations, max_iterations) if tolerance is not None else iterations
    totals = np.empty(limit)
    largest = np.zeros(prepared.size)
    done = 0
    while True:
        for first, losses in _chunks(sampler, seed, done, target, chunk_size):
            rows = losses.shape[0]
            totals[first : first + rows] = losses.sum(axis=1)
            np.maximum(largest, losses.max(axis=0), out=largest)
            if progress is not None:
                progress(first + rows, target)
        done = target
        if tolerance is None or done >= limit:
            break
        if _relative_halfwidth(totals[:done], certainty) <= tolerance:
            break
        target = min(limit, (done // BLOCK + 1) * BLOCK)
    totals = np.sort(totals[:done])

    quantiles = tuple(_quantile(totals, level) for level in levels)
    q = next(x.value for x in quantiles if math.isclose(x.level, certainty))
    top = float(np.quantile(totals, 0.999))
    if capacity is not None:
        top = max(top, capacity)
    amounts = np.linspace(0.0, max(top, 1.0), EXCEEDANCE_POINTS)
    exceed = 1.0 - np.searchsorted(totals, amounts, side="right") / done
    p_exceed = None
    if capacity is not None:
        p_exceed = float(1.0 - np.searchsorted(totals, capacity, side="right") / done)

    contributions = marginals = None
    if drivers and prepared.size:
        contributions, marginals = _drivers(
            sampler, seed, done, chunk_size, totals, q, certainty, largest, progress
        )
    return SampleOutcome(
        quantiles=quantiles,
        exceedance=ExceedanceCurve(tuple(amounts.tolist()), tuple(exceed.tolist())),
        p_exceed_capacity=p_exceed,
        simulated_mean=float(totals.mean()),
        contributions=contributions,
        marginals=marginals,
        iterations=done,
    )


def _order_interval(n: int, level: float) -> tuple[int, int]:
    """Ranks of a distribution-free 95% confidence interval for the level-quantile (normal approx.)."""
    centre = n * level
    spread = Z95 * math.sqrt(n * level * (1 - level))
    return max(0, math.floor(centre - spread)), min(n - 1, math.ceil(centre + spread))


def _quantile(sorted_totals: np.ndarray, level: float) -> Quantile:
    low_rank, high_rank = _order_interval(sorted_totals.size, level)
    lower, upper = float(sorted_totals[low_rank]), float(sorted_totals[high_rank])
    return Quantile(
        level=level,
        value=float(np.quantile(sorted_totals, level)),
        lower=lower,
        upper=upper,
        standard_error=(upper - lower) / (2 * Z95),
    )


def _relative_halfwidth(totals: np.ndarray, level: float) -> float:
    low_rank, high_rank = _order_interval(totals.size, level)
    parted = np.partition(totals, (low_rank, high_rank))
    lower, upper = parted[low_rank], parted[high_rank]
    centre = (lower + upper) / 2
    return float((upper - lower) / 2 / centre) if centre > 0 else 0.0


def _drivers(
    sampler: _Sampler,
    seed: int,
    iterations: int,
    chunk_size: int,
    sorted_totals: np.ndarray,
    quantile: float,
    certainty: float,
    largest: np.ndarray,
    progress: Progress | None,
) -> tuple[np.ndarray, np.ndarray]:
    """A second pass over the same iterations (same seed, so the same years).

    Euler: the mean loss of each risk in the years whose total lies within ±0,5% (in rank) of the
    quantile. Removal: q minus the quantile of S − Y_i, which lies in [q − max Y_i, q]; counted on a
    grid of MARGINAL_BINS steps over that range per risk.
    """
    n = iterations
    low = sorted_totals[max(0, math.floor(n * (certainty - DRIVER_WINDOW)))]
    high = sorted_totals[min(n - 1, math.ceil(n * (certainty + DRIVER_WINDOW)))]
    # In whole cents, so the sum is exact and does not depend on how the years are chunked.
    window_cents = np.zeros(sampler.n, dtype=np.int64)
    window_count = 0

    span = np.where(largest > 0, largest, 1.0)
    base = quantile - span  # lowest candidate quantile of S − Y_i, per risk
    width = span / MARGINAL_BINS
    # crossings[i, j]: years with S − Y_i ≤ base_i + j·width_i < S (removing Y_i moves them below)
    offsets = np.arange(sampler.n) * (MARGINAL_BINS + 2)
    starts: list[np.ndarray] = []
    stops: list[np.ndarray] = []

    for _first, losses in _chunks(sampler, seed, 0, n, chunk_size):
        totals = losses.sum(axis=1)
        in_window = (totals >= low) & (totals <= high)
        window_cents += np.rint(losses[in_window] * 100).astype(np.int64).sum(axis=0)
        window_count += int(in_window.sum())

        # Years in which removing Y_i crosses some grid point x ∈ [base_i, q]: S − Y_i ≤ q < ... and S > base_i.
        reduced = totals[:, None] - losses
        rows, cols = np.nonzero((losses > 0) & (reduced <= quantile) & (totals[:, None] > base))
        if rows.size:
            start = np.clip(np.ceil((reduced[rows, cols] - base[cols]) / width[cols]), 0, MARGINAL_BINS + 1)
            stop = np.clip(np.ceil((totals[rows] - base[cols]) / width[cols]), 0, MARGINAL_BINS + 1)
            starts.append((offsets[cols] + start).astype(np.int64))
            stops.append((offsets[cols] + stop).astype(np.int64))
        if progress is not None:
            progress(_first + losses.shape[0], n)

    raw = window_cents / 100 / max(1, window_count)
    total_raw = raw.sum()
    contributions = raw * (quantile / total_raw) if total_raw > 0 else np.zeros(sampler.n)

    size = sampler.n * (MARGINAL_BINS + 2)
    crossings = np.bincount(np.concatenate([*starts, np.empty(0, np.int64)]), minlength=size) - np.bincount(
        np.concatenate([*stops, np.empty(0, np.int64)]), minlength=size
    )
    moved = np.cumsum(crossings.reshape(sampler.n, -1), axis=1)[:, : MARGINAL_BINS + 1]
    edges = base[:, None] + width[:, None] * np.arange(MARGINAL_BINS + 1)
    below = np.searchsorted(sorted_totals, edges.ravel(), side="right").reshape(edges.shape)
    cdf = (below + moved) / n
    marginals = np.empty(sampler.n)
    for i in range(sampler.n):
        index = int(np.searchsorted(cdf[i], certainty, side="left"))
        if index == 0:
            reduced_quantile = edges[i, 0]
        elif index > MARGINAL_BINS:
            reduced_quantile = quantile
        else:
            c0, c1 = cdf[i, index - 1], cdf[i, index]
            fraction = (certainty - c0) / (c1 - c0) if c1 > c0 else 1.0
            reduced_quantile = edges[i, index - 1] + fraction * width[i]
        marginals[i] = max(0.0, quantile - reduced_quantile)
    return contributions, marginals
