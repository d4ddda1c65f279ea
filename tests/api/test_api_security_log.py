# SPDX-License-Identifier: EUPL-1.2
"""The security log of API keys and back-ups: who, what, when, where and the outcome."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from tests.api.helpers import call, key_for
from tests.fixtures import make_user

from risicokompas.api.models import ApiKey
from risicokompas.security.models import SecurityEvent

pytestmark = pytest.mark.django_db


def test_creating_and_revoking_a_key_are_logged_with_who_what_and_where(client, cast):
    beheerder = make_user("beheerder", cast.org, "beheerder")
    client.force_login(beheerder)
    client.post(
        reverse("api_keys:list"),
        {"name": "Begrotingssysteem", "membership": cast.controller.memberships.get().pk, "scope": "read"},
    )
    key = ApiKey.objects.get()
    client.post(reverse("api_keys:revoke", args=[key.pk]))
    client.post(reverse("api_keys:revoke", args=[key.pk]))  # revoking twice changes nothing: one event
    created, revoked = SecurityEvent.objects.filter(kind__startswith="api_key").order_by("pk")
    for event in (created, revoked):
        assert (event.actor, event.actor_id, event.ip) == ("beheerder", beheerder.pk, "127.0.0.1")
        assert (event.object_type, event.object_id, event.organisation_id) == (
            "apikey",
            str(key.pk),
            cast.org.pk,
        )
        assert event.outcome == "success" and event.at is not None
    assert (created.kind, created.detail) == (
        "api_key_created",
        {"scope": "read", "prefix": key.prefix, "acts_as": "controller"},
    )
    assert revoked.kind == "api_key_revoked"
    assert SecurityEvent.objects.filter(kind="api_key_revoked").count() == 1


def test_a_refused_key_is_logged_without_the_key_itself(client, cast):
    wrong = "rk_000000000000_" + "x" * 43
    assert call(client, "get", "risks/", wrong).status_code == 401
    event = SecurityEvent.objects.get(kind="api_key_refused")
    assert (event.outcome, event.ip, event.actor, event.actor_id) == (
        "denied",
        "127.0.0.1",
        "(onbekende sleutel)",
        None,
    )
    assert wrong not in str(event.detail) and "x" * 10 not in str(event.detail)

    plaintext = key_for(cast.controller)
    ApiKey.objects.update(revoked_by=cast.controller, revoked_at="2026-01-01T00:00Z")
    assert call(client, "get", "risks/", plaintext).status_code == 401
    event = SecurityEvent.objects.filter(kind="api_key_refused").latest("pk")
    assert (event.actor, event.organisation_id, event.object_type) == ("controller", cast.org.pk, "apikey")


def test_an_accepted_use_stays_in_the_key_use_log_not_the_security_log(client, cast):
    """Each use is in ``ApiKeyUse`` (day-only for an anonymous signal); a security event per use would
    give the exact second an anonymous signal was filed."""
    key = key_for(cast.employee)
    assert call(client, "post", "signals/", key, {"title": "Fraude", "anonymous": True}).status_code == 201
    assert call(client, "get", "risks/", key).status_code == 200
    assert not SecurityEvent.objects.exists()


def test_a_backup_is_logged_with_the_account_host_file_and_rows(tmp_path, cast):
    path = tmp_path / "b.json"
    call_command("backup", str(path))
    event = SecurityEvent.objects.get(kind="backup_made")
    assert event.outcome == "success" and "@" in event.actor
    assert event.detail["file"] == str(path) and event.detail["rows"] > 0
