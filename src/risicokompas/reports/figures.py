# SPDX-License-Identifier: EUPL-1.2
"""The required weerstandscapaciteit as every page and document presents it: one rounding rule.

The dashboard, the snapshot page and the paragraph show the same figure:

- when the simulation is the figure, its quantile rounded to the digits the calculation supports
  (``engine.present.round_amount_for_display`` with the quantile's relative uncertainty, half the width of
  its interval): € 12.447.597 known to ±0,4% → € 12.450.000;
- when the nota prescribes a sum, that sum to the euro (a sum has no uncertainty to round away);
- the total adds the separately computed groups (to the euro) to that shown figure.

The ratio and its class always use the unrounded amounts; the exact amounts are in the paragraph's
appendix "Verantwoording van de berekening".
"""

from __future__ import annotations

from dataclasses import dataclass

from risicokompas.engine.present import RoundedAmount, format_eur, round_amount_for_display
from risicokompas.snapshot import SnapshotResult


@dataclass(frozen=True)
class ShownRequirement:
    official: RoundedAmount  # the figure the ratio uses, without the separate groups
    total: RoundedAmount  # official + separately computed groups
    simulated: RoundedAmount  # the simulated quantile, rounded (= official when the simulation is the figure)


def shown_required(
    required: float,
    lower: float,
    upper: float,
    *,
    official: float | None = None,
    separate: float = 0.0,
) -> ShownRequirement:
    """The shown requirement from the simulated quantile ``required`` with its interval (lower, upper),
    the prescribed sum ``official`` (None: the simulation is the figure) and the separate groups."""
    relative = (upper - lower) / 2 / required if required > 0 else 0.0
    simulated = round_amount_for_display(required, relative)
    # A prescribed sum to the euro, half away from zero (relative uncertainty 0).
    figure = simulated if official is None else round_amount_for_display(official, 0.0)
    total = figure.value + round_amount_for_display(separate, 0.0).value
    return ShownRequirement(
        figure, RoundedAmount(value=total, step=figure.step, text=format_eur(total)), simulated
    )


def shown_required_of(result: SnapshotResult) -> ShownRequirement | None:
    """The shown requirement of a stored snapshot result; None for a result without its quantile."""
    if result.certainty is None or result.required_capacity is None:
        return None
    key = f"{result.certainty * 100:g}"
    interval = result.quantile_intervals.get(key)
    lower, upper = interval if interval else (result.required_capacity, result.required_capacity)
    official = result.official_required if result.calculation != "simulatie" else None
    separate = float(result.separate_requirements_total or 0)
    return shown_required(result.required_capacity, lower, upper, official=official, separate=separate)
