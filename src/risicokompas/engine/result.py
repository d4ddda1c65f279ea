# SPDX-License-Identifier: EUPL-1.2
"""The frozen result of a simulation: everything needed to report and explain the risk profile."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from risicokompas.engine.capacity import RatioBand, RatioClass


@dataclass(frozen=True)
class Quantile:
    """One row of the quantile table.

    ``lower``/``upper`` bound the true quantile: for ``exact`` they are the discretisation bounds (the true
    value lies between them), for ``montecarlo`` the 95% confidence interval. ``standard_error`` is only
    set for Monte Carlo.
    """

    level: float
    value: float
    lower: float
    upper: float
    standard_error: float | None = None

    @property
    def relative_uncertainty(self) -> float:
        """Half the width of the interval, relative to the value (0 when the value is 0)."""
        if self.value <= 0:
            return 0.0
        return (self.upper - self.lower) / 2 / self.value


@dataclass(frozen=True)
class Driver:
    """What one risk contributes to the required capacity.

    ``contribution`` is the Euler allocation E[loss_i | S ≈ q] scaled so the contributions add up to the
    quantile q, and ``share`` that contribution as a fraction of q ("bijdrage"); ``marginal`` is q minus the
    quantile without this risk; ``expected`` is p·m·E[X] ("kans × gemiddeld gevolg").

    ``probability_times_max`` is p·m·max and ``influence`` its fraction of Σ p·m·max over the active risks
    ("invloed"): the ranking the conventional method and its tools show, which needs no simulation.
    """

    risk_id: str
    name: str
    contribution: float
    share: float
    marginal: float
    expected: float
    probability_times_max: float = 0.0
    influence: float = 0.0


@dataclass(frozen=True)
class ExceedanceCurve:
    """P(S > x) at increasing amounts x (the S-curve is 1 minus this)."""

    amounts: tuple[float, ...]
    probabilities: tuple[float, ...]

    def probability_above(self, amount: float) -> float:
        return float(np.interp(amount, self.amounts, self.probabilities, right=0.0))


@dataclass(frozen=True)
class SimulationResult:
    method: str
    certainty: float
    quantiles: tuple[Quantile, ...]
    mean: float  # Σ p·m·E[X], exact
    simulated_mean: float  # of the computed distribution: grid (exact) or sample (Monte Carlo)
    mean_error_bound: float | None  # exact: |simulated_mean − mean| is at most this
    sum_max: float
    capacity: float | None
    p_exceed_capacity: float | None
    exceedance: ExceedanceCurve
    drivers: tuple[Driver, ...]
    seed: int | None
    iterations: int | None
    grid_size: int | None
    grid_step: float | None
    input_hash: str
    engine_version: str
    risk_count: int
    active_count: int
    excluded_ids: tuple[str, ...]

    def quantile(self, level: float) -> Quantile:
        for q in self.quantiles:
            if math.isclose(q.level, level, abs_tol=1e-12):
                return q
        raise KeyError(f"no quantile at level {level}")

    @property
    def required_capacity(self) -> float:
        """Benodigde weerstandscapaciteit: the quantile at the certainty level."""
        return self.quantile(self.certainty).value

    @property
    def ratio(self) -> float | None:
        from risicokompas.engine.capacity import capacity_ratio

        if self.capacity is None:
            return None
        return capacity_ratio(self.capacity, self.required_capacity)

    @property
    def ratio_class(self) -> RatioClass | RatioBand | None:
        from risicokompas.engine.capacity import classify_ratio

        return classify_ratio(self.ratio)

    def top_drivers(self, n: int = 10) -> tuple[Driver, ...]:
        return tuple(sorted(self.drivers, key=lambda d: -d.contribution)[:n])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, full precision. Quantile keys are percentages as strings ("90")."""
        ratio_class = self.ratio_class
        return {
            "method": self.method,
            "certainty": self.certainty,
            "required_capacity": self.required_capacity,
            "quantiles": {_level_key(q.level): q.value for q in self.quantiles},
            "quantile_intervals": {_level_key(q.level): [q.lower, q.upper] for q in self.quantiles},
            "quantile_standard_errors": {
                _level_key(q.level): q.standard_error for q in self.quantiles if q.standard_error is not None
            },
            "mean": self.mean,
            "simulated_mean": self.simulated_mean,
            "sum_max": self.sum_max,
            "capacity": self.capacity,
            "ratio": self.ratio,
            "class": ratio_class.letter if ratio_class is not None else None,
            "class_label": ratio_class.label if ratio_class is not None else None,
            "p_exceed_capacity": self.p_exceed_capacity,
            "drivers": [
                {
                    "id": d.risk_id,
                    "name": d.name,
                    "contribution": d.contribution,
                    "share": d.share,
                    "marginal": d.marginal,
                    "expected": d.expected,
                    "probability_times_max": d.probability_times_max,
                    "influence": d.influence,
                }
                for d in self.top_drivers(len(self.drivers))
            ],
            "exceedance": asdict(self.exceedance),
            "seed": self.seed,
            "iterations": self.iterations,
            "grid_size": self.grid_size,
            "grid_step": self.grid_step,
            "input_hash": self.input_hash,
            "engine_version": self.engine_version,
            "risk_count": self.risk_count,
            "active_count": self.active_count,
            "excluded": list(self.excluded_ids),
        }


def _level_key(level: float) -> str:
    percent = level * 100
    return f"{percent:.0f}" if math.isclose(percent, round(percent)) else f"{percent:g}"
