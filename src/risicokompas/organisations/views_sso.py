# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on views: "Inloggen met <provider>", the provider's callback, linking one's own account
from the account page, logout (at the provider too for an SSO session) and the "uitgelogd" page.

An unknown or unconfigured provider is a 404 (without configuration nothing OIDC is active). Every
outcome goes into the security log: SSO_LOGIN, SSO_LINKED, SSO_LOGIN_FAILED (the provider, token or
signature failed) and SSO_REFUSED (the person is not admitted, e.g. a domain the beheerder did not allow).
"""

from __future__ import annotations

import logging

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from risicokompas.organisations import oidc, sso
from risicokompas.organisations.models import ExternalIdentity

LOGGER = logging.getLogger(__name__)


def _provider(slug: str) -> sso.Provider:
    provider = sso.provider(slug)
    if provider is None:
        raise Http404("Onbekende provider")
    return provider


def _redirect_uri(request: HttpRequest, provider: sso.Provider) -> str:
    return request.build_absolute_uri(reverse("sso:callback", args=[provider.slug]))


def _problem(
    request: HttpRequest, provider: sso.Provider, message: str, status: int, *, link: bool = False
) -> HttpResponse:
    context = {"provider": provider, "message": message, "link": link}
    return render(request, "sso/refused.html", context, status=status)


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
    if pending.get("link_user") is not None:
        return _link(request, provider, client, claims, pending["link_user"])
    try:
        result = sso.sign_in(provider, claims)
    except sso.Refused as refused:
        sso.record_refused(request, provider, claims, refused)
        return _problem(request, provider, refused.message, 403)
    request.sso_provider = provider.slug  # type: ignore[attr-defined]  # recorded below, not as a password login
    login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[sso.SESSION_KEY] = provider.slug
    client.keep_tokens(request)
    sso.record_sign_in(request, provider, claims, result)
    if result.linked is not None:
        messages.success(
            request,
            _("Uw account is nu gekoppeld aan uw inlog bij %(name)s.") % {"name": provider.name},
        )
    return redirect(pending.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL))


def _link(
    request: HttpRequest, provider: sso.Provider, client: oidc.ProviderClient, claims: dict, user_id: int
) -> HttpResponse:
    """The callback of "Koppelen met <provider>" on the account page: link to the signed-in person."""
    user = request.user
    if not user.is_authenticated or user.pk != user_id:
        # Signed out or another person signed in since the link started: never link to them.
        sso.record_failed(request, provider, "state", link=True)
        return _problem(
            request,
            provider,
            _("Koppelen met %(name)s is niet gelukt. Log opnieuw in en probeer het nog eens.")
            % {"name": provider.name},
            403,
            link=True,
        )
    # Logout also ends the provider session this link started, linked or not.
    client.keep_tokens(request)
    try:
        identity = sso.link_signed_in(provider, claims, user)
    except sso.Refused as refused:
        sso.record_refused(request, provider, claims, refused, actor=user)
        return _problem(request, provider, refused.message, 403, link=True)
    if identity is None:
        messages.info(request, _("Uw account was al gekoppeld aan %(name)s.") % {"name": provider.name})
    else:
        sso.record_linked(request, provider, user, identity, how="account_page")
        messages.success(
            request,
            _("Uw account is nu gekoppeld aan uw inlog bij %(name)s.") % {"name": provider.name},
        )
    return redirect("account:overview")


@never_cache
@login_required
@require_POST
def link_start(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Koppelen met <provider>" on the account page: log in at the provider (a fresh login is asked)
    and come back to link that login to this account."""
    provider = _provider(slug)
    user = request.user
    if not user.is_authenticated:  # login_required already sent them to the login page
        raise Http404
    if ExternalIdentity.objects.filter(user=user, provider=provider.slug).exists():
        messages.info(request, _("Uw account was al gekoppeld aan %(name)s.") % {"name": provider.name})
        return redirect("account:overview")
    try:
        url = oidc.start(request, provider, _redirect_uri(request, provider), None, link_user=user.pk)
    except oidc.ProviderError as exc:
        LOGGER.warning("single sign-on %s: %s", provider.slug, exc)
        sso.record_failed(request, provider, "provider_unreachable", link=True)
        return _problem(
            request,
            provider,
            _("%(name)s is nu niet bereikbaar. Probeer het later opnieuw.") % {"name": provider.name},
            502,
            link=True,
        )
    return redirect(url)


class LogoutView(auth_views.LogoutView):
    """Django's logout (POST only); a session that kept a provider's ID token is then sent to the
    provider's end-session endpoint (``OIDC_OP_LOGOUT_URL_METHOD``, as mozilla-django-oidc's
    ``OIDCLogoutView`` does for one provider), so the provider's session ends too and the next "Inloggen
    met …" asks for the password again. A password session keeps the plain logout."""

    def post(self, request, *args, **kwargs):
        provider_url = None
        method = getattr(settings, "OIDC_OP_LOGOUT_URL_METHOD", "")
        if method and request.user.is_authenticated:
            provider_url = import_string(method)(request)
            if provider_url:
                # The security log's logout entry names the provider (security.receivers).
                request.sso_logout = request.session.get(oidc.ID_TOKEN_PROVIDER_KEY)
        response = super().post(request, *args, **kwargs)
        return redirect(provider_url) if provider_url else response


@never_cache
@require_GET
def logged_out(request: HttpRequest) -> HttpResponse:
    """Where the provider sends the browser back after logging out there (``post_logout_redirect_uri``)."""
    return render(request, "sso/logged_out.html")
