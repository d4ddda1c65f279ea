# SPDX-License-Identifier: EUPL-1.2
"""Who may see and record events: every member reads them; controllers and beheerders record any event,
a risico-eigenaar only events that realise risks they own. Another organisation's event is a 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from risicokompas.calibration.models import Event
from risicokompas.organisations.access import current_membership
from risicokompas.organisations.models import Membership
from risicokompas.risks.models import Risk


def may_record(membership: Membership) -> bool:
    return membership.can_edit_all_risks or membership.can_edit_own_risks


def may_record_surprise(membership: Membership) -> bool:
    """A loss outside the register belongs to no owner: only those who edit every risk record it."""
    return membership.can_edit_all_risks


def recordable_risks(membership: Membership) -> QuerySet[Risk]:
    risks = Risk.objects.filter(organisation=membership.organisation).order_by("code")
    if membership.can_edit_all_risks:
        return risks
    return risks.filter(owner=membership)


def require_record(request: HttpRequest) -> Membership:
    membership = current_membership(request)
    if not may_record(membership):
        raise PermissionDenied("Uw rol staat dit niet toe")
    return membership


def get_event_for(request: HttpRequest, pk: int) -> Event:
    membership = current_membership(request)
    try:
        return Event.objects.get(pk=pk, organisation=membership.organisation)
    except Event.DoesNotExist:
        raise Http404("Gebeurtenis niet gevonden") from None
