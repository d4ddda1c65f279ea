# SPDX-License-Identifier: EUPL-1.2
"""Weerstandsvermogen of an organisation: the one rule that combines available capacity, the simulated
requirement and the separately computed risk groups into the total requirement, the ratio, its class and
the norm verdict. Dashboard, snapshot, paragraph and CLI all call ``assess_standing``.

- total requirement = simulated quantile at the certainty level + Σ separately computed groups
  (grondexploitaties, garanties … that the organisation computes outside the simulation);
- ratio = available / total requirement; class (NAR/Universiteit Twente) and norm from the unrounded ratio;
- the separately computed groups claim their part of the capacity first, so the simulated loss exceeds
  what is left: P(S + separate > available) = P(S > available − separate). ``capacity_for_simulation``
  is that remainder (never below zero), the capacity the engine compares the simulated loss with.
"""

from __future__ import annotations

from dataclasses import dataclass

from risicokompas.engine.capacity import (
    NormCheck,
    RatioBand,
    RatioClass,
    RatioScale,
    capacity_ratio,
    check_norm,
    classify_ratio,
)


def capacity_for_simulation(available: float, separate_required: float) -> float:
    """What is left of the available capacity for the simulated risks: available − separate, ≥ 0."""
    return max(float(available) - float(separate_required), 0.0)


@dataclass(frozen=True)
class Standing:
    """Ratio weerstandsvermogen on the total requirement, with its class and the norm verdict."""

    available: float
    simulated_required: float
    separate_required: float
    total_required: float
    ratio: float | None
    ratio_class: RatioClass | RatioBand | None
    norm: NormCheck
    scale: RatioScale | None = None  # None: the NAR/Universiteit Twente table

    @property
    def class_letter(self) -> str | None:
        return self.ratio_class.letter if self.ratio_class else None

    @property
    def class_label(self) -> str | None:
        return self.ratio_class.label if self.ratio_class else None


def assess_standing(
    available: float,
    simulated_required: float,
    separate_required: float = 0.0,
    norm_minimum: float | None = None,
    norm_maximum: float | None = None,
    scale: RatioScale | None = None,
) -> Standing:
    """Total requirement = required + separate; ratio = available / total; class (by ``scale``, default
    the NAR table) and norm of that ratio. ``simulated_required`` is the organisation's official figure:
    the simulated quantile, or the sum its nota prescribes (``engine.conventional.required_capacity``)."""
    total = float(simulated_required) + float(separate_required)
    ratio = capacity_ratio(float(available), total)
    return Standing(
        available=float(available),
        simulated_required=float(simulated_required),
        separate_required=float(separate_required),
        total_required=total,
        ratio=ratio,
        ratio_class=classify_ratio(ratio, scale),
        norm=check_norm(ratio, norm_minimum, norm_maximum),
        scale=scale,
    )
