# SPDX-License-Identifier: EUPL-1.2
"""The anonymised benchmark of a learning network: coarse, k-anonymous statistics over plain numbers.

Pure Python (no Django): the views collect one value per opted-in organisation and hand plain lists here.
What may be shown, and why no figure can be traced back to one organisation:

- fewer than ``MIN_GROUP`` (5) organisations → ``Suppressed``: no figure at all, not even the exact count;
- no minimum, maximum or other single value is ever shown;
- quartiles are *smoothed and winsorised*: the single lowest and highest value are first replaced by their
  neighbour (so one outlier's value never enters any statistic), then each quartile is the mean of the
  ``MIN_BIN`` (3) order statistics around its position, so no shown quartile is one organisation's value;
  quartiles are rounded to a coarse unit (ratio 0,1; shares a whole percent);
- the distribution is a histogram on a grid of round edges whose bins are merged until every bin holds at
  least ``MIN_BIN`` organisations; the outer bins are open-ended ("lager dan", "vanaf"), so an extreme
  value only adds one to the count of an open bin and its size is never visible;
- categories (class letters) with fewer than ``MIN_BIN`` organisations are merged into "overig";
- everything is deterministic (no random noise that repeated queries could average away). Two queries that
  differ by one organisation (an opt-in or a newly published snapshot) differ in one bin count and in the
  smoothed quartiles. An extreme value never enters a quartile or an edge (winsorised, open-ended bins).
  A value in the middle can move a quartile by a third of its distance to the value it displaces, so
  differencing narrows it to roughly three rounding units — about one bin's width, which the changed
  bin count reveals anyway — never to the value itself.

The viewer's own value is theirs to see: ``own_quartile``/``own_bin`` place it, computed here, and the view
shows it only to that organisation.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from risicokompas.engine.present import format_number, format_percent

MIN_GROUP = 5
MIN_BIN = 3
#: Never more grid bins than this before merging.
MAX_GRID_BINS = 12
OTHER = "overig"


@dataclass(frozen=True)
class Suppressed:
    """Too few organisations: nothing is shown, not even how many."""

    reason: str = "minder dan 5 organisaties"
    suppressed: bool = True


@dataclass(frozen=True)
class Bin:
    """Values in [lower, upper); ``None`` is an open end."""

    lower: float | None
    upper: float | None
    count: int
    label: str


@dataclass(frozen=True)
class BenchmarkSummary:
    n: int
    p25: float
    median: float
    p75: float
    bins: tuple[Bin, ...]
    unit: float
    style: str
    own_value: float | None = None
    own_quartile: int | None = None
    own_bin: int | None = None
    suppressed: bool = False

    def display(self, value: float | None) -> str:
        return display(value, self.style, self.unit)

    @property
    def quartiles_display(self) -> tuple[str, str, str]:
        return (self.display(self.p25), self.display(self.median), self.display(self.p75))


@dataclass(frozen=True)
class Category:
    label: str
    count: int


@dataclass(frozen=True)
class CategorySummary:
    n: int
    categories: tuple[Category, ...]
    own_category: str | None = None  # the label the viewer's own value is counted under
    suppressed: bool = False


# --- Formatting --------------------------------------------------------------------------------------


def _round(value: float, unit: float) -> float:
    """``value`` rounded half up to a multiple of ``unit`` (decimal arithmetic, no 0.1 drift)."""
    step = Decimal(str(unit))
    return float((Decimal(repr(value)) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)


def _decimals(unit: float) -> int:
    exponent = Decimal(str(unit)).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def display(value: float | None, style: str, unit: float) -> str:
    """Dutch text of a shown figure: ``ratio``/``number`` with the unit's decimals, ``percent`` as %."""
    if value is None:
        return "–"
    if style == "percent":
        return format_percent(value, max(0, _decimals(unit) - 2))
    return format_number(value, _decimals(unit))


# --- Numbers -----------------------------------------------------------------------------------------


def _winsorised(values: Sequence[float]) -> list[float]:
    """Sorted values with the single lowest and highest replaced by their neighbour."""
    data = sorted(values)
    data[0], data[-1] = data[1], data[-2]
    return data


def _smoothed_quantile(data: Sequence[float], q: float) -> float:
    """Mean of the ``MIN_BIN`` order statistics around position q·(n−1), the window kept inside the data."""
    n = len(data)
    centre = round(q * (n - 1))
    start = min(max(centre - MIN_BIN // 2, 0), n - MIN_BIN)
    window = data[start : start + MIN_BIN]
    return math.fsum(window) / MIN_BIN


def _nice_step(span: float, unit: float) -> float:
    """A round step (1, 2 or 5 × 10^k, at least ``unit``) for a grid over ``span``."""
    if span <= 0:
        return unit
    raw = span / 4
    power = 10 ** math.floor(math.log10(raw))
    factor = next(f for f in (1, 2, 5, 10) if f * power >= raw)
    return max(_round(factor * power, unit), unit)


def _bins(values: Sequence[float], inner: Sequence[float], unit: float, style: str) -> tuple[Bin, ...]:
    """Histogram on a round grid over the winsorised range, merged until every bin holds ≥ MIN_BIN."""
    low, high = inner[0], inner[-1]
    step = _nice_step(high - low, unit)
    while (high - low) / step > MAX_GRID_BINS:
        step *= 2
    start = math.floor(low / step) * step
    edges = [_round(start, unit)]
    while edges[-1] <= high:
        edges.append(_round(edges[-1] + step, unit))
    # Inner edges only: values below the first inner edge go to the open bottom bin, and so on.
    inner_edges = edges[1:-1]
    counts = [0] * (len(inner_edges) + 1)
    for value in values:
        index = sum(1 for edge in inner_edges if value >= edge)
        counts[index] += 1
    # Merge greedily from the bottom: a group closes once it holds MIN_BIN; a short tail joins the last.
    groups: list[list[int]] = []
    current: list[int] = []
    total = 0
    for index, count in enumerate(counts):
        current.append(index)
        total += count
        if total >= MIN_BIN:
            groups.append(current)
            current, total = [], 0
    if current:
        if groups:
            groups[-1].extend(current)
        else:
            groups.append(current)
    result = []
    for number, group in enumerate(groups):
        lower = None if number == 0 else inner_edges[group[0] - 1]
        upper = None if number == len(groups) - 1 else inner_edges[group[-1]]
        count = sum(counts[i] for i in group)
        result.append(Bin(lower, upper, count, _bin_label(lower, upper, style, unit)))
    return tuple(result)


def _bin_label(lower: float | None, upper: float | None, style: str, unit: float) -> str:
    if lower is None and upper is None:
        return "alle organisaties"
    if lower is None:
        return f"lager dan {display(upper, style, unit)}"
    if upper is None:
        return f"vanaf {display(lower, style, unit)}"
    return f"{display(lower, style, unit)} tot {display(upper, style, unit)}"


def summarise(
    values: Sequence[float],
    own: float | None = None,
    *,
    unit: float = 0.1,
    style: str = "number",
    min_group: int = MIN_GROUP,
) -> BenchmarkSummary | Suppressed:
    """The shareable distribution of ``values`` (one per organisation), or ``Suppressed`` below
    ``min_group``. ``own`` is the viewer's own value (it need not be one of ``values``, e.g. when the
    viewer did not opt in); it only sets ``own_*`` and never changes the statistics."""
    clean = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    if len(clean) < max(min_group, MIN_GROUP):
        return Suppressed()
    inner = _winsorised(clean)
    p25, median, p75 = (_round(_smoothed_quantile(inner, q), unit) for q in (0.25, 0.5, 0.75))
    bins = _bins(clean, inner, unit, style)
    own_quartile = own_bin = None
    if own is not None and math.isfinite(own):
        own_quartile = 1 + sum(1 for q in (p25, median, p75) if own > q)
        for index, item in enumerate(bins):
            if (item.lower is None or own >= item.lower) and (item.upper is None or own < item.upper):
                own_bin = index
                break
    return BenchmarkSummary(
        n=len(clean),
        p25=p25,
        median=median,
        p75=p75,
        bins=bins,
        unit=unit,
        style=style,
        own_value=own,
        own_quartile=own_quartile,
        own_bin=own_bin,
    )


def summarise_categories(
    labels: Sequence[str | None], own: str | None = None, *, min_group: int = MIN_GROUP
) -> CategorySummary | Suppressed:
    """Counts per category (e.g. class letter); categories under ``MIN_BIN`` are merged into "overig",
    and if "overig" itself would be under ``MIN_BIN`` the smallest shown category joins it."""
    clean = [label for label in labels if label]
    if len(clean) < max(min_group, MIN_GROUP):
        return Suppressed()
    counts = Counter(clean)
    shown = {label: count for label, count in counts.items() if count >= MIN_BIN}
    other = len(clean) - sum(shown.values())
    while 0 < other < MIN_BIN and shown:
        smallest = min(shown, key=lambda label: (shown[label], label))
        other += shown.pop(smallest)
    categories = [Category(label, shown[label]) for label in sorted(shown)]
    if other:
        categories.append(Category(OTHER, other))
    own_category = None
    if own:
        own_category = own if own in shown else OTHER
    return CategorySummary(n=len(clean), categories=tuple(categories), own_category=own_category)
