# SPDX-License-Identifier: EUPL-1.2
"""The login page's password form: Django's, plus "alleen single sign-on" for linked accounts."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext as _

from risicokompas.organisations import sso
from risicokompas.security.log import Kind, Outcome, record


class PasswordLoginForm(AuthenticationForm):
    #: True when the password was right but the account logs in through single sign-on only.
    sso_only_refused = False

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if sso.password_refused(user):
            self.sso_only_refused = True
            # Checked after the password: the refusal reveals nothing to someone without it.
            record(
                Kind.LOGIN_FAILED,
                request=self.request,
                actor=user,
                obj=user,
                object_type="user",
                outcome=Outcome.DENIED,
                reason="sso_only",
            )
            names = sorted({identity.provider_name for identity in user.external_identities.all()})
            raise forms.ValidationError(
                _(
                    "Uw account is gekoppeld aan single sign-on en uw organisatie staat voor gekoppelde "
                    "accounts geen wachtwoord toe. Log in via %(name)s."
                )
                % {"name": ", ".join(names)},
                code="sso_only",
            )
