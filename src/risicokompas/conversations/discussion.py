# SPDX-License-Identifier: EUPL-1.2
"""When each risk was last discussed, and by which team: from decided agenda items of conversations
that are running or finished."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from risicokompas.conversations.models import AgendaItem, Conversation
from risicokompas.risks.models import Risk

HELD = (Conversation.Status.RUNNING, Conversation.Status.FINISHED)


@dataclass(frozen=True)
class Discussed:
    date: datetime.date
    team: str
    conversation_id: int
    title: str


def _decided_items():
    return (
        AgendaItem.objects.exclude(decision="")
        .filter(risk__isnull=False, conversation__status__in=HELD)
        .select_related("conversation")
        .order_by("-conversation__date", "-decided_at")
    )


def _discussed(item: AgendaItem) -> Discussed:
    conversation = item.conversation
    return Discussed(conversation.date, conversation.programme, conversation.pk, conversation.title)


def last_discussed(risk: Risk) -> Discussed | None:
    item = _decided_items().filter(risk=risk).first()
    return None if item is None else _discussed(item)


def last_discussed_map(organisation) -> dict[int, Discussed]:
    """Risk id → when it was last discussed, for every risk of the organisation that ever was."""
    found: dict[int, Discussed] = {}
    for item in _decided_items().filter(conversation__organisation=organisation):
        found.setdefault(item.risk_id, _discussed(item))
    return found
