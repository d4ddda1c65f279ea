# SPDX-License-Identifier: EUPL-1.2
"""The one place that decides which organisation a request works in and what its user may do there.

Views never filter by organisation themselves: they ask these helpers. Another organisation's object is
a 404 (its existence is not revealed); a role that may not do something gets a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from risicokompas.organisations.models import Membership, Organisation

SESSION_KEY = "organisation_id"


def memberships_of(user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(user.memberships.select_related("organisation"))


def request_memberships(request: HttpRequest) -> list[Membership]:
    """``memberships_of(request.user)``, read once per request and user (the middleware and the page's
    organisation menu both need it)."""
    user = request.user
    cached = getattr(request, "_memberships", None)
    if cached is not None and cached[0] == user.pk:
        return cached[1]
    memberships = memberships_of(user)
    request._memberships = (user.pk, memberships)  # type: ignore[attr-defined]
    return memberships


def current_membership(request: HttpRequest) -> Membership:
    """The membership of the organisation the user works in now (chosen in the session)."""
    membership = getattr(request, "membership", None)
    if membership is None:
        raise Http404("Geen organisatie gekozen")
    return membership


def resolve_membership(request: HttpRequest) -> Membership | None:
    memberships = request_memberships(request)
    if not memberships:
        return None
    chosen = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.organisation_id == chosen:
            return membership
    return memberships[0]


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Uw rol staat dit niet toe")


def current_organisation(request: HttpRequest) -> Organisation:
    return current_membership(request).organisation


def require_settings_manager(request: HttpRequest) -> Membership:
    """The current membership, or a 403 when its role may not manage the organisation's settings."""
    membership = current_membership(request)
    require(membership.can_manage_settings)
    return membership
