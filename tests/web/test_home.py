# SPDX-License-Identifier: EUPL-1.2
"""A home for every role after login (never a 404) and the "Aan de slag" checklist of a new organisation."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from tests.fixtures import PASSWORD, make_risk, make_user
from tests.web.fixtures import make_team, record

from risicokompas.capacity.models import CapacityItem, IndicatorYear, PolicyChange
from risicokompas.conversations.models import Action, Conversation
from risicokompas.network.models import Coordinator
from risicokompas.organisations.models import Programme, Unit
from risicokompas.paragraph.checklist import checklist_for
from risicokompas.paragraph.models import Snapshot, SnapshotApproval
from risicokompas.signals import services as signal_services

SIGNAL = {
    "title": "Vervoerder Wmo gaat failliet",
    "threatens": "Vervoer naar dagbesteding",
    "cause": "Krappe marges",
    "consequence": "Noodcontract",
    "likelihood_class": 2,
    "impact_class": 3,
    "programme": "Sociaal domein",
}


def make_snapshot(organisation, title="Begroting 2026") -> Snapshot:
    return Snapshot.objects.create(
        organisation=organisation,
        title=title,
        year=2026,
        reference_date=date(2025, 9, 1),
        inputs={},
        result={},
        engine_version="test",
        input_hash="0" * 64,
        content_hash="0" * 64,
    )


def finish_checklist(organisation, user) -> None:
    """The data that completes every step (people: the cast already has several members)."""
    PolicyChange.objects.create(
        organisation=organisation, subject="instellingen", label="Beleid", action="gewijzigd", reason="Start"
    )
    Unit.objects.create(organisation=organisation, name="Sociaal domein")
    Programme.objects.create(organisation=organisation, name="Sociaal domein", position=1)
    make_risk(organisation)
    CapacityItem.objects.create(organisation=organisation, name="Algemene reserve", amount=Decimal("1000000"))
    IndicatorYear.objects.create(organisation=organisation, year=2026)
    make_snapshot(organisation)


# --- login lands on the home page ---


def test_logging_in_lands_on_the_home_page(client, cast):
    response = client.post(reverse("login"), {"username": "medewerker", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home") == "/"


def test_the_home_page_needs_a_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- controller and beheerder: the dashboard, with "Aan de slag" until it is done ---


@pytest.mark.parametrize("role", ["controller", "beheerder"])
def test_a_new_organisations_manager_sees_the_dashboard_with_the_checklist(client, cast, login, role):
    user = cast.controller if role == "controller" else make_user("beheer", cast.org, "beheerder")
    login(user)
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dashboard Gemeente Aadorp" in page
    assert "Aan de slag" in page
    assert "1 van 7 stappen klaar" in page  # only people: the cast has several members
    assert reverse("risks:import") in page
    assert reverse("capacity:settings") in page
    assert reverse("paragraph:snapshot_create") in page


def test_once_every_step_is_done_the_manager_goes_straight_to_the_dashboard(client, cast, login):
    finish_checklist(cast.org, cast.controller)
    assert checklist_for(cast.org).done
    login(cast.controller)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("dashboard:home")


def test_each_step_is_computed_from_the_organisations_data(cast):
    def done() -> dict[str, bool]:
        return {step.key: step.done for step in checklist_for(cast.other_org).steps}

    assert not any(done().values())  # Bedorp has one member and nothing else
    make_user("tweede", cast.other_org, "medewerker")
    assert done()["people"]
    Unit.objects.create(organisation=cast.other_org, name="Team Ruimte")
    assert not done()["structure"]  # teams and programma's both
    Programme.objects.create(organisation=cast.other_org, name="Ruimte")
    assert done()["structure"]
    make_risk(cast.other_org)
    CapacityItem.objects.create(organisation=cast.other_org, name="Reserve", amount=Decimal("1"))
    IndicatorYear.objects.create(organisation=cast.other_org, year=2026)
    PolicyChange.objects.create(
        organisation=cast.other_org, subject="instellingen", label="Beleid", action="gewijzigd", reason="r"
    )
    assert not done()["snapshot"]
    make_snapshot(cast.other_org)
    assert all(done().values())


def test_another_organisations_data_does_not_tick_a_step(cast):
    finish_checklist(cast.org, cast.controller)
    steps = {step.key: step.done for step in checklist_for(cast.other_org).steps}
    assert not steps["register"] and not steps["capacity"] and not steps["snapshot"]


def test_the_checklist_page_stays_available_for_managers_only(client, cast, login):
    finish_checklist(cast.org, cast.controller)
    login(cast.controller)
    response = client.get(reverse("getting_started"))
    assert response.status_code == 200
    assert "7 van 7 stappen klaar" in response.content.decode()
    login(cast.employee)
    assert client.get(reverse("getting_started")).status_code == 403


# --- bestuur: snapshots awaiting approval and the dashboard ---


def test_bestuur_sees_snapshots_awaiting_approval_above_the_dashboard(client, cast, login):
    bestuur = make_user("bestuur", cast.org, "bestuur")
    waiting = make_snapshot(cast.org, "Begroting 2026")
    approved = make_snapshot(cast.org, "Jaarstukken 2024")
    SnapshotApproval.objects.create(
        snapshot=approved, approved_by=bestuur, content_hash=approved.content_hash
    )
    make_snapshot(cast.other_org, "Begroting Bedorp")
    login(bestuur)
    page = client.get("/").content.decode()
    assert "Wachten op vaststelling" in page
    assert reverse("paragraph:snapshot_detail", args=[waiting.pk]) in page
    assert "Jaarstukken 2024" not in page
    assert "Begroting Bedorp" not in page
    assert "Dashboard Gemeente Aadorp" in page


def test_bestuur_without_anything_to_approve_goes_to_the_dashboard(client, cast, login):
    login(make_user("bestuur", cast.org, "bestuur"))
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("dashboard:home")


# --- risico-eigenaar: reviews due and open actions ---


def test_a_risk_owner_sees_their_reviews_due_and_open_actions(client, cast, login):
    owner = cast.membership(cast.owner)
    today = timezone.localdate()
    make_risk(cast.org, "R01", name="Jeugdzorg te laat", owner=owner, review_date=today - timedelta(days=3))
    make_risk(
        cast.org, "R02", name="Binnenkort herbeoordelen", owner=owner, review_date=today + timedelta(days=10)
    )
    make_risk(cast.org, "R03", name="Pas volgend jaar", owner=owner, review_date=today + timedelta(days=300))
    make_risk(cast.org, "R04", name="Van een ander", review_date=today - timedelta(days=3))
    make_risk(cast.org, "R05", name="Al gesloten", owner=owner, review_date=today, status="gesloten")
    conversation = Conversation.objects.create(organisation=cast.org, title="Teamgesprek", date=today)
    Action.objects.create(conversation=conversation, description="Offerte opvragen", owner=owner)
    Action.objects.create(conversation=conversation, description="Al gedaan", owner=owner, status="afgerond")
    Action.objects.create(
        conversation=conversation, description="Voor de controller", owner=cast.membership(cast.controller)
    )
    login(cast.owner)
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Jeugdzorg te laat" in page and "te laat" in page
    assert "Binnenkort herbeoordelen" in page
    for absent in ("Pas volgend jaar", "Van een ander", "Al gesloten", "Al gedaan", "Voor de controller"):
        assert absent not in page
    assert "Offerte opvragen" in page


def test_a_risk_owner_with_nothing_due_gets_a_calm_page(client, cast, login):
    login(cast.owner)
    page = client.get("/").content.decode()
    assert "Geen van uw risico's hoeft binnenkort herbeoordeeld te worden" in page
    assert "U heeft geen open acties" in page


# --- medewerker: "Meld een risico", their signals and their team's deviations ---


def test_an_employee_sees_report_a_risk_their_signals_and_their_teams_deviations(client, cast, login):
    make_team(cast)
    record(cast, situation="Eigen team", what_instead="Regeling")
    other = record(cast, user=cast.neighbour, situation="Ander team")
    signal_services.file_signal(cast.org, cast.professional, SIGNAL, anonymous=False)
    signal_services.file_signal(
        cast.org, cast.neighbour, {**SIGNAL, "title": "Van de buren"}, anonymous=False
    )
    login(cast.professional)
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("signals:create") in page
    assert "Vervoerder Wmo gaat failliet" in page
    assert "Van de buren" not in page
    assert cast.rule.title in page
    assert reverse("deviations:detail", args=[other.pk]) not in page


def test_a_new_employee_sees_what_to_do_first(client, cast, login):
    login(cast.employee)
    page = client.get("/").content.decode()
    assert "Meld een risico" in page
    assert "U heeft nog geen meldingen met uw naam gedaan" in page


# --- lezer, coordinator, nobody ---


def test_a_reader_goes_to_the_dashboard(client, cast, login):
    login(cast.reader)
    response = client.get("/")
    assert response.url == reverse("dashboard:home")
    assert client.get(response.url).status_code == 200


def test_a_coordinator_without_an_organisation_goes_to_their_networks(client, db, login):
    user = make_user("coordinator")
    Coordinator.objects.create(user=user, title="Netwerkcoördinator")
    login(user)
    response = client.get("/")
    assert response.url == reverse("network:list")
    assert client.get(response.url).status_code == 200


def test_someone_without_a_membership_is_told_whom_to_ask(client, db, login):
    login(make_user("nieuweling"))
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nog geen toegang tot een organisatie" in page
    assert "Vraag de beheerder van Risicokompas in uw organisatie" in page


def test_a_superuser_without_a_membership_goes_to_the_platform_admin(client, db, login):
    login(get_user_model().objects.create_superuser("platform", "p@example.nl", "Platform-wachtwoord-1"))
    response = client.get("/")
    assert response.url == reverse("admin:index")


def test_switching_organisation_lands_on_the_home_of_the_new_one(client, cast, login):
    from risicokompas.organisations.models import Membership

    Membership.objects.create(user=cast.employee, organisation=cast.other_org, role="lezer")
    login(cast.employee)
    response = client.post(reverse("organisations:switch"), {"organisation": cast.other_org.pk})
    assert response.url == reverse("home")
    assert client.get("/").url == reverse("dashboard:home")  # a lezer in Bedorp
