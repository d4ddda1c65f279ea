# SPDX-License-Identifier: EUPL-1.2
"""OpenID Connect for several providers, on mozilla-django-oidc.

mozilla-django-oidc knows one provider from global settings; here the provider comes from the URL
(``/inloggen/sso/<slug>/``) and ``ProviderClient`` (a subclass of its backend) carries that provider's
endpoints, client and keys. It is not a Django authentication backend: the callback view calls it, and the
person it finds is signed in with Django's ModelBackend, so without configuration nothing OIDC is active.

The checks on the ID token: the signature with the provider's published keys (JWKS, RS256 by default;
mozilla-django-oidc), the nonce, and here also the issuer, the audience (our client id) and, for the user
info, the same ``sub``. The authorisation request carries state, nonce and a PKCE code challenge (S256).

Logout at the provider (OpenID Connect RP-initiated logout): the ID token of an SSO login is kept in the
session (mozilla-django-oidc's ``OIDC_STORE_ID_TOKEN``, ``store_tokens``) with the provider's slug, and
``logout_url`` (``OIDC_OP_LOGOUT_URL_METHOD``) sends the person on logout to the provider's
``end_session_endpoint`` with ``id_token_hint`` and ``post_logout_redirect_uri`` (our "uitgelogd" page).
"""

from __future__ import annotations

import logging
import time
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from django.utils.crypto import get_random_string
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import generate_code_challenge

from risicokompas.organisations.sso import Provider

DISCOVERY_SECONDS = 3600
LOGGER = logging.getLogger(__name__)
STATES_KEY = "rk_sso_states"
STATE_SECONDS = 600
#: The provider whose ID token the session keeps for logging out there (mozilla-django-oidc keeps the token
#: itself under "oidc_id_token").
ID_TOKEN_PROVIDER_KEY = "rk_sso_id_token_provider"
ID_TOKEN_KEY = "oidc_id_token"


class ProviderError(Exception):
    """The provider could not be reached or answered something unusable."""


def endpoints(provider: Provider) -> dict:
    """The provider's endpoints: configured ones, the rest from its discovery document (cached)."""
    wanted = ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")
    found = dict(provider.endpoints)
    if all(found.get(key) for key in wanted):
        return found  # all configured: a provider without a discovery document
    cache_key = f"oidc-discovery:{provider.issuer}"
    document = cache.get(cache_key)
    if document is None:
        try:
            response = requests.get(
                f"{provider.issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
            )
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise ProviderError(f"discovery: {exc}") from exc
        if document.get("issuer", "").rstrip("/") != provider.issuer:
            raise ProviderError(f"discovery: issuer {document.get('issuer')!r} is not {provider.issuer!r}")
        cache.set(cache_key, document, DISCOVERY_SECONDS)
    for key in (*wanted, "end_session_endpoint"):
        found.setdefault(key, document.get(key))
    if not all(found.get(key) for key in ("authorization_endpoint", "token_endpoint", "jwks_uri")):
        raise ProviderError("discovery: endpoints missing")
    return found


def start(
    request, provider: Provider, redirect_uri: str, next_url: str | None, *, link_user: int | None = None
) -> str:
    """The authorisation request's URL; state, nonce and PKCE verifier are kept in the session.

    ``link_user``: the signed-in person links their login at the provider to their account (account page);
    the provider is asked for a fresh login (``prompt=login``), so a provider session another person left
    in this browser is never linked."""
    urls = endpoints(provider)
    state = get_random_string(32)
    nonce = get_random_string(32)
    verifier = get_random_string(64)
    states = {
        key: value
        for key, value in request.session.get(STATES_KEY, {}).items()
        if value["at"] > time.time() - STATE_SECONDS
    }
    states[state] = {
        "provider": provider.slug,
        "nonce": nonce,
        "verifier": verifier,
        "next": next_url,
        "at": time.time(),
        "link_user": link_user,
    }
    request.session[STATES_KEY] = states
    params = {
        "response_type": "code",
        "client_id": provider.client_id,
        "scope": provider.scopes,
        "redirect_uri": redirect_uri,
        "state": state,
        "nonce": nonce,
        "code_challenge": generate_code_challenge(verifier, "S256"),
        "code_challenge_method": "S256",
    }
    if link_user is not None:
        params["prompt"] = "login"
    return f"{urls['authorization_endpoint']}?{urlencode(params)}"


def pop_state(request, provider: Provider, state: str) -> dict | None:
    """The pending request for ``state`` at ``provider`` (removed: a state is used once)."""
    states = request.session.get(STATES_KEY, {})
    pending = states.pop(state, None) if state else None
    request.session[STATES_KEY] = states
    if pending is None or pending["provider"] != provider.slug or pending["at"] < time.time() - STATE_SECONDS:
        return None
    return pending


class ProviderClient(OIDCAuthenticationBackend):  # type: ignore[misc]  # untyped library
    """mozilla-django-oidc's token exchange and ID token verification for one provider."""

    def __init__(self, provider: Provider) -> None:  # not super().__init__: that reads the global settings
        urls = endpoints(provider)
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = urls["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = urls.get("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = urls["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = provider.sign_algo
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.token_info: dict = {}

    @staticmethod
    def get_settings(attr, *args):
        # Never accept unsigned tokens, whatever the global settings say; the rest from the settings.
        if attr == "OIDC_ALLOW_UNSECURED_JWT":
            return False
        return getattr(settings, attr, args[0] if args else None)

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if str(payload.get("iss", "")).rstrip("/") != self.provider.issuer:
            raise SuspiciousOperation("ID token issuer does not match the provider")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.provider.client_id not in audiences:
            raise SuspiciousOperation("ID token audience does not include our client id")
        if "exp" not in payload:
            raise SuspiciousOperation("ID token has no expiry")
        return payload

    def claims(self, code: str, redirect_uri: str, nonce: str, verifier: str) -> dict:
        """Exchange ``code`` for tokens, verify the ID token and return its claims with the user info."""
        token_info = self.get_token(
            {
                "client_id": self.OIDC_RP_CLIENT_ID,
                "client_secret": self.OIDC_RP_CLIENT_SECRET,
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "code_verifier": verifier,
            }
        )
        self.token_info = token_info
        id_token = token_info.get("id_token")
        if not id_token:
            raise SuspiciousOperation("no ID token in the token response")
        payload = self.verify_token(id_token, nonce=nonce)
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT and token_info.get("access_token"):
            info = self.get_userinfo(token_info["access_token"], id_token, payload)
            if str(info.get("sub")) != str(payload.get("sub")):
                raise SuspiciousOperation("user info is about another subject than the ID token")
            claims.update(info)
        return claims

    def keep_tokens(self, request) -> None:
        """Keep the ID token in the (new) session for logging out at the provider (``store_tokens`` with
        ``OIDC_STORE_ID_TOKEN``); called after ``login``, which may start a fresh session."""
        self.request = request
        self.store_tokens(self.token_info.get("access_token"), self.token_info.get("id_token"))
        if request.session.get(ID_TOKEN_KEY):
            request.session[ID_TOKEN_PROVIDER_KEY] = self.provider.slug


def logout_url(request) -> str | None:
    """Where logout sends this session (``OIDC_OP_LOGOUT_URL_METHOD``): the provider's end-session
    endpoint with ``id_token_hint`` and ``post_logout_redirect_uri`` when the session kept a provider's ID
    token and the provider has such an endpoint; None for a password session (the plain logout)."""
    from risicokompas.organisations import sso

    session = getattr(request, "session", None)
    if session is None:
        return None
    token = session.get(ID_TOKEN_KEY)
    provider = sso.provider(session.get(ID_TOKEN_PROVIDER_KEY) or "")
    if not token or provider is None:
        return None
    try:
        end_session = endpoints(provider).get("end_session_endpoint")
    except ProviderError as exc:
        LOGGER.warning("single sign-on %s: no logout at the provider: %s", provider.slug, exc)
        return None
    if not end_session:
        return None
    params = {
        "id_token_hint": token,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("logged_out")),
        "client_id": provider.client_id,
    }
    separator = "&" if "?" in end_session else "?"
    return f"{end_session}{separator}{urlencode(params)}"
