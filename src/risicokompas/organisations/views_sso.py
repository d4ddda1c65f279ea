# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on views: "Inloggen met <provider>" and the provider's callback.

An unknown or unconfigured provider is a 404 (without configuration nothing OIDC is active). Every
outcome goes into the security log: SSO_LOGIN, SSO_LOGIN_FAILED (the provider, token or signature failed)
and SSO_REFUSED (the person is not admitted, e.g. a domain the beheerder did not allow).
"""

from __future__ import annotations

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from risicokompas.organisations import oidc, sso

LOGGER = logging.getLogger(__name__)


def _provider(slug: str) -> sso.Provider:
    provider = sso.provider(slug)
    if provider is None:
        raise Http404("Onbekende provider")
    return provider


def _redirect_uri(request: HttpRequest, provider: sso.Provider) -> str:
    return request.build_absolute_uri(reverse("sso:callback", args=[provider.slug]))


def _problem(request: HttpRequest, provider: sso.Provider, message: str, status: int) -> HttpResponse:
    return render(request, "sso/refused.html", {"provider": provider, "message": message}, status=status)


@never_cache
@require_GET
def start(request: HttpRequest, slug: str) -> HttpResponse:
    provider = _provider(slug)
    next_url = request.GET.get("next")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = None
    try:
        url = oidc.start(request, provider, _redirect_uri(request, provider), next_url)
    except oidc.ProviderError as exc:
        LOGGER.warning("single sign-on %s: %s", provider.slug, exc)
        sso.record_failed(request, provider, "provider_unreachable")
        return _problem(
            request,
            provider,
            _("%(name)s is nu niet bereikbaar. Probeer het later opnieuw.") % {"name": provider.name},
            502,
        )
    return redirect(url)


@never_cache
@require_GET
def callback(request: HttpRequest, slug: str) -> HttpResponse:
    provider = _provider(slug)
    failed = _("Inloggen via %(name)s is niet gelukt. Probeer het opnieuw.") % {"name": provider.name}
    pending = oidc.pop_state(request, provider, request.GET.get("state", ""))
    if request.GET.get("error"):
        sso.record_failed(request, provider, "provider_error", error=request.GET["error"][:100])
        return _problem(request, provider, failed, 403)
    if pending is None or not request.GET.get("code"):
        sso.record_failed(request, provider, "state")
        return _problem(request, provider, failed, 403)
    try:
        client = oidc.ProviderClient(provider)
        claims = client.claims(
            request.GET["code"], _redirect_uri(request, provider), pending["nonce"], pending["verifier"]
        )
    except (
        oidc.ProviderError,
        requests.RequestException,
        SuspiciousOperation,
        jwt.PyJWTError,
        KeyError,
        ValueError,
    ) as exc:
        LOGGER.warning("single sign-on %s: %s", provider.slug, exc)
        sso.record_failed(request, provider, "token", error=str(exc)[:200])
        return _problem(request, provider, failed, 403)
    try:
        result = sso.sign_in(provider, claims)
    except sso.Refused as refused:
        sso.record_refused(request, provider, claims, refused)
        return _problem(request, provider, refused.message, 403)
    request.sso_provider = provider.slug  # type: ignore[attr-defined]  # recorded below, not as a password login
    login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[sso.SESSION_KEY] = provider.slug
    sso.record_sign_in(request, provider, claims, result)
    return redirect(pending.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL))
