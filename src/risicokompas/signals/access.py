# SPDX-License-Identifier: EUPL-1.2
"""Who may see and triage which signal: the one access helper for signals.

Every member may file a signal and read their own named signals. Triage is for the controller and the
beheerder, and for a risico-eigenaar on signals about their own team or programme. A signal of another
organisation is a 404; a member who may not see or triage it gets a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from risicokompas.organisations.access import current_membership
from risicokompas.organisations.models import Membership
from risicokompas.organisations.rules import may, may_for_own_team
from risicokompas.signals.models import Signal


def _same_team(team: str, programme: str) -> bool:
    return bool(team.strip()) and team.strip().casefold() == programme.strip().casefold()


def may_triage(membership: Membership, signal: Signal) -> bool:
    if may(membership, "triage_signals"):
        return True
    return may_for_own_team(membership, "triage_signals") and _same_team(membership.team, signal.programme)


def may_use_inbox(membership: Membership) -> bool:
    return may(membership, "use_inbox")


def triage_queryset(membership: Membership) -> QuerySet[Signal]:
    """The signals this member may triage (all of the organisation, or those of the owner's team)."""
    signals = Signal.objects.filter(organisation=membership.organisation)
    if may(membership, "triage_signals"):
        return signals
    if may_for_own_team(membership, "triage_signals") and membership.team.strip():
        return signals.filter(programme__iexact=membership.team.strip())
    return signals.none()


def require_inbox(request: HttpRequest) -> Membership:
    membership = current_membership(request)
    if not may_use_inbox(membership):
        raise PermissionDenied("Uw rol staat dit niet toe")
    return membership


def get_signal_for(request: HttpRequest, pk: int, triage: bool = False) -> Signal:
    """Signal ``pk`` of the current organisation, for a triager or (read-only) its named reporter."""
    membership = current_membership(request)
    try:
        signal = Signal.objects.select_related("organisation", "risk", "reporter", "handled_by").get(
            pk=pk, organisation=membership.organisation
        )
    except Signal.DoesNotExist:
        raise Http404("Melding niet gevonden") from None
    if may_triage(membership, signal):
        return signal
    is_reporter = signal.reporter_id is not None and signal.reporter_id == request.user.pk
    if triage or not is_reporter:
        raise PermissionDenied("Uw rol staat dit niet toe")
    return signal
