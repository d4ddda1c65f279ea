# SPDX-License-Identifier: EUPL-1.2
"""Each impact distribution against SciPy's independent implementation of the same law."""

import math

import numpy as np
import pytest
from scipy import stats

from risicokompas.engine import EngineInputError, Fixed, LogNormal, Pert, Triangular, Uniform
from risicokompas.engine.distributions import impact_from_dict, impact_to_dict, scale_impact

X = np.linspace(-10_000, 1_300_000, 57)
U = np.linspace(0.001, 0.999, 41)

REFERENCES = [
    (Uniform(100_000, 900_000), stats.uniform(loc=100_000, scale=800_000)),
    (Triangular(100_000, 250_000, 900_000), stats.triang(c=150_000 / 800_000, loc=100_000, scale=800_000)),
    (Pert(100_000, 250_000, 900_000), stats.beta(1 + 4 * 150 / 800, 1 + 4 * 650 / 800, 100_000, 800_000)),
    (LogNormal(200_000, 600_000), stats.lognorm(s=math.log(3) / stats.norm.ppf(0.9), scale=200_000)),
]


@pytest.mark.parametrize(("impact", "reference"), REFERENCES, ids=lambda x: getattr(x, "kind", ""))
def test_moments_cdf_and_inverse_match_scipy(impact, reference):
    assert impact.mean() == pytest.approx(reference.mean(), rel=1e-9)
    assert impact.second_moment() == pytest.approx(reference.moment(2), rel=1e-9)
    assert impact.cdf(X) == pytest.approx(reference.cdf(X), abs=1e-12)
    assert impact.ppf(U) == pytest.approx(reference.ppf(U), rel=1e-9)


def test_lognormal_is_given_by_its_median_and_90th_percentile():
    impact = LogNormal(median=200_000, p90=600_000)
    assert float(impact.ppf(np.array(0.5))) == pytest.approx(200_000)
    assert float(impact.ppf(np.array(0.9))) == pytest.approx(600_000)
    assert impact.nominal_max == 600_000
    assert math.isinf(impact.upper)


def test_fixed_is_an_atom():
    impact = Fixed(5_000)
    assert impact.cdf(np.array([4_999.0, 5_000.0])).tolist() == [0.0, 1.0]
    assert impact.mean() == impact.nominal_max == 5_000


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: Uniform(0, -5), "gevolg_max"),
        (lambda: Uniform(10, 5), "gevolg_max"),
        (lambda: Triangular(0, 20, 10), "gevolg_modus"),
        (lambda: Pert(10, 10, 10), "gevolg_max"),
        (lambda: LogNormal(500, 100), "gevolg_max"),
        (lambda: Fixed(float("nan")), "gevolg"),
    ],
)
def test_impossible_parameters_are_refused_naming_the_field(make, field):
    with pytest.raises(EngineInputError) as error:
        make()
    assert error.value.field == field


def test_a_distribution_survives_a_round_trip_through_its_dict():
    for impact, _ in REFERENCES:
        assert impact_from_dict(impact_to_dict(impact)) == impact


def test_scaling_multiplies_every_amount_and_scaling_to_zero_leaves_no_loss():
    assert scale_impact(Triangular(10, 20, 40), 0.5) == Triangular(5, 10, 20)
    assert scale_impact(LogNormal(10, 20), 0.0) == Fixed(0.0)
