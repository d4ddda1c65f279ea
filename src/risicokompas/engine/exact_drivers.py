# SPDX-License-Identifier: EUPL-1.2
"""Drivers of the exact method: each risk's Euler contribution and the effect of removing it.

Both come from the distribution of S without risk i, near the quantile only. The exact method's tree of
partial sums is kept on one coarser grid (a share or an effect needs no finer resolution); the
distribution of S without the risks below a node is the convolution of the siblings met on the way down
from the root. Going down, only the window that can still matter is kept: for a node whose partial sum
reaches at most s, amounts in [W − s, W] with W the Euler window's upper end, plus the probability below.
Each level then costs about as much as one level of the upward tree, so all drivers together cost a few
times the distribution itself instead of one full convolution per risk.
"""

from __future__ import annotations

import numpy as np

from risicokompas.engine.exact import Plan, convolve
from risicokompas.engine.prepared import PreparedProfile

DRIVER_WINDOW = 0.005  # Euler window: ±0,5% around the quantile


def drivers(
    prepared: PreparedProfile,
    plan: Plan,
    levels: list[list[np.ndarray]],
    step: float,
    quantile: float,
    certainty: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Euler contributions E[Y_i | S ∈ W], scaled to add up to the quantile, and removal effects.

    A certain fixed amount contributes exactly itself, and removing it lowers every quantile by exactly
    that amount. For the other risks the contributions are scaled to add up to the quantile minus those
    amounts, and each removal effect is the coarse-grid quantile minus the coarse-grid quantile without
    the risk.
    """
    contributions = np.zeros(prepared.size)
    marginals = np.zeros(prepared.size)
    for i in plan.certain:
        contributions[i] = marginals[i] = prepared.point_value(i)
    leaves = plan.on_grid
    if leaves.size == 0 or plan.span <= 0:
        return contributions, marginals

    root = levels[-1][0]
    centre_quantile = _window_quantile(0, 0.0, root, certainty)
    centre = round(centre_quantile)
    half = max(2, round(DRIVER_WINDOW * centre_quantile))
    w_lo, w_hi = max(0, centre - half), centre + half

    raw = np.zeros(leaves.size)
    reduced = np.zeros(leaves.size)
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

    for k, (lo, below, window) in enumerate(outside):
        pmf = levels[0][k]
        # cdf[x − lo + 1 + pmf.size] = P(S₋ᵢ ≤ x); the zeros in front stand for amounts below zero.
        cdf = np.concatenate((np.zeros(pmf.size), [below], below + np.cumsum(window)))
        y = np.arange(pmf.size)
        inside = cdf[w_hi - y - lo + 1 + pmf.size] - cdf[w_lo - y - lo + pmf.size]
        raw[k] = float((y * pmf * inside).sum()) * step
        reduced[k] = _window_quantile(lo, below, window, certainty)

    # Σ_i E[Y_i; S∈W] = E[S; S∈W]; scale so the contributions add up to the quantile itself.
    total_raw = raw.sum()
    share = quantile - plan.shift
    contributions[leaves] = raw * (share / total_raw) if total_raw > 0 else 0.0
    # Removing a loss never raises the quantile; a tiny negative is grid noise.
    marginals[leaves] = np.maximum(0.0, (centre_quantile - reduced) * step)
    return contributions, marginals


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
