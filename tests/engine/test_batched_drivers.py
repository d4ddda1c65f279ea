# SPDX-License-Identifier: EUPL-1.2
"""The exact method's batched driver pass (one pass per group of identical leaves) gives what a pass per
risk gives: the same Euler contributions and removal effects, on seeded registers with structural risks,
point masses, certain amounts and unbounded tails."""

from __future__ import annotations

import random

import numpy as np
import pytest

from risicokompas.engine import (
    Fixed,
    LogNormal,
    Pert,
    Profile,
    Risk,
    Settings,
    Triangular,
    Uniform,
    exact,
    simulate,
)
from risicokompas.engine.exact_drivers import DRIVER_WINDOW, _window_quantile, drivers
from risicokompas.engine.prepared import prepare


def register(size: int, seed: int) -> Profile:
    """Risks drawn from a pool of estimates a quarter of the register's size: many risks are identical, as
    in a real register whose amounts and chances come from a few classes."""
    rng = random.Random(seed)
    pool = []
    for _ in range(max(3, size // 4)):
        probability = rng.choice([0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0])
        maximum = rng.choice([50, 100, 250, 400, 800, 1500, 4000]) * 1000.0 * rng.choice([1, 1, 1.37])
        impact = rng.choice(
            [
                Uniform(0.0, maximum),
                Uniform(0.0, maximum),
                Triangular(0.0, maximum / 3, maximum),
                Pert(maximum / 10, maximum / 2, maximum),
                LogNormal(maximum / 3, maximum),
                Fixed(round(maximum)),
            ]
        )
        structural = rng.random() < 0.25
        pool.append((probability, impact, structural, rng.choice([None, 2, 4]) if structural else None))
    risks = []
    for k in range(size):
        probability, impact, structural, years = rng.choice(pool)
        risks.append(
            Risk(
                f"R{k:04d}",
                f"Risico {k}",
                probability,
                impact,
                nature="structureel" if structural else "incidenteel",
                years=years,
            )
        )
    return Profile(tuple(risks), structural_years=3)


def pass_inputs(profile: Profile):
    prepared = prepare(profile)
    plan = exact.plan_grid(prepared)
    _total, _step, driver_step, grouped = exact._aggregate(
        prepared, plan, exact.ROOT_POINTS, exact._Account(), True
    )
    result = simulate(profile, Settings(method="exact", certainty=0.9))
    quantile = result.quantile(0.9).value
    return prepared, plan, grouped, driver_step, quantile


def per_risk(grouped):
    """The same leaves, every risk a group of its own: the driver pass per risk."""
    return sorted(([pmf, [k]] for pmf, members in grouped for k in members), key=lambda leaf: leaf[1][0])


@pytest.mark.parametrize(("size", "seed"), [(12, 1), (40, 2), (150, 3), (600, 4)])
def test_the_batched_pass_equals_the_pass_per_risk(size, seed):
    prepared, plan, grouped, step, quantile = pass_inputs(register(size, seed))
    assert len(grouped) < plan.on_grid.size  # the register has identical risks: the batch groups them

    contributions, marginals = drivers(prepared, plan, grouped, step, quantile, 0.9)
    reference_contributions, reference_marginals = drivers(
        prepared, plan, per_risk(grouped), step, quantile, 0.9
    )

    np.testing.assert_allclose(contributions, reference_contributions, rtol=0, atol=1e-9 * quantile)
    np.testing.assert_allclose(marginals, reference_marginals, rtol=0, atol=1e-6 * step)
    assert contributions.sum() == pytest.approx(quantile, rel=1e-9)


def test_the_batched_pass_equals_a_direct_computation_without_each_risk():
    """Per risk, S without it by direct convolution of all other leaves on the driver grid."""
    prepared, plan, grouped, step, quantile = pass_inputs(register(30, 3))
    assert plan.certain.size  # certain amounts, point masses, structural risks and lognormal tails
    contributions, marginals = drivers(prepared, plan, grouped, step, quantile, 0.9)

    leaves = per_risk(grouped)
    total = np.ones(1)
    for pmf, _ in leaves:
        total = np.convolve(total, pmf)
    centre_quantile = _window_quantile(0, 0.0, total, 0.9)
    half = max(2, round(DRIVER_WINDOW * centre_quantile))
    w_lo, w_hi = max(0, round(centre_quantile) - half), round(centre_quantile) + half
    raw, reduced = [], []
    for k, (pmf, _) in enumerate(leaves):
        without = np.ones(1)
        for other, (other_pmf, _) in enumerate(leaves):
            if other != k:
                without = np.convolve(without, other_pmf)
        cdf = np.concatenate(([0.0], np.cumsum(without)))  # cdf[x + 1] = P(S₋ᵢ ≤ x)
        y = np.arange(pmf.size)
        high = cdf[np.clip(w_hi - y + 1, 0, cdf.size - 1)]
        low = cdf[np.clip(w_lo - y, 0, cdf.size - 1)]
        raw.append(float((y * pmf * (high - low)).sum()) * step)
        reduced.append(_window_quantile(0, 0.0, without, 0.9))
    raw_array = np.array(raw)
    share = quantile - plan.shift
    expected_contributions = raw_array * share / raw_array.sum()
    expected_marginals = np.maximum(0.0, (centre_quantile - np.array(reduced)) * step)

    np.testing.assert_allclose(
        contributions[plan.on_grid], expected_contributions, rtol=0, atol=1e-9 * quantile
    )
    np.testing.assert_allclose(marginals[plan.on_grid], expected_marginals, rtol=0, atol=1e-6 * step)
    for i in plan.certain:  # a certain amount contributes itself, and removing it lowers q by itself
        assert contributions[i] == marginals[i] == prepared.point_value(int(i))
