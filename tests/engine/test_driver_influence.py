# SPDX-License-Identifier: EUPL-1.2
"""Each driver's "invloed": its kans × maximum as a share of Σ kans × maximum, beside the Euler share."""

import pytest

from risicokompas.engine import Fixed, Profile, Risk, Settings, Uniform, simulate


def profile() -> Profile:
    return Profile(
        (
            Risk("R1", "Claim", 0.3, Uniform(0, 1_000_000)),  # p·max 300.000
            Risk("R2", "Energie", 0.5, Fixed(200_000), nature="structureel", years=3),  # 300.000
            Risk("R3", "Brand", 0.1, Uniform(0, 400_000)),  # 40.000
            Risk("R4", "Gedekt", 0.9, Fixed(9_000_000), excluded=True),
        )
    )


@pytest.mark.parametrize("method", ["exact", "montecarlo"])
def test_influence_is_kans_times_maximum_over_its_sum(method):
    result = simulate(profile(), Settings(method=method, seed=3, iterations=20_000))
    drivers = {d.risk_id: d for d in result.drivers}

    assert set(drivers) == {"R1", "R2", "R3"}
    assert drivers["R1"].probability_times_max == pytest.approx(300_000)
    assert drivers["R2"].probability_times_max == pytest.approx(300_000)
    assert drivers["R1"].influence == pytest.approx(300 / 640)
    assert drivers["R2"].influence == pytest.approx(300 / 640)
    assert drivers["R3"].influence == pytest.approx(40 / 640)


def test_the_json_drivers_carry_both_the_euler_share_and_the_influence():
    data = simulate(profile(), Settings(method="exact")).to_dict()

    for driver in data["drivers"]:
        assert {"contribution", "share", "expected", "probability_times_max", "influence"} <= set(driver)
    assert sum(d["influence"] for d in data["drivers"]) == pytest.approx(1.0)
    assert sum(d["share"] for d in data["drivers"]) == pytest.approx(1.0, abs=1e-6)
