# SPDX-License-Identifier: EUPL-1.2
"""The official calculation methods: each figure by hand on a small profile, the factor, and bad input."""

import math

import pytest

from risicokompas.engine import Fixed, Profile, Risk, Settings, Triangular, Uniform, simulate
from risicokompas.engine.conventional import (
    CalculationMethod,
    CalculationName,
    conventional_figures,
    required_capacity,
)
from risicokompas.engine.errors import EngineInputError


def small_profile() -> Profile:
    """By hand (m = years a risk counts):

    R1 incidental, p 0,3, uniform(0, 1.000.000): p·max 300.000, p·E 150.000, max 1.000.000
    R2 structural × 3, p 0,5, fixed 200.000:      p·m·max 300.000, p·m·E 300.000, m·max 600.000
    R3 excluded (voorziening), p 0,9, fixed 5.000.000: counts nowhere
    R4 incidental, p 0,1, triangle(0, 100.000, 400.000): p·max 40.000, p·E 0,1·500.000/3, max 400.000
    """
    return Profile(
        (
            Risk("R1", "Claim", 0.3, Uniform(0, 1_000_000)),
            Risk("R2", "Energie", 0.5, Fixed(200_000), nature="structureel", years=3),
            Risk("R3", "Brand", 0.9, Fixed(5_000_000), excluded=True),
            Risk("R4", "Grond", 0.1, Triangular(0, 100_000, 400_000)),
        )
    )


def test_the_conventional_sums_match_the_hand_calculation():
    figures = conventional_figures(small_profile(), simulated=123.0)

    assert figures.probability_times_max == pytest.approx(640_000)
    assert figures.probability_times_mean == pytest.approx(150_000 + 300_000 + 50_000 / 3)
    assert figures.sum_max == pytest.approx(2_000_000)
    assert figures.factor_of_sum_max == pytest.approx(1_400_000)  # the 70% comparison
    assert figures.sums() == {
        "kans_maal_maximum": figures.probability_times_max,
        "kans_maal_gemiddeld": figures.probability_times_mean,
        "som_maxima": figures.sum_max,
    }


@pytest.mark.parametrize(
    ("name", "factor", "expected"),
    [
        ("kans-maal-maximum", 1, 640_000),
        ("kans-maal-maximum", 0.9, 576_000),
        ("kans-maal-gemiddeld", 1, 150_000 + 300_000 + 50_000 / 3),
        ("kans-maal-gemiddeld", 1.25, 1.25 * (150_000 + 300_000 + 50_000 / 3)),
        ("som-maxima", 0.7, 1_400_000),
        ("som-maxima", 1, 2_000_000),
    ],
)
def test_each_method_gives_its_own_figure_times_the_factor(name, factor, expected):
    required = required_capacity(small_profile(), 999_999.0, CalculationMethod(name, factor))

    assert required.value == pytest.approx(expected)
    assert required.simulated == 999_999.0
    assert required.conventional.sum_max == pytest.approx(2_000_000)  # before the factor, always


def test_the_simulation_is_the_default_method_and_gives_the_simulated_quantile():
    profile = small_profile()
    result = simulate(profile, Settings(method="exact"))

    required = required_capacity(profile, result.required_capacity)

    assert required.method == CalculationMethod(CalculationName.SIMULATION, 1.0)
    assert required.value == result.required_capacity


def test_kans_maal_gemiddeld_is_the_engines_mean():
    profile = small_profile()
    result = simulate(profile, Settings(method="exact"))

    required = required_capacity(profile, 0.0, CalculationMethod("kans-maal-gemiddeld"))

    assert required.value == pytest.approx(result.mean, rel=1e-12)


def test_already_weighted_amounts_with_a_factor_and_two_structural_years():
    """ "0,9 × (incidenteel + 2 × structureel)" over amounts that are already kans × gevolg: kans 100%."""
    profile = Profile(
        (
            Risk("I1", "Incidenteel gewogen", 1.0, Fixed(250_000)),
            Risk("I2", "Incidenteel gewogen 2", 1.0, Fixed(50_000)),
            Risk("S1", "Structureel gewogen", 1.0, Fixed(100_000), nature="structureel"),
        ),
        structural_years=2,
    )

    required = required_capacity(profile, 0.0, CalculationMethod("kans-maal-maximum", 0.9))

    assert required.value == pytest.approx(0.9 * (250_000 + 50_000 + 2 * 100_000))


def test_to_dict_names_the_method_the_factor_and_the_sums_before_the_factor():
    required = required_capacity(small_profile(), 10.0, CalculationMethod("som-maxima", 0.7))

    assert required.to_dict() == {
        "required_capacity": pytest.approx(1_400_000),
        "calculation": "som-maxima",
        "factor": 0.7,
        "simulated_required_capacity": 10.0,
        "conventional": {
            "kans_maal_maximum": pytest.approx(640_000),
            "kans_maal_gemiddeld": pytest.approx(150_000 + 300_000 + 50_000 / 3),
            "som_maxima": pytest.approx(2_000_000),
        },
    }


@pytest.mark.parametrize(
    ("method", "text"),
    [
        (CalculationMethod(), "simulatie"),
        (CalculationMethod("som-maxima", 0.7), "0,7 × som van de maxima"),
        (CalculationMethod("kans-maal-maximum", 0.95), "0,95 × Σ kans × maximum"),
        (CalculationMethod("kans-maal-gemiddeld", 2), "2 × Σ kans × gemiddeld gevolg"),
        (CalculationMethod("kans-maal-maximum"), "Σ kans × maximum"),
    ],
)
def test_a_method_describes_itself_in_dutch(method, text):
    assert method.description == text


def test_a_method_name_is_read_case_insensitively():
    assert CalculationMethod(" Som-Maxima ").name is CalculationName.SUM_OF_MAXIMA


@pytest.mark.parametrize(
    ("name", "factor", "field", "message"),
    [
        ("normaal", 1, "rekenmethode", "onbekende rekenmethode 'normaal'; kies simulatie, kans-maal-maximum"),
        ("som-maxima", 0, "factor", "de factor moet groter zijn dan 0"),
        ("som-maxima", -0.7, "factor", "de factor moet groter zijn dan 0"),
        ("som-maxima", math.nan, "factor", "nan is geen geldige factor"),
        ("som-maxima", "0,7", "factor", "'0,7' is geen geldige factor"),
        ("simulatie", 0.9, "factor", "bij de simulatie hoort geen factor"),
    ],
)
def test_it_rejects_a_bad_method_or_factor_in_dutch(name, factor, field, message):
    with pytest.raises(EngineInputError) as info:
        CalculationMethod(name, factor)
    assert info.value.field == field
    assert message in info.value.message


def test_an_empty_profile_needs_nothing_by_any_method():
    for name in CalculationName:
        assert required_capacity(Profile(()), 0.0, CalculationMethod(name)).value == 0.0
