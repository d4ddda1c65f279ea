# SPDX-License-Identifier: EUPL-1.2
"""Arrays both aggregation methods work from: the active risks of a profile as effective losses.

The loss of risk i in a year is Y_i = I_i · m_i · X_i with I_i ~ Bernoulli(p_i), m_i the number of years
a structural risk counts (1 for incidental risks) and X_i its impact distribution.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from risicokompas.engine.distributions import Fixed, Impact, Uniform
from risicokompas.engine.model import Profile, Risk


@dataclass(frozen=True)
class PreparedProfile:
    risks: tuple[Risk, ...]
    impacts: tuple[Impact, ...]
    probability: np.ndarray
    multiplier: np.ndarray
    mean_loss: np.ndarray  # p · m · E[X]
    correlation: np.ndarray  # per risk, 0 for independent
    groups: tuple[str | None, ...]

    @property
    def size(self) -> int:
        return len(self.risks)

    def is_point(self, i: int) -> bool:
        """True when the impact is a single amount (an atom), which the grid must treat as such."""
        impact = self.impacts[i]
        return isinstance(impact, Fixed) or (isinstance(impact, Uniform) and impact.low == impact.high)

    def point_value(self, i: int) -> float:
        """The single amount of a point impact (callers check ``is_point``), times the multiplier."""
        impact = self.impacts[i]
        if isinstance(impact, Fixed):
            value = impact.value
        elif isinstance(impact, Uniform):
            value = impact.low
        else:
            raise ValueError(f"risk {self.risks[i].id} has no single amount")
        return float(value * self.multiplier[i])


def prepare(profile: Profile) -> PreparedProfile:
    active = profile.active
    multiplier = np.array([r.multiplier(profile.structural_years) for r in active], dtype=float)
    probability = np.array([r.probability for r in active], dtype=float)
    means = np.array([r.impact.mean() for r in active], dtype=float)
    return PreparedProfile(
        risks=active,
        impacts=tuple(r.impact for r in active),
        probability=probability,
        multiplier=multiplier,
        mean_loss=probability * multiplier * means,
        correlation=np.array([profile.correlation_of(r) for r in active], dtype=float),
        groups=tuple(r.group for r in active),
    )
