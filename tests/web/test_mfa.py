# SPDX-License-Identifier: EUPL-1.2
"""The second factor: enrolment at first login, verification with a code computed here, a recovery code,
who must use it (MFA_REQUIRED and the roles controller, bestuur and beheerder) and the beheerder's reset,
each recorded in the security log. The test settings switch the check off (MFA_ENFORCED); these tests turn
it on."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.fixtures import make_user

from risicokompas.organisations import mfa
from risicokompas.security.models import SecurityEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("enforced")]
Kind = SecurityEvent.Kind
ENROL = reverse("account:mfa_enrol")
VERIFY = reverse("account:mfa_verify")


@pytest.fixture
def enforced():
    with override_settings(MFA_ENFORCED=True, OTP_TOTP_THROTTLE_FACTOR=0, OTP_STATIC_THROTTLE_FACTOR=0):
        yield


def code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    return device, mfa.new_recovery_codes(user)


def logged(kind: str) -> list[SecurityEvent]:
    return list(SecurityEvent.objects.filter(kind=kind))


def test_a_controller_enrols_at_first_login_and_gets_recovery_codes(cast, login):
    client = login(cast.controller)
    response = client.get("/risicos/")
    assert response.status_code == 302 and response.url == f"{ENROL}?next=%2Frisicos%2F"
    page = client.get(response.url).content.decode()
    assert "<svg" in page and 'id="rk-totp-secret"' in page
    device = TOTPDevice.objects.get(user=cast.controller, confirmed=False)

    wrong = client.post(ENROL, {"token": "000000" if code(device) != "000000" else "111111"})
    assert "Deze code klopt niet" in wrong.content.decode()

    done = client.post(ENROL, {"token": code(device), "next": "/risicos/"})
    page = done.content.decode()
    assert done.status_code == 200 and page.count("<li><code>") == mfa.RECOVERY_CODES
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/risicos/").status_code == 200  # verified in this session
    (event,) = logged(Kind.MFA_ENROLLED)
    assert (event.actor_id, event.ip) == (cast.controller.pk, "127.0.0.1")
    assert len(logged(Kind.MFA_FAILED)) == 1


def test_an_enrolled_person_passes_the_code_after_the_password(cast, client):
    user = cast.controller
    user.set_password("Een-lang-wachtwoord-42")
    user.save()
    device, _codes = enrolled(user)
    response = client.post(reverse("login"), {"username": "controller", "password": "Een-lang-wachtwoord-42"})
    response = client.get(response.url)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert client.get("/risicos/").status_code == 302  # nothing without the second factor

    bad = client.post(VERIFY, {"token": "12345", "next": "/risicos/"})
    assert bad.status_code == 200 and "Deze code klopt niet" in bad.content.decode()
    good = client.post(VERIFY, {"token": code(device), "next": "/risicos/"})
    assert (good.status_code, good.url) == (302, "/risicos/")
    assert client.get("/risicos/").status_code == 200
    assert [e.outcome for e in logged(Kind.MFA_FAILED)] == ["failure"]
    assert len(logged(Kind.MFA_VERIFIED)) == 1


def test_a_recovery_code_works_once(cast, login):
    _device, codes = enrolled(cast.controller)
    client = login(cast.controller)
    assert client.post(VERIFY, {"token": codes[0]}).status_code == 302
    assert client.get("/risicos/").status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    (event,) = logged(Kind.MFA_RECOVERY_USED)
    assert event.detail["remaining"] == mfa.RECOVERY_CODES - 1

    again = login(cast.controller)  # a new session
    again.logout()
    again = login(cast.controller)
    assert "Deze code klopt niet" in again.post(VERIFY, {"token": codes[0]}).content.decode()


def test_a_medewerker_needs_a_second_factor_only_when_mfa_is_required(cast, login):
    client = login(cast.employee)
    assert client.get("/risicos/").status_code == 200
    with override_settings(MFA_REQUIRED=True):
        assert client.get("/risicos/").status_code == 302


@pytest.mark.parametrize("role", ["controller", "bestuur", "beheerder"])
def test_these_roles_always_need_a_second_factor(cast, role):
    assert mfa.required_for(make_user(f"iemand-{role}", cast.org, role))


def test_a_beheerder_resets_a_lost_device_and_it_is_recorded(cast, login):
    beheerder = make_user("beheerder", cast.org, "beheerder")
    enrolled(beheerder)
    enrolled(cast.controller)
    member = cast.membership(cast.controller)
    client = login(beheerder)
    client.post(VERIFY, {"token": mfa.new_recovery_codes(beheerder)[0]})
    page = client.get(reverse("beheer:person", args=[member.pk])).content.decode()
    assert "Tweede stap herstellen" in page
    response = client.post(reverse("beheer:reset_mfa", args=[member.pk]))
    assert response.status_code == 302
    assert not mfa.is_enrolled(cast.controller)
    (event,) = logged(Kind.MFA_RESET)
    assert (event.actor_id, event.organisation_id, event.object_id) == (
        beheerder.pk,
        cast.org.pk,
        str(member.pk),
    )
    assert event.detail["devices_removed"] == 2
    # the controller enrols again at the next login
    assert login(cast.controller).get("/risicos/").url.startswith(ENROL)


def test_only_a_beheerder_of_the_organisation_resets(cast, login):
    enrolled(cast.employee)
    member = cast.membership(cast.employee)
    with override_settings(MFA_ENFORCED=False):
        assert login(cast.controller).post(reverse("beheer:reset_mfa", args=[member.pk])).status_code == 403
        other = make_user("beheerder-bedorp", cast.other_org, "beheerder")
        assert login(other).post(reverse("beheer:reset_mfa", args=[member.pk])).status_code == 404
    assert mfa.is_enrolled(cast.employee)
    assert logged(Kind.MFA_RESET) == []


def test_new_recovery_codes_replace_the_old_ones_after_the_second_factor(cast, login):
    device, old = enrolled(cast.controller)
    client = login(cast.controller)
    assert client.post(reverse("account:mfa_recovery_codes")).status_code == 302  # not verified yet
    client.post(VERIFY, {"token": code(device)})
    page = client.get(reverse("account:overview")).content.decode()
    assert f"nog {mfa.RECOVERY_CODES} herstelcodes" in page
    response = client.post(reverse("account:mfa_recovery_codes"))
    new = re.findall(r"<li><code>([^<]+)</code></li>", response.content.decode())
    assert len(new) == mfa.RECOVERY_CODES and not set(new) & set(old)
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_someone_who_enrolled_without_being_required_is_asked_for_the_code_too(cast, login):
    enrolled(cast.employee)
    response = login(cast.employee).get("/risicos/")
    assert response.status_code == 302 and response.url.startswith(VERIFY)
