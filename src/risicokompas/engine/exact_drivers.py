# SPDX-License-Identifier: EUPL-1.2
"""Drivers of the exact method: each risk's Euler contribution and the effect of removing it.

Both come from the distribution of S without risk i, near the quantile only, on one coarser grid (a share
or an effect needs no finer resolution), in one batched pass over groups of identical leaves: risks whose
leaves are the same on the grid (the same chance, distribution and multiplier) have the same S without
them, so it is computed once per group. Each group's total (its leaf convolved with itself once per
member, through one transform and a power of its spectrum) is a leaf of a balanced tree on the coarse
grid; the distribution of S without a group is the convolution of the siblings met on the way down from
the root, and S without one member adds the group's other members back. Going down, only the window that
can still matter is kept: for a node whose partial sum reaches at most s, amounts in [W − s, W] with W the
Euler window's upper end, plus the probability below. A register with many identical risks costs a few
transforms per group; one without costs about as much as the tree itself.
"""

from __future__ import annotations

import numpy as np
from scipy import fft

from risicokompas.engine.exact import DriverLeaves, Plan, convolve
from risicokompas.engine.prepared import PreparedProfile

DRIVER_WINDOW = 0.005  # Euler window: ±0,5% around the quantile
#: A group's total is computed on at most this many times the grid's points over R; what lies beyond
#: (a sum far past R, where Bernstein's bound leaves almost nothing) folds back onto small amounts.
POWER_REACH = 4


def drivers(
    prepared: PreparedProfile,
    plan: Plan,
    leaves: DriverLeaves,
    step: float,
    quantile: float,
    certainty: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Euler contributions E[Y_i | S ∈ W], scaled to add up to the quantile, and removal effects.

    ``leaves``: per group of identical leaves, the leaf's distribution on the driver grid (step ``step``)
    and the group's places in ``plan.on_grid``. A certain fixed amount contributes exactly itself, and
    removing it lowers every quantile by exactly that amount. For the other risks the contributions are
    scaled to add up to the quantile minus those amounts, and each removal effect is the coarse-grid
    quantile minus the coarse-grid quantile without the risk.
    """
    contributions = np.zeros(prepared.size)
    marginals = np.zeros(prepared.size)
    for i in plan.certain:
        contributions[i] = marginals[i] = prepared.point_value(i)
    on_grid = plan.on_grid
    if on_grid.size == 0 or plan.span <= 0 or not leaves:
        return contributions, marginals

    cap = int(plan.span / step) + 2  # the tree's nodes are cut at R, as the exact tree's are
    totals, others = [], []
    for pmf, members in leaves:
        total, other = _powers(pmf, len(members), cap)
        totals.append(total)
        others.append(other)
    levels = [totals]
    while len(levels[-1]) > 1:
        below_level = levels[-1]
        levels.append(
            [
                convolve(*below_level[k : k + 2])[:cap] if k + 1 < len(below_level) else below_level[k]
                for k in range(0, len(below_level), 2)
            ]
        )

    root = levels[-1][0]
    centre_quantile = _window_quantile(0, 0.0, root, certainty)
    centre = round(centre_quantile)
    half = max(2, round(DRIVER_WINDOW * centre_quantile))
    w_lo, w_hi = max(0, centre - half), centre + half

    start = np.zeros(w_hi + 1)
    start[0] = 1.0
    outside = [
        (0, 0.0, start)
    ]  # per node of the current level: (lo, probability below lo, pmf on [lo, w_hi])
    for depth in range(len(levels) - 1, 0, -1):
        children = levels[depth - 1]
        next_outside = []
        for k, (lo, below, window) in enumerate(outside):
            pair = [c for c in (2 * k, 2 * k + 1) if c < len(children)]
            if len(pair) == 1:
                next_outside.append((lo, below, window))
                continue
            for child, sibling in ((pair[0], pair[1]), (pair[1], pair[0])):
                next_outside.append(
                    _narrow(lo, below, window, children[sibling], children[child].size - 1, w_lo, w_hi)
                )
        outside = next_outside

    raw = np.zeros(on_grid.size)
    reduced = np.zeros(on_grid.size)
    for (pmf, members), other, (lo, below, window) in zip(leaves, others, outside, strict=True):
        # S without one member: the outside of the group plus the group's other members.
        lo, below, window = _narrow(lo, below, window, other, pmf.size - 1, w_lo, w_hi)
        # cdf[x − lo + 1 + pmf.size] = P(S₋ᵢ ≤ x); the zeros in front stand for amounts below zero.
        cdf = np.concatenate((np.zeros(pmf.size), [below], below + np.cumsum(window)))
        y = np.arange(pmf.size)
        inside = cdf[w_hi - y - lo + 1 + pmf.size] - cdf[w_lo - y - lo + pmf.size]
        raw[members] = float((y * pmf * inside).sum()) * step
        reduced[members] = _window_quantile(lo, below, window, certainty)

    # Σ_i E[Y_i; S∈W] = E[S; S∈W]; scale so the contributions add up to the quantile itself.
    total_raw = raw.sum()
    share = quantile - plan.shift
    contributions[on_grid] = raw * (share / total_raw) if total_raw > 0 else 0.0
    # Removing a loss never raises the quantile; a tiny negative is grid noise.
    marginals[on_grid] = np.maximum(0.0, (centre_quantile - reduced) * step)
    return contributions, marginals


def _powers(pmf: np.ndarray, count: int, cap: int) -> tuple[np.ndarray, np.ndarray]:
    """The sum of ``count`` and of ``count − 1`` independent copies of a leaf, cut after ``cap`` points."""
    if count == 1:
        return pmf[:cap], np.ones(1)
    if count == 2:
        return convolve(pmf, pmf)[:cap], pmf[:cap]
    full = (pmf.size - 1) * count + 1
    length = fft.next_fast_len(min(full, max(POWER_REACH * cap, pmf.size)), real=True)
    spectrum = fft.rfft(pmf, length)
    lower = spectrum ** (count - 1)
    sums = []
    for power in (lower * spectrum, lower):
        out = fft.irfft(power, length)[: min(cap, full)]
        np.maximum(out, 0.0, out=out)
        sums.append(out)
    return sums[0], sums[1]


def _narrow(
    lo: int, below: float, window: np.ndarray, sibling: np.ndarray, reach: int, w_lo: int, w_hi: int
) -> tuple[int, float, np.ndarray]:
    """The outside distribution of a child: the parent's outside convolved with the sibling, kept on
    [W_lo − 1 − reach, W_hi] (reach: the largest grid value of the child's partial sum)."""
    child_lo = max(0, w_lo - 1 - reach)
    full = convolve(window, sibling)
    first = child_lo - lo
    kept = full[first : first + w_hi - child_lo + 1]
    if kept.size < w_hi - child_lo + 1:
        kept = np.concatenate((kept, np.zeros(w_hi - child_lo + 1 - kept.size)))
    return child_lo, below + float(full[:first].sum()), kept


def _window_quantile(lo: int, below: float, window: np.ndarray, level: float) -> float:
    """The level-quantile, in grid steps, of a distribution known on [lo, …] with ``below`` under lo:
    each point's mass spread evenly over its cell, linear between cell midpoints."""
    cdf = below + np.cumsum(window)
    if lo == 0 and cdf[0] >= level:  # the no-loss atom holds the level
        return 0.0
    centre = cdf - window / 2
    index = int(np.searchsorted(centre, level, side="left"))
    if index >= window.size:
        return float(lo + window.size - 1)
    if index == 0:
        return float(lo)
    width = centre[index] - centre[index - 1]
    fraction = (level - centre[index - 1]) / width if width > 0 else 0.0
    return max(0.0, lo + index - 1 + fraction)
