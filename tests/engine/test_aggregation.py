# SPDX-License-Identifier: EUPL-1.2
"""The aggregate loss against closed-form references, and the invariances a sum must have."""

import math

import numpy as np
import pytest
from scipy import optimize

from risicokompas.engine import (
    EngineInputError,
    Fixed,
    LogNormal,
    Nature,
    Pert,
    Profile,
    Risk,
    Settings,
    Triangular,
    Uniform,
    simulate,
)


def profile(*risks: Risk, **kwargs) -> Profile:
    return Profile(risks=tuple(risks), **kwargs)


def uniform_risk(risk_id: str, p: float, high: float, low: float = 0.0, **kwargs) -> Risk:
    return Risk(risk_id, f"risico {risk_id}", p, Uniform(low, high), **kwargs)


def exact(p: Profile, **kwargs):
    return simulate(p, Settings(method="exact", **kwargs))


def montecarlo(p: Profile, seed: int = 7, iterations: int = 200_000, **kwargs):
    return simulate(p, Settings(method="montecarlo", seed=seed, iterations=iterations, **kwargs))


def assert_bracketed(quantile, true_value: float) -> None:
    assert quantile.lower <= true_value + 1e-6 <= quantile.upper + 2e-6, (quantile, true_value)


# --- one risk -------------------------------------------------------------------------------------


def test_one_uniform_risk_matches_its_closed_form_quantiles():
    # S = I·X, X ~ U(0, 1e6), p = 0.5: P(S ≤ x) = 0.5 + 0.5·x/1e6, so q_α = 1e6·(α − 0.5)/0.5.
    result = exact(profile(uniform_risk("R1", 0.5, 1_000_000)))
    for level in (0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99):
        true = 1_000_000 * (level - 0.5) / 0.5
        q = result.quantile(level)
        assert_bracketed(q, true)
        assert q.value == pytest.approx(true, rel=1e-4)
    assert result.quantile(0.5).value == 0.0


def test_one_fixed_risk_is_zero_below_its_no_loss_probability_and_its_amount_above():
    result = exact(profile(Risk("R1", "vast", 0.3, Fixed(2_000_000))))
    assert result.quantile(0.5).value == 0.0
    assert result.quantile(0.9).value == pytest.approx(2_000_000, rel=1e-3)
    assert_bracketed(result.quantile(0.9), 2_000_000)


def test_a_certain_risk_counts_fully_at_every_level():
    result = exact(profile(Risk("R1", "zeker", 1.0, Fixed(750_000))))
    for q in result.quantiles:
        assert q.value == pytest.approx(750_000, rel=1e-3)


def test_one_risk_by_montecarlo_matches_the_closed_form_within_its_interval():
    result = montecarlo(profile(uniform_risk("R1", 0.5, 1_000_000)))
    q = result.quantile(0.9)
    assert q.lower <= 800_000 <= q.upper
    assert q.standard_error == pytest.approx((q.upper - q.lower) / (2 * 1.96), rel=0.01)


# --- two risks ------------------------------------------------------------------------------------


def test_two_fixed_risks_give_the_four_point_distribution():
    # Outcomes 0, 3e5, 1e6, 1.3e6 with probabilities 0.4, 0.4, 0.1, 0.1 (CDF 0.4, 0.8, 0.9, 1.0).
    p = profile(Risk("A", "a", 0.2, Fixed(1_000_000)), Risk("B", "b", 0.5, Fixed(300_000)))
    for result in (exact(p), montecarlo(p)):
        assert result.quantile(0.5).value == pytest.approx(300_000, rel=2e-3)
        assert result.quantile(0.85).value == pytest.approx(1_000_000, rel=2e-3)
        assert result.quantile(0.95).value == pytest.approx(1_300_000, rel=2e-3)


def _two_uniform_cdf(x: float, p1: float, a: float, p2: float, b: float) -> float:
    """P(I1·U(0,a) + I2·U(0,b) ≤ x), with the sum of two uniforms in closed form (a ≤ b)."""
    f1 = min(max(x / a, 0.0), 1.0)
    f2 = min(max(x / b, 0.0), 1.0)
    if x <= 0:
        both = 0.0
    elif x <= a:
        both = x * x / (2 * a * b)
    elif x <= b:
        both = (2 * x - a) / (2 * b)
    elif x <= a + b:
        both = 1 - (a + b - x) ** 2 / (2 * a * b)
    else:
        both = 1.0
    return (1 - p1) * (1 - p2) + p1 * (1 - p2) * f1 + (1 - p1) * p2 * f2 + p1 * p2 * both


@pytest.mark.parametrize("level", [0.75, 0.9, 0.95, 0.99])
def test_two_uniform_risks_match_the_convolution_in_closed_form(level):
    p1, a, p2, b = 0.4, 600_000.0, 0.7, 1_500_000.0
    true = optimize.brentq(lambda x: _two_uniform_cdf(x, p1, a, p2, b) - level, 1e-9, a + b)
    p = profile(uniform_risk("A", p1, a), uniform_risk("B", p2, b))
    q = exact(p).quantile(level)
    assert_bracketed(q, true)
    assert q.value == pytest.approx(true, rel=2e-4)
    mc = montecarlo(p).quantile(level)
    assert mc.lower - 1 <= true <= mc.upper + 1


# --- mean, maxima, exclusions, structural ---------------------------------------------------------


def test_the_mean_is_the_sum_of_probability_times_expected_impact_and_the_simulation_agrees():
    risks = (
        uniform_risk("A", 0.3, 1_000_000),
        Risk("B", "b", 0.5, Triangular(100_000, 200_000, 900_000)),
        Risk("C", "c", 0.1, Pert(0, 500_000, 4_000_000)),
        Risk("D", "d", 0.7, Fixed(250_000)),
        Risk("E", "e", 0.2, LogNormal(300_000, 900_000)),
    )
    expected = (
        0.3 * 500_000
        + 0.5 * 400_000
        + 0.1 * (0 + 4 * 500_000 + 4_000_000) / 6
        + 0.7 * 250_000
        + 0.2 * 300_000 * math.exp(((math.log(3) / 1.2815515655446004) ** 2) / 2)
    )
    p = profile(*risks)
    result = exact(p)
    assert result.mean == pytest.approx(expected, rel=1e-12)
    assert result.simulated_mean == pytest.approx(expected, rel=1e-3)
    mc = montecarlo(p, iterations=300_000)
    assert mc.simulated_mean == pytest.approx(expected, rel=0.01)


def test_sum_of_maxima_counts_structural_years_and_skips_excluded_risks():
    p = profile(
        uniform_risk("A", 0.5, 1_000_000),
        Risk("B", "b", 0.5, Uniform(0, 200_000), nature=Nature.STRUCTURAL, years=3),
        Risk("C", "c", 0.5, Uniform(0, 200_000), nature=Nature.STRUCTURAL),
        uniform_risk("D", 0.5, 9_000_000, excluded=True),
        structural_years=2,
    )
    result = exact(p)
    assert result.sum_max == pytest.approx(1_000_000 + 600_000 + 400_000)
    assert result.excluded_ids == ("D",)
    assert result.active_count == 3
    assert result.risk_count == 4


def test_a_structural_risk_counts_as_its_annual_amount_times_the_years():
    structural = exact(profile(Risk("S", "s", 0.4, Fixed(100_000), nature="structureel", years=4)))
    incidental = exact(profile(Risk("S", "s", 0.4, Fixed(400_000))))
    assert structural.quantile(0.9).value == pytest.approx(incidental.quantile(0.9).value, rel=1e-9)


def test_excluded_risks_do_not_change_the_profile():
    base = profile(uniform_risk("A", 0.5, 1_000_000), uniform_risk("B", 0.3, 400_000))
    with_excluded = profile(*base.risks, uniform_risk("X", 0.9, 50_000_000, excluded=True))
    assert exact(with_excluded).required_capacity == pytest.approx(exact(base).required_capacity, rel=1e-12)


def test_an_empty_profile_needs_no_capacity():
    result = exact(profile(uniform_risk("X", 0.9, 1_000_000, excluded=True)), capacity=100.0)
    assert result.required_capacity == 0.0
    assert result.ratio is None
    assert result.p_exceed_capacity == 0.0


# --- invariances --------------------------------------------------------------------------------


def random_profile(n: int, seed: int = 3) -> Profile:
    rng = np.random.default_rng(seed)
    risks = []
    for i in range(n):
        high = float(np.exp(rng.normal(np.log(400_000), 1.0)))
        risks.append(uniform_risk(f"R{i}", float(rng.choice([0.1, 0.3, 0.5, 0.7, 0.9])), high))
    return profile(*risks)


def test_the_order_of_the_risks_does_not_matter():
    p = random_profile(40)
    shuffled = profile(*reversed(p.risks))
    a, b = exact(p), exact(shuffled)
    for qa, qb in zip(a.quantiles, b.quantiles, strict=True):
        assert qa.value == pytest.approx(qb.value, rel=1e-9)
    assert {d.risk_id: d.contribution for d in a.drivers} == pytest.approx(
        {d.risk_id: d.contribution for d in b.drivers}, rel=1e-6
    )


def test_changing_the_unit_of_money_scales_every_quantile():
    p = random_profile(25)
    scaled = profile(*(r.with_measure(impact_factor=1000.0) for r in p.risks))
    a, b = exact(p), exact(scaled)
    for qa, qb in zip(a.quantiles, b.quantiles, strict=True):
        assert qb.value == pytest.approx(1000 * qa.value, rel=1e-9)


@pytest.mark.slow
def test_montecarlo_results_do_not_depend_on_the_chunk_size():
    p = random_profile(30)
    results = [montecarlo(p, iterations=70_000, chunk_size=size) for size in (1, 999, 65_536, 10**6)]
    reference = results[0]
    for other in results[1:]:
        assert [q.value for q in other.quantiles] == [q.value for q in reference.quantiles]
        assert [d.contribution for d in other.drivers] == [d.contribution for d in reference.drivers]


def test_the_same_seed_gives_the_same_result_and_another_seed_a_close_one():
    p = random_profile(20)
    first, again, other = montecarlo(p, seed=11), montecarlo(p, seed=11), montecarlo(p, seed=12)
    assert first.to_dict() == again.to_dict()
    assert first.required_capacity != other.required_capacity
    q = first.quantile(0.9)
    assert abs(other.required_capacity - q.value) < 4 * (q.upper - q.lower)


def test_montecarlo_without_a_seed_reports_the_seed_it_drew_so_the_run_can_be_repeated():
    p = random_profile(10)
    first = simulate(p, Settings(method="montecarlo", iterations=20_000))
    assert first.seed is not None
    repeat = simulate(p, Settings(method="montecarlo", iterations=20_000, seed=first.seed))
    assert repeat.required_capacity == first.required_capacity
    assert repeat.input_hash == first.input_hash


def test_montecarlo_iterates_until_the_interval_is_within_the_tolerance():
    p = random_profile(15)
    result = simulate(
        p, Settings(method="montecarlo", seed=5, iterations=10_000, tolerance=0.002, chunk_size=4096)
    )
    q = result.quantile(0.9)
    assert (q.upper - q.lower) / 2 / q.value <= 0.002 * 1.01
    assert result.iterations > 10_000
    again = simulate(
        p, Settings(method="montecarlo", seed=5, iterations=10_000, tolerance=0.002, chunk_size=50_000)
    )
    assert again.iterations == result.iterations
    assert again.required_capacity == result.required_capacity


# --- dependence --------------------------------------------------------------------------------------


def test_auto_uses_exact_without_dependence_and_montecarlo_with_it():
    independent = random_profile(5)
    assert simulate(independent, Settings(seed=1)).method == "exact"
    grouped = profile(
        *(Risk(r.id, r.name, r.probability, r.impact, group="grond") for r in independent.risks),
        correlations={"grond": 0.5},
    )
    assert simulate(grouped, Settings(seed=1, iterations=20_000)).method == "montecarlo"


def test_exact_refuses_correlated_groups_with_a_clear_message():
    grouped = profile(uniform_risk("A", 0.5, 1e6, group="g"), correlations={"g": 0.3})
    with pytest.raises(EngineInputError, match="correlatie"):
        exact(grouped)


def test_a_group_without_a_stated_correlation_is_independent():
    p = profile(uniform_risk("A", 0.5, 1e6, group="g"), uniform_risk("B", 0.5, 1e6, group="g"))
    assert not p.has_dependence
    assert simulate(p).method == "exact"


def test_fully_correlated_identical_risks_occur_together():
    # With ρ = 1 the five risks occur in the same years: S = 5·M with probability 0.3, else 0.
    risks = [Risk(f"R{i}", "r", 0.3, Fixed(1_000_000), group="g") for i in range(5)]
    result = montecarlo(profile(*risks, correlations={"g": 1.0}))
    assert result.quantile(0.9).value == pytest.approx(5_000_000)
    assert result.quantile(0.5).value == 0.0
    independent = exact(profile(*(Risk(r.id, r.name, 0.3, r.impact) for r in risks)))
    assert independent.quantile(0.9).value < 3_500_000


def test_correlation_raises_the_required_capacity_and_zero_correlation_equals_independence():
    risks = [uniform_risk(f"R{i}", 0.3, 1_000_000, group="g") for i in range(20)]
    independent = exact(profile(*risks))
    zero = montecarlo(profile(*risks, correlations={"g": 0.0}))
    correlated = montecarlo(profile(*risks, correlations={"g": 0.5}))
    q_zero = zero.quantile(0.9)
    assert q_zero.lower <= independent.required_capacity <= q_zero.upper
    assert correlated.required_capacity > 1.15 * independent.required_capacity


# --- capacity, drivers -----------------------------------------------------------------------------


def test_probability_of_exceeding_the_capacity_follows_the_distribution():
    # One risk U(0, 1e6) with p = 0.5: P(S > 600.000) = 0.5 · 0.4 = 0.2.
    p = profile(uniform_risk("A", 0.5, 1_000_000))
    assert exact(p, capacity=600_000).p_exceed_capacity == pytest.approx(0.2, abs=1e-4)
    assert montecarlo(p, capacity=600_000).p_exceed_capacity == pytest.approx(0.2, abs=0.005)
    assert exact(p, capacity=600_000).ratio == pytest.approx(600_000 / 800_000, rel=1e-4)


def test_drivers_add_up_to_the_required_capacity_and_rank_the_big_risks_first():
    p = profile(
        uniform_risk("groot", 0.5, 5_000_000),
        uniform_risk("middel", 0.5, 1_000_000),
        uniform_risk("klein", 0.5, 100_000),
    )
    for result in (exact(p), montecarlo(p)):
        assert sum(d.contribution for d in result.drivers) == pytest.approx(result.required_capacity)
        assert sum(d.share for d in result.drivers) == pytest.approx(1.0)
        assert [d.risk_id for d in result.drivers] == ["groot", "middel", "klein"]
        expected = {d.risk_id: d.expected for d in result.drivers}
        assert expected == pytest.approx({"groot": 1_250_000, "middel": 250_000, "klein": 25_000})


def test_the_removal_effect_equals_the_quantile_without_that_risk():
    p = random_profile(12, seed=9)
    result = exact(p)
    for driver in result.top_drivers(3):
        without = exact(p.without(driver.risk_id)).required_capacity
        assert driver.marginal == pytest.approx(result.required_capacity - without, rel=2e-3, abs=500)


def test_montecarlo_drivers_agree_with_the_exact_drivers():
    p = random_profile(12, seed=9)
    ex = {d.risk_id: d for d in exact(p).drivers}
    mc = {d.risk_id: d for d in montecarlo(p, iterations=400_000).drivers}
    q = exact(p).required_capacity
    for risk_id, driver in ex.items():
        assert mc[risk_id].share == pytest.approx(driver.share, abs=0.02)
        assert mc[risk_id].marginal == pytest.approx(driver.marginal, abs=0.02 * q)


def test_a_single_dominant_certain_risk_does_not_break_the_drivers():
    # p = 1 makes the risk's transform vanish at some frequencies; the drivers must still be right.
    p = profile(uniform_risk("zeker", 1.0, 2_000_000), uniform_risk("ander", 0.5, 500_000))
    result = exact(p)
    assert all(math.isfinite(d.contribution) and math.isfinite(d.marginal) for d in result.drivers)
    assert sum(d.contribution for d in result.drivers) == pytest.approx(result.required_capacity)
    without = exact(p.without("zeker")).required_capacity
    zeker = next(d for d in result.drivers if d.risk_id == "zeker")
    assert zeker.marginal == pytest.approx(result.required_capacity - without, rel=2e-3)


def test_the_input_hash_changes_with_the_input_but_not_with_the_chunk_size():
    p = random_profile(5)
    base = montecarlo(p, iterations=10_000)
    assert montecarlo(p, iterations=10_000, chunk_size=17).input_hash == base.input_hash
    assert montecarlo(p, iterations=20_000).input_hash != base.input_hash
    assert montecarlo(p.without("R0"), iterations=10_000).input_hash != base.input_hash
