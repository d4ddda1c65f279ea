# SPDX-License-Identifier: EUPL-1.2
"""The second factor for local accounts: TOTP (an authenticator app) with recovery codes (django-otp).

Who must use it: everyone when ``MFA_REQUIRED`` is on (the production default), and always whoever holds the
role controller, bestuur or beheerder in any organisation. ``MFA_ENFORCED`` turns the check off only for the
test suite (tests log in with ``force_login``; the MFA tests turn it on). A person without a device enrols
at the first login; a lost device is reset by a beheerder of their organisation (recorded in the security
log), after which they enrol again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from risicokompas.organisations.models import Membership

Role = Membership.Role
#: Roles that always need a second factor, whatever MFA_REQUIRED says.
MFA_ROLES = (Role.CONTROLLER, Role.BESTUUR, Role.BEHEERDER)
RECOVERY_CODES = 10


def required_for(user) -> bool:
    """Whether ``user`` must pass a second factor before using the application."""
    if not user.is_authenticated:
        return False
    if settings.MFA_REQUIRED:
        return True
    return any(m.has_role(*MFA_ROLES) for m in user.memberships.all())


def is_enrolled(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator of ``user`` being enrolled (made on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


def new_recovery_codes(user) -> list[str]:
    """Replace the recovery codes of ``user`` with ``RECOVERY_CODES`` new single-use codes."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Herstelcodes", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def confirm(device: TOTPDevice, token: str) -> bool:
    """Confirm an enrolling authenticator with its first code."""
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def reset(user) -> int:
    """Remove every second-factor device of ``user`` (a lost phone); returns how many."""
    removed = 0
    with transaction.atomic():
        for device in list(devices_for_user(user, confirmed=None)):
            device.delete()
            removed += 1
    return removed


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def is_recovery_device(device) -> bool:
    return isinstance(device, StaticDevice)
