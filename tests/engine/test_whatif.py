# SPDX-License-Identifier: EUPL-1.2
"""What-if: a measure, a removed risk or another capacity gives a new result and its difference."""

import pytest

from risicokompas.engine import (
    EngineInputError,
    Profile,
    Risk,
    Settings,
    Uniform,
    probability_from_class,
    simulate,
)
from risicokompas.engine.whatif import what_if

PROFILE = Profile(
    (
        Risk("A", "grondexploitatie", 0.5, Uniform(0, 4_000_000)),
        Risk("B", "jeugdzorg", 0.3, Uniform(0, 1_500_000)),
        Risk("C", "cyber", 0.1, Uniform(0, 800_000)),
    )
)
SETTINGS = Settings(capacity=3_000_000)


def test_a_measure_that_halves_the_impact_lowers_the_required_capacity_by_what_a_new_run_says():
    halved = PROFILE.get("A").with_measure(impact_factor=0.5)
    comparison = what_if(PROFILE, SETTINGS, replace_risks=[halved])
    direct = simulate(PROFILE.replacing(halved), SETTINGS)
    assert comparison.variant.required_capacity == pytest.approx(direct.required_capacity)
    assert comparison.required_change == pytest.approx(
        direct.required_capacity - comparison.base.required_capacity
    )
    assert comparison.required_change < 0
    assert comparison.ratio_change > 0


def test_removing_a_risk_equals_its_removal_effect_among_the_drivers():
    comparison = what_if(PROFILE, SETTINGS, remove=["A"])
    driver = next(d for d in comparison.base.drivers if d.risk_id == "A")
    assert -comparison.required_change == pytest.approx(driver.marginal, rel=0.01)


def test_more_capacity_changes_the_ratio_and_possibly_the_class_but_not_the_requirement():
    comparison = what_if(PROFILE, SETTINGS, capacity=10_000_000)
    assert comparison.required_change == 0
    assert comparison.variant.ratio == pytest.approx(10_000_000 / comparison.base.required_capacity)
    assert comparison.class_changed == (comparison.base.ratio_class != comparison.variant.ratio_class)


def test_montecarlo_what_if_uses_the_same_years_so_an_unchanged_profile_differs_by_nothing():
    settings = Settings(method="montecarlo", seed=3, iterations=20_000, capacity=3_000_000)
    comparison = what_if(PROFILE, settings, capacity=3_000_000)
    assert comparison.required_change == 0.0


def test_an_unknown_risk_in_a_what_if_is_an_error_not_a_silent_no_op():
    with pytest.raises(EngineInputError):
        what_if(PROFILE, SETTINGS, remove=["X"])


@pytest.mark.parametrize(("kansklasse", "probability"), [(1, 0.1), (2, 0.3), (3, 0.5), (4, 0.7), (5, 0.9)])
def test_a_kansklasse_maps_to_its_calculation_probability(kansklasse, probability):
    assert probability_from_class(kansklasse) == probability


def test_a_kansklasse_outside_one_to_five_is_refused():
    with pytest.raises(EngineInputError, match="kansklasse"):
        probability_from_class(6)


def test_a_probability_of_140_percent_is_refused_naming_the_field():
    with pytest.raises(EngineInputError) as error:
        Risk("X", "x", 1.4, Uniform(0, 1))
    assert error.value.field == "kans"
