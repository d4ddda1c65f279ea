# SPDX-License-Identifier: EUPL-1.2
"""Signing a person out everywhere also ends sessions kept in a shared cache (Redis, several app servers),
which cannot be listed per person: a session that began before the person's cutoff is logged out at its
next request, whatever the session engine."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from risicokompas.organisations import people
from risicokompas.security.models import SessionCutoff

pytestmark = pytest.mark.django_db
PASSWORD = "Een-lang-wachtwoord-42"


def _signed_in(cast) -> Client:
    cast.employee.set_password(PASSWORD)
    cast.employee.save()
    client = Client()
    response = client.post(reverse("login"), {"username": cast.employee.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("risks:list")).status_code == 200
    return client


@pytest.mark.parametrize(
    "engine", ["django.contrib.sessions.backends.cache", "django.contrib.sessions.backends.db"]
)
def test_signing_out_everywhere_ends_the_session_whatever_the_engine(cast, engine):
    cache.clear()
    with override_settings(SESSION_ENGINE=engine):
        browser = _signed_in(cast)
        colleague = Client()
        colleague.force_login(cast.controller)

        people.sign_out_everywhere(cast.employee)

        response = browser.get(reverse("risks:list"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        assert colleague.get(reverse("risks:list")).status_code == 200  # only that person is signed out
        assert SessionCutoff.objects.filter(user=cast.employee).exists()
        if engine.endswith(".cache"):
            assert not Session.objects.exists()  # nothing in the database to delete: the cutoff did it

        # Logging in again afterwards starts a session that lives on.
        again = _signed_in(cast)
        assert again.get(reverse("risks:list")).status_code == 200


def test_the_cutoff_is_read_from_the_database_when_the_cache_forgot_it(cast):
    cache.clear()
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cache"):
        browser = _signed_in(cast)
        people.sign_out_everywhere(cast.employee)
        cache.delete(f"session-cutoff:{cast.employee.pk}")  # another app server's cache, or an eviction
        # The session itself lives in the cache too: keep it, forget only the cutoff.
        response = browser.get(reverse("risks:list"))
        assert response.status_code == 302
