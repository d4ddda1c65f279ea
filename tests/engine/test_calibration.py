# SPDX-License-Identifier: EUPL-1.2
"""Calibration measures against numbers computed by hand, closed forms and published values."""

import math

import pytest
from scipy import stats

from risicokompas.engine import EngineInputError, Fixed, LogNormal, Risk, Settings, Uniform
from risicokompas.engine.calibration import (
    History,
    Outcome,
    amount_check,
    brier_score,
    calibrate,
    check_year,
    exceedance_test,
    kupiec_pof,
    reliability,
    surprise_summary,
    wilson_interval,
)
from risicokompas.engine.model import Profile

Z95 = stats.norm.ppf(0.975)


def risk(risk_id: str, probability: float, impact=None, **kwargs) -> Risk:
    return Risk(risk_id, f"Risico {risk_id}", probability, impact or Uniform(0, 100_000), **kwargs)


def test_brier_score_reference_and_skill_by_hand():
    """p = 0,1 0,3 0,5 0,9 and o = 0 1 0 1:
    B = (0,01 + 0,49 + 0,25 + 0,01) / 4 = 0,19; ō = 0,5 so B_ref = 0,5 · 0,5 = 0,25; skill = 1 − 0,19/0,25 = 0,24.
    """
    brier = brier_score([0.1, 0.3, 0.5, 0.9], [False, True, False, True])
    assert brier.n == 4
    assert brier.score == pytest.approx(0.19)
    assert brier.base_rate == pytest.approx(0.5)
    assert brier.reference == pytest.approx(0.25)
    assert brier.skill == pytest.approx(0.24)


def test_brier_reference_is_the_mean_squared_error_of_always_predicting_the_base_rate():
    probabilities = [0.2, 0.7, 0.4, 0.1, 0.9]
    occurred = [True, False, False, False, True]
    base_rate = 2 / 5
    brute = sum((base_rate - o) ** 2 for o in occurred) / 5
    assert brier_score(probabilities, occurred).reference == pytest.approx(brute)


def test_brier_skill_is_undefined_when_everything_or_nothing_occurred():
    """All occurred: B = ((0,5 − 1)² + (0,8 − 1)²) / 2 = (0,25 + 0,04) / 2 = 0,145; B_ref = 1 · 0 = 0."""
    everything = brier_score([0.5, 0.8], [True, True])
    assert everything.score == pytest.approx(0.145)
    assert everything.reference == 0
    assert everything.skill is None
    assert brier_score([0.5, 0.8], [False, False]).skill is None
    empty = brier_score([], [])
    assert (empty.n, empty.score, empty.reference, empty.skill) == (0, None, None, None)


@pytest.mark.parametrize(
    ("successes", "n", "lower", "upper"),
    # Newcombe (1998), Statistics in Medicine 17, 857–872, table I, method 3 (Wilson score interval).
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)],
)
def test_wilson_interval_matches_newcombes_published_values(successes, n, lower, upper):
    low, high = wilson_interval(successes, n)
    assert low == pytest.approx(lower, abs=5e-5)
    assert high == pytest.approx(upper, abs=5e-5)


def test_wilson_interval_of_one_in_one_is_the_closed_form():
    """k = n = 1: centre (1 + z²/2)/(1 + z²), half width (z²/2)/(1 + z²), so the interval is [1/(1 + z²), 1]."""
    low, high = wilson_interval(1, 1)
    assert low == pytest.approx(1 / (1 + Z95**2))
    assert high == pytest.approx(1.0)


def test_wilson_interval_refuses_an_impossible_proportion():
    with pytest.raises(EngineInputError):
        wilson_interval(3, 2)
    with pytest.raises(EngineInputError):
        wilson_interval(0, 0)


def test_reliability_table_per_kansklasse_by_hand():
    """Kansklasse 1 (≤ 10%): 0,05 and 0,10, one occurred → predicted 0,075, observed 0,5, n 2.
    Kansklasse 2 (≤ 30%): 0,2 0,3 0,3, one occurred → predicted 0,8/3, observed 1/3, n 3.
    Kansklasse 3 and 4: empty. Kansklasse 5: 0,9 occurred → predicted 0,9, observed 1, n 1.
    """
    bands = reliability([0.05, 0.1, 0.2, 0.3, 0.3, 0.9], [False, True, False, False, True, True])
    assert [b.label for b in bands] == ["≤ 10%", "10–30%", "30–50%", "50–70%", "> 70%"]
    assert [b.n for b in bands] == [2, 3, 0, 0, 1]
    assert bands[0].predicted == pytest.approx(0.075)
    assert bands[0].observed == pytest.approx(0.5)
    assert (bands[0].lower, bands[0].upper) == pytest.approx(wilson_interval(1, 2))
    assert bands[1].predicted == pytest.approx(0.8 / 3)
    assert bands[1].observed == pytest.approx(1 / 3)
    assert (bands[2].predicted, bands[2].observed, bands[2].lower, bands[2].upper) == (None,) * 4
    assert bands[4].observed == 1.0
    assert bands[4].lower == pytest.approx(1 / (1 + Z95**2))


def test_kupiec_statistic_by_hand_and_p_value_against_scipy():
    """x = 1 of n = 5 at 90% (p = 0,1): LR = −2 [4 ln 0,9 + ln 0,1 − 4 ln 0,8 − ln 0,2] ≈ 0,44403."""
    by_hand = -2 * (4 * math.log(0.9) + math.log(0.1) - 4 * math.log(0.8) - math.log(0.2))
    statistic, p_value = kupiec_pof(1, 5, 0.9)
    assert statistic == pytest.approx(by_hand)
    assert statistic == pytest.approx(0.44403, abs=1e-5)
    assert p_value == pytest.approx(stats.chi2.sf(by_hand, 1))


def test_kupiec_handles_no_exceedances_and_only_exceedances():
    """x = 0: LR = −2n ln(1 − p) = −10 ln 0,9; x = n: LR = −2n ln p = −10 ln 0,1."""
    statistic, p_value = kupiec_pof(0, 5, 0.9)
    assert statistic == pytest.approx(-10 * math.log(0.9))
    assert p_value == pytest.approx(stats.chi2.sf(-10 * math.log(0.9), 1))
    statistic, p_value = kupiec_pof(5, 5, 0.9)
    assert statistic == pytest.approx(-10 * math.log(0.1))
    assert p_value < 1e-5
    with pytest.raises(EngineInputError):
        kupiec_pof(6, 5, 0.9)


def test_kupiec_finds_nothing_when_the_count_is_exactly_as_expected():
    statistic, p_value = kupiec_pof(1, 10, 0.9)
    assert statistic == pytest.approx(0.0, abs=1e-9)
    assert p_value == pytest.approx(1.0)


def test_the_reading_of_five_years_says_how_little_they_prove():
    """1 of 5 years exceeded at 90%: expected 0,5; P(X ≥ 1) = 1 − 0,9⁵ = 41%. The smallest count the test
    rejects in 5 years is 3 (p ≈ 0,006; 2 gives p ≈ 0,08), and zero exceedances need 19 years
    (−2n ln 0,9 > 3,84 from n = 19)."""
    checks = [_year(2021 + i, exceeded=i == 2) for i in range(5)]
    test = exceedance_test(checks, 0.9)
    assert (test.years, test.exceeded, test.expected) == (5, 1, pytest.approx(0.5))
    assert test.reading == (
        "In 5 jaar is de benodigde weerstandscapaciteit 1 keer overschreden; bij 90% zekerheid is 0,5 keer "
        "te verwachten. Als de raming klopt, is de kans op 1 of meer overschrijdingen in 5 jaar 41%. "
        "Volgens de Kupiec-toets kan dat verschil toeval zijn (p = 0,51). Met 5 jaar wijst de toets een "
        "raming pas af bij 3 of meer overschrijdingen, en wijst geen enkele overschrijding pas na 19 jaar op "
        "een te ruime raming."
    )


def test_the_reading_calls_many_exceedances_too_low_an_estimate_and_no_years_untestable():
    test = exceedance_test([_year(2020 + i, exceeded=i < 4) for i in range(5)], 0.9)
    assert "vermoedelijk te laag geraamd" in test.reading
    assert "p < 0,01" in test.reading
    empty = exceedance_test([], 0.9)
    assert (empty.years, empty.p_value) == (0, None)
    assert "niet te toetsen" in empty.reading


def _year(year: int, *, exceeded: bool):
    from risicokompas.engine.calibration import YearCheck

    return YearCheck(year, 100.0, 200.0 if exceeded else 50.0, exceeded, 0.99 if exceeded else 0.5)


def test_year_check_places_the_realised_loss_in_the_closed_form_distribution():
    """One certain risk with a uniform(0, 1.000.000) loss: S is uniform, the 90% quantile 900.000 and
    F(x) = x / 1.000.000."""
    profile = Profile((risk("R1", 1.0, Uniform(0, 1_000_000)),))
    low = check_year(2024, profile, 250_000, Settings())
    assert low.required_capacity == pytest.approx(900_000, rel=1e-3)
    assert low.pit == pytest.approx(0.25, abs=1e-3)
    assert not low.exceeded
    high = check_year(2025, profile, 950_000, Settings())
    assert high.exceeded
    assert high.pit == pytest.approx(0.95, abs=1e-3)


def test_year_check_puts_a_year_without_loss_at_the_top_of_the_no_loss_atom():
    """One risk, kans 5%, always 1.000.000: P(S = 0) = 0,95, so the 90% quantile is 0. The exact method
    carries the atom at 0 exactly, so a year without loss has PIT = F(0) = P(S ≤ 0) = 0,95 (the same as
    Monte Carlo), and the full 1.000.000 has F(1.000.000) = 1."""
    profile = Profile((risk("R1", 0.05, Fixed(1_000_000)),))
    check = check_year(2024, profile, 0.0, Settings(method="exact"))
    assert check.pit == pytest.approx(0.95, abs=1e-6)
    assert check.required_capacity == 0.0
    assert not check.exceeded
    full = check_year(2024, profile, 1_000_000, Settings(method="exact"))
    assert full.exceeded
    assert full.pit == pytest.approx(1.0, abs=1e-6)


def test_amounts_inside_and_above_the_estimated_range_by_hand():
    """Five occurred risks: 300k in [100k, 500k] inside; 600k above; 50k below the minimum (neither);
    200k on a fixed 200k inside; 400k above the lognormal's 90%-value 300k → 2 of 5 inside, 2 of 5 above.
    The risk that did not occur is not counted."""
    outcomes = [
        Outcome(2024, risk("A", 0.5, Uniform(100_000, 500_000)), True, 300_000),
        Outcome(2024, risk("B", 0.5, Uniform(100_000, 500_000)), True, 600_000),
        Outcome(2024, risk("C", 0.5, Uniform(100_000, 500_000)), True, 50_000),
        Outcome(2024, risk("D", 0.5, Fixed(200_000)), True, 200_000),
        Outcome(2024, risk("E", 0.5, LogNormal(100_000, 300_000)), True, 400_000),
        Outcome(2024, risk("F", 0.5), False),
    ]
    check = amount_check(outcomes)
    assert (check.occurred, check.within, check.above) == (5, 2, 2)
    assert check.within_range == pytest.approx(0.4)
    assert check.above_max == pytest.approx(0.4)
    assert amount_check([]).within_range is None


def test_surprises_count_amount_and_share_by_hand():
    """Register losses 300k + 600k, surprises 100k + 200k: share = 300k / 1.200k = 0,25."""
    outcomes = [
        Outcome(2024, risk("A", 0.5), True, 300_000),
        Outcome(2024, risk("B", 0.5), True, 600_000),
        Outcome(2024, risk("C", 0.5), False),
        Outcome(2024, None, True, 100_000, name="Storm"),
        Outcome(2025, None, True, 200_000, name="Faillissement"),
    ]
    surprises = surprise_summary(outcomes)
    assert (surprises.count, surprises.amount) == (2, 300_000)
    assert surprises.share == pytest.approx(0.25)
    assert surprise_summary([Outcome(2024, risk("A", 0.5), False)]).share is None


def test_the_realised_loss_counts_structural_years_leaves_out_excluded_risks_and_adds_surprises():
    """Structural 100k counted 3 years = 300k, incidental 50k, excluded 70k not at all, surprise 20k: 370k."""
    history = History(
        (
            Outcome(2024, risk("S", 0.5, nature="structureel", years=3), True, 100_000),
            Outcome(2024, risk("I", 0.5), True, 50_000),
            Outcome(2024, risk("X", 0.5, excluded=True), True, 70_000),
            Outcome(2024, None, True, 20_000, name="Verrassing"),
            Outcome(2025, risk("I", 0.5), True, 10_000),
        )
    )
    assert history.realised(2024) == pytest.approx(370_000)
    assert history.realised(2025) == pytest.approx(10_000)
    assert history.years == (2024, 2025)


@pytest.mark.parametrize(
    ("outcome", "field"),
    [
        (lambda: Outcome(2024, None, False), "opgetreden"),
        (lambda: Outcome(2024, risk("A", 0.5), False, 1_000), "werkelijk_bedrag"),
        (lambda: Outcome(2024, risk("A", 0.5), True, -5), "werkelijk_bedrag"),
        (lambda: Outcome("2024", risk("A", 0.5), True, 5), "jaar"),
    ],
)
def test_an_impossible_outcome_is_refused_naming_its_field(outcome, field):
    with pytest.raises(EngineInputError) as error:
        outcome()
    assert error.value.field == field


def test_a_risk_twice_in_one_year_is_refused():
    with pytest.raises(EngineInputError, match="dubbele"):
        History((Outcome(2024, risk("A", 0.5), False), Outcome(2024, risk("A", 0.3), False)))


def test_calibrate_combines_the_measures_and_each_years_simulation():
    """Two years of one certain uniform(0, 1.000.000) risk: realised 250.000 then 950.000 (one exceedance
    at 90%), and a surprise of 50.000 in the second year, so the second year's realised loss is 1.000.000."""
    certain = risk("R1", 1.0, Uniform(0, 1_000_000))
    history = History(
        (
            Outcome(2024, certain, True, 250_000),
            Outcome(2025, certain, True, 950_000),
            Outcome(2025, None, True, 50_000, name="Storm"),
        )
    )
    result = calibrate(history, Settings(certainty=0.9))
    assert [y.year for y in result.years] == [2024, 2025]
    assert [y.realised for y in result.years] == [250_000, 1_000_000]
    assert [y.exceeded for y in result.years] == [False, True]
    assert result.exceedance.exceeded == 1
    assert result.exceedance.p_value == pytest.approx(kupiec_pof(1, 2, 0.9)[1])
    assert result.brier.score == 0.0  # a certain risk that occurred, twice
    assert result.amounts.within_range == 1.0
    assert result.surprises.share == pytest.approx(50_000 / 1_250_000)
    data = result.to_dict()
    assert set(data) == {
        "brier",
        "brier_reference",
        "brier_skill",
        "calibration",
        "years",
        "exceedance",
        "amounts",
        "surprises",
    }
    assert set(data["calibration"][0]) == {"band", "predicted", "observed", "n", "interval"}
    assert data["exceedance"] == {
        "level": 0.9,
        "years": 2,
        "exceeded": 1,
        "expected": pytest.approx(0.2),
        "p_value": result.exceedance.p_value,
    }


def test_the_reading_says_how_many_years_zero_exceedances_need():
    """Zero exceedances give LR = −2n ln(certainty) > 3,841 (χ²₁ at 5%): at 95% from n = 38
    (−2 · 38 · ln 0,95 ≈ 3,898; 37 gives 3,796); at 90% n = 19, so 20 years need no such clause."""
    five_at_95 = exceedance_test([_year(2020 + i, exceeded=False) for i in range(5)], 0.95)
    assert "geen enkele overschrijding pas na 38 jaar" in five_at_95.reading
    twenty_at_90 = exceedance_test([_year(2000 + i, exceeded=i < 2) for i in range(20)], 0.9)
    assert "pas na" not in twenty_at_90.reading
    assert "bij 6 of meer overschrijdingen" in twenty_at_90.reading
