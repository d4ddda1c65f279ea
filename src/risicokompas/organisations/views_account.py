# SPDX-License-Identifier: EUPL-1.2
"""Setting a password from a one-time link (an invitation, or the first beheerder's link), and changing
one's own password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordChangeView, PasswordResetConfirmView
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from risicokompas.organisations import mfa, sso
from risicokompas.security.log import Kind, Outcome, record


@login_required
def overview(request):
    """My account: change the password, the state of the second factor and new recovery codes."""
    identities = list(request.user.external_identities.order_by("pk"))
    linked = {identity.provider for identity in identities}
    context = {
        "mfa_enrolled": mfa.is_enrolled(request.user),
        "mfa_required": mfa.required_for(request.user),
        "recovery_codes_left": mfa.recovery_codes_left(request.user),
        "sso_provider": sso.session_provider(request),
        "identities": identities,
        "password_refused": sso.password_refused(request.user),
        "link_providers": [p for p in sso.providers() if p.slug not in linked],
    }
    return render(request, "account/overview.html", context)


class SetPasswordView(PasswordResetConfirmView):
    """Django's reset-confirm view with our templates; an expired, used or deactivated link is refused.

    Django moves the token from the URL into the session on the first visit (so it does not leak through
    the Referer header) and checks it again on submit; setting the password invalidates the link.
    """

    template_name = "account/set_password.html"
    success_url = reverse_lazy("login")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        response = super().form_valid(form)
        record(Kind.PASSWORD_SET, request=self.request, actor=form.user, obj=form.user, object_type="user")
        messages.success(
            self.request,
            _("Uw wachtwoord is ingesteld. Log nu in met uw gebruikersnaam %(username)s.")
            % {"username": form.user.get_username()},
        )
        return response


@method_decorator(login_required, name="dispatch")
class ChangePasswordView(PasswordChangeView):
    """Change one's own password (the current one first). Django keeps this session signed in and ends
    every other session of the account (their session hash no longer matches)."""

    template_name = "account/change_password.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(Kind.PASSWORD_CHANGED, request=self.request, obj=self.request.user, object_type="user")
        messages.success(self.request, _("Uw wachtwoord is gewijzigd. Andere sessies zijn afgemeld."))
        return response

    def form_invalid(self, form):
        record(
            Kind.PASSWORD_CHANGED,
            request=self.request,
            obj=self.request.user,
            object_type="user",
            outcome=Outcome.FAILURE,
        )
        return super().form_invalid(form)
