# SPDX-License-Identifier: EUPL-1.2
"""The web skeleton: login required, organisation switching, settings guarded by role."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from tests.fixtures import PASSWORD, make_user


def test_pages_require_login(client, db):
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_login_with_the_right_password_reaches_the_dashboard(client, cast):
    response = client.post(reverse("login"), {"username": "controller", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "Gemeente Aadorp" in response.content.decode()


def test_repeated_failed_logins_lock_the_account(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "controller", "password": "fout"})
    response = client.post(reverse("login"), {"username": "controller", "password": PASSWORD})
    assert response.status_code == 429
    assert "geblokkeerd" in response.content.decode()


def test_a_user_switches_only_to_organisations_they_belong_to(client, cast, login):
    from risicokompas.organisations.models import Membership

    Membership.objects.create(user=cast.controller, organisation=cast.other_org, role="lezer")
    login(cast.controller)
    response = client.post(reverse("organisations:switch"), {"organisation": cast.other_org.id}, follow=True)
    assert "Gemeente Bedorp" in response.content.decode()
    stranger = make_user("vreemde", cast.other_org, "controller")
    client.force_login(stranger)
    assert client.post(reverse("organisations:switch"), {"organisation": cast.org.id}).status_code == 404


def test_settings_are_for_controllers_only(client, cast, login):
    login(cast.reader)
    assert client.get(reverse("capacity:settings")).status_code == 403
    login(cast.controller)
    assert client.get(reverse("capacity:settings")).status_code == 200


def test_production_refuses_the_development_secret_key(monkeypatch):
    import importlib

    import risicokompas.conf.settings as settings_module

    monkeypatch.setenv("RISICOKOMPAS_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        importlib.reload(settings_module)
    monkeypatch.setenv("RISICOKOMPAS_ENV", "test")
    importlib.reload(settings_module)


def test_a_malformed_setting_fails_at_start_up_with_its_name(monkeypatch):
    import importlib

    import risicokompas.conf.settings as settings_module

    monkeypatch.setenv("SESSION_TIMEOUT", "lang")
    with pytest.raises(ImproperlyConfigured, match="SESSION_TIMEOUT"):
        importlib.reload(settings_module)
    monkeypatch.delenv("SESSION_TIMEOUT")
    importlib.reload(settings_module)


def test_the_interface_is_dutch_for_an_english_browser_until_english_is_chosen(client, cast, login):
    login(cast.controller)
    response = client.get(reverse("dashboard:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert 'name="language"' in response.content.decode()  # the footer offers the choice
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("dashboard:home"))
    assert page["Content-Language"] == "en"
    assert '<html lang="en"' in page.content.decode()
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert client.get(reverse("dashboard:home"))["Content-Language"] == "nl"


def test_a_language_that_is_not_offered_is_ignored(client, cast, login):
    login(cast.controller)
    client.cookies["django_language"] = "de"  # an old choice, or a forged one
    assert client.get(reverse("dashboard:home"))["Content-Language"] == "nl"
