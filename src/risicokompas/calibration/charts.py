# SPDX-License-Identifier: EUPL-1.2
"""The calibration charts as inline SVG; the page shows the same numbers in a table under each chart."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from risicokompas.charts import _FONT, BAR_COLOUR, CURVE_COLOUR, REQUIRED_COLOUR, _svg, compact_eur
from risicokompas.engine.calibration import ReliabilityBand, YearCheck
from risicokompas.engine.present import format_eur, format_percent


def reliability_svg(bands: Sequence[ReliabilityBand], *, id_prefix: str = "rk-reliability") -> str:
    """Observed frequency against mean estimated kans per kansklasse, with the 95% Wilson interval."""
    shown = [b for b in bands if b.n > 0]
    description = (
        "; ".join(
            f"{b.label}: geraamd {format_percent(b.predicted or 0)}, opgetreden {format_percent(b.observed or 0)} "
            f"({b.n} risicojaren)"
            for b in shown
        )
        or "geen ramingen"
    )
    with matplotlib.rc_context({**_FONT, "svg.hashsalt": "risicokompas-reliability"}):
        figure = Figure(figsize=(6.0, 4.2))
        axes = figure.add_subplot()
        axes.plot([0, 1], [0, 1], color="#595959", linestyle=":", linewidth=1.2, label="perfect gekalibreerd")
        if shown:
            xs = [b.predicted or 0.0 for b in shown]
            ys = [b.observed or 0.0 for b in shown]
            low = [y - (b.lower or 0.0) for b, y in zip(shown, ys, strict=True)]
            high = [(b.upper or 0.0) - y for b, y in zip(shown, ys, strict=True)]
            axes.errorbar(
                xs,
                ys,
                yerr=[low, high],
                fmt="o",
                color=CURVE_COLOUR,
                capsize=4,
                label="waargenomen frequentie (95%-interval)",
            )
            for b, x, y in zip(shown, xs, ys, strict=True):
                axes.annotate(b.label, (x, y), textcoords="offset points", xytext=(8, -4), fontsize=8)
        axes.set_xlim(0, 1)
        axes.set_ylim(0, 1)
        percent = FuncFormatter(lambda v, _pos: format_percent(float(v)))
        axes.xaxis.set_major_formatter(percent)
        axes.yaxis.set_major_formatter(percent)
        axes.set_xlabel("geraamde kans (gemiddeld per kansklasse)")
        axes.set_ylabel("opgetreden")
        axes.grid(True, color="#d0d0d0", linewidth=0.5)
        axes.legend(loc="upper left", framealpha=1)
        figure.tight_layout()
        return _svg(figure, "Geraamde kans en hoe vaak het gebeurde", description, id_prefix)


def years_svg(checks: Sequence[YearCheck], *, id_prefix: str = "rk-calibration-years") -> str:
    """Per year the realised loss (bars) beside the required capacity (markers)."""
    description = "; ".join(
        f"{c.year}: werkelijk {format_eur(c.realised)}, benodigd {format_eur(c.required_capacity)}"
        f"{', overschreden' if c.exceeded else ''}"
        for c in checks
    )
    with matplotlib.rc_context({**_FONT, "svg.hashsalt": "risicokompas-calibration-years"}):
        figure = Figure(figsize=(7.0, 3.8))
        axes = figure.add_subplot()
        positions = list(range(len(checks)))
        axes.bar(
            positions, [c.realised for c in checks], color=BAR_COLOUR, width=0.6, label="werkelijk verlies"
        )
        axes.plot(
            positions,
            [c.required_capacity for c in checks],
            linestyle="none",
            marker="_",
            markersize=28,
            markeredgewidth=3,
            color=REQUIRED_COLOUR,
            label="benodigde weerstandscapaciteit",
        )
        for x, c in zip(positions, checks, strict=True):
            if c.exceeded:
                axes.annotate(
                    "overschreden",
                    (x, c.realised),
                    textcoords="offset points",
                    xytext=(0, 5),
                    ha="center",
                    fontsize=8,
                    color=CURVE_COLOUR,
                )
        axes.set_xticks(positions, [str(c.year) for c in checks])
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: compact_eur(float(v))))
        top = max([c.realised for c in checks] + [c.required_capacity for c in checks] + [1.0])
        axes.set_ylim(0, top * 1.35)
        axes.set_ylabel("bedrag")
        axes.grid(True, axis="y", color="#d0d0d0", linewidth=0.5)
        axes.legend(loc="upper left", ncol=2, framealpha=1)
        figure.tight_layout()
        return _svg(
            figure, "Werkelijk verlies en benodigde weerstandscapaciteit per jaar", description, id_prefix
        )
