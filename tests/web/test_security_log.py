# SPDX-License-Identifier: EUPL-1.2
"""The security log: what is recorded (who, what, when, IP, object, outcome), that it is append-only (in
the application and, on PostgreSQL, in the database), the beheerder's page and CSV, retention, and that an
anonymous signal leaves nothing in it."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from tests.fixtures import make_user

from risicokompas.organisations.onboarding import create_organisation
from risicokompas.security.models import AppendOnly, SecurityEvent
from risicokompas.signals.models import Signal

pytestmark = pytest.mark.django_db
Kind = SecurityEvent.Kind
PASSWORD = "Een-lang-wachtwoord-42"
BASE = "/beheer-organisatie/"


@pytest.fixture
def beheerder(cast):
    return make_user("beheerder", cast.org, "beheerder")


def kinds() -> list[str]:
    return list(SecurityEvent.objects.order_by("at", "pk").values_list("kind", flat=True))


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_login_a_failure_and_a_logout_are_recorded_with_who_ip_and_outcome(client, cast):
    user = with_password(cast.controller)
    client.post(reverse("login"), {"username": "controller", "password": "fout"})
    client.post(reverse("login"), {"username": "controller", "password": PASSWORD})
    client.post(reverse("logout"))
    failed, login, logout = SecurityEvent.objects.order_by("at", "pk")
    assert (failed.kind, failed.outcome, failed.actor_id, failed.actor) == (
        Kind.LOGIN_FAILED,
        "failure",
        user.pk,
        "controller",
    )
    assert (login.kind, login.outcome, login.actor_id, login.ip) == (
        Kind.LOGIN,
        "success",
        user.pk,
        "127.0.0.1",
    )
    assert (logout.kind, logout.actor_id) == (Kind.LOGOUT, user.pk)
    assert "fout" not in str(failed.detail) and PASSWORD not in str(login.detail)


@override_settings(AXES_FAILURE_LIMIT=2)
def test_a_lockout_is_recorded(client, cast):
    with_password(cast.controller)
    for _attempt in range(2):
        client.post(reverse("login"), {"username": "controller", "password": "fout"})
    assert sorted(kinds()) == sorted([Kind.LOGIN_FAILED, Kind.LOGIN_FAILED, Kind.LOCKED_OUT])
    lockout = SecurityEvent.objects.get(kind=Kind.LOCKED_OUT)
    assert (lockout.actor, lockout.outcome, lockout.ip) == ("controller", "denied", "127.0.0.1")


def test_invitation_role_change_and_deactivation_are_recorded_on_the_person(cast, beheerder, login):
    client = login(beheerder)
    client.post(
        BASE + "mensen/uitnodigen/", {"name": "Anna de Vries", "email": "anna@aadorp.nl", "role": "lezer"}
    )
    member = cast.membership(cast.employee)
    client.post(f"{BASE}mensen/{member.pk}/", {"role": "controller", "extra_roles": [], "function": ""})
    client.post(f"{BASE}mensen/{member.pk}/deactiveren/")
    invited, roles, deactivated = SecurityEvent.objects.exclude(kind=Kind.LOGIN).order_by("at", "pk")
    assert invited.kind == Kind.INVITED and "anna@aadorp.nl" in invited.object_repr
    assert (roles.kind, roles.detail["old"], roles.detail["new"]) == (
        Kind.ROLES_CHANGED,
        ["medewerker"],
        ["controller"],
    )
    assert (deactivated.kind, deactivated.object_type, deactivated.object_id) == (
        Kind.DEACTIVATED,
        "membership",
        str(member.pk),
    )
    for event in (invited, roles, deactivated):
        assert (event.actor_id, event.organisation_id, event.ip) == (beheerder.pk, cast.org.pk, "127.0.0.1")


def test_the_first_beheerder_of_a_new_organisation_is_recorded_as_invited(db):
    new = create_organisation("Gemeente Cedorp", "gemeente", "beheer@cedorp.nl")
    event = SecurityEvent.objects.get(kind=Kind.INVITED)
    assert (event.actor, event.organisation_id, event.detail["role"]) == (
        "createorganisation",
        new.organisation.pk,
        "beheerder",
    )
    assert "beheer@cedorp.nl" in event.object_repr


def test_an_export_of_the_register_is_recorded(cast, login):
    login(cast.controller).get(reverse("risks:export"))
    export = SecurityEvent.objects.get(kind=Kind.EXPORTED)
    assert (export.actor_id, export.organisation_id, export.object_type) == (
        cast.controller.pk,
        cast.org.pk,
        "register",
    )


def test_filing_an_anonymous_signal_writes_nothing_to_the_security_log(client, cast, login):
    user = cast.employee
    user.first_name, user.last_name, user.email = "Anna", "Jansen", "anna@example.org"
    user.save()
    login(user)
    before = set(SecurityEvent.objects.values_list("pk", flat=True))
    form = {
        "title": "Vervoerder Wmo gaat failliet",
        "threatens": "Vervoer",
        "cause": "Krappe marges",
        "consequence": "Noodcontract",
        "likelihood_class": "2",
        "impact_class": "3",
        "programme": "Sociaal domein",
        "anonymous": "on",
    }
    assert client.post(reverse("signals:create"), form).status_code == 200
    signal = Signal.objects.get()
    assert signal.reporter_id is None
    assert set(SecurityEvent.objects.values_list("pk", flat=True)) == before
    for event in SecurityEvent.objects.all():
        text = f"{event.object_type} {event.object_id} {event.object_repr} {event.detail}"
        assert "signal" not in text.lower() and signal.title not in text


def test_the_log_is_append_only_in_the_application(cast):
    event = SecurityEvent.objects.create(kind=Kind.LOGIN, actor="controller")
    event.actor = "iemand anders"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        SecurityEvent.objects.filter(pk=event.pk).update(actor="x")
    with pytest.raises(AppendOnly):
        SecurityEvent.objects.all().delete()
    assert SecurityEvent.objects.get().actor == "controller"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_on_postgresql_a_trigger_refuses_update_and_delete_even_in_raw_sql(cast):
    event = SecurityEvent.objects.create(kind=Kind.LOGIN, actor="controller")
    for sql in (
        "UPDATE security_securityevent SET actor = 'x' WHERE id = %s",
        "DELETE FROM security_securityevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cur,
        ):
            cur.execute(sql, [event.pk])
    assert SecurityEvent.objects.get().actor == "controller"


def test_the_beheerder_reads_the_organisations_part_and_exports_it_as_csv(cast, beheerder, login):
    mine = SecurityEvent.objects.create(kind=Kind.EXPORTED, actor="controller", organisation_id=cast.org.pk)
    member_login = SecurityEvent.objects.create(kind=Kind.LOGIN, actor="lezer", actor_id=cast.reader.pk)
    theirs = SecurityEvent.objects.create(
        kind=Kind.EXPORTED, actor="controller-bedorp", organisation_id=cast.other_org.pk
    )
    stranger = SecurityEvent.objects.create(
        kind=Kind.LOGIN, actor="controller-bedorp", actor_id=cast.other_controller.pk
    )
    client = login(beheerder)
    html = client.get(BASE + "beveiligingslog/").content.decode()
    assert "controller-bedorp" not in html
    assert html.count('data-kind="exported"') == 1 and "lezer" in html
    response = client.get(BASE + "beveiligingslog.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["tijdstip", "gebeurtenis", "uitkomst", "wie"]
    whos = [row[3] for row in rows[1:]]
    assert "controller" in whos and "lezer" in whos and "controller-bedorp" not in whos
    assert SecurityEvent.objects.filter(kind=Kind.LOG_EXPORTED, actor_id=beheerder.pk).count() == 1
    assert {mine.pk, member_login.pk, theirs.pk, stranger.pk} <= set(
        SecurityEvent.objects.values_list("pk", flat=True)
    )


@pytest.mark.parametrize("role", ["controller", "bestuur", "medewerker", "lezer", "risico-eigenaar"])
def test_other_roles_may_not_read_the_log(cast, login, role):
    client = login(make_user(f"iemand-{role}", cast.org, role))
    assert client.get(BASE + "beveiligingslog/").status_code == 403
    assert client.get(BASE + "beveiligingslog.csv").status_code == 403


@override_settings(SECURITY_LOG_RETENTION_DAYS=30)
def test_pruning_removes_only_old_events_and_is_itself_logged(cast):
    now = timezone.now()
    SecurityEvent.objects.create(kind=Kind.LOGIN, actor="oud", at=now - timedelta(days=31))
    SecurityEvent.objects.create(kind=Kind.LOGIN, actor="recent", at=now - timedelta(days=29))
    out = io.StringIO()
    call_command("prune_security_log", stdout=out)
    assert "1 gebeurtenissen verwijderd" in out.getvalue()
    assert sorted(SecurityEvent.objects.values_list("actor", flat=True)) == ["recent", "system"]
    pruned = SecurityEvent.objects.get(kind=Kind.LOG_PRUNED)
    assert (pruned.detail["removed"], pruned.detail["retention_days"]) == (1, 30)
