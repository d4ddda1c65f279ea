# SPDX-License-Identifier: EUPL-1.2
"""What "exact" promises: point masses stay exact, brackets stay in range, are narrow, and hold the truth."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, stats

from risicokompas.engine import Fixed, Nature, Pert, Profile, Risk, Settings, Triangular, Uniform, simulate


def exact(profile: Profile, **kwargs):
    return simulate(profile, Settings(method="exact", **kwargs))


def register(n: int, seed: int = 2026) -> Profile:
    """Like the benchmark's register: lognormally spread maxima, probabilities 5–90%, uniform(0, max)."""
    rng = np.random.default_rng(seed)
    maxima = np.exp(rng.normal(np.log(400_000), 1.1, n))
    probabilities = rng.choice([0.05, 0.1, 0.3, 0.5, 0.7, 0.9], n)
    return Profile(
        tuple(
            Risk(f"R{i}", f"risico {i}", float(p), Uniform(0, float(m)))
            for i, (p, m) in enumerate(zip(probabilities, maxima, strict=True))
        )
    )


# --- point masses --------------------------------------------------------------------------------


def test_certain_fixed_risks_give_their_sum_to_the_cent_at_every_level():
    amounts = [1_250_000.0, 806_000.0, 1_000_000.0, 800_000.0, 0.37]
    risks = [Risk(f"R{i}", "zeker", 1.0, Fixed(a)) for i, a in enumerate(amounts)]
    risks.append(Risk("S", "structureel", 1.0, Fixed(12_345.67), nature=Nature.STRUCTURAL, years=3))
    result = exact(Profile(tuple(risks)), capacity=5_000_000.0)
    total = math.fsum(amounts) + 3 * 12_345.67
    for q in result.quantiles:
        assert (q.value, q.lower, q.upper) == (total, total, total)
    assert result.required_capacity == total
    assert result.p_exceed_capacity == 0.0
    assert {d.risk_id: d.contribution for d in result.drivers}["R0"] == 1_250_000.0


def test_a_register_of_certain_fixed_amounts_shows_its_sum_not_a_rounded_one():
    # 3.856.000 in four round amounts used to come out as 3.857.000.
    risks = [
        Risk(f"R{i}", "zeker", 1.0, Fixed(a)) for i, a in enumerate([1_234_000, 987_000, 1_100_000, 535_000])
    ]
    assert exact(Profile(tuple(risks))).required_capacity == 3_856_000.0


def test_certain_amounts_shift_an_uncertain_risk_exactly():
    # S = 2.000.000 + I·U(0, 1e6), p = 0.5: q_α = 2e6 + 1e6·(α − 0.5)/0.5 above the median.
    result = exact(
        Profile((Risk("Z", "zeker", 1.0, Fixed(2_000_000)), Risk("U", "onzeker", 0.5, Uniform(0, 1_000_000))))
    )
    assert result.quantile(0.5).value == 2_000_000.0
    for level in (0.75, 0.9, 0.99):
        q = result.quantile(level)
        assert q.lower <= 2_000_000 + 1_000_000 * (level - 0.5) / 0.5 <= q.upper


def test_uncertain_fixed_amounts_stay_atoms_on_their_own_grid():
    # Outcomes 0, 300.000, 1.000.000, 1.300.000 with CDF 0.4, 0.8, 0.9, 1.0; 0.9 sits on the atom 1.000.000.
    p = Profile((Risk("A", "a", 0.2, Fixed(1_000_000)), Risk("B", "b", 0.5, Fixed(300_000))))
    values = {q.level: q.value for q in exact(p).quantiles}
    assert values[0.5] == 300_000.0
    assert values[0.75] == 300_000.0
    assert values[0.85] == 1_000_000.0
    assert values[0.95] == 1_300_000.0
    assert values[0.99] == 1_300_000.0
    assert exact(p).quantile(0.95).lower == 1_300_000.0


def test_the_no_loss_atom_holds_the_quantiles_below_it_exactly():
    result = exact(Profile((Risk("A", "a", 0.3, Uniform(0, 1_000_000)), Risk("B", "b", 0.2, Fixed(500_000)))))
    # P(S = 0) = 0.7 · 0.8 = 0.56.
    assert result.quantile(0.5).value == 0.0
    assert result.quantile(0.5).upper == 0.0


# --- range ----------------------------------------------------------------------------------------

amounts = st.floats(min_value=1_000, max_value=5_000_000, allow_nan=False)


@st.composite
def bounded_profiles(draw):
    n = draw(st.integers(min_value=1, max_value=25))
    risks = []
    for i in range(n):
        kind = draw(st.sampled_from(["fixed", "uniform", "triangular", "pert"]))
        a, b, c = sorted(draw(st.lists(amounts, min_size=3, max_size=3, unique=True)))
        impact = {
            "fixed": Fixed(round(c, draw(st.sampled_from([0, 2, 5])))),
            "uniform": Uniform(draw(st.sampled_from([0.0, a])), c),
            "triangular": Triangular(a, b, c),
            "pert": Pert(a, b, c),
        }[kind]
        p = draw(st.sampled_from([0.05, 0.3, 0.9, 1.0, draw(st.floats(min_value=0.01, max_value=1.0))]))
        nature = draw(st.sampled_from(list(Nature)))
        risks.append(
            Risk(f"R{i}", f"risico {i}", p, impact, nature=nature, years=draw(st.sampled_from([None, 2, 4])))
        )
    return Profile(tuple(risks), structural_years=draw(st.integers(min_value=1, max_value=4)))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(bounded_profiles())
def test_no_quantile_or_bound_lies_below_zero_or_above_the_sum_of_maxima(profile):
    result = exact(profile, drivers=False)
    for q in result.quantiles:
        assert 0 <= q.lower <= q.value <= q.upper <= result.sum_max
    assert [q.value for q in result.quantiles] == sorted(q.value for q in result.quantiles)


# --- width ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [100, 1_000, 2_000])
def test_the_bracket_is_within_a_tenth_of_a_percent_at_default_settings(n):
    result = exact(register(n), drivers=False)
    for q in result.quantiles:
        if q.level >= 0.7:
            assert q.relative_uncertainty <= 0.001, q


# --- truth inside ------------------------------------------------------------------------------------


def test_many_equal_uniform_risks_are_bracketed_around_the_irwin_hall_quantile():
    # p = 1: S is the sum of 400 independent U(0, 1e5), so (S − 2e7)/σ is very nearly normal; the exact
    # Irwin–Hall CDF differs from the normal one by far less than the bracket at these levels.
    n, high = 400, 100_000.0
    result = exact(Profile(tuple(Risk(f"R{i}", "r", 1.0, Uniform(0, high)) for i in range(n))), drivers=False)
    sigma = high * math.sqrt(n / 12)
    for level in (0.5, 0.9, 0.99):
        true = n * high / 2 + sigma * stats.norm.ppf(level)
        q = result.quantile(level)
        slack = 1e-3 * sigma  # the normal approximation's error: its Edgeworth term (κ₄ = −1,2/n) is smaller
        assert q.lower - slack <= true <= q.upper + slack, (q, true)
        assert q.relative_uncertainty <= 0.001


def test_two_risks_bracket_the_closed_form_quantiles_when_combined_with_many_fixed_ones():
    # Fixed amounts of uncertain risks on a shared unit, plus two uniforms: the quantile is found by
    # summing the uniforms' closed-form CDF over the (exactly enumerated) fixed outcomes.
    fixed = [(0.3, 200_000.0), (0.6, 450_000.0), (0.1, 1_000_000.0)]
    uniforms = [(0.4, 600_000.0), (0.7, 1_500_000.0)]
    risks = [Risk(f"F{i}", "f", p, Fixed(a)) for i, (p, a) in enumerate(fixed)]
    risks += [Risk(f"U{i}", "u", p, Uniform(0, a)) for i, (p, a) in enumerate(uniforms)]
    result = exact(Profile(tuple(risks)))

    outcomes = [(1.0, 0.0)]
    for p, a in fixed:
        outcomes = [(w * (1 - p), s) for w, s in outcomes] + [(w * p, s + a) for w, s in outcomes]

    def cdf(x):
        return sum(w * _two_uniform_cdf(x - s, *uniforms[0], *uniforms[1]) for w, s in outcomes)

    for level in (0.75, 0.9, 0.95, 0.99):
        true = optimize.brentq(lambda x, level=level: cdf(x) - level, 1.0, 5_000_000)
        q = result.quantile(level)
        assert q.lower <= true <= q.upper, (q, true)
        assert q.value == pytest.approx(true, rel=1e-3)


def _two_uniform_cdf(x: float, p1: float, a: float, p2: float, b: float) -> float:
    """P(I1·U(0,a) + I2·U(0,b) ≤ x) for a ≤ b."""
    if x < 0:
        return 0.0
    f1, f2 = min(x / a, 1.0), min(x / b, 1.0)
    if x <= a:
        both = x * x / (2 * a * b)
    elif x <= b:
        both = (2 * x - a) / (2 * b)
    elif x <= a + b:
        both = 1 - (a + b - x) ** 2 / (2 * a * b)
    else:
        both = 1.0
    return (1 - p1) * (1 - p2) + p1 * (1 - p2) * f1 + (1 - p1) * p2 * f2 + p1 * p2 * both


def test_a_large_register_is_bracketed_around_a_long_monte_carlo_run():
    profile = register(300, seed=5)
    ex = exact(profile, drivers=False)
    mc = simulate(profile, Settings(method="montecarlo", seed=3, iterations=400_000, drivers=False))
    for qe, qm in zip(ex.quantiles, mc.quantiles, strict=True):
        # The Monte Carlo 95% interval, widened to ≈ 4 standard errors, must overlap the exact bracket.
        slack = (qm.upper - qm.lower) / 2
        assert qe.lower - slack <= qm.value <= qe.upper + slack, (qe, qm)


def test_structural_years_that_do_not_divide_back_exactly_are_no_problem():
    # 1001,3 · 3 / 3 is one unit in the last place below 1001,3: the maximum must not count as cut off.
    assert 1001.3 * 3 / 3 < 1001.3
    risks = [Risk(f"R{i}", "r", 0.05, Fixed(1001.3), nature=Nature.STRUCTURAL) for i in range(21)]
    risks.append(Risk("U", "u", 0.5, Uniform(0, 1001.3), nature=Nature.STRUCTURAL))
    result = exact(Profile(tuple(risks), structural_years=3))
    assert result.quantile(0.99).upper <= result.sum_max
    assert abs(result.simulated_mean - result.mean) <= result.mean_error_bound
