# SPDX-License-Identifier: EUPL-1.2
"""Who may see and change which risk: the one access helper for risks and their measures.

A risk of another organisation is a 404 (its existence is not revealed); a role that may read but not
change it gets a 403. Role rules come from ``Membership``'s permission properties; what they mean for one
particular risk (a risico-eigenaar changes only the risks they own) is decided here.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from risicokompas.organisations.access import current_membership
from risicokompas.organisations.models import Membership
from risicokompas.risks.models import Measure, Risk


def may_create_risks(membership: Membership) -> bool:
    return membership.can_edit_own_risks


def may_edit_risk(membership: Membership, risk: Risk) -> bool:
    if membership.can_edit_all_risks:
        return True
    return membership.can_edit_own_risks and risk.owner_id is not None and risk.owner_id == membership.pk


def require_create(request: HttpRequest) -> Membership:
    """The current membership, or a 403 when its role may not add risks."""
    membership = current_membership(request)
    if not may_create_risks(membership):
        raise PermissionDenied("Uw rol staat dit niet toe")
    return membership


def get_risk_for(request: HttpRequest, pk: int, write: bool = False) -> Risk:
    """The risk ``pk`` of the current organisation; with ``write`` only for someone who may change it."""
    membership = current_membership(request)
    try:
        risk = Risk.objects.select_related("owner__user", "organisation").get(
            pk=pk, organisation=membership.organisation
        )
    except Risk.DoesNotExist:
        raise Http404("Risico niet gevonden") from None
    if write and not may_edit_risk(membership, risk):
        raise PermissionDenied("Uw rol staat dit niet toe")
    return risk


def get_measure_for(request: HttpRequest, pk: int, write: bool = False) -> Measure:
    """A measure, with the same rules as the risk it belongs to."""
    membership = current_membership(request)
    try:
        measure = Measure.objects.select_related("risk").get(
            pk=pk, risk__organisation=membership.organisation
        )
    except Measure.DoesNotExist:
        raise Http404("Maatregel niet gevonden") from None
    measure.risk = get_risk_for(request, measure.risk_id, write=write)
    return measure
