# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on providers (OpenID Connect) from environment variables.

OIDC_PROVIDERS              comma separated short names, e.g. "entra,test"; unset: no single sign-on
For each name N (upper case, "-" as "_"), OIDC_<N>_…:
  NAME                      shown on the login page as "Inloggen met <NAME>" (required)
  ISSUER                    the provider's issuer URL; the ID token's "iss" must equal it (required)
  CLIENT_ID, CLIENT_SECRET  this installation's registration at the provider (required)
  SCOPES                    default "openid email profile"
  ROLES_CLAIM               optional: a claim listing "<organisation slug>:<role>" values; without it the
                            beheerder assigns roles in Risicokompas
  AUTHORIZATION_ENDPOINT, TOKEN_ENDPOINT, USERINFO_ENDPOINT, JWKS_ENDPOINT, END_SESSION_ENDPOINT
                            optional: default from the issuer's /.well-known/openid-configuration;
                            END_SESSION_ENDPOINT is where logout sends an SSO session (RP-initiated
                            logout); without one (configured or discovered) logout ends the local session only
  SIGN_ALGO                 the ID token's signature algorithm, default RS256
"""

from __future__ import annotations

import re

from django.core.exceptions import ImproperlyConfigured

from risicokompas.conf.env import env_list, env_str

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
ENDPOINTS = {
    "AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "TOKEN_ENDPOINT": "token_endpoint",
    "USERINFO_ENDPOINT": "userinfo_endpoint",
    "JWKS_ENDPOINT": "jwks_uri",
    "END_SESSION_ENDPOINT": "end_session_endpoint",
}
SIGN_ALGOS = {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256"}


def providers_from_env(*, production: bool) -> dict[str, dict]:
    """slug → the provider's settings, in the order of OIDC_PROVIDERS; an error names the variable."""
    providers: dict[str, dict] = {}
    for slug in env_list("OIDC_PROVIDERS", []):
        slug = slug.lower()
        if not SLUG.match(slug):
            raise ImproperlyConfigured(f"OIDC_PROVIDERS: {slug!r} is not a short name (a-z, 0-9, -)")
        prefix = f"OIDC_{slug.upper().replace('-', '_')}_"

        def value(name: str, default: str | None = None, prefix: str = prefix) -> str:
            raw = env_str(prefix + name, default or "").strip()
            if not raw and default is None:
                raise ImproperlyConfigured(f"{prefix}{name} must be set for single sign-on provider")
            return raw

        issuer = value("ISSUER").rstrip("/")
        if production and not issuer.startswith("https://"):
            raise ImproperlyConfigured(f"{prefix}ISSUER must be an https:// address in production")
        algo = value("SIGN_ALGO", "RS256")
        if algo not in SIGN_ALGOS:
            raise ImproperlyConfigured(
                f"{prefix}SIGN_ALGO={algo!r}: use one of {', '.join(sorted(SIGN_ALGOS))}"
            )
        providers[slug] = {
            "slug": slug,
            "name": value("NAME"),
            "issuer": issuer,
            "client_id": value("CLIENT_ID"),
            "client_secret": value("CLIENT_SECRET"),
            "scopes": value("SCOPES", "openid email profile"),
            "roles_claim": value("ROLES_CLAIM", ""),
            "sign_algo": algo,
            "endpoints": {key: value(var, "") for var, key in ENDPOINTS.items() if value(var, "")},
        }
    return providers
