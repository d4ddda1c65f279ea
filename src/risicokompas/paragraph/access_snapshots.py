# SPDX-License-Identifier: EUPL-1.2
"""The one place that decides who may read, create, edit the texts of, and approve snapshots.

Every member of the organisation reads its snapshots; the controller and the beheerder freeze them and
write their texts; only the bestuur approves. Another organisation's snapshot is a 404 whatever the role.
"""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpRequest

from risicokompas.organisations.access import current_membership, require
from risicokompas.organisations.models import Membership
from risicokompas.organisations.rules import may
from risicokompas.paragraph.models import Snapshot

Action = Literal["read", "write", "approve"]


def may_write_snapshots(membership: Membership) -> bool:
    return may(membership, "write_snapshots")


def may_approve_snapshots(membership: Membership) -> bool:
    return may(membership, "approve_snapshots")


def allowed(membership: Membership, action: Action) -> bool:
    if action == "write":
        return may_write_snapshots(membership)
    if action == "approve":
        return may_approve_snapshots(membership)
    return True


def require_snapshot_writer(request: HttpRequest) -> Membership:
    """The current membership, or 403 when its role may not freeze snapshots."""
    membership = current_membership(request)
    require(may_write_snapshots(membership))
    return membership


def get_snapshot_for(request: HttpRequest, pk, action: Action = "read") -> Snapshot:
    """Snapshot ``pk`` of the current organisation: 404 for another organisation's (or a bad id),
    403 when the role may not do ``action``."""
    membership = current_membership(request)
    try:
        snapshot = Snapshot.objects.select_related("created_by").get(
            pk=int(pk), organisation=membership.organisation
        )
    except (Snapshot.DoesNotExist, TypeError, ValueError):
        raise Http404("Momentopname niet gevonden") from None
    require(allowed(membership, action))
    return snapshot
