# SPDX-License-Identifier: EUPL-1.2
"""API key authentication and the scope check for Django REST framework.

The key travels as ``Authorization: Bearer rk_…`` (or ``X-Api-Key: rk_…``). An authenticated request
gets the key's membership as ``request.membership``, the attribute the apps' access helpers read, so the
API applies the same rules as the web.
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from risicokompas.api.keys import find_key, log_use
from risicokompas.api.models import ApiKey
from risicokompas.security.log import Kind, Outcome, record


class ApiKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace")
        plaintext = ""
        if header.lower().startswith("bearer "):
            plaintext = header[7:]
        elif request.META.get("HTTP_X_API_KEY"):
            plaintext = request.META["HTTP_X_API_KEY"]
        if not plaintext:
            return None
        key = find_key(plaintext)
        if key is None:
            # Who tries keys that do not exist, from where: the key itself is never logged.
            record(
                Kind.API_KEY_REFUSED,
                request=request._request,
                actor_name="(onbekende sleutel)",
                object_type="api_key",
                outcome=Outcome.DENIED,
                path=request.path[:200],
            )
            raise exceptions.AuthenticationFailed("Ongeldige of ingetrokken API-sleutel.")
        refusal = None
        if not key.is_active:
            refusal = "Ongeldige of ingetrokken API-sleutel."
        elif not key.membership.user.is_active:
            refusal = "De persoon of dienst van deze API-sleutel is gedeactiveerd."
        if refusal:  # a refused use of a real key is logged too: the beheerder sees who still tries
            log_use(key, method=request.method, path=request.path, status=401)
            record(
                Kind.API_KEY_REFUSED,
                request=request._request,
                actor=key.membership.user,
                organisation_id=key.organisation_id,
                obj=key,
                outcome=Outcome.DENIED,
                prefix=key.prefix,
                path=request.path[:200],
            )
            raise exceptions.AuthenticationFailed(refusal)
        user = key.membership.user
        request._request.membership = key.membership
        request._request.api_key = key
        return user, key

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class HasScope(permissions.BasePermission):
    """An authenticated key; a read key only for reading (GET, HEAD, OPTIONS, or a view that stores
    nothing: ``stores_nothing = True``, such as the stateless simulation)."""

    message = "Deze API-sleutel mag alleen lezen."

    def has_permission(self, request, view) -> bool:
        key = request.auth
        if not isinstance(key, ApiKey):
            raise exceptions.NotAuthenticated("Geef een API-sleutel mee: Authorization: Bearer <sleutel>.")
        reading = request.method in permissions.SAFE_METHODS or getattr(view, "stores_nothing", False)
        return reading or key.may_write


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "risicokompas.api.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Een API-sleutel van de organisatie."}
