# SPDX-License-Identifier: EUPL-1.2
"""The methods municipalities use today, shown beside the simulation for comparison (DESIGN §5).

* Σ kans × maximum: deterministic; equals the mean when every impact is fixed at its maximum.
* a fixed factor of the sum of maxima (often 70%).

Published simulated 90% outcomes of municipal profiles are typically 20–28% of the sum of maxima; the
share of this profile is a plausibility check a reader can make at a glance.
"""

from __future__ import annotations

from dataclasses import dataclass

from risicokompas.engine.model import Profile

PUBLISHED_SHARE_RANGE = (0.20, 0.28)


@dataclass(frozen=True)
class ConventionalFigures:
    probability_times_max: float
    sum_max: float
    factor: float
    factor_of_sum_max: float
    simulated: float

    @property
    def simulated_share_of_sum_max(self) -> float | None:
        return self.simulated / self.sum_max if self.sum_max > 0 else None

    @property
    def within_published_range(self) -> bool | None:
        share = self.simulated_share_of_sum_max
        if share is None:
            return None
        low, high = PUBLISHED_SHARE_RANGE
        return low <= share <= high


def conventional_figures(profile: Profile, simulated: float, factor: float = 0.70) -> ConventionalFigures:
    """Σ p·max and factor·Σ max over the active risks, next to a simulated required capacity."""
    if not 0 < factor <= 1:
        raise ValueError("de factor moet tussen 0 en 1 liggen")
    risks = profile.active
    maxima = [r.impact.nominal_max * r.multiplier(profile.structural_years) for r in risks]
    sum_max = float(sum(maxima))
    return ConventionalFigures(
        probability_times_max=float(sum(r.probability * m for r, m in zip(risks, maxima, strict=True))),
        sum_max=sum_max,
        factor=factor,
        factor_of_sum_max=factor * sum_max,
        simulated=simulated,
    )
