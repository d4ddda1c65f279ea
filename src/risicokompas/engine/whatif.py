# SPDX-License-Identifier: EUPL-1.2
"""What-if: a changed input gives a new result, and the difference is what the change is worth."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from risicokompas.engine.model import Profile, Risk, Settings
from risicokompas.engine.result import SimulationResult
from risicokompas.engine.simulate import simulate


@dataclass(frozen=True)
class Comparison:
    """A base and a variant result, with the differences a reader asks about first."""

    base: SimulationResult
    variant: SimulationResult

    @property
    def required_change(self) -> float:
        return self.variant.required_capacity - self.base.required_capacity

    @property
    def mean_change(self) -> float:
        return self.variant.mean - self.base.mean

    @property
    def ratio_change(self) -> float | None:
        if self.base.ratio is None or self.variant.ratio is None:
            return None
        return self.variant.ratio - self.base.ratio

    @property
    def class_changed(self) -> bool:
        return self.base.ratio_class != self.variant.ratio_class


def what_if(
    profile: Profile,
    settings: Settings,
    *,
    remove: Iterable[str] = (),
    replace_risks: Iterable[Risk] = (),
    capacity: float | None = None,
    base: SimulationResult | None = None,
    simulator: Callable[[Profile, Settings], SimulationResult] = simulate,
) -> Comparison:
    """Simulate the profile with risks removed or replaced (e.g. a measure applied) and/or another
    capacity, against the unchanged profile. Monte Carlo reuses the base seed, so both runs see the
    same years and the difference is not drowned in sampling noise. ``simulator`` lets a caller put a
    cache in front of ``simulate`` (the web app's register-simulation service does).
    """
    if base is None:
        base = simulator(profile, settings)
    variant_profile = profile
    for risk_id in remove:
        variant_profile.get(risk_id)  # unknown ids are an error, not a silent no-op
        variant_profile = variant_profile.without(risk_id)
    for risk in replace_risks:
        variant_profile = variant_profile.replacing(risk)
    variant_settings = replace(settings, seed=base.seed if base.seed is not None else settings.seed)
    if capacity is not None:
        variant_settings = replace(variant_settings, capacity=capacity)
    return Comparison(base=base, variant=simulator(variant_profile, variant_settings))
