# SPDX-License-Identifier: EUPL-1.2
"""Risk conversations, their agenda, actions and pre-mortems in the platform admin (/beheer/)."""

from risicokompas.conversations.models import (
    Action,
    AgendaItem,
    Conversation,
    ConversationEvent,
    PremortemItem,
)
from risicokompas.ui.admin import register

register(
    Conversation,
    display=("title", "kind", "date", "status", "programme", "organisation"),
    search=("title", "programme"),
    filters=("kind", "status", "organisation"),
    raw_ids=("subject_risk", "organiser"),
)
register(
    AgendaItem,
    display=("title", "conversation", "kind", "decision", "position"),
    search=("title", "notes", "decision_text"),
    filters=("kind", "decision"),
    raw_ids=("conversation", "risk", "signal", "previous_action", "deviation", "decided_by", "change"),
)
register(
    Action,
    display=("description", "conversation", "owner", "due_date", "status"),
    search=("description",),
    filters=("status",),
    raw_ids=("conversation", "agenda_item", "owner"),
)
register(
    PremortemItem,
    display=("text", "conversation", "cluster", "chosen"),
    search=("text", "cluster"),
    filters=("chosen",),
    raw_ids=("conversation", "author", "risk"),
)
register(
    ConversationEvent,
    display=("conversation", "agenda_item", "event", "created_at"),
    raw_ids=("conversation", "agenda_item", "event"),
)
