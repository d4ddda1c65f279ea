# SPDX-License-Identifier: EUPL-1.2
"""Who may read and change the paragraph's inputs (capacity, tax capacity, separate groups, kengetallen).

Controllers and beheerders change them; bestuur reads them; other roles get a 403. Another
organisation's object is a 404, whatever the role.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from risicokompas.capacity.models import CapacityItem, IndicatorYear, SeparateRequirement
from risicokompas.organisations.access import current_membership, require
from risicokompas.organisations.models import Membership


def require_paragraph_reader(request: HttpRequest) -> Membership:
    membership = current_membership(request)
    require(membership.can_read_paragraph)
    return membership


def require_paragraph_editor(request: HttpRequest) -> Membership:
    membership = current_membership(request)
    require(membership.can_manage_settings)
    return membership


def get_separate_requirement_for(request: HttpRequest, pk: int) -> SeparateRequirement:
    """Separate requirement ``pk`` of the current organisation, for someone who may change it."""
    membership = current_membership(request)
    try:
        item = SeparateRequirement.objects.get(pk=pk, organisation=membership.organisation)
    except SeparateRequirement.DoesNotExist:
        raise Http404("Risicogroep niet gevonden") from None
    require(membership.can_manage_settings)
    return item


def get_indicator_year_for(request: HttpRequest, year: int | None, kind: str) -> IndicatorYear:
    """The kengetallen of ``year`` and ``kind`` of the current organisation (unsaved when new), for an editor.

    Without a year: a new, unsaved row (the form asks for the year). Rows are looked up within the current
    organisation, so another organisation's figures are never reachable through this helper.
    """
    membership = require_paragraph_editor(request)
    organisation = membership.organisation
    if year is None:
        return IndicatorYear(organisation=organisation, kind=kind)
    try:
        return IndicatorYear.objects.get(organisation=organisation, year=year, kind=kind)
    except IndicatorYear.DoesNotExist:
        return IndicatorYear(organisation=organisation, year=year, kind=kind)


def get_capacity_item_for(request: HttpRequest, pk: int):
    """Capacity item ``pk`` of the current organisation, for someone who may manage the settings.

    Another organisation's item is a 404, whatever the role; a role that may not manage settings gets 403.
    """

    membership = current_membership(request)
    try:
        item = CapacityItem.objects.get(pk=pk, organisation=membership.organisation)
    except CapacityItem.DoesNotExist:
        raise Http404("Capaciteitspost niet gevonden") from None
    require(membership.can_manage_settings)
    return item
