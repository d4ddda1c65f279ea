# SPDX-License-Identifier: EUPL-1.2
"""Puts the user's current membership on the request (``request.membership``)."""

from __future__ import annotations

from risicokompas.organisations.access import resolve_membership


class CurrentOrganisationMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        request.membership = resolve_membership(request) if hasattr(request, "user") else None
        return self.get_response(request)
