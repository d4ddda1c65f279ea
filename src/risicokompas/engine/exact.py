# SPDX-License-Identifier: EUPL-1.2
"""Exact aggregation of independent risks on grids, with rigorous discretisation bounds.

Certain fixed amounts (p = 1, one amount) are not put on a grid at all: their sum is carried as an exact
shift. The other risks are the leaves of a balanced tree of partial sums (sorted by size, so that siblings
are alike); each node holds the distribution of its partial sum on its own grid, with a step that grows with
the node's span (``_exponents``): small partial sums on fine steps, the root with ``ROOT_POINTS`` points
over the range where the quantiles lie (min(R, 2μ + 4σ)), reaching on to R. A
child whose step is finer than its parent's is rebinned to the parent's step before the two are convolved
(directly for short supports, through Fourier transforms for long ones). Every step is a power of two times
one unit; when the uncertain fixed amounts share a unit (their greatest common divisor in cents) the grid is
built on it, so those amounts are atoms that stay exact at every level.

The error bound is rigorous. Think of every discretisation as a random rounding: a continuous loss in cell
[k·h, (k+1)·h) goes to k·h or (k+1)·h with probability ½ each (the trapezoid rule), a partial sum or a
fixed amount between two coarser grid points goes to each in proportion to its nearness (which keeps its
mean). The grid sum is then S_grid = T + β + ΣD, with T the true sum, β the known total bias of the
trapezoid rule, and D one rounding error per rounding: a martingale difference with |D| ≤ b and summed
conditional variances at most V (p·h²/2 for a leaf, H²/4 for a rebinned node; zero where nothing is
rounded). Freedman's inequality gives P(ΣD ≥ t) ≤ δ(t) = exp(−t² / 2(V + b·t/3)), the same for ≤ −t, so

    q_grid(α − δ − lost) − β − t ≤ q(α) ≤ q_grid(α + δ + cut) − β + t     for every t ≥ 0,

and the best t is taken (``_bracket``). ``lost`` is the probability the grids dropped beyond R (their end,
the smaller of the sum of maxima and μ + t where Bernstein's inequality leaves at most 5·10⁻⁷ beyond;
it is measured, not assumed), ``cut`` the probability of the lognormal tails cut off at their 1 − 10⁻⁴
point. Because rounding errors of independent partial sums largely cancel, V grows with the number of
tree levels, not with the number of risks as a bound h per occurring risk would. Brackets are finally
clipped to [shift, shift + Σ maxima], the range the loss can take.

Drivers are computed on a single coarser grid (see ``exact_drivers``). Work grows about linearly with the
number of risks (10.000 risks in about a second, 100.000 in well under a minute); beyond DRIVER_LIMIT risks
no per-risk drivers are computed, and the result's driver list is empty.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
from scipy import fft

from risicokompas.engine.distributions import Impact
from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.prepared import PreparedProfile
from risicokompas.engine.result import ExceedanceCurve, Quantile

TAIL_MASS = 5e-7  # probability allowed beyond the grid's end R (Bernstein's bound)
TRUNCATION = 1e-4  # total probability of unbounded (lognormal) tails cut off at the grid's end
ROUNDOFF = 1e-9  # slack on cumulative probabilities for floating-point error of the transforms
ROOT_POINTS = 2**16  # points of the root grid over the extent (≤ R) at default settings
STEP_POWER = 0.3  # a node's step is the root's step × (span / R) ** STEP_POWER (a power of two)
MAX_ROOT_POINTS = 2**19  # the root grid reaches to R with at most this many points
ATOM_ROOT_POINTS = 2**20  # the root grid may grow to this many points to keep fixed amounts exact
DRIVER_LIMIT = 250_000  # beyond this many risks no per-risk drivers are computed (the result has none)
MIN_POINTS = 64
LEAF_CELLS = 16  # a continuous loss gets at least this many cells, then is rebinned to its parent's step
DIRECT_CONVOLUTION = 64  # below this length a direct convolution beats one through transforms …
DIRECT_WORK = 2**15  # … and below this product of lengths
EXCEEDANCE_POINTS = 201
DRIVER_POINTS = 2**13  # points of the driver grid over [0, R]
CONFIDENCE_DIGITS = 28  # the bracket's t is searched up to where δ(t) ≈ e^-28 ≈ 10⁻¹²


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


@dataclass(frozen=True)
class Plan:
    """What both grids need to know: the shift, the risks on the grid and the grid's extent."""

    shift: float  # exact sum of the certain fixed amounts
    certain: np.ndarray  # indices of the certain fixed risks
    on_grid: np.ndarray  # indices of the other risks, in tree order (ascending size)
    uppers: np.ndarray  # each risk's largest loss on the grid (a lognormal cut at its 1 − 10⁻⁴ point)
    cut: float  # total probability of the cut-off tails
    span: float  # R
    extent: float  # where the quantiles lie: the smaller of R and 2μ + 4σ (σ from second moments)
    support: float  # the largest loss the profile can have: shift + Σ maxima (∞ with a lognormal)


@dataclass
class _Sum:
    """The distribution of a partial sum on grid points k·unit·2^exponent, plus its rounding account."""

    pmf: np.ndarray
    exponent: int
    lattice: float  # all mass lies on multiples of unit·2^lattice (∞: a point at zero)
    top: float  # the largest value the grid sum can take (before cutting at R)


@dataclass
class _Account:
    variance: float = 0.0  # V: bound on the summed conditional variances of the rounding errors
    bound: float = 0.0  # b: bound on one rounding error (centred)
    bias: float = 0.0  # β: Σ (grid mean − true mean) of the trapezoid rule
    lost: float = 0.0  # probability dropped beyond R

    def add_variance(self, value: float) -> None:
        self.variance += value

    def widen(self, bound: float) -> None:
        self.bound = max(self.bound, bound)

    def add_bias(self, value: float) -> None:
        self.bias += value

    def add_lost(self, value: float) -> None:
        self.lost += value


class _Journal(_Account):
    """An account that also writes down each entry, so that a subtree computed once can book its entries
    again, in the same order, for every identical subtree (the sums stay bit for bit what they were)."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[tuple[str, float]] = []

    def add_variance(self, value: float) -> None:
        self.entries.append(("add_variance", value))

    def widen(self, bound: float) -> None:
        self.entries.append(("widen", bound))

    def add_bias(self, value: float) -> None:
        self.entries.append(("add_bias", value))

    def add_lost(self, value: float) -> None:
        self.entries.append(("add_lost", value))

    def replay(self, account: _Account) -> None:
        for method, value in self.entries:
            getattr(account, method)(value)


def plan_grid(prepared: PreparedProfile) -> Plan:
    p = prepared.probability
    certain = [i for i in range(prepared.size) if p[i] >= 1.0 and prepared.is_point(i)]
    uppers, cut = _upper_bounds(prepared)
    rest = np.array(sorted(set(range(prepared.size)) - set(certain)), dtype=int)
    if rest.size:
        rest = rest[np.lexsort((p[rest], uppers[rest]))]  # alike siblings: sort by size, then chance
    shift = math.fsum(prepared.point_value(i) for i in certain)
    span, extent = _span(prepared, uppers, rest)
    finite = all(math.isfinite(prepared.impacts[i].upper) for i in rest)
    support = shift + (math.fsum(uppers[i] for i in rest) if finite else math.inf)
    return Plan(
        shift=shift,
        certain=np.array(certain, dtype=int),
        on_grid=rest,
        uppers=uppers,
        cut=cut,
        span=span,
        extent=extent,
        support=support,
    )


def aggregate_exact(
    prepared: PreparedProfile,
    levels: tuple[float, ...],
    certainty: float,
    capacity: float | None,
    grid_size: int | None = None,
    drivers: bool = True,
) -> GridOutcome:
    if grid_size is not None and grid_size < MIN_POINTS:
        raise EngineInputError(
            "rooster", f"een rooster van {grid_size} punten is te klein (minimaal {MIN_POINTS})"
        )
    plan = plan_grid(prepared)
    account = _Account()
    with_drivers = drivers and prepared.size <= DRIVER_LIMIT
    driver_leaves: DriverLeaves | None = [] if with_drivers else None
    driver_step = 0.0
    if plan.on_grid.size:
        total, step, driver_step, driver_leaves = _aggregate(
            prepared, plan, grid_size or ROOT_POINTS, account, with_drivers
        )
    else:
        total, step = _Sum(np.ones(1), 0, math.inf, 0.0), 1.0
    pmf = total.pmf
    cdf = np.cumsum(pmf)
    exact = account.variance == 0 and account.bias == 0 and plan.cut == 0

    # No risk occurring is an exact atom at zero: every quantile up to its probability is exactly 0.
    no_loss = math.prod(1.0 - float(prepared.probability[i]) for i in plan.on_grid)
    quantiles = []
    for level in levels:
        if level <= no_loss - ROUNDOFF:
            lower = upper = 0.0
        else:
            lower, upper = _bracket(cdf, step, level, account, plan.cut)
        lower, upper = max(lower + plan.shift, plan.shift), min(upper + plan.shift, plan.support)
        estimate = _step_quantile(cdf, level) * step if exact else _smooth_quantile(pmf, cdf, step, level)
        value = min(max(estimate + plan.shift, lower), upper)
        quantiles.append(Quantile(level=level, value=float(value), lower=float(lower), upper=float(upper)))
    q = next(x.value for x in quantiles if math.isclose(x.level, certainty))

    def below(amount: float | np.ndarray) -> np.ndarray:
        x = (np.asarray(amount, dtype=float) - plan.shift) / step
        if exact:
            index = np.floor(x + 1e-9).astype(int)
            return np.where(index >= 0, cdf[np.clip(index, 0, cdf.size - 1)], 0.0)
        centre = cdf - pmf / 2
        return np.where(x >= 0, np.interp(x, np.arange(cdf.size), centre, left=0.0), 0.0)

    top = plan.shift + _smooth_quantile(pmf, cdf, step, 0.999)
    if capacity is not None:
        top = max(top, capacity)
    amounts = np.linspace(0.0, max(top, step), EXCEEDANCE_POINTS)
    exceed = np.clip(1.0 - below(amounts), 0.0, 1.0)
    p_exceed = None if capacity is None else float(np.clip(1.0 - below(capacity), 0.0, 1.0))

    contributions = marginals = None
    if driver_leaves is not None:  # on the driver grid when drivers were asked for and the profile is small
        from risicokompas.engine.exact_drivers import drivers as compute_drivers

        contributions, marginals = compute_drivers(prepared, plan, driver_leaves, driver_step, q, certainty)

    grid_mean = float((pmf * np.arange(pmf.size)).sum() * step)
    return GridOutcome(
        quantiles=tuple(quantiles),
        exceedance=ExceedanceCurve(tuple(amounts.tolist()), tuple(exceed.tolist())),
        p_exceed_capacity=p_exceed,
        simulated_mean=plan.shift + grid_mean,
        mean_error_bound=_mean_error_bound(prepared, plan, account, total.top),
        contributions=contributions,
        marginals=marginals,
        grid_size=int(pmf.size),
        grid_step=float(step),
    )


# --- the bracket ------------------------------------------------------------------------------------


def _bracket(
    cdf: np.ndarray, step: float, level: float, account: _Account, cut: float
) -> tuple[float, float]:
    """Bounds on the true quantile of the grid risks' sum (see the module docstring), best over t."""
    v, b = account.variance, account.bound
    if v == 0:
        t = np.zeros(1)
        delta = np.zeros(1)
    else:
        reach = 2 * (b * CONFIDENCE_DIGITS / 3 + math.sqrt(2 * v * CONFIDENCE_DIGITS))
        t = np.linspace(0.0, reach, 257)
        delta = np.exp(-(t**2) / (2 * (v + b * t / 3)))
    low_levels = level - delta - account.lost - ROUNDOFF
    lows = np.where(low_levels > 0, np.searchsorted(cdf, low_levels) * step - account.bias - t, 0.0)
    high_levels = level + delta + cut + ROUNDOFF
    reachable = high_levels <= cdf[-1]
    highs = np.where(
        reachable, np.searchsorted(cdf, np.minimum(high_levels, 1.0)) * step - account.bias + t, math.inf
    )
    return max(0.0, float(lows.max())), float(highs.min())


def _step_quantile(cdf: np.ndarray, level: float) -> int:
    return min(int(np.searchsorted(cdf, level - ROUNDOFF, side="left")), cdf.size - 1)


def _smooth_quantile(pmf: np.ndarray, cdf: np.ndarray, step: float, level: float) -> float:
    """The quantile with each point's mass spread evenly over its cell, linear between cell midpoints."""
    if cdf[0] >= level:  # the no-loss atom holds the level
        return 0.0
    centre = cdf - pmf / 2
    index = int(np.searchsorted(centre, level, side="left"))
    if index >= cdf.size:
        return (cdf.size - 1) * step
    if index == 0:
        return 0.0
    below = centre[index - 1]
    width = centre[index] - below
    fraction = (level - below) / width if width > 0 else 0.0
    return max(0.0, (index - 1 + fraction) * step)


def _mean_error_bound(prepared: PreparedProfile, plan: Plan, account: _Account, top: float) -> float:
    """|grid mean − Σ p·E[Y]| ≤ |β| + the cut-off tails' excess means + (probability lost) × (largest grid
    value); the rounding errors of rebinning keep the mean."""
    p, m = prepared.probability, prepared.multiplier
    excess = math.fsum(
        p[i] * _excess(prepared.impacts[i], plan.uppers[i] / m[i]) * m[i] for i in plan.on_grid
    )
    return abs(account.bias) + excess + account.lost * top + 1e-12 * float(prepared.mean_loss.sum())


def _excess(impact: Impact, cut: float) -> float:
    """E[(X − cut)⁺] of a cut-off (unbounded) impact; a bounded one is never cut (cut = max·m/m may be
    one unit in the last place below the maximum)."""
    return impact.excess_mean(cut) if not math.isfinite(impact.upper) else 0.0


# --- grid extent -----------------------------------------------------------------------------------


def _upper_bounds(prepared: PreparedProfile) -> tuple[np.ndarray, float]:
    """Each risk's largest loss on the grid, and the total probability of cut-off tails."""
    uppers = np.empty(prepared.size)
    unbounded = [i for i, impact in enumerate(prepared.impacts) if not math.isfinite(impact.upper)]
    cut = 0.0
    for i, impact in enumerate(prepared.impacts):
        if math.isfinite(impact.upper):
            uppers[i] = impact.upper * prepared.multiplier[i]
        else:
            level = 1.0 - TRUNCATION / len(unbounded)
            uppers[i] = float(impact.ppf(np.array(level))) * prepared.multiplier[i]
            cut += prepared.probability[i] * (
                1.0 - float(impact.cdf(np.array(uppers[i] / prepared.multiplier[i])))
            )
    return uppers, cut


def _span(prepared: PreparedProfile, uppers: np.ndarray, rest: np.ndarray) -> tuple[float, float]:
    """R: the sum of maxima, or less where Bernstein's bound leaves at most TAIL_MASS beyond μ + t; and the
    extent 2μ + 4σ (at most R) that sizes the root's step."""
    if rest.size == 0:
        return 0.0, 0.0
    p, m = prepared.probability[rest], prepared.multiplier[rest]
    second = np.array([prepared.impacts[i].second_moment() for i in rest]) * m * m
    mu = float(prepared.mean_loss[rest].sum())
    variance = float((p * second).sum())  # ≥ Var(S); a larger σ² keeps Bernstein's bound valid
    largest = float(uppers[rest].max())
    log_term = math.log(1.0 / TAIL_MASS)
    a = 2 * log_term * largest / 3
    t = (a + math.sqrt(a * a + 8 * log_term * variance)) / 2
    span = min(float(uppers[rest].sum()), mu + t)
    return span, min(span, 2 * mu + 4 * math.sqrt(variance))


# --- the tree --------------------------------------------------------------------------------------


def _atoms(prepared: PreparedProfile, plan: Plan) -> tuple[float, dict[int, int]]:
    """The grid unit, and for each uncertain fixed amount that lies on it: the amount in units.

    The unit is the greatest common divisor of those amounts in cents; without such amounts it is R, so
    that the grid scales with the amounts (changing the unit of money changes nothing but the unit).
    """
    points = [i for i in plan.on_grid if prepared.is_point(i)]
    cents = {}
    for i in points:
        value = prepared.point_value(i)
        whole = round(value * 100)
        if 0 < whole < 2**53 and whole / 100 == value:
            cents[i] = int(whole)
    if not cents:
        return plan.span if plan.span > 0 else 1.0, {}
    unit = math.gcd(*cents.values())
    return unit / 100, {i: c // unit for i, c in cents.items()}


def _trailing_zeros(n: int) -> int:
    return (n & -n).bit_length() - 1


def _aggregate(
    prepared: PreparedProfile,
    plan: Plan,
    root_points: int,
    account: _Account,
    drivers: bool,
) -> tuple[_Sum, float, float, DriverLeaves | None]:
    """The distribution of the grid risks' sum, its step, the step of the driver grid and (with
    ``drivers``) the leaves on the driver grid, grouped: one distribution per group of identical leaves.

    Identical subtrees (the leaves are sorted by size, so alike risks are siblings) are computed once: a
    subtree is known by its leaves' inputs and its steps, and its account entries are booked again for
    every copy, in the original order, so the outcome is the same as computing every node.
    """
    unit, atoms = _atoms(prepared, plan)
    # root_points over the extent where the quantiles lie, the grid reaching on to R (within reason).
    step = max(plan.extent / root_points, plan.span / MAX_ROOT_POINTS, unit * 2.0**-60)
    root = math.ceil(math.log2(step / unit))
    exact_root = root
    if atoms:  # a finer root keeps every fixed amount on the grid, if that stays affordable
        finest = min(_trailing_zeros(n) for n in atoms.values())
        if finest < root and plan.span / (unit * 2.0**finest) <= ATOM_ROOT_POINTS:
            exact_root = finest
    leaves = list(plan.on_grid)
    spans = [plan.uppers[i] for i in leaves]
    levels = _exponents(spans, plan.span, root, exact_root, unit)
    cap = plan.span  # values beyond R are dropped, and counted in ``lost``
    coarse = root + max(0, math.ceil(math.log2(root_points / DRIVER_POINTS)))
    memo: dict[tuple[object, ...], tuple[int, _Sum, _Journal]] = {}

    def once(key: tuple[object, ...], compute: Callable[[_Journal], _Sum]) -> tuple[int, _Sum]:
        found = memo.get(key)
        if found is None:
            journal = _Journal()
            found = memo[key] = (len(memo), compute(journal), journal)
        found[2].replay(account)
        return found[0], found[1]

    parents = levels[1] if len(levels) > 1 else [exact_root]
    nodes: list[tuple[int, _Sum]] = []
    for k, i in enumerate(leaves):
        exponent = parents[k // 2] if len(levels) > 1 else exact_root
        own = exponent
        if not prepared.is_point(i):  # a small loss on a coarse step: the trapezoid rule would bias it
            own = min(exponent, math.floor(math.log2(max(plan.uppers[i], 1e-300) / (LEAF_CELLS * unit))))
        key = (
            "leaf",
            prepared.impacts[i],
            float(prepared.probability[i]),
            float(prepared.multiplier[i]),
            float(plan.uppers[i]),
            own,
            exponent,
            atoms.get(i),
        )

        nodes.append(once(key, partial(_placed_leaf, prepared, plan, i, unit, own, exponent, atoms, cap)))
    grouped = _driver_leaves(nodes, coarse, unit) if drivers else None
    for depth in range(1, len(levels)):
        merged = []
        for k, exponent in enumerate(levels[depth]):
            children = nodes[2 * k : 2 * k + 2]
            if len(children) == 1:
                ((only, child),) = children
                merged.append(once(("one", only, exponent), partial(_rebin, child, exponent, unit)))
                continue
            (first, a), (second, b) = children
            merged.append(once(("pair", first, second, exponent), partial(_pair, a, b, exponent, unit, cap)))
        nodes = merged
    total = _rebin(nodes[0][1], exact_root, unit, account)
    return total, unit * 2.0**exact_root, unit * 2.0**coarse, grouped


#: Per group of identical leaves: the leaf's distribution on the driver grid and its places in tree order.
DriverLeaves = list[tuple[np.ndarray, list[int]]]


def _driver_leaves(nodes: list[tuple[int, _Sum]], coarse: int, unit: float) -> DriverLeaves:
    """The leaves on the driver grid, one entry per distinct leaf, in order of first appearance."""
    groups: dict[int, tuple[np.ndarray, list[int]]] = {}
    for k, (known, node) in enumerate(nodes):
        if known not in groups:
            groups[known] = (_rebin(node, coarse, unit, _Account()).pmf, [])
        groups[known][1].append(k)
    return list(groups.values())


def _placed_leaf(
    prepared: PreparedProfile,
    plan: Plan,
    i: int,
    unit: float,
    own: int,
    exponent: int,
    atoms: dict[int, int],
    cap: float,
    account: _Account,
) -> _Sum:
    """Risk i's leaf on its parent's step, cut at R."""
    node = _leaf(prepared, plan, i, unit, own, atoms.get(i), account)
    return _capped(_rebin(node, exponent, unit, account), unit, cap, account)


def _pair(a: _Sum, b: _Sum, exponent: int, unit: float, cap: float, account: _Account) -> _Sum:
    """Two sibling partial sums on their parent's step, convolved and cut at R."""
    a, b = _rebin(a, exponent, unit, account), _rebin(b, exponent, unit, account)
    node = _Sum(convolve(a.pmf, b.pmf), exponent, min(a.lattice, b.lattice), a.top + b.top)
    return _capped(node, unit, cap, account)


def _exponents(spans: list[float], span: float, root: int, exact_root: int, unit: float) -> list[list[int]]:
    """Step exponents per tree level, leaves' parents first: unit·2^e ≈ root step × (node span / R)^a.

    The leaves themselves are discretised on their parent's step (or finer, see ``LEAF_CELLS``).
    """
    level = list(spans)
    out: list[list[int]] = [[]]
    while len(level) > 1:
        level = [sum(level[k : k + 2]) for k in range(0, len(level), 2)]
        row = []
        for s in level:
            h = unit * 2.0**root * (min(s, span) / span) ** STEP_POWER if span > 0 else unit
            row.append(min(root, math.floor(math.log2(max(h, 1e-300) / unit))))
        out.append(row)
    # A parent's step is never finer than its children's, and never finer than needed for exactness.
    for depth in range(2, len(out)):
        for k in range(len(out[depth])):
            out[depth][k] = max(out[depth][k], *out[depth - 1][2 * k : 2 * k + 2])
    out[-1] = [exact_root] if len(out) > 1 else out[-1]
    for depth in range(len(out) - 2, 0, -1):
        for k in range(len(out[depth])):
            out[depth][k] = min(out[depth][k], out[depth + 1][k // 2])
    return out


def _leaf(
    prepared: PreparedProfile,
    plan: Plan,
    i: int,
    unit: float,
    exponent: int,
    units: int | None,
    account: _Account,
) -> _Sum:
    """(1 − p)·δ₀ + p·(loss on the grid) for risk i."""
    p = float(prepared.probability[i])
    step = unit * 2.0**exponent
    if prepared.is_point(i):
        value = prepared.point_value(i)
        if units is not None:
            lattice = _trailing_zeros(units)
            if lattice >= exponent:  # exactly on the grid
                pmf = np.zeros((units >> exponent) + 1 if exponent >= 0 else units * 2**-exponent + 1)
                pmf[0], pmf[-1] = 1 - p, p
                return _Sum(pmf, exponent, lattice, value)
        position = value / step
        low = math.floor(position)
        w = position - low
        pmf = np.zeros(low + 2)
        pmf[0] += 1 - p
        pmf[low] += p * (1 - w)
        pmf[low + 1] += p * w
        if w > 0:
            account.add_variance(p * w * (1 - w) * step * step)
            account.widen(step)
        return _Sum(pmf, exponent, exponent, (low + 1) * step)
    impact, m = prepared.impacts[i], prepared.multiplier[i]
    last = int(plan.uppers[i] / step)
    edges = np.arange(1, last + 1) * step / m
    masses = np.diff(np.concatenate(([0.0], impact.cdf(edges), [1.0])))
    pmf = np.zeros(masses.size + 1)
    pmf[:-1] += masses * (p / 2)
    pmf[1:] += masses * (p / 2)
    pmf[0] += 1 - p
    limited = impact.mean() - _excess(impact, plan.uppers[i] / m)  # E[min(X, cut)]
    account.add_bias(float((pmf * np.arange(pmf.size)).sum() * step) - p * m * limited)
    account.add_variance(p * step * step / 2)
    account.widen(2 * step)
    return _Sum(pmf, exponent, exponent, (last + 1) * step)


def _rebin(node: _Sum, exponent: int, unit: float, account: _Account) -> _Sum:
    """The node on the coarser step unit·2^exponent: each point's mass split over its two neighbours in
    proportion to nearness (a rounding with mean zero and variance at most H²/4)."""
    shift = exponent - node.exponent
    if shift <= 0:
        return node
    factor = 2**shift
    rows = -(-node.pmf.size // factor)
    padded = np.zeros(rows * factor)
    padded[: node.pmf.size] = node.pmf
    padded = padded.reshape(rows, factor)
    weight = np.arange(factor) / factor
    pmf = np.zeros(rows + 1)
    pmf[:-1] = padded @ (1 - weight)
    pmf[1:] += padded @ weight
    step = unit * 2.0**exponent
    lattice = node.lattice
    if lattice < exponent:
        account.add_variance(step * step / 4)
        account.widen(step)
        lattice = exponent
    return _Sum(pmf, exponent, lattice, math.ceil(node.top / step) * step)


def _capped(node: _Sum, unit: float, cap: float, account: _Account) -> _Sum:
    """Drop what lies beyond R; it is counted in ``lost`` (the bracket treats it as an unknown loss)."""
    size = int(cap / (unit * 2.0**node.exponent)) + 2
    if node.pmf.size > size:
        account.add_lost(float(node.pmf[size:].sum()))
        node.pmf = node.pmf[:size]
    return node


def convolve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The distribution of the sum of two independent grid variables on the same step."""
    if min(a.size, b.size) <= DIRECT_CONVOLUTION or a.size * b.size <= DIRECT_WORK:
        return np.convolve(a, b)
    n = a.size + b.size - 1
    length = fft.next_fast_len(n, real=True)
    out: np.ndarray = fft.irfft(fft.rfft(a, length) * fft.rfft(b, length), length)[:n]
    np.maximum(out, 0.0, out=out)  # in place: round-off below zero becomes 0
    return out
