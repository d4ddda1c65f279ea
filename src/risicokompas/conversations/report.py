# SPDX-License-Identifier: EUPL-1.2
"""The short report of a conversation: decisions, actions, the changes made to the register and the events
recorded from it.

One content, two forms: a standalone HTML document to download, and plain text for the e-mail to the
participants (sent through Django's mail framework, with the HTML as an alternative part).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from risicokompas.conversations.models import AgendaItem, Conversation
from risicokompas.risks.display import field_label, format_value
from risicokompas.ui.language import in_organisation_language


@dataclass(frozen=True)
class ChangeSummary:
    risk: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    conversation: Conversation
    participants: tuple[str, ...]
    decisions: tuple[AgendaItem, ...]
    actions: tuple
    changes: tuple[ChangeSummary, ...]
    events: tuple = ()  # ConversationEvent links, with their event


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def build_report(conversation: Conversation) -> Report:
    decisions = tuple(
        conversation.items.exclude(decision="").select_related("risk", "change").order_by("decided_at", "pk")
    )
    changes = []
    for item in decisions:
        if item.change is None or item.risk is None:
            continue
        lines = tuple(
            f"{field_label(key)}: {format_value(key, old)} → {format_value(key, new)}"
            if old is not None
            else f"{field_label(key)}: {format_value(key, new)}"
            for key, (old, new) in item.change.changes.items()
        )
        changes.append(ChangeSummary(f"{item.risk.code} {item.risk.name}", lines))
    participants = tuple(sorted(_name(m.user) for m in conversation.participants.select_related("user")))
    return Report(
        conversation=conversation,
        participants=participants,
        decisions=decisions,
        actions=tuple(conversation.actions.select_related("owner__user")),
        changes=tuple(changes),
        events=tuple(conversation.event_links.select_related("event").prefetch_related("event__risks")),
    )


def report_html(conversation: Conversation) -> str:
    return render_to_string("conversations/report_document.html", {"report": build_report(conversation)})


def report_text(conversation: Conversation) -> str:
    return render_to_string("conversations/report.txt", {"report": build_report(conversation)})


def recipients(conversation: Conversation) -> list[str]:
    """The e-mail addresses of the participants and the organiser (people without one are skipped)."""
    users = [m.user for m in conversation.participants.select_related("user")]
    if conversation.organiser is not None:
        users.append(conversation.organiser)
    return sorted({user.email for user in users if user.email})


@in_organisation_language
def mail_report(conversation: Conversation) -> int:
    """Mail the report to the participants; returns how many addresses it was sent to."""
    to = recipients(conversation)
    if not to:
        return 0
    message = EmailMultiAlternatives(
        subject=_("Verslag risicogesprek: %s") % conversation.title,
        body=report_text(conversation),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    message.attach_alternative(report_html(conversation), "text/html")
    message.send()
    return len(to)
