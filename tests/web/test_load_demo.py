# SPDX-License-Identifier: EUPL-1.2
"""``manage.py load_demo``: the demo municipality is complete, loads twice without change, and resets."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Q

from risicokompas.capacity.models import CapacityItem, available_capacity
from risicokompas.capacity.services import bbv_slots_of, default_budget_year
from risicokompas.demo.history import DEMO_HISTORY_YEARS
from risicokompas.demo.indicators import demo_budget_year
from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD, DEMO_USERS
from risicokompas.demo.register import DEMO_CAPACITY, DEMO_RISKS, demo_capacity_total
from risicokompas.organisations.models import Function, Membership, Organisation, Programme, Unit
from risicokompas.risks.models import Measure, Risk, RiskChange

pytestmark = pytest.mark.django_db


def load(*args) -> None:
    call_command("load_demo", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def snapshot() -> dict:
    return {
        "organisations": Organisation.objects.count(),
        "risks": sorted(Risk.objects.values_list("organisation__slug", "code", "version", "status")),
        "changes": RiskChange.objects.count(),
        "measures": Measure.objects.count(),
        "capacity": sorted(CapacityItem.objects.values_list("name", "amount")),
        "memberships": sorted(Membership.objects.values_list("user__username", "organisation__slug", "role")),
        "people": sorted(
            map(str, Membership.objects.values_list("user__email", "function", "unit__name", "team"))
        ),
        "units": sorted(
            map(str, Unit.objects.values_list("organisation__slug", "name", "kind", "parent__name"))
        ),
        "programmes": sorted(Programme.objects.values_list("organisation__slug", "position", "name")),
        "functions": Function.objects.count(),
    }


@pytest.fixture
def voorbeeldrecht():
    load()
    return Organisation.objects.get(slug="gemeente-voorbeeldrecht")


def test_it_creates_voorbeeldrecht_with_its_60_risks_and_capacity(voorbeeldrecht):
    assert voorbeeldrecht.risks.count() == len(DEMO_RISKS) == 60
    assert voorbeeldrecht.certainty == Decimal("0.9")
    assert voorbeeldrecht.norm_minimum == Decimal("1")
    assert voorbeeldrecht.capacity_items.count() == len(DEMO_CAPACITY)
    assert available_capacity(voorbeeldrecht) == Decimal(demo_capacity_total())
    assert voorbeeldrecht.risks.filter(excluded=True).count() == 2
    assert set(voorbeeldrecht.risks.exclude(shape="").values_list("shape", flat=True)) == {
        "driehoek",
        "pert",
        "lognormaal",
        "vast",
    }


def test_it_maps_the_register_keys_onto_the_risk(voorbeeldrecht):
    risk = voorbeeldrecht.risks.get(code="R01")
    assert risk.name == "Uitkering gemeentefonds lager (ravijnjaar)"
    assert risk.probability == Decimal("0.7")
    assert (risk.impact_min, risk.impact_mode, risk.impact_max) == (500_000, 1_200_000, 2_000_000)
    assert risk.shape == "driehoek"
    assert risk.nature == Risk.Nature.STRUCTURAL
    assert risk.owner_label == "Concerncontroller"
    assert risk.description.startswith("Het Rijk")
    assert risk.measures_text
    assert voorbeeldrecht.risks.get(code="R05").years == 4
    assert risk.changes.get().reason == "Voorbeeldgegevens"


def test_it_gives_the_register_review_dates_statuses_and_measures(voorbeeldrecht):
    risks = voorbeeldrecht.risks
    assert risks.exclude(review_date=None).count() == 15
    assert risks.filter(status=Risk.Status.OPEN, review_date__lt=datetime.date.today()).count() == 6
    assert risks.filter(status=Risk.Status.CLOSED).count() == 2
    assert risks.filter(status=Risk.Status.OCCURRED).count() == 1
    assert Measure.objects.filter(risk__organisation=voorbeeldrecht).count() == 4


def test_it_creates_a_user_for_each_role_with_the_demo_password(voorbeeldrecht):
    roles = set(voorbeeldrecht.memberships.values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    for user in get_user_model().objects.filter(username__in=DEMO_USERS):
        assert user.check_password(DEMO_PASSWORD), user.username
    assert get_user_model().objects.filter(username__in=DEMO_USERS).count() == len(DEMO_USERS)


def test_the_risk_owner_owns_eight_risks(voorbeeldrecht):
    owner = Membership.objects.get(user__username="eigenaar", organisation=voorbeeldrecht)
    assert owner.role == Membership.Role.RISK_OWNER
    assert owner.owned_risks.count() == 8


def test_anderdorp_is_separate_and_netwerk_belongs_to_both(voorbeeldrecht):
    anderdorp = Organisation.objects.get(slug="gemeente-anderdorp")
    assert anderdorp.risks.count() == 5
    assert list(anderdorp.memberships.values_list("user__username", "role").order_by("user__username")) == [
        ("controller-anderdorp", "controller"),
        ("netwerk", "lezer"),
    ]
    netwerk = dict(
        Membership.objects.filter(user__username="netwerk").values_list("organisation__slug", "role")
    )
    assert netwerk == {"gemeente-voorbeeldrecht": "controller", "gemeente-anderdorp": "lezer"}


def test_the_demo_people_have_an_address_a_function_and_a_unit(voorbeeldrecht):
    users = get_user_model().objects.filter(username__in=DEMO_USERS)
    assert all(user.email.endswith("@voorbeeldrecht.example") and user.get_full_name() for user in users)
    members = Membership.objects.filter(organisation=voorbeeldrecht).select_related("user", "unit")
    assert all(member.function for member in members)
    employee = members.get(user__username="medewerker")
    assert (employee.unit.kind, employee.team) == (Unit.Kind.TEAM, employee.unit.name)
    assert members.get(user__username="eigenaar").team == "Sociaal domein"  # signals and deviations match it
    assert employee.unit.parent.parent.kind == Unit.Kind.DIRECTORATE


def test_the_demo_register_programmes_exist_in_the_register_order(voorbeeldrecht):
    programmes = list(Programme.objects.filter(organisation=voorbeeldrecht).values_list("name", flat=True))
    assert programmes == list(dict.fromkeys(row["programma"] for row in DEMO_RISKS))
    owners = {row["eigenaar"] for row in DEMO_RISKS}
    assert owners <= set(Function.objects.filter(organisation=voorbeeldrecht).values_list("name", flat=True))


def test_running_it_twice_changes_nothing(voorbeeldrecht):
    before = snapshot()
    load()
    assert snapshot() == before


def test_reset_rebuilds_the_demo_and_undoes_changes(voorbeeldrecht):
    before = snapshot()
    voorbeeldrecht.risks.get(code="R10").delete()
    CapacityItem.objects.filter(organisation=voorbeeldrecht).update(amount=1)
    load("--reset")
    after = snapshot()
    assert after["risks"] == before["risks"]
    assert after["capacity"] == before["capacity"]
    assert after["memberships"] == before["memberships"]


def test_the_dashboard_shows_the_demo_to_the_controller(voorbeeldrecht, client):
    from risicokompas.dashboard.compute import build_dashboard

    dashboard = build_dashboard(voorbeeldrecht)
    assert dashboard.open_count == 57
    assert dashboard.available == pytest.approx(demo_capacity_total())
    assert len(dashboard.overdue) == 6
    assert dashboard.drivers

    response = client.post("/inloggen/", {"username": "controller", "password": DEMO_PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "Gemeente Voorbeeldrecht" in response.content.decode()


def test_the_demo_has_kengetallen_for_every_column_of_both_paragraphs(voorbeeldrecht):
    t = demo_budget_year(datetime.date.today())
    assert default_budget_year(voorbeeldrecht) == t
    j = DEMO_HISTORY_YEARS[-1]  # the demo's jaarstukken
    recorded = set(voorbeeldrecht.indicator_years.values_list("year", "kind"))
    assert recorded == {
        (t - 2, "realisatie"),
        (t - 1, "begroting"),
        (t, "begroting"),
        *((t + i, "meerjarenraming") for i in (1, 2, 3)),
        (j - 1, "realisatie"),
        (j, "begroting"),
        (j, "realisatie"),
    }
    assert (t - 1, "realisatie") not in recorded  # a year that has not ended has no jaarrekening
    for edition, year in (("begroting", t), ("jaarstukken", j)):
        slots = bbv_slots_of(voorbeeldrecht.indicator_years.all(), year)[edition]
        assert all(slot.row is not None for slot in slots), (
            edition,
            [s.label for s in slots if s.row is None],
        )
    # The begroting and the jaarrekening of j differ, so the jaarstukken compare two different columns.
    budget, actual = (voorbeeldrecht.indicator_years.get(year=j, kind=k) for k in ("begroting", "realisatie"))
    assert budget.total_revenue != actual.total_revenue


def test_every_demo_person_has_a_team_and_every_risk_its_cause_event_and_consequence(voorbeeldrecht):
    members = Membership.objects.filter(user__username__in=DEMO_USERS).select_related("unit", "user")
    assert members.count() == sum(len(roles) for roles in DEMO_USERS.values())
    for member in members:
        assert member.unit is not None and member.team == member.unit.name, member
        assert member.function and member.user.email, member
    assert voorbeeldrecht.risks.count() == 60
    assert not voorbeeldrecht.risks.filter(Q(cause="") | Q(event="") | Q(consequence="")).exists()
