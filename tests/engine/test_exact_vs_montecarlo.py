# SPDX-License-Identifier: EUPL-1.2
"""The two methods are independent computations of the same distribution: they must agree."""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from risicokompas.engine import Fixed, LogNormal, Pert, Profile, Risk, Settings, Triangular, Uniform, simulate

amounts = st.floats(min_value=1_000, max_value=5_000_000, allow_nan=False)


@st.composite
def impacts(draw):
    kind = draw(st.sampled_from(["fixed", "uniform", "triangular", "pert", "lognormal"]))
    a, b, c = sorted(draw(st.lists(amounts, min_size=3, max_size=3, unique=True)))
    if kind == "fixed":
        return Fixed(c)
    if kind == "uniform":
        return Uniform(draw(st.sampled_from([0.0, a])), c)
    if kind == "triangular":
        return Triangular(a, b, c)
    if kind == "pert":
        return Pert(a, b, c)
    return LogNormal(a, b)


@st.composite
def profiles(draw):
    n = draw(st.integers(min_value=1, max_value=12))
    risks = []
    for i in range(n):
        p = draw(st.floats(min_value=0.01, max_value=1.0))
        risks.append(Risk(f"R{i}", f"risico {i}", p, draw(impacts())))
    return Profile(tuple(risks))


@pytest.mark.slow
@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_exact_and_montecarlo_agree_within_their_stated_errors(profile):
    exact = simulate(profile, Settings(method="exact"))
    mc = simulate(profile, Settings(method="montecarlo", seed=2024, iterations=200_000))
    for qe, qm in zip(exact.quantiles, mc.quantiles, strict=True):
        # The exact bracket holds the true quantile; the Monte Carlo 95% interval, doubled (≈ 4 standard
        # errors), holds it too except once in ~15.000 comparisons. Overlap of the two is required.
        slack = qm.upper - qm.lower
        assert qe.lower - slack <= qm.value <= qe.upper + slack, (qe, qm)
    variance = sum(
        r.probability * r.impact.second_moment() - (r.probability * r.impact.mean()) ** 2
        for r in profile.risks
    )
    standard_error = math.sqrt(variance / mc.iterations)
    assert abs(exact.mean - mc.simulated_mean) <= 5 * standard_error + 1e-9 * exact.mean


@settings(max_examples=30, deadline=None, derandomize=True)
@given(profiles())
def test_the_exact_bracket_always_contains_the_estimate_and_the_mean_is_kept_within_its_bound(profile):
    result = simulate(profile, Settings(method="exact"))
    for q in result.quantiles:
        assert q.lower <= q.value <= q.upper
    assert [q.value for q in result.quantiles] == sorted(q.value for q in result.quantiles)
    # Splitting each cell's mass over its two ends moves each risk's mean by at most half a step; a
    # lognormal tail cut off at the grid's end removes its excess mean. The result states the sum.
    assert abs(result.simulated_mean - result.mean) <= result.mean_error_bound + 1e-9 * result.mean
