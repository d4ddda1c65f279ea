# SPDX-License-Identifier: EUPL-1.2
"""Sends a signed-in person who needs a second factor (or has one: then it is asked too) and has not passed
it in this session to enrol or verify first.

A session that came in through single sign-on is not asked: the provider (the organisation's own identity
provider) is responsible for the second factor there (``organisations.sso``)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from risicokompas.organisations import mfa, sso

#: Paths a person may open before passing the second factor (not the password change: that needs it).
OPEN_PREFIXES = (
    "/account/tweestapsverificatie/",
    "/account/wachtwoord/",  # the one-time link of an invitation
    "/uitloggen/",
    "/i18n/",
    "/static/",
    "/.well-known/",
)


class SecondFactorMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.MFA_ENFORCED
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
            and not request.session.get(sso.SESSION_KEY)
            and (mfa.required_for(user) or mfa.is_enrolled(user))
        ):
            target = "account:mfa_verify" if mfa.is_enrolled(user) else "account:mfa_enrol"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
