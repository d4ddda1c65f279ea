# SPDX-License-Identifier: EUPL-1.2
"""Organisation settings and capacity items: controllers change them, the dashboard follows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from tests.fixtures import make_risk

from risicokompas.capacity.models import CapacityItem, PolicyChange
from risicokompas.dashboard.compute import build_dashboard

SETTINGS_URL = reverse("capacity:settings")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def settings_data(**overrides) -> dict:
    data = {
        "calculation": "simulatie",
        "calculation_factor": "1",
        "certainty_percent": "90",
        "default_shape": "uniform",
        "structural_years": "1",
        "band_1": "50.000",
        "band_2": "200.000",
        "band_3": "500.000",
        "band_4": "1.000.000",
        "norm_minimum": "1,0",
        "norm_maximum": "",
        "review_interval_days": "180",
        "signal_response_days": "10",
        "reason": "Kadernota 2027",
    }
    data.update(overrides)
    return data


def make_item(org, name="Algemene reserve", amount="1000000"):
    return CapacityItem.objects.create(organisation=org, name=name, amount=Decimal(amount))


def required(org) -> float:
    org.refresh_from_db()
    return build_dashboard(org).result.required_capacity


# --- settings -------------------------------------------------------------------------------------------


def test_the_settings_form_shows_the_current_values_the_dutch_way(cast, login):
    html = login(cast.controller).get(SETTINGS_URL).content.decode()
    assert 'value="90"' in html
    assert 'value="1.000.000"' in html
    assert "<label" in html and 'for="id_certainty_percent"' in html


def test_a_controller_saves_the_settings_with_a_success_message(cast, login):
    client = login(cast.controller)
    data = settings_data(
        certainty_percent="95",
        structural_years="3",
        band_1="€ 25.000",
        norm_minimum="1,2",
        norm_maximum="2,0",
    )
    response = client.post(SETTINGS_URL, data, follow=True)
    assert "De instellingen zijn opgeslagen." in response.content.decode()
    cast.org.refresh_from_db()
    assert cast.org.certainty == Decimal("0.950")
    assert cast.org.structural_years == 3
    assert cast.org.band_1 == 25_000
    assert cast.org.norm_minimum == Decimal("1.20") and cast.org.norm_maximum == Decimal("2.00")


def test_a_beheerder_may_change_the_settings(cast, login):
    from tests.fixtures import make_user

    admin = make_user("beheerder", cast.org, "beheerder")
    assert login(admin).post(SETTINGS_URL, settings_data()).status_code == 302


@pytest.mark.parametrize("role", ["owner", "employee", "reader"])
def test_other_roles_may_not_see_or_change_the_settings(cast, login, role):
    client = login(getattr(cast, role))
    assert client.get(SETTINGS_URL).status_code == 403
    assert client.post(SETTINGS_URL, settings_data(certainty_percent="99")).status_code == 403
    cast.org.refresh_from_db()
    assert cast.org.certainty == Decimal("0.900")


def test_it_rejects_gevolgklassen_that_do_not_ascend(cast, login):
    response = login(cast.controller).post(SETTINGS_URL, settings_data(band_2="40.000"))
    assert response.status_code == 200
    assert "moeten van klasse 1 naar klasse 4 oplopen" in response.content.decode()
    cast.org.refresh_from_db()
    assert cast.org.band_2 == 200_000


def test_it_rejects_a_norm_maximum_below_the_minimum(cast, login):
    response = login(cast.controller).post(
        SETTINGS_URL, settings_data(norm_minimum="1,5", norm_maximum="1,2")
    )
    assert "De maximale ratio mag niet kleiner zijn dan de minimale ratio." in response.content.decode()


@pytest.mark.parametrize("value", ["49", "100", "abc"])
def test_it_rejects_a_certainty_outside_50_to_99_9_percent(cast, login, value):
    response = login(cast.controller).post(SETTINGS_URL, settings_data(certainty_percent=value))
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_it_rejects_a_negative_gevolgklasse_bound_in_dutch(cast, login):
    response = login(cast.controller).post(SETTINGS_URL, settings_data(band_1="-5"))
    assert "mag niet negatief zijn" in response.content.decode()


def test_a_higher_certainty_raises_the_required_capacity_on_the_dashboard(cast, login):
    for i in range(1, 6):
        make_risk(cast.org, f"R{i:02d}")
    at_90 = required(cast.org)
    login(cast.controller).post(SETTINGS_URL, settings_data(certainty_percent="95"))
    assert required(cast.org) > at_90


def test_fixing_impacts_at_their_maximum_raises_the_required_capacity(cast, login):
    for i in range(1, 6):
        make_risk(cast.org, f"R{i:02d}")
    uniform = required(cast.org)
    login(cast.controller).post(SETTINGS_URL, settings_data(default_shape="vast"))
    assert required(cast.org) > uniform


def test_more_structural_years_raise_the_required_capacity_of_structural_risks(cast, login):
    make_risk(cast.org, "R01", nature="structureel")
    one_year = required(cast.org)
    login(cast.controller).post(SETTINGS_URL, settings_data(structural_years="3"))
    assert required(cast.org) > one_year


# --- capacity items -------------------------------------------------------------------------------------


def test_a_controller_lists_the_capacity_items_with_their_total(cast, login):
    make_item(cast.org, "Algemene reserve", "1250000")
    make_item(cast.org, "Stille reserve", "250000")
    make_item(cast.other_org, "Reserve van Bedorp", "999")
    html = login(cast.controller).get(reverse("capacity:capacity")).content.decode()
    assert "Algemene reserve" in html and "Stille reserve" in html
    assert "Reserve van Bedorp" not in html
    assert "€\u00a01.500.000" in html


def test_a_controller_adds_a_capacity_item_with_a_dutch_amount(cast, login):
    response = login(cast.controller).post(
        reverse("capacity:capacity_create"),
        {
            "name": "Algemene reserve",
            "kind": "algemene reserve",
            "nature": "incidenteel",
            "amount": "€ 1.250.000,50",
        },
        follow=True,
    )
    assert "is toegevoegd" in response.content.decode()
    item = cast.org.capacity_items.get()
    assert item.amount == Decimal("1250000.50")


def test_a_negative_capacity_amount_is_refused_in_dutch(cast, login):
    response = login(cast.controller).post(
        reverse("capacity:capacity_create"),
        {"name": "Tekort", "nature": "incidenteel", "amount": "-10.000"},
    )
    assert response.status_code == 200
    assert "mag niet negatief zijn" in response.content.decode()
    assert not CapacityItem.objects.exists()


def test_an_unreadable_capacity_amount_is_refused_in_dutch(cast, login):
    response = login(cast.controller).post(
        reverse("capacity:capacity_create"), {"name": "X", "nature": "incidenteel", "amount": "veel"}
    )
    assert "geen geldig bedrag" in response.content.decode()


def test_a_controller_edits_a_capacity_item(cast, login):
    item = make_item(cast.org)
    client = login(cast.controller)
    url = reverse("capacity:capacity_edit", args=[item.pk])
    assert 'value="1.000.000"' in client.get(url).content.decode()
    client.post(
        url,
        {
            "name": "Algemene reserve",
            "nature": "structureel",
            "amount": "2,5 mln",
            "reason": "Jaarrekening 2025",
        },
    )
    item.refresh_from_db()
    assert item.amount == Decimal("2500000") and item.nature == "structureel"


def test_deleting_a_capacity_item_asks_for_confirmation_first(cast, login):
    item = make_item(cast.org)
    client = login(cast.controller)
    url = reverse("capacity:capacity_delete", args=[item.pk])
    assert "Weet u zeker" in client.get(url).content.decode()
    assert CapacityItem.objects.filter(pk=item.pk).exists()
    response = client.post(url, follow=True)
    assert "Geef een reden" in response.content.decode()
    assert CapacityItem.objects.filter(pk=item.pk).exists()
    response = client.post(url, {"reason": "Reserve opgeheven bij de jaarrekening"}, follow=True)
    assert "is verwijderd" in response.content.decode()
    assert not CapacityItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("view", ["capacity_edit", "capacity_delete"])
def test_another_organisations_capacity_item_is_not_found(cast, login, view):
    item = make_item(cast.other_org)
    client = login(cast.controller)
    assert client.get(reverse(f"capacity:{view}", args=[item.pk])).status_code == 404
    assert client.post(reverse(f"capacity:{view}", args=[item.pk]), {"name": "x"}).status_code == 404
    item.refresh_from_db()
    assert item.name == "Algemene reserve"


@pytest.mark.parametrize("role", ["owner", "employee", "reader"])
def test_other_roles_may_not_manage_capacity_items(cast, login, role):
    item = make_item(cast.org)
    client = login(getattr(cast, role))
    assert client.get(reverse("capacity:capacity")).status_code == 403
    assert client.get(reverse("capacity:capacity_create")).status_code == 403
    assert client.post(reverse("capacity:capacity_edit", args=[item.pk]), {}).status_code == 403
    assert client.post(reverse("capacity:capacity_delete", args=[item.pk])).status_code == 403
    assert CapacityItem.objects.filter(pk=item.pk).exists()


def test_adding_capacity_through_the_form_raises_the_ratio_on_the_dashboard(cast, login):
    make_risk(cast.org)
    make_item(cast.org, amount="100000")
    before = build_dashboard(cast.org).ratio
    login(cast.controller).post(
        reverse("capacity:capacity_create"),
        {"name": "Extra", "nature": "incidenteel", "amount": "100.000"},
    )
    assert build_dashboard(cast.org).ratio == pytest.approx(before * 2)


def test_the_answer_term_for_signals_is_a_setting(cast, login):
    response = login(cast.controller).post(
        reverse("capacity:settings"), settings_data(signal_response_days="15"), follow=True
    )
    assert response.status_code == 200
    cast.org.refresh_from_db()
    assert cast.org.signal_response_days == 15


def test_changing_a_capacity_item_needs_a_reason_and_keeps_who_when_why_and_old_new(cast, login):
    item = make_item(cast.org)
    client = login(cast.controller)
    url = reverse("capacity:capacity_edit", args=[item.pk])
    response = client.post(url, {"name": "Algemene reserve", "nature": "incidenteel", "amount": "1.200.000"})
    assert "Geef een reden" in response.content.decode()
    item.refresh_from_db()
    assert item.amount == Decimal("1000000")
    client.post(
        url,
        {
            "name": "Algemene reserve",
            "nature": "incidenteel",
            "amount": "1.200.000",
            "reason": "Jaarrekening",
        },
    )
    change = PolicyChange.objects.get(organisation=cast.org, action="gewijzigd")
    assert change.changed_by == cast.controller and change.reason == "Jaarrekening"
    assert list(change.changes.values()) == [["1000000", "1200000"]]
    page = client.get(reverse("capacity:capacity")).content.decode()
    assert "Jaarrekening" in page and "1000000 → 1200000" in page


def test_a_settings_change_is_kept_with_its_reason_and_an_unchanged_save_adds_nothing(cast, login):
    client = login(cast.controller)
    client.post(reverse("capacity:settings"), settings_data(certainty_percent="95", reason="Raadsbesluit"))
    change = PolicyChange.objects.get(organisation=cast.org, subject="instellingen")
    assert change.reason == "Raadsbesluit"
    assert ["0.9", "0.95"] in change.changes.values()
    client.post(reverse("capacity:settings"), settings_data(certainty_percent="95", reason=""))
    assert PolicyChange.objects.filter(organisation=cast.org).count() == 1
    assert PolicyChange.objects.filter(organisation=cast.other_org).count() == 0
