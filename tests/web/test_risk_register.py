# SPDX-License-Identifier: EUPL-1.2
"""The register list: search, filters, score classes, sorting, pagination, and a bounded number of queries."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from tests.fixtures import make_risk


def codes(response) -> list[str]:
    return [risk.code for risk in response.context["page"]]


def register(client, **params):
    return client.get(reverse("risks:list"), params)


@pytest.fixture
def controller_client(client, cast, login):
    login(cast.controller)
    return client


def test_the_register_shows_the_organisations_open_risks_only(controller_client, cast):
    make_risk(cast.org, "R01")
    make_risk(cast.org, "R02", status="gesloten")
    make_risk(cast.other_org, "B01")
    response = register(controller_client)
    assert codes(response) == ["R01"]
    page = response.content.decode()
    assert "<caption" in page and 'scope="col"' in page
    assert "€ 1.000.000" in page and "30%" in page


def test_every_member_reads_the_register_but_only_writers_see_the_add_button(client, cast, login):
    make_risk(cast.org, "R01")
    login(cast.reader)
    response = register(client)
    assert codes(response) == ["R01"] and "Nieuw risico" not in response.content.decode()
    login(cast.owner)
    assert "Nieuw risico" in register(client).content.decode()


def test_the_other_organisation_sees_none_of_these_risks(client, cast, login):
    make_risk(cast.org, "R01")
    login(cast.other_controller)
    assert codes(register(client, status="alle")) == []


def test_status_filter_shows_closed_or_all(controller_client, cast):
    make_risk(cast.org, "R01")
    make_risk(cast.org, "R02", status="gesloten")
    make_risk(cast.org, "R03", status="opgetreden")
    assert codes(register(controller_client, status="gesloten")) == ["R02"]
    assert codes(register(controller_client, status="alle")) == ["R01", "R02", "R03"]


def test_search_looks_in_code_name_and_description(controller_client, cast):
    make_risk(cast.org, "R01", name="Cyberaanval")
    make_risk(cast.org, "R02", description="Gevolg van een cyberaanval op de leverancier")
    make_risk(cast.org, "CYB-3", name="Anders")
    make_risk(cast.org, "R04", name="Overstroming")
    assert codes(register(controller_client, q="cyb")) == ["CYB-3", "R01", "R02"]


def test_filter_by_programme_and_owner(controller_client, cast):
    owner = cast.membership(cast.owner)
    make_risk(cast.org, "R01", programme="Sociaal domein", owner=owner)
    make_risk(cast.org, "R02", programme="Ruimte", owner=owner)
    make_risk(cast.org, "R03", programme="Ruimte")
    assert codes(register(controller_client, programma="Ruimte")) == ["R02", "R03"]
    assert codes(register(controller_client, eigenaar=owner.pk)) == ["R01", "R02"]
    assert codes(register(controller_client, programma="Ruimte", eigenaar=owner.pk)) == ["R02"]


def test_kansklasse_and_gevolgklasse_follow_the_engines_bounds(controller_client, cast):
    # 10% is still kansklasse 1; 50.000 is still gevolgklasse 1 (each upper bound belongs to its class).
    make_risk(cast.org, "R01", probability=Decimal("0.1"), impact_max=Decimal("50000"))
    make_risk(cast.org, "R02", probability=Decimal("0.10001"), impact_max=Decimal("50000.01"))
    make_risk(cast.org, "R03", probability=Decimal("0.9"), impact_max=Decimal("2000000"))
    make_risk(cast.org, "R04", probability=None)
    assert codes(register(controller_client, kansklasse=1, gevolgklasse=1)) == ["R01"]
    assert codes(register(controller_client, kansklasse=2, gevolgklasse=2)) == ["R02"]
    assert codes(register(controller_client, kansklasse=5, gevolgklasse=5)) == ["R03"]
    scores = {risk.code: risk.score for risk in register(controller_client).context["page"]}
    assert scores == {"R01": 1, "R02": 4, "R03": 25, "R04": None}


def test_gevolgklasse_uses_the_organisations_own_bands(controller_client, cast):
    cast.org.band_1, cast.org.band_2, cast.org.band_3, cast.org.band_4 = 10, 20, 30, 40
    cast.org.save()
    make_risk(cast.org, "R01", impact_max=Decimal("35"))
    assert codes(register(controller_client, gevolgklasse=4)) == ["R01"]


def test_filter_by_score_colour_over_the_whole_register(controller_client, cast):
    make_risk(cast.org, "GROEN", probability=Decimal("0.05"), impact_max=Decimal("150000"))  # 1×2 = 2
    make_risk(cast.org, "ORANJE", probability=Decimal("0.4"), impact_max=Decimal("400000"))  # 3×3 = 9
    make_risk(cast.org, "ROOD", probability=Decimal("0.8"), impact_max=Decimal("900000"))  # 5×4 = 20
    make_risk(cast.org, "LEEG", probability=None)
    assert codes(register(controller_client, kleur="groen")) == ["GROEN"]
    assert codes(register(controller_client, kleur="oranje")) == ["ORANJE"]
    response = register(controller_client, kleur="rood")
    assert codes(response) == ["ROOD"]
    assert "20 <span" in response.content.decode() and "rood</span>" in response.content.decode()


def test_filter_unquantified_risks(controller_client, cast):
    make_risk(cast.org, "R01")
    make_risk(cast.org, "R02", probability=None)
    make_risk(cast.org, "R03", impact_max=None)
    response = register(controller_client, niet_gekwantificeerd="on")
    assert codes(response) == ["R02", "R03"]
    assert "niet gekwantificeerd" in response.content.decode()


def test_filter_overdue_reviews_marks_them_in_words(controller_client, cast):
    today = date.today()
    make_risk(cast.org, "R01", review_date=today - timedelta(days=1))
    make_risk(cast.org, "R02", review_date=today + timedelta(days=30))
    make_risk(cast.org, "R03")
    response = register(controller_client, verlopen="on")
    assert codes(response) == ["R01"]
    assert "(verlopen)" in response.content.decode()


def test_invalid_filter_values_are_ignored_not_an_error(controller_client, cast):
    make_risk(cast.org, "R01")
    assert codes(register(controller_client, kansklasse="9", kleur="paars", sort="wachtwoord")) == ["R01"]


def test_sorting_by_column_both_ways_with_aria_sort(controller_client, cast):
    make_risk(cast.org, "R01", impact_max=Decimal("500000"))
    make_risk(cast.org, "R02", impact_max=Decimal("2000000"))
    make_risk(cast.org, "R03", impact_max=None)
    make_risk(cast.org, "R04", impact_max=Decimal("100000"))
    ascending = register(controller_client, sort="gevolg")
    assert codes(ascending) == ["R04", "R01", "R02", "R03"]  # not quantified: last either way
    assert 'aria-sort="ascending"' in ascending.content.decode()
    assert 'href="?sort=-gevolg"' in ascending.content.decode()
    descending = register(controller_client, sort="-gevolg")
    assert codes(descending) == ["R02", "R01", "R04", "R03"]
    assert 'aria-sort="descending"' in descending.content.decode()


def test_sorting_by_score_and_owner(controller_client, cast):
    make_risk(cast.org, "R01", probability=Decimal("0.9"), impact_max=Decimal("10000"))  # 5×1
    make_risk(cast.org, "R02", probability=Decimal("0.2"), impact_max=Decimal("900000"))  # 2×4
    make_risk(cast.org, "R03", probability=Decimal("0.6"), owner=cast.membership(cast.owner))  # 4×4
    make_risk(cast.org, "R04", probability=None)
    cast.owner.last_name = "Aalders"
    cast.owner.save()
    assert codes(register(controller_client, sort="-score")) == ["R03", "R02", "R01", "R04"]
    assert codes(register(controller_client, sort="score")) == ["R01", "R02", "R03", "R04"]
    assert codes(register(controller_client, sort="eigenaar"))[0] == "R03"


def test_pagination_keeps_filters_and_sort(controller_client, cast):
    for number in range(1, 121):
        make_risk(cast.org, f"R{number:03}", programme="Ruimte" if number % 2 else "Sociaal domein")
    first = register(controller_client, programma="Ruimte", sort="-code")
    assert first.context["page"].paginator.count == 60 and len(codes(first)) == 50
    assert codes(first)[0] == "R119"
    page = first.content.decode()
    assert "page=2" in page and "programma=Ruimte" in page and "sort=-code" in page
    second = register(controller_client, programma="Ruimte", sort="-code", page=2)
    assert codes(second) == [f"R{n:03}" for n in range(19, 0, -2)]


def test_the_register_needs_a_bounded_number_of_queries(
    controller_client, cast, django_assert_max_num_queries
):
    owners = [cast.membership(cast.owner), cast.membership(cast.controller), None]
    for number in range(120):
        make_risk(cast.org, f"R{number:03}", owner=owners[number % 3], review_date=date(2020, 1, 1))
    with django_assert_max_num_queries(13):  # the owner filter: members, and functions without account
        response = register(controller_client, sort="eigenaar")
    assert len(codes(response)) == 50


def test_a_member_of_no_organisation_gets_no_register(client, db):
    from tests.fixtures import make_user

    client.force_login(make_user("zwerver"))
    assert register(client).status_code == 404
