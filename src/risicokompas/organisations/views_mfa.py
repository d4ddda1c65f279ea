# SPDX-License-Identifier: EUPL-1.2
"""Enrolling an authenticator app, passing the second factor (a code or a recovery code) and new recovery
codes. Every step is recorded in the security log."""

from __future__ import annotations

from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from risicokompas.organisations import mfa
from risicokompas.security.log import Kind, Outcome, record


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@login_required
def enrol(request):
    """Scan the QR code (or type the key), confirm with the first code, note the recovery codes."""
    if mfa.is_enrolled(request.user):
        return redirect("account:mfa_verify")
    device = mfa.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mfa.confirm(device, form.cleaned_data["token"]):
            otp_login(request, device)
            codes = mfa.new_recovery_codes(request.user)
            record(Kind.MFA_ENROLLED, request=request, obj=request.user, object_type="user")
            return render(request, "account/mfa_codes.html", {"codes": codes, "next": _next(request)})
        record(
            Kind.MFA_FAILED, request=request, obj=request.user, object_type="user", outcome=Outcome.FAILURE
        )
        form.add_error(
            "token", _("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer het opnieuw.")
        )
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr_svg": mark_safe(qr.svg_inline(scale=4, title=_("QR-code voor uw authenticator-app"))),
        "secret": b32encode(device.bin_key).decode(),
        "next": _next(request),
    }
    return render(request, "account/mfa_enrol.html", context)


@login_required
def verify(request):
    """Give the code from the app, or one recovery code."""
    if not mfa.is_enrolled(request.user):
        return redirect("account:mfa_enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip().replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            if mfa.is_recovery_device(device):
                remaining = device.token_set.count()
                record(
                    Kind.MFA_RECOVERY_USED,
                    request=request,
                    obj=request.user,
                    object_type="user",
                    remaining=remaining,
                )
                messages.warning(
                    request,
                    _(
                        "U hebt een herstelcode gebruikt; er zijn er nog %(n)s. Maak zo nodig nieuwe codes aan."
                    )
                    % {"n": remaining},
                )
            else:
                record(Kind.MFA_VERIFIED, request=request, obj=request.user, object_type="user")
            return redirect(_next(request))
        record(
            Kind.MFA_FAILED, request=request, obj=request.user, object_type="user", outcome=Outcome.FAILURE
        )
        form.add_error(
            "token", _("Deze code klopt niet (of er is te vaak een verkeerde code gegeven: wacht even).")
        )
    return render(request, "account/mfa_verify.html", {"form": form, "next": _next(request)})


@login_required
@require_POST
def recovery_codes(request):
    """New recovery codes (the old ones stop working); only after passing the second factor."""
    if not (mfa.is_enrolled(request.user) and request.user.is_verified()):
        return redirect("account:mfa_verify")
    codes = mfa.new_recovery_codes(request.user)
    record(Kind.MFA_ENROLLED, request=request, obj=request.user, object_type="user", recovery_codes="renewed")
    return render(request, "account/mfa_codes.html", {"codes": codes, "next": "/"})
