# SPDX-License-Identifier: EUPL-1.2
"""SVG charts of a simulation result, one source for the web pages and the reports.

Each chart renders a finished engine result (it computes nothing itself) with matplotlib's object API
(``Figure``, never the global ``pyplot`` state or ``matplotlib.use``: a bare ``Figure`` saves through
the SVG backend directly, so no GUI backend is ever loaded and importing this module changes nothing
for other matplotlib users) and returns inline SVG text that carries ``role="img"``,
an ``aria-label`` and a ``<title>``. Every chart also has a plain data equivalent here
(``exceedance_points``), because a chart alone is not accessible: pages and reports show the numbers
as a table next to it.

Output is deterministic (fixed ``svg.hashsalt``, no date in the metadata), so the same result always
gives byte-identical SVG and tests can compare it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from risicokompas.engine.present import format_eur, format_number, format_percent, format_ratio
from risicokompas.engine.result import Driver, ExceedanceCurve, SimulationResult

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

#: Colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphical objects).
CURVE_COLOUR = "#1f4e79"
REQUIRED_COLOUR = "#a4262c"
AVAILABLE_COLOUR = "#2e6b30"
BAR_COLOUR = "#1f4e79"

_FONT: dict[RcKeyType, Any] = {"font.family": "DejaVu Sans", "font.size": 9, "svg.fonttype": "none"}
_SVG_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)


def compact_eur(amount: float) -> str:
    """A short Dutch axis label: ``1_500_000`` → ``'€ 1,5 mln'``, ``250_000`` → ``'€ 250.000'``."""
    amount = float(amount)  # matplotlib passes NumPy scalars, whose repr the formatters cannot read
    if abs(amount) >= 1_000_000:
        millions = amount / 1_000_000
        decimals = 0 if float(millions).is_integer() else 1
        return f"€ {format_number(round(millions, decimals), decimals)} mln"
    return format_eur(amount)


@dataclass(frozen=True)
class ExceedancePoint:
    """One row of the exceedance chart's table: the chance that the yearly loss is above ``amount``."""

    label: str
    amount: float
    probability: float


def exceedance_points(result: SimulationResult, capacity: float | None = None) -> tuple[ExceedancePoint, ...]:
    """The exceedance chart as data: each quantile (P(verlies > q) = 1 − level), plus the capacity.

    Sorted by amount, so the table reads like the curve from left to right.
    """
    capacity = result.capacity if capacity is None else capacity
    points = [
        ExceedancePoint(f"{format_percent(q.level, _decimals(q.level))}-kwantiel", q.value, 1 - q.level)
        for q in result.quantiles
    ]
    if capacity is not None:
        points.append(
            ExceedancePoint(
                "beschikbare weerstandscapaciteit", capacity, result.exceedance.probability_above(capacity)
            )
        )
    return tuple(sorted(points, key=lambda p: p.amount))


def exceedance_svg(
    result: SimulationResult,
    capacity: float | None = None,
    certainty: float | None = None,
    *,
    id_prefix: str = "rk-exceedance",
) -> str:
    """The exceedance curve P(verlies > x) with the required and the available capacity marked.

    ``capacity`` defaults to the result's capacity and ``certainty`` to the result's certainty; the
    required capacity is the quantile at that certainty (it must be one of the result's levels).
    ``id_prefix`` keeps element ids unique when a page shows more than one chart of this kind.
    """
    chart = _exceedance_chart(result, capacity, certainty)
    return exceedance_chart_svg(*chart, id_prefix=id_prefix)


def exceedance_png(
    result: SimulationResult, capacity: float | None = None, certainty: float | None = None, *, dpi: int = 150
) -> bytes:
    """``exceedance_svg`` as a PNG image, for documents that cannot hold SVG (Word)."""
    return exceedance_chart_png(*_exceedance_chart(result, capacity, certainty), dpi=dpi)


def exceedance_chart_svg(
    curve: ExceedanceCurve,
    required: float,
    certainty: float,
    capacity: float | None = None,
    *,
    id_prefix: str = "rk-exceedance",
) -> str:
    """The exceedance chart from its data alone (e.g. a stored snapshot), as inline SVG."""
    with matplotlib.rc_context({**_FONT, "svg.hashsalt": "risicokompas-exceedance"}):
        figure, title, description = _exceedance_figure(curve, required, certainty, capacity)
        return _svg(figure, title, description, id_prefix)


def exceedance_chart_png(
    curve: ExceedanceCurve,
    required: float,
    certainty: float,
    capacity: float | None = None,
    *,
    dpi: int = 150,
) -> bytes:
    """The exceedance chart from its data alone, as PNG bytes."""
    with matplotlib.rc_context(_FONT):
        figure, _title, _description = _exceedance_figure(curve, required, certainty, capacity)
        return _png(figure, dpi)


def _exceedance_chart(
    result: SimulationResult, capacity: float | None, certainty: float | None
) -> tuple[ExceedanceCurve, float, float, float | None]:
    capacity = result.capacity if capacity is None else capacity
    certainty = result.certainty if certainty is None else certainty
    return result.exceedance, result.quantile(certainty).value, certainty, capacity


def _exceedance_figure(
    curve: ExceedanceCurve, required: float, certainty: float, capacity: float | None
) -> tuple[Figure, str, str]:
    description = (
        f"Benodigde weerstandscapaciteit bij "
        f"{format_percent(certainty, _decimals(certainty))} zekerheid: {format_eur(required)}."
    )
    if capacity is not None:
        description += (
            f" Beschikbare weerstandscapaciteit: {format_eur(capacity)}; kans dat het verlies die "
            f"overschrijdt: {format_percent(curve.probability_above(capacity), 1)}."
        )
    figure = Figure(figsize=(7.5, 4.0))
    axes = figure.add_subplot()
    amounts = list(curve.amounts)
    probabilities = list(curve.probabilities)
    axes.plot(amounts, probabilities, color=CURVE_COLOUR, linewidth=2, label="P(verlies > bedrag)")
    axes.axvline(
        required,
        color=REQUIRED_COLOUR,
        linestyle="--",
        linewidth=1.5,
        label=f"benodigd ({format_percent(certainty, _decimals(certainty))}): {compact_eur(required)}",
    )
    if capacity is not None:
        axes.axvline(
            capacity,
            color=AVAILABLE_COLOUR,
            linestyle=":",
            linewidth=2,
            label=f"beschikbaar: {compact_eur(capacity)}",
        )
    axes.set_ylim(0, 1.02)
    axes.set_xlim(0, max([amounts[-1], required, capacity or 0]) * 1.05 or 1)
    axes.xaxis.set_major_locator(MaxNLocator(nbins=6))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: compact_eur(x)))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: format_percent(float(y))))
    axes.set_xlabel("jaarlijks verlies (€)")
    axes.set_ylabel("kans dat het verlies groter is")
    axes.grid(True, color="#d0d0d0", linewidth=0.5)
    axes.legend(loc="lower left", framealpha=1)  # low amounts sit high on the curve: empty corner
    figure.tight_layout()
    return figure, "Overschrijdingskans van het verlies", description


def drivers_svg(drivers: Sequence[Driver], n: int = 10, *, id_prefix: str = "rk-drivers") -> str:
    """Horizontal bars of the ``n`` largest shares in the required capacity, largest at the top."""
    with matplotlib.rc_context({**_FONT, "svg.hashsalt": "risicokompas-drivers"}):
        figure, title, description = _drivers_figure(drivers, n)
        return _svg(figure, title, description, id_prefix)


def drivers_png(drivers: Sequence[Driver], n: int = 10, *, dpi: int = 150) -> bytes:
    """``drivers_svg`` as a PNG image, for documents that cannot hold SVG (Word)."""
    with matplotlib.rc_context(_FONT):
        figure, _title, _description = _drivers_figure(drivers, n)
        return _png(figure, dpi)


def _drivers_figure(drivers: Sequence[Driver], n: int) -> tuple[Figure, str, str]:
    top = sorted(drivers, key=lambda d: -d.contribution)[:n]
    description = "Grootste bijdragen aan de benodigde weerstandscapaciteit: " + (
        "; ".join(f"{d.risk_id} {d.name}: {format_percent(d.share, 1)}" for d in top) or "geen risico's"
    )
    height = 1.2 + 0.35 * max(len(top), 1)
    figure = Figure(figsize=(7.5, height))
    axes = figure.add_subplot()
    labels = [_shorten(f"{d.risk_id} {d.name}") for d in reversed(top)]
    shares = [d.share for d in reversed(top)]
    bars = axes.barh(labels, shares, color=BAR_COLOUR)
    axes.bar_label(bars, labels=[format_percent(s, 1) for s in shares], padding=3)
    axes.set_xlim(0, max([*shares, 0.01]) * 1.2)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_percent(float(x))))
    axes.set_xlabel("aandeel in de benodigde weerstandscapaciteit")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure, "Grootste risico's naar bijdrage", description


def _png(figure: Figure, dpi: int) -> bytes:
    """The figure as PNG bytes, without a timestamp or software tag, so the same data gives the same bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def _svg(figure: Figure, title: str, description: str, id_prefix: str) -> str:
    """The figure as inline SVG: no XML prolog, ids prefixed, with role, aria-label and a <title>.

    matplotlib numbers its element ids per figure ("axes_1"), so two charts inlined in one HTML page
    would repeat them; the prefix makes them unique and keeps clip-path references intact.
    """
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "Risicokompas"})
    text = _SVG_PROLOG.sub("", buffer.getvalue(), count=1)
    text = re.sub(r'\bid="([^"]+)"', rf'id="{id_prefix}-\1"', text)
    text = re.sub(r"(url\(#|href=\"#)([^)\"]+)", rf"\g<1>{id_prefix}-\2", text)
    label = escape(f"{title}. {description}", quote=True)
    text = re.sub(
        r"<svg\b([^>]*)>",
        lambda m: f'<svg role="img" aria-label="{label}"{m.group(1)}>\n <title>{escape(title)}</title>',
        text,
        count=1,
    )
    return text


def _shorten(text: str, limit: int = 45) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _decimals(level: float) -> int:
    """0 decimals for 90%, 1 for 97,5%."""
    return 0 if float(round(level * 100, 6)).is_integer() else 1


def ratio_history_svg(
    points: Sequence[tuple[str, float | None]],
    norm_minimum: float | None = None,
    *,
    id_prefix: str = "rk-ratio-history",
) -> str:
    """The ratio weerstandsvermogen over snapshots: ``points`` are (label, ratio) oldest first.

    A point without a ratio (nothing required) is left out of the line but keeps its place on the axis.
    The class boundaries 1,0 (voldoende) and, when given, the organisation's minimum norm are marked.
    Pages show the same numbers as a table.
    """
    labels = [label for label, _ in points]
    shown = [(i, r) for i, (_, r) in enumerate(points) if r is not None]
    description = "; ".join(f"{label}: {format_ratio(r)}" for label, r in points) or "geen momentopnamen"
    with matplotlib.rc_context({**_FONT, "svg.hashsalt": "risicokompas-ratio-history"}):
        figure = Figure(figsize=(7.5, 3.6))
        axes = figure.add_subplot()
        if shown:
            xs, ys = zip(*shown, strict=True)
            axes.plot(xs, ys, color=CURVE_COLOUR, linewidth=2, marker="o", label="ratio weerstandsvermogen")
            for x, y in shown:
                axes.annotate(format_ratio(y), (x, y), textcoords="offset points", xytext=(0, 7), ha="center")
        axes.axhline(1.0, color="#595959", linestyle=":", linewidth=1.2, label="1,00 (klasse C, voldoende)")
        if norm_minimum is not None and norm_minimum != 1.0:
            axes.axhline(
                norm_minimum,
                color=REQUIRED_COLOUR,
                linestyle="--",
                linewidth=1.2,
                label=f"norm minimaal {format_ratio(norm_minimum)}",
            )
        top = max([y for _, y in shown] + [norm_minimum or 0, 1.0])
        axes.set_ylim(0, top * 1.2)
        axes.set_xticks(range(len(labels)), [_shorten(label, 22) for label in labels])
        axes.set_xlim(-0.5, max(len(labels) - 0.5, 0.5))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: format_ratio(float(y))))
        axes.set_ylabel("ratio")
        axes.grid(True, axis="y", color="#d0d0d0", linewidth=0.5)
        axes.legend(loc="lower left", framealpha=1)
        figure.autofmt_xdate(rotation=20, ha="right")
        figure.tight_layout()
        return _svg(figure, "Ratio weerstandsvermogen per momentopname", description, id_prefix)


OWN_COLOUR = "#a4262c"


def benchmark_svg(
    bins: Sequence[tuple[str, int]],
    own_bin: int | None = None,
    *,
    title: str = "Verdeling in het netwerk",
    id_prefix: str = "rk-benchmark",
) -> str:
    """Bars of an anonymised benchmark distribution: ``bins`` are (label, number of organisations), lowest
    first; ``own_bin`` (the viewer's own bin, or None) is drawn in another colour, hatched and labelled
    "uw organisatie" so the mark does not rely on colour alone. Pages show the same numbers as a table."""
    description = "; ".join(
        f"{label}: {count} organisaties" + (" (uw organisatie)" if index == own_bin else "")
        for index, (label, count) in enumerate(bins)
    )
    with matplotlib.rc_context({**_FONT, "svg.hashsalt": "risicokompas-benchmark"}):
        figure = Figure(figsize=(7.5, 3.2))
        axes = figure.add_subplot()
        positions = range(len(bins))
        counts = [count for _, count in bins]
        colours = [OWN_COLOUR if index == own_bin else BAR_COLOUR for index in positions]
        bars = axes.bar(positions, counts, color=colours)
        if own_bin is not None and 0 <= own_bin < len(bins):
            bars[own_bin].set_hatch("//")
            bars[own_bin].set_edgecolor("white")
        axes.bar_label(
            bars,
            labels=[f"{c}" + ("\nuw organisatie" if i == own_bin else "") for i, c in enumerate(counts)],
            padding=2,
        )
        axes.set_xticks(list(positions), [_shorten(label, 24) for label, _ in bins])
        axes.set_ylim(0, max([*counts, 1]) * 1.35)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylabel("aantal organisaties")
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        return _svg(figure, title, description, id_prefix)


#: Shades for neighbouring groups of the benchmark's range chart (each ≥ 3:1 against white with the text).
_GROUP_SHADES = ("#c6d9ec", "#e3edf6")


def benchmark_range_svg(
    groups: Sequence[tuple[float | None, float | None, int, str]],
    quartiles: tuple[float, float, float],
    display: Any,
    own: float | None = None,
    *,
    unit: float = 0.01,
    title: str = "Verdeling in het netwerk",
    id_prefix: str = "rk-benchmark",
) -> str:
    """An anonymised numeric benchmark on one scale: the released quartiles as a box (25%, median, 75%)
    above the released groups (lower, upper, number of organisations, label; ``None`` an open end), with the
    viewer's own value as a marked line. It draws only what the page states in text already: the scale
    runs over the groups' inner edges, the quartiles and the own value, never over another organisation's
    value (no minimum, maximum or single value enters it). ``display`` formats a value as the page does."""
    p25, median, p75 = quartiles
    edges = [edge for lower, upper, _n, _label in groups for edge in (lower, upper) if edge is not None]
    points = [*edges, p25, median, p75, *([own] if own is not None else [])]
    low, high = min(points), max(points)
    # At least twenty rounding units wide: a difference below the page's rounding never looks large.
    pad = max((high - low) * 0.2, (20 * unit - (high - low)) / 2)
    left, right = low - pad, high + pad
    description = (
        f"25% onder {display(p25)}, mediaan {display(median)}, 25% boven {display(p75)}; "
        + "; ".join(f"{label}: {count} organisaties" for _lower, _upper, count, label in groups)
        + ("" if own is None else f"; uw organisatie: {display(own)}")
    )
    with matplotlib.rc_context({**_FONT, "svg.hashsalt": "risicokompas-benchmark"}):
        figure = Figure(figsize=(7.5, 2.6))
        axes = figure.add_subplot()
        axes.barh(1, p75 - p25, left=p25, height=0.5, color=BAR_COLOUR)
        # The median sticks out of the box, so it shows even where it meets a quartile after rounding.
        axes.vlines(median, 0.68, 1.32, color="#1a1a1a", linewidth=2.5)
        for text, x, ha, rise in _quartile_labels(p25, median, p75, display):
            axes.annotate(text, (x, 1.25), xytext=(0, rise), textcoords="offset points", ha=ha)
        for index, (lower, upper, count, label) in enumerate(groups):
            start = left if lower is None else lower
            end = right if upper is None else upper
            axes.barh(0, end - start, left=start, height=0.5, color=_GROUP_SHADES[index % 2],
                      edgecolor="#595959", linewidth=0.8)  # fmt: skip
            # The group's own label (as in the table), never a bare edge: an edge is a round grid value.
            axes.text((start + end) / 2, 0, f"{label}\n{count} organisaties", ha="center", va="center")
        if own is not None:
            axes.axvline(own, color=OWN_COLOUR, linestyle="--", linewidth=1.5)
            axes.annotate("uw organisatie", (own, -0.3), xytext=(0, -2), textcoords="offset points",
                          ha="center", va="top", color=OWN_COLOUR, fontweight="bold")  # fmt: skip
        axes.set_xticks([])
        axes.set_xlim(left, right)
        axes.set_ylim(-0.75, 1.85)
        axes.set_yticks([0, 1], ["groepen", "kwartielen"])
        axes.spines[["top", "right", "left"]].set_visible(False)
        axes.spines["bottom"].set_visible(False)
        axes.tick_params(axis="y", length=0)
        figure.tight_layout()
        return _svg(figure, title, description, id_prefix)


def _quartile_labels(
    p25: float, median: float, p75: float, display: Any
) -> list[tuple[str, float, str, int]]:
    """The quartiles' labels above the box; quartiles that read the same after rounding share one label."""
    shown = (display(p25), display(median), display(p75))
    if shown[0] == shown[1] == shown[2]:
        return [(f"25%, mediaan en 75%: {shown[1]}", median, "center", 4)]
    if shown[0] == shown[1]:
        return [(f"25% en mediaan: {shown[0]}", median, "right", 4), (f"75%: {shown[2]}", p75, "left", 4)]
    if shown[1] == shown[2]:
        return [(f"25%: {shown[0]}", p25, "right", 4), (f"mediaan en 75%: {shown[1]}", median, "left", 4)]
    return [
        (f"25%: {shown[0]}", p25, "right", 4),
        (f"mediaan {shown[1]}", median, "center", 16),
        (f"75%: {shown[2]}", p75, "left", 4),
    ]
