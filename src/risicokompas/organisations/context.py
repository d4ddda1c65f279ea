# SPDX-License-Identifier: EUPL-1.2
"""Template context: the current organisation and the user's other organisations."""

from risicokompas.organisations.access import request_memberships


def organisation(request) -> dict:
    membership = getattr(request, "membership", None)
    return {
        "membership": membership,
        "current_organisation": membership.organisation if membership else None,
        "all_memberships": request_memberships(request) if hasattr(request, "user") else [],
    }
