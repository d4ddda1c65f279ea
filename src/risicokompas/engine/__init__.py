# SPDX-License-Identifier: EUPL-1.2
"""The numerical engine: risk profile in, required capacity with its uncertainty and drivers out.

Plain Python with NumPy/SciPy; it never reads a database or a file. One API shape::

    profile = Profile(risks=(Risk("R1", "Grondexploitatie", 0.3, Uniform(0, 2_000_000)),))
    result = simulate(profile, Settings(certainty=0.9, capacity=5_000_000))
    result.required_capacity, result.ratio, result.ratio_class
"""

from risicokompas.engine.distributions import Fixed, Impact, LogNormal, Pert, Triangular, Uniform
from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.model import (
    DEFAULT_LEVELS,
    Nature,
    Profile,
    Risk,
    Settings,
    probability_from_class,
)
from risicokompas.engine.result import Driver, ExceedanceCurve, Quantile, SimulationResult
from risicokompas.engine.simulate import ENGINE_VERSION, simulate

__all__ = [
    "DEFAULT_LEVELS",
    "ENGINE_VERSION",
    "Driver",
    "EngineInputError",
    "ExceedanceCurve",
    "Fixed",
    "Impact",
    "LogNormal",
    "Nature",
    "Pert",
    "Profile",
    "Quantile",
    "Risk",
    "Settings",
    "SimulationResult",
    "Triangular",
    "Uniform",
    "probability_from_class",
    "simulate",
]
