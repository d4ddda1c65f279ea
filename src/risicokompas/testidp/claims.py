# SPDX-License-Identifier: EUPL-1.2
"""The claims the test provider hands out."""

from __future__ import annotations

from typing import Any

from oidc_provider.lib.claims import ScopeClaims

#: A user in this group has an e-mail address the provider does not vouch for (``email_verified`` false).
UNVERIFIED_GROUP = "testidp:email-unverified"


def userinfo(claims: dict[str, Any], user: Any) -> dict[str, Any]:
    claims["email"] = user.email
    claims["email_verified"] = not user.groups.filter(name=UNVERIFIED_GROUP).exists()
    claims["name"] = user.get_full_name() or user.username
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["preferred_username"] = user.username
    return claims


class RolesClaims(ScopeClaims):  # type: ignore[misc]  # untyped library
    info_rk_roles = ("Rollen in Risicokompas", "Uw organisaties en rollen in Risicokompas.")

    def scope_rk_roles(self) -> dict[str, list[str]]:
        names = self.user.groups.exclude(name=UNVERIFIED_GROUP).values_list("name", flat=True)
        return {"rk_roles": sorted(names)}
