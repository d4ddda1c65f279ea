# SPDX-License-Identifier: EUPL-1.2
"""Who may see and do what in a learning network: the one access helper for every network view.

A network's coordinators see and run it. An organisation's participants (and its controllers/beheerders,
who manage its place in the network) see it once the organisation has accepted the invitation; before
that they see only the invitation. Everybody else gets a 404: a network's existence is not revealed.
Network views never use ``request.membership`` for access: a coordinator may belong to no organisation.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from risicokompas.network.models import Network, NetworkMember
from risicokompas.organisations.models import Membership

MANAGER_ROLES = (Membership.Role.CONTROLLER, Membership.Role.BEHEERDER)


@dataclass(frozen=True)
class NetworkAccess:
    network: Network
    is_coordinator: bool
    member: NetworkMember | None  # the member organisation the user acts for, if any
    manages_member: bool  # controller/beheerder of that member's organisation

    @property
    def is_active(self) -> bool:
        return self.is_coordinator or (
            self.member is not None and self.member.status == NetworkMember.Status.ACTIVE
        )

    @property
    def is_invited_only(self) -> bool:
        return not self.is_coordinator and self.member is not None and not self.is_active

    @property
    def may_act_as_member(self) -> bool:
        return self.member is not None and self.member.status == NetworkMember.Status.ACTIVE

    @property
    def acting_member(self) -> NetworkMember:
        """``member`` in views behind ``require_member``, where it is always set; without one, the same 403."""
        if self.member is None:
            raise PermissionDenied("Alleen deelnemende organisaties mogen dit")
        return self.member


def is_coordinator(user) -> bool:
    return user.is_authenticated and hasattr(user, "coordinator")


def managed_organisation_ids(user) -> set[int]:
    return set(
        Membership.objects.filter(user=user, role__in=MANAGER_ROLES).values_list("organisation_id", flat=True)
    )


def _member_filter(user) -> Q:
    return Q(participants__user=user) | Q(organisation__in=managed_organisation_ids(user))


def members_of(user):
    """Network memberships (any status except left) the user acts for: as participant or as manager."""
    if not user.is_authenticated:
        return NetworkMember.objects.none()
    return (
        NetworkMember.objects.filter(_member_filter(user))
        .exclude(status=NetworkMember.Status.LEFT)
        .select_related("network", "organisation")
        .distinct()
    )


def networks_for(user):
    """Networks the user coordinates or acts in as a member (invited ones included, for the invitation)."""
    if not user.is_authenticated:
        return Network.objects.none()
    ids = set(members_of(user).values_list("network_id", flat=True))
    if is_coordinator(user):
        ids |= set(user.coordinator.networks.values_list("pk", flat=True))
    return Network.objects.filter(pk__in=ids)


def network_access(request, pk: int) -> NetworkAccess:
    """The user's access to network ``pk``; a 404 when they have none at all."""
    user = request.user
    try:
        network = Network.objects.get(pk=pk)
    except Network.DoesNotExist:
        raise Http404("Netwerk niet gevonden") from None
    coordinator = is_coordinator(user) and network.coordinators.filter(user=user).exists()
    candidates = list(members_of(user).filter(network=network))
    current = getattr(request, "membership", None)
    candidates.sort(key=lambda m: (current is None or m.organisation_id != current.organisation_id, m.pk))
    member = candidates[0] if candidates else None
    if not coordinator and member is None:
        raise Http404("Netwerk niet gevonden")
    manages = member is not None and member.organisation_id in managed_organisation_ids(user)
    return NetworkAccess(network, coordinator, member, manages)


def require_active(request, pk: int) -> NetworkAccess:
    """Access for the network's content: an invited-but-not-accepted member sees only the invitation (404)."""
    access = network_access(request, pk)
    if not access.is_active:
        raise Http404("Netwerk niet gevonden")
    return access


def require_coordinator(request, pk: int) -> NetworkAccess:
    access = require_active(request, pk)
    if not access.is_coordinator:
        raise PermissionDenied("Alleen de netwerkcoördinator mag dit")
    return access


def require_member(request, pk: int) -> NetworkAccess:
    """A participant (or manager) of an active member organisation: the one who may share and contribute."""
    access = require_active(request, pk)
    if not access.may_act_as_member:
        raise PermissionDenied("Alleen deelnemende organisaties mogen dit")
    return access


def require_member_manager(request, pk: int) -> NetworkAccess:
    access = require_member(request, pk)
    if not access.manages_member:
        raise PermissionDenied("Alleen de controller of beheerder van uw organisatie mag dit")
    return access


def get_member_in(access: NetworkAccess, member_pk: int) -> NetworkMember:
    try:
        return access.network.members.select_related("organisation").get(pk=member_pk)
    except NetworkMember.DoesNotExist:
        raise Http404("Deelnemer niet gevonden") from None
