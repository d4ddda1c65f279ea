# SPDX-License-Identifier: EUPL-1.2
"""When each risk was last discussed, and by which team, written onto the risk.

The source is the decided agenda items of conversations that are running or finished; the register reads
the risk's own fields (``Risk.last_discussed_on`` …) and never asks this app. ``refresh_last_discussed`` is
called by every service that records a decision or changes a conversation's status.
"""

from __future__ import annotations

from collections.abc import Iterable

from risicokompas.conversations.models import AgendaItem, Conversation
from risicokompas.risks.models import Risk

HELD = (Conversation.Status.RUNNING, Conversation.Status.FINISHED)


def _decided_items():
    return (
        AgendaItem.objects.exclude(decision="")
        .filter(risk__isnull=False, conversation__status__in=HELD)
        .select_related("conversation")
        .order_by("-conversation__date", "-decided_at")
    )


def refresh_last_discussed(risk_ids: Iterable[int]) -> None:
    """Recompute "last discussed" of these risks from the decisions of held conversations."""
    ids = set(risk_ids)
    if not ids:
        return
    latest: dict[int, Conversation] = {}
    for item in _decided_items().filter(risk_id__in=ids):
        latest.setdefault(item.risk_id, item.conversation)
    for risk_id in ids:
        conversation = latest.get(risk_id)
        Risk.objects.filter(pk=risk_id).update(
            last_discussed_on=conversation.date if conversation else None,
            last_discussed_team=conversation.programme if conversation else "",
            last_discussed_title=conversation.title if conversation else "",
        )
