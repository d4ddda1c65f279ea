# SPDX-License-Identifier: EUPL-1.2
"""The claims the test provider hands out."""

from __future__ import annotations

from typing import Any

from oidc_provider.lib.claims import ScopeClaims


def userinfo(claims: dict[str, Any], user: Any) -> dict[str, Any]:
    claims["email"] = user.email
    claims["email_verified"] = True
    claims["name"] = user.get_full_name() or user.username
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["preferred_username"] = user.username
    return claims


class RolesClaims(ScopeClaims):  # type: ignore[misc]  # untyped library
    info_rk_roles = ("Rollen in Risicokompas", "Uw organisaties en rollen in Risicokompas.")

    def scope_rk_roles(self) -> dict[str, list[str]]:
        return {"rk_roles": sorted(self.user.groups.values_list("name", flat=True))}
