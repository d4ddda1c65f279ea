# SPDX-License-Identifier: EUPL-1.2
"""Who may see and run which conversation: the one access helper for conversations.

Another organisation's conversation is a 404. Reading is for its participants and for those who may
manage it; managing (agenda, decisions, actions, closing the pre-mortem round) is for the organiser,
controllers and beheerders, and a risico-eigenaar for a conversation of their own team.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest

from risicokompas.conversations.models import Conversation
from risicokompas.organisations.access import current_membership
from risicokompas.organisations.models import Membership
from risicokompas.organisations.rules import may, may_for_own_team


def may_plan(membership: Membership) -> bool:
    """Controllers and beheerders plan any conversation; a risico-eigenaar plans one for their team."""
    return may(membership, "plan_conversations") or (
        may_for_own_team(membership, "plan_conversations") and bool(membership.team)
    )


def may_manage(membership: Membership, conversation: Conversation) -> bool:
    if may(membership, "plan_conversations") or conversation.organiser_id == membership.user_id:
        return True
    return (
        may_for_own_team(membership, "plan_conversations")
        and bool(membership.team)
        and membership.team == conversation.programme
    )


def may_read(membership: Membership, conversation: Conversation) -> bool:
    return may_manage(membership, conversation) or is_participant(membership, conversation)


def is_participant(membership: Membership, conversation: Conversation) -> bool:
    return conversation.participants.filter(pk=membership.pk).exists()


def require_plan(request: HttpRequest) -> Membership:
    membership = current_membership(request)
    if not may_plan(membership):
        raise PermissionDenied("Uw rol staat dit niet toe")
    return membership


def readable_conversations(membership: Membership):
    """The conversations of the membership's organisation that it may read, for the list page."""
    conversations = Conversation.objects.filter(organisation=membership.organisation)
    if may(membership, "plan_conversations"):
        return conversations
    mine = Q(organiser=membership.user) | Q(participants=membership)
    if may_for_own_team(membership, "plan_conversations") and membership.team:
        mine |= Q(programme=membership.team)
    return conversations.filter(mine).distinct()


def get_conversation_for(request: HttpRequest, pk: int, manage: bool = False) -> Conversation:
    """Conversation ``pk`` of the current organisation; with ``manage`` only for those who may run it."""
    membership = current_membership(request)
    try:
        conversation = Conversation.objects.select_related("organisation", "organiser").get(
            pk=pk, organisation=membership.organisation
        )
    except Conversation.DoesNotExist:
        raise Http404("Gesprek niet gevonden") from None
    allowed = may_manage(membership, conversation) if manage else may_read(membership, conversation)
    if not allowed:
        raise PermissionDenied("Uw rol staat dit niet toe")
    return conversation
