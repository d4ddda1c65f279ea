# SPDX-License-Identifier: EUPL-1.2
"""A person changes their own password (recorded, other sessions end), and the login lockout is per account:
one person's typos do not lock out everyone behind the same address, and guessing one account's password
from several addresses is stopped."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from risicokompas.security.models import SecurityEvent

pytestmark = pytest.mark.django_db
PASSWORD = "Een-lang-wachtwoord-42"
NEW_PASSWORD = "Een-ander-wachtwoord-77"
CHANGE = reverse("account:change_password")


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_person_changes_their_own_password_and_other_sessions_end(cast):
    user = with_password(cast.employee)
    here, elsewhere = Client(), Client()
    assert log_in(here, "medewerker", PASSWORD).status_code == 302
    assert log_in(elsewhere, "medewerker", PASSWORD).status_code == 302
    assert reverse("account:overview") in here.get("/").content.decode()  # "Mijn account" in the header
    assert CHANGE in here.get(reverse("account:overview")).content.decode()

    wrong = here.post(
        CHANGE, {"old_password": "fout", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert wrong.status_code == 200
    response = here.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert here.get("/risicos/").status_code == 200  # this session stays
    assert elsewhere.get("/risicos/").status_code == 302  # the other one is signed out
    events = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.PASSWORD_CHANGED).order_by("at", "pk")
    assert [(e.outcome, e.actor_id) for e in events] == [("failure", user.pk), ("success", user.pk)]


def test_the_password_change_needs_a_login(client):
    response = client.get(CHANGE)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@override_settings(MFA_ENFORCED=True)
def test_the_password_change_needs_the_second_factor_first(cast, login):
    response = login(cast.controller).get(CHANGE)
    assert response.status_code == 302 and "/account/tweestapsverificatie/" in response.url


@override_settings(AXES_FAILURE_LIMIT=3)
def test_one_persons_typos_do_not_lock_out_others_behind_the_same_address(cast):
    with_password(cast.employee)
    with_password(cast.controller)
    client = Client()
    for _attempt in range(3):
        log_in(client, "medewerker", "fout", "10.0.0.1")
    assert log_in(Client(), "medewerker", PASSWORD, "10.0.0.1").status_code == 429
    assert log_in(Client(), "controller", PASSWORD, "10.0.0.1").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_guessing_one_accounts_password_from_several_addresses_is_stopped(cast):
    with_password(cast.controller)
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        log_in(Client(), "controller", "fout", address)
    assert log_in(Client(), "controller", PASSWORD, "10.0.0.4").status_code == 429
    lockouts = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOCKED_OUT).order_by("at", "pk")
    assert [(e.actor, e.ip) for e in lockouts] == [("controller", "10.0.0.3"), ("controller", "10.0.0.4")]


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_forged_forwarded_for_header_does_not_change_the_address(cast):
    with_password(cast.controller)
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        Client().post(
            reverse("login"),
            {"username": "controller", "password": "fout"},
            REMOTE_ADDR="10.0.0.9",
            HTTP_X_FORWARDED_FOR=forged,
        )
    ips = set(SecurityEvent.objects.values_list("ip", flat=True))
    assert ips == {"10.0.0.9"}
