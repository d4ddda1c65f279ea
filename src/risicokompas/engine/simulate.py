# SPDX-License-Identifier: EUPL-1.2
"""The engine's one entry point: a frozen profile and settings in, a frozen result out."""

from __future__ import annotations

import math
from typing import cast

import numpy as np

from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.exact import GridOutcome, aggregate_exact
from risicokompas.engine.model import Profile, Settings, input_hash
from risicokompas.engine.montecarlo import Progress, SampleOutcome, aggregate_montecarlo
from risicokompas.engine.prepared import PreparedProfile, prepare
from risicokompas.engine.result import Driver, ExceedanceCurve, Quantile, SimulationResult

ENGINE_VERSION = "1.1.0"  # 1.1: per-level grids and exact atoms in the exact method (numbers moved by < 0,2%)


def simulate(
    profile: Profile, settings: Settings | None = None, *, progress: Progress | None = None
) -> SimulationResult:
    """Simulate the yearly loss S = Σ I_i · m_i · X_i of a risk profile.

    ``auto`` uses the exact method unless the profile has correlated groups, which need Monte Carlo.
    Without a seed, Monte Carlo draws one and reports it, so every run can be repeated.
    """
    settings = settings or Settings()
    method = settings.method
    if method == "auto":
        method = "montecarlo" if profile.has_dependence else "exact"
    if method == "exact" and profile.has_dependence:
        raise EngineInputError(
            "methode", "de exacte methode rekent met onafhankelijke risico's; kies montecarlo voor correlatie"
        )
    seed = settings.seed
    if method == "montecarlo" and seed is None:
        # Without an argument SeedSequence draws its entropy as one int (128 bits), never a sequence.
        seed = cast(int, np.random.SeedSequence().entropy) % 2**63
    effective = Settings(
        **{**settings.__dict__, "method": method, "seed": seed if method != "exact" else None}
    )

    prepared = prepare(profile)
    iterations = grid_size = grid_step = None
    outcome: _NoRisk | GridOutcome | SampleOutcome
    if prepared.size == 0:
        outcome = _no_risk(settings)
    elif method == "exact":
        outcome = aggregate_exact(
            prepared,
            settings.levels,
            settings.certainty,
            settings.capacity,
            grid_size=settings.grid_size,
            drivers=settings.drivers,
        )
        grid_size, grid_step = outcome.grid_size, outcome.grid_step
    else:
        assert seed is not None  # drawn above when settings gave none
        outcome = aggregate_montecarlo(
            prepared,
            settings.levels,
            settings.certainty,
            settings.capacity,
            iterations=settings.iterations,
            seed=seed,
            chunk_size=settings.chunk_size,
            tolerance=settings.tolerance,
            max_iterations=settings.max_iterations,
            drivers=settings.drivers,
            progress=progress,
        )
        iterations = outcome.iterations

    return SimulationResult(
        method=method,
        certainty=settings.certainty,
        quantiles=outcome.quantiles,
        mean=float(prepared.mean_loss.sum()),
        simulated_mean=outcome.simulated_mean,
        mean_error_bound=getattr(outcome, "mean_error_bound", None),
        sum_max=float(
            sum(r.impact.nominal_max * r.multiplier(profile.structural_years) for r in prepared.risks)
        ),
        capacity=settings.capacity,
        p_exceed_capacity=outcome.p_exceed_capacity,
        exceedance=outcome.exceedance,
        drivers=_drivers(prepared, outcome, settings.certainty),
        seed=seed if method == "montecarlo" else None,
        iterations=iterations,
        grid_size=grid_size,
        grid_step=grid_step,
        input_hash=input_hash(profile, effective),
        engine_version=ENGINE_VERSION,
        risk_count=len(profile.risks),
        active_count=prepared.size,
        excluded_ids=tuple(r.id for r in profile.risks if r.excluded),
    )


def _drivers(
    prepared: PreparedProfile, outcome: _NoRisk | GridOutcome | SampleOutcome, certainty: float
) -> tuple[Driver, ...]:
    if outcome.contributions is None or outcome.marginals is None:
        return ()
    q = next(x.value for x in outcome.quantiles if abs(x.level - certainty) < 1e-12)
    # "Invloed": p·m·max as a share of Σ p·m·max, the ranking of the conventional method.
    times_max = [
        float(prepared.probability[i] * prepared.multiplier[i] * impact.nominal_max)
        for i, impact in enumerate(prepared.impacts)
    ]
    total_times_max = math.fsum(times_max)
    drivers = []
    for i, risk in enumerate(prepared.risks):
        contribution = float(outcome.contributions[i])
        drivers.append(
            Driver(
                risk_id=risk.id,
                name=risk.name,
                contribution=contribution,
                share=contribution / float(q) if q > 0 else 0.0,
                marginal=float(outcome.marginals[i]),
                expected=float(prepared.mean_loss[i]),
                probability_times_max=times_max[i],
                influence=times_max[i] / total_times_max if total_times_max > 0 else 0.0,
            )
        )
    return tuple(sorted(drivers, key=lambda d: (-d.contribution, d.risk_id)))


class _NoRisk:
    def __init__(self, settings: Settings) -> None:
        self.quantiles = tuple(Quantile(level=q, value=0.0, lower=0.0, upper=0.0) for q in settings.levels)
        self.exceedance = ExceedanceCurve((0.0, 1.0), (0.0, 0.0))
        self.p_exceed_capacity = None if settings.capacity is None else 0.0
        self.simulated_mean = 0.0
        self.contributions = None
        self.marginals = None


def _no_risk(settings: Settings) -> _NoRisk:
    return _NoRisk(settings)
