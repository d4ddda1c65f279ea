# SPDX-License-Identifier: EUPL-1.2
"""One-time links to set a password: valid 72 hours, once, never for a deactivated person."""

from __future__ import annotations

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from tests.fixtures import make_organisation

from risicokompas.organisations.invitations import invitation_link, send_invitation

NEW_PASSWORD = "Een-lang-nieuw-wachtwoord-42"

pytestmark = pytest.mark.django_db


def _invitee(email: str = "nieuw@aadorp.nl"):
    user = get_user_model().objects.create_user(username=email, email=email)
    user.set_unusable_password()
    user.save()
    return user


def _path(link: str) -> str:
    return link.removeprefix("http://testserver")


def _set_password(client, link: str):
    """Open the link as a browser does (Django moves the token into the session) and submit the form."""
    response = client.get(_path(link), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else _path(link)
    return client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}), response


def test_the_link_is_absolute_on_the_given_base_url():
    user = _invitee()
    link = invitation_link(user, "https://risico.proefdorp.nl/")
    assert link.startswith("https://risico.proefdorp.nl/account/wachtwoord/")
    assert "//account" not in link


def test_the_link_uses_the_base_url_setting_by_default(settings):
    settings.RISICOKOMPAS_BASE_URL = "https://rk.example.nl"
    assert invitation_link(_invitee()).startswith("https://rk.example.nl/account/wachtwoord/")


def test_a_valid_link_sets_the_password_and_sends_to_login(client):
    user = _invitee()
    response, first = _set_password(client, invitation_link(user, "http://testserver"))
    assert "Wachtwoord instellen" in first.content.decode()
    assert response.status_code == 302
    assert response.url == "/inloggen/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_link_works_only_once(client):
    user = _invitee()
    link = invitation_link(user, "http://testserver")
    _set_password(client, link)
    client.logout()
    response = client.get(_path(link), follow=True)
    page = response.content.decode()
    assert "Deze link werkt niet meer" in page
    assert "beheerder van uw organisatie" in page
    assert "new_password1" not in page


def test_a_link_expires_after_72_hours(client):
    user = _invitee()
    issued = datetime(2025, 3, 3, 9, 0)
    with mock.patch.object(default_token_generator, "_now", return_value=issued):
        link = invitation_link(user, "http://testserver")
    with mock.patch.object(default_token_generator, "_now", return_value=issued + timedelta(hours=71)):
        assert "new_password1" in client.get(_path(link), follow=True).content.decode()
    client.cookies.clear()
    with mock.patch.object(default_token_generator, "_now", return_value=issued + timedelta(hours=73)):
        page = client.get(_path(link), follow=True).content.decode()
    assert "Deze link werkt niet meer" in page
    assert "new_password1" not in page


def test_a_deactivated_person_cannot_use_the_link(client):
    user = _invitee()
    link = invitation_link(user, "http://testserver")
    user.is_active = False
    user.save()
    page = client.get(_path(link), follow=True).content.decode()
    assert "Deze link werkt niet meer" in page


def test_a_weak_password_is_refused_in_dutch(client):
    user = _invitee()
    response = client.get(_path(invitation_link(user, "http://testserver")), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200
    assert "Het formulier is niet opgeslagen" in response.content.decode()
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_the_invitation_mail_holds_the_link_and_never_a_password(settings):
    user = _invitee()
    user.first_name, user.last_name = "Noor", "de Vries"
    user.save()
    org = make_organisation("Gemeente Aadorp")
    inviter = get_user_model().objects.create_user(username="beheer", first_name="Bram", last_name="Beheer")
    link = send_invitation(user, org, "https://rk.aadorp.nl", invited_by=inviter)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@aadorp.nl"]
    assert "Gemeente Aadorp" in message.subject
    assert link in message.body
    assert link.startswith("https://rk.aadorp.nl/account/wachtwoord/")
    assert "Bram Beheer nodigt u uit" in message.body
    assert "72 uur" in message.body
