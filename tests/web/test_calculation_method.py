# SPDX-License-Identifier: EUPL-1.2
"""The organisation's own method (rekenmethode volgens de nota) and its own ratio scale: the chosen figure is
the required capacity on the dashboard; the simulation stands beside it; the scale classifies the ratio."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from tests.fixtures import make_risk

from risicokompas.capacity.models import CapacityItem
from risicokompas.dashboard.compute import build_dashboard
from risicokompas.engine.capacity import NAR_SCALE, RatioBand, RatioScale

SETTINGS_URL = reverse("capacity:settings")
SCALE_URL = reverse("capacity:scale")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def two_risks(org):
    """Σ kans × max = 0,3 × 1.000.000 + 0,5 × 400.000 = 500.000; Σ max = 1.400.000."""
    make_risk(org, "R01", probability=Decimal("0.3"), impact_max=Decimal("1000000"))
    make_risk(org, "R02", probability=Decimal("0.5"), impact_max=Decimal("400000"))
    CapacityItem.objects.create(organisation=org, name="Algemene reserve", amount=Decimal("1000000"))


def settings_post(org, **changes):
    data = {
        "calculation": org.calculation,
        "calculation_factor": "1",
        "certainty_percent": "90",
        "default_shape": org.default_shape,
        "structural_years": str(org.structural_years),
        "band_1": "50000",
        "band_2": "200000",
        "band_3": "500000",
        "band_4": "1000000",
        "norm_minimum": "1,0",
        "norm_maximum": "",
        "review_interval_days": "180",
        "signal_response_days": "10",
        "reason": "Nota risicomanagement 2026",
    }
    data.update(changes)
    return data


def test_the_method_of_the_nota_is_the_required_capacity_and_the_simulation_stands_beside_it(cast, login):
    two_risks(cast.org)
    client = login(cast.controller)
    simulated = build_dashboard(cast.org).result.required_capacity
    response = client.post(SETTINGS_URL, settings_post(cast.org, calculation="kans-maal-maximum"))
    assert response.status_code == 302
    cast.org.refresh_from_db()
    dash = build_dashboard(cast.org)
    assert dash.official.value == pytest.approx(500_000)
    assert dash.required_total == pytest.approx(500_000)
    assert dash.ratio == pytest.approx(2.0)
    html = client.get(reverse("dashboard:home")).content.decode()
    assert "€\u00a0500.000" in html and "Σ kans × maximum" in html
    assert "De simulatie komt uit op" in html
    assert dash.result.required_capacity == pytest.approx(simulated)


def test_a_factor_multiplies_the_chosen_sum(cast, login):
    two_risks(cast.org)
    login(cast.controller).post(
        SETTINGS_URL, settings_post(cast.org, calculation="som-maxima", calculation_factor="0,7")
    )
    cast.org.refresh_from_db()
    assert build_dashboard(cast.org).official.value == pytest.approx(0.7 * 1_400_000)


def test_the_simulation_takes_no_factor(cast, login):
    response = login(cast.controller).post(
        SETTINGS_URL, settings_post(cast.org, calculation="simulatie", calculation_factor="0,7")
    )
    assert response.status_code == 200
    assert "Bij de simulatie hoort geen factor" in response.content.decode()


def scale_post(rows, reason="Nota risicomanagement 2026"):
    data = {
        "klasse-TOTAL_FORMS": str(len(rows)),
        "klasse-INITIAL_FORMS": "0",
        "klasse-MIN_NUM_FORMS": "2",
        "klasse-MAX_NUM_FORMS": "10",
        "reason": reason,
        "action": "save",
    }
    for i, (letter, label, lower) in enumerate(rows):
        data[f"klasse-{i}-letter"] = letter
        data[f"klasse-{i}-label"] = label
        data[f"klasse-{i}-lower"] = lower
        data[f"klasse-{i}-includes_lower"] = "on"
    return data


def test_an_own_scale_classifies_the_ratio_and_its_change_is_kept_with_the_reason(cast, login):
    two_risks(cast.org)
    client = login(cast.controller)
    rows = [("Ruim", "ruim voldoende", "1,5"), ("Voldoende", "voldoende", "1"), ("Krap", "onvoldoende", "")]
    assert client.post(SCALE_URL, scale_post(rows)).status_code == 302
    cast.org.refresh_from_db()
    assert cast.org.scale == RatioScale(
        (
            RatioBand("Ruim", "ruim voldoende", 1.5),
            RatioBand("Voldoende", "voldoende", 1.0),
            RatioBand("Krap", "onvoldoende", None),
        )
    )
    dash = build_dashboard(cast.org)
    assert dash.ratio_class.letter == cast.org.scale.classify(dash.ratio).letter
    change = cast.org.policy_changes.get(label="Schaal voor de ratio")
    assert change.reason == "Nota risicomanagement 2026" and change.changed_by == cast.controller
    html = client.get(SCALE_URL).content.decode()
    assert "ruim voldoende" in html and "Nota risicomanagement 2026" in html


def test_a_scale_whose_bounds_do_not_fall_is_refused_in_dutch(cast, login):
    rows = [("A", "goed", "1"), ("B", "matig", "1,5"), ("C", "slecht", "")]
    response = login(cast.controller).post(SCALE_URL, scale_post(rows))
    assert response.status_code == 200
    assert "moet lager zijn dan die van klasse A" in response.content.decode()
    cast.org.refresh_from_db()
    assert cast.org.scale == NAR_SCALE


def test_only_controllers_change_the_scale_and_the_bestuur_reads_it(cast, login):
    from tests.fixtures import make_user

    bestuur = make_user("bestuurder", cast.org, "bestuur")
    assert login(bestuur).get(SCALE_URL).status_code == 200
    assert login(bestuur).post(SCALE_URL, scale_post([("A", "a", "1"), ("B", "b", "")])).status_code == 403
    assert login(cast.employee).get(SCALE_URL).status_code == 403


def test_a_snapshot_records_the_method_and_scale_it_was_made_with_and_the_paragraph_prints_them(cast, login):
    import datetime

    from risicokompas.paragraph import freeze as freezing

    two_risks(cast.org)
    client = login(cast.controller)
    client.post(
        SETTINGS_URL, settings_post(cast.org, calculation="kans-maal-maximum", calculation_factor="0,9")
    )
    client.post(SCALE_URL, scale_post([("Ruim", "ruim voldoende", "1,5"), ("Krap", "onvoldoende", "")]))
    cast.org.refresh_from_db()
    snapshot = freezing.freeze(
        cast.org, cast.controller, "Begroting 2027", "begroting", 2027, datetime.date(2026, 10, 1)
    )
    policy, result = snapshot.frozen_inputs.policy, snapshot.frozen_result
    assert (policy.calculation, policy.calculation_factor) == ("kans-maal-maximum", Decimal("0.9000"))
    assert result.official_required == pytest.approx(0.9 * 500_000)
    assert result.total_required == pytest.approx(450_000)
    assert result.ratio == pytest.approx(1_000_000 / 450_000)
    assert result.ratio_class == "Ruim"
    assert freezing.verify(snapshot)
    # Later changes to the settings do not change what the snapshot says.
    client.post(SETTINGS_URL, settings_post(cast.org, calculation="simulatie"))
    snapshot.refresh_from_db()
    assert freezing.verify(snapshot)
    html = client.get(reverse("paragraph:snapshot_report", args=[snapshot.pk, "html"])).content.decode()
    assert "Rekenmethode volgens de nota" in html and "0,9 × Σ kans × maximum" in html
    assert "De simulatie komt uit op" in html
    assert "eigen schaal uit de nota" in html and "ruim voldoende" in html


def test_the_dashboard_shows_each_drivers_influence_beside_its_euler_share(cast, login):
    two_risks(cast.org)
    dash = build_dashboard(cast.org)
    influence = {row.code: row.influence for row in dash.drivers}
    assert influence == pytest.approx({"R01": 300_000 / 500_000, "R02": 200_000 / 500_000})
    html = login(cast.controller).get(reverse("dashboard:home")).content.decode()
    assert "Invloed (kans × maximum)" in html and "60,0%" in html and "40,0%" in html
