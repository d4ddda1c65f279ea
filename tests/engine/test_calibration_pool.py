# SPDX-License-Identifier: EUPL-1.2
"""Pooled calibration over several organisations: their counts added up, checked by hand."""

import math

import pytest

from risicokompas.engine import EngineInputError, Fixed, Risk, Settings, Uniform
from risicokompas.engine.calibration import (
    CalibrationCounts,
    History,
    Outcome,
    brier_from_sums,
    brier_score,
    calibrate,
    calibration_counts,
    pool,
)


def counts(years: int, exceeded: int, risk_years: int, occurred: int, sse: float, certainty=0.9):
    return CalibrationCounts(certainty, years, exceeded, risk_years, occurred, sse)


def test_brier_from_sums_is_the_brier_score_of_the_list():
    probabilities = [0.1, 0.3, 0.5, 0.9, 0.2]
    occurred = [False, True, False, True, True]
    sse = sum((p - o) ** 2 for p, o in zip(probabilities, occurred, strict=True))
    assert brier_from_sums(5, 3, sse) == brier_score(probabilities, occurred)
    assert brier_from_sums(0, 0, 0.0).score is None
    with pytest.raises(EngineInputError):
        brier_from_sums(2, 3, 0.1)


def test_five_organisations_of_two_years_pooled_by_hand():
    """Five organisations, two years each, two risks a year: one certain (p = 1, it occurs: error 0) and one
    at p = 0,2 (error 0,64 when it occurs, 0,04 when not). Exceedances: 1, 0, 0, 2, 0.

    Years n = 10, exceeded x = 3, expected (1 − 0,9) · 10 = 1.
    LR = −2 [7 ln 0,9 + 3 ln 0,1 − 7 ln 0,7 − 3 ln 0,3] ≈ 3,0733; p = erfc(√(LR/2)) ≈ 0,0796.
    Risk-years 20; the p = 0,2 risk occurred in 2 of the 10 years, so occurred = 10 + 2 = 12 and
    Σ error = 2 · 0,64 + 8 · 0,04 = 1,6. B = 1,6 / 20 = 0,08; ō = 0,6; B_ref = 0,24; skill = 1 − 1/3 = 2/3.
    """
    per_org = [
        counts(2, 1, 4, 3, 0.64 + 0.04),  # the small risk occurred once
        counts(2, 0, 4, 2, 0.08),
        counts(2, 0, 4, 3, 0.64 + 0.04),
        counts(2, 2, 4, 2, 0.08),
        counts(2, 0, 4, 2, 0.08),
    ]
    pooled = pool(per_org)
    assert pooled.contributors == 5
    test = pooled.exceedance
    assert (test.years, test.exceeded) == (10, 3)
    assert test.expected == pytest.approx(1.0)
    assert test.level == pytest.approx(0.9)
    by_hand = -2 * (7 * math.log(0.9) + 3 * math.log(0.1) - 7 * math.log(0.7) - 3 * math.log(0.3))
    assert by_hand == pytest.approx(3.0733, abs=1e-4)
    assert test.statistic == pytest.approx(by_hand)
    assert test.p_value == pytest.approx(math.erfc(math.sqrt(by_hand / 2)))
    assert test.p_value == pytest.approx(0.0796, abs=1e-4)
    brier = pooled.brier
    assert (brier.n, brier.base_rate) == (20, pytest.approx(0.6))
    assert brier.score == pytest.approx(0.08)
    assert brier.reference == pytest.approx(0.24)
    assert brier.skill == pytest.approx(2 / 3)


def test_different_certainty_levels_add_their_expected_exceedances():
    """3 years at 90% and 2 years at 95%: E = 0,3 + 0,1 = 0,4, tested at the mean rate 0,4 / 5 = 0,08."""
    pooled = pool([counts(3, 1, 0, 0, 0.0), counts(2, 0, 0, 0, 0.0, certainty=0.95)])
    assert pooled.exceedance.expected == pytest.approx(0.4)
    assert pooled.exceedance.level == pytest.approx(0.92)
    assert pooled.brier.score is None  # no risk-years at all


def test_nothing_to_pool_gives_no_test():
    pooled = pool([])
    assert (pooled.contributors, pooled.exceedance.years, pooled.exceedance.p_value) == (0, 0, None)


def test_the_counts_of_a_history_are_those_calibrate_finds():
    certain = Risk("R1", "Zeker", 1.0, Uniform(0, 1_000_000))
    small = Risk("R2", "Klein", 0.2, Fixed(1_000))
    history = History(
        (
            Outcome(2024, certain, True, 250_000),
            Outcome(2024, small, True, 1_000),
            Outcome(2025, certain, True, 990_000),
            Outcome(2025, small, False),
            Outcome(2025, None, True, 50_000, name="Storm"),
        )
    )
    settings = Settings(certainty=0.9)
    found = calibration_counts(history, settings)
    result = calibrate(history, settings)
    assert (found.certainty, found.years, found.exceeded, found.risk_years, found.occurred) == (
        0.9,
        2,
        1,
        4,
        3,
    )
    assert found.squared_error == pytest.approx(0.64 + 0.04)
    assert found.exceeded == result.exceedance.exceeded
    assert found.squared_error / found.risk_years == pytest.approx(result.brier.score)


@pytest.mark.parametrize(
    "values",
    [(0.9, 2, 3, 0, 0, 0.0), (0.9, 1, 0, 2, 3, 0.0), (1.0, 1, 0, 0, 0, 0.0), (0.9, 1, 0, 1, 0, 2.0)],
)
def test_impossible_counts_are_refused(values):
    with pytest.raises(EngineInputError):
        CalibrationCounts(*values)
