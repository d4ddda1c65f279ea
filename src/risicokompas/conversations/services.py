# SPDX-License-Identifier: EUPL-1.2
"""Running a conversation: decisions that change the register in place, actions, the pre-mortem round.

A decision and the register change it makes are saved in one transaction through ``risks.services``, so
the risk's history names the conversation as the reason and optimistic locking applies: when the risk
changed after the page was opened, ``ConcurrentEdit`` reaches the view and nothing is saved.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from risicokompas.calibration import services as calibration
from risicokompas.conversations.discussion import refresh_last_discussed
from risicokompas.conversations.models import (
    Action,
    AgendaItem,
    Conversation,
    ConversationEvent,
    PremortemItem,
)
from risicokompas.organisations.models import Membership
from risicokompas.risks import services as register
from risicokompas.risks.models import Risk, RiskChange

ChangeRefused = register.ChangeRefused
ConcurrentEdit = register.ConcurrentEdit

#: Decisions that change an existing risk, and so need one.
NEEDS_RISK = {
    AgendaItem.Decision.CONFIRMED,
    AgendaItem.Decision.CHANGED,
    AgendaItem.Decision.CLOSED,
    AgendaItem.Decision.MEASURE,
}


def reason_for(conversation: Conversation, text: str) -> str:
    """The reason written into the risk's history: the conversation, its date and the decision text."""
    day = formats.date_format(conversation.date, "j F Y")
    return _("Risicogesprek ‘%(title)s’ (%(date)s): %(text)s") % {
        "title": conversation.title,
        "date": day,
        "text": text.strip(),
    }


@dataclass
class DecisionInput:
    decision: str
    text: str = ""
    notes: str = ""
    expected_version: int | None = None
    estimate: dict = field(default_factory=dict)  # probability, impact_max for "gewijzigd"
    new_risk: dict = field(default_factory=dict)  # code, name, probability, impact_max
    measure: dict = field(default_factory=dict)  # description, owner_label, due_date


def _mark_running(conversation: Conversation) -> None:
    if conversation.status == Conversation.Status.PLANNED:
        conversation.status = Conversation.Status.RUNNING
        conversation.save(update_fields=["status"])


def next_code(organisation, prefix: str) -> str:
    taken = set(organisation.risks.filter(code__startswith=prefix).values_list("code", flat=True))
    number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


@transaction.atomic
def record_decision(item: AgendaItem, user, given: DecisionInput) -> AgendaItem:
    """Record the decision on ``item`` and make its change in the register, all or nothing.

    A decided item is final: decisions are never replaced or deleted; a later conversation records a new
    one. Raises ``ConcurrentEdit`` when the risk changed after ``expected_version`` was read.
    """
    item = AgendaItem.objects.select_for_update().select_related("conversation").get(pk=item.pk)
    conversation = item.conversation
    if item.is_decided:
        raise ChangeRefused(_("Over dit agendapunt is al besloten. Een besluit wordt nooit overschreven."))
    if given.decision in NEEDS_RISK and item.risk_id is None:
        raise ChangeRefused(_("Dit besluit kan alleen bij een agendapunt over een risico."))
    if given.decision != AgendaItem.Decision.NOTHING and not given.text.strip():
        raise ChangeRefused(_("Beschrijf het besluit; het komt in de geschiedenis van het risico."))
    reason = reason_for(conversation, given.text or _("besproken"))
    source = RiskChange.Source.CONVERSATION
    risk = item.risk
    change = None
    if given.decision == AgendaItem.Decision.NEW_RISK:
        values: dict[str, Any] = {"programme": conversation.programme, **given.new_risk}
        if not values.get("code"):
            values["code"] = next_code(conversation.organisation, f"G{conversation.pk}-")
        risk = register.create_risk(conversation.organisation, user, values, reason=reason, source=source)
        change = risk.changes.first()
    elif given.decision in NEEDS_RISK:
        assert risk is not None, "checked above: these decisions need the item's risk"
        if given.decision == AgendaItem.Decision.CONFIRMED:
            interval = conversation.organisation.review_interval_days
            review = {"review_date": conversation.date + datetime.timedelta(days=interval)}
            change = register.update_risk(
                risk, user, review, reason=reason, expected_version=given.expected_version, source=source
            ).change
        elif given.decision == AgendaItem.Decision.CHANGED:
            change = register.update_risk(
                risk,
                user,
                given.estimate,
                reason=reason,
                expected_version=given.expected_version,
                source=source,
            ).change
        elif given.decision == AgendaItem.Decision.CLOSED:
            change = register.update_risk(
                risk,
                user,
                {"status": Risk.Status.CLOSED},
                reason=reason,
                expected_version=given.expected_version,
                source=source,
            ).change
        elif given.decision == AgendaItem.Decision.MEASURE:
            current = Risk.objects.get(pk=risk.pk)
            if given.expected_version is not None and current.version != given.expected_version:
                raise ConcurrentEdit(current)
            register.save_measure(risk, user, given.measure, reason=reason, source=source)
            change = risk.changes.first()
    item.risk = risk
    item.change = change
    item.notes = given.notes
    item.decision = given.decision
    item.decision_text = given.text.strip()
    item.decided_by = user
    item.decided_at = timezone.now()
    item.save()
    _mark_running(conversation)
    if risk is not None:
        refresh_last_discussed([risk.pk])
    return item


def event_occasion(conversation: Conversation) -> str:
    """How an event recorded from ``conversation`` names it: in its description and in the risks' history."""
    day = formats.date_format(conversation.date, "j F Y")
    return _("vastgesteld in risicogesprek ‘%(title)s’ van %(date)s") % {
        "title": conversation.title,
        "date": day,
    }


@transaction.atomic
def record_event(
    conversation: Conversation,
    item: AgendaItem | None,
    user,
    values: dict,
    risks: Sequence[Risk] = (),
) -> ConversationEvent:
    """Record an event the team established in ``conversation`` (at ``item``), and keep the link to it.

    The risks it realises become "opgetreden" with a history row naming the conversation (source: gesprek).
    """
    if item is not None and item.conversation_id != conversation.pk:
        raise ValueError("agendapunt van een ander gesprek")
    event = calibration.record_event(
        conversation.organisation,
        user,
        values,
        risks,
        source=RiskChange.Source.CONVERSATION,
        occasion=event_occasion(conversation),
    )
    return ConversationEvent.objects.create(conversation=conversation, agenda_item=item, event=event)


def add_item(conversation: Conversation, title: str, risk: Risk | None = None) -> AgendaItem:
    last = conversation.items.order_by("-position").values_list("position", flat=True).first() or 0
    return AgendaItem.objects.create(
        conversation=conversation, kind=AgendaItem.Kind.OWN, title=title, risk=risk, position=last + 1
    )


def set_removed(item: AgendaItem, removed: bool) -> AgendaItem:
    """Take an item off the agenda (kept, hidden) or put it back. A decided item stays on the agenda."""
    if item.is_decided and removed:
        raise ChangeRefused(_("Over dit punt is al besloten; het blijft op de agenda."))
    item.removed = removed
    item.save(update_fields=["removed"])
    return item


def add_action(
    conversation: Conversation,
    description: str,
    *,
    owner: Membership | None = None,
    due_date: datetime.date | None = None,
    agenda_item: AgendaItem | None = None,
) -> Action:
    return Action.objects.create(
        conversation=conversation,
        description=description,
        owner=owner,
        due_date=due_date,
        agenda_item=agenda_item,
    )


def complete_action(action: Action) -> Action:
    if action.status != Action.Status.DONE:
        action.status = Action.Status.DONE
        action.done_at = timezone.now()
        action.save(update_fields=["status", "done_at"])
    return action


def set_status(conversation: Conversation, status: str) -> Conversation:
    conversation.status = status
    conversation.save(update_fields=["status"])
    refresh_last_discussed(conversation.items.exclude(risk=None).values_list("risk_id", flat=True))
    return conversation


# --- Pre-mortem ---------------------------------------------------------------------------------------------


def add_premortem_item(conversation: Conversation, author: Membership, text: str) -> PremortemItem:
    if conversation.round_closed:
        raise ChangeRefused(_("De ronde is gesloten; er kunnen geen punten meer bij."))
    return PremortemItem.objects.create(conversation=conversation, author=author, text=text.strip())


def close_round(conversation: Conversation) -> int:
    """Close the silent round; returns how many items became visible. An empty round stays open."""
    if conversation.round_closed:
        raise ChangeRefused(_("De ronde is al gesloten."))
    count = conversation.premortem_items.count()
    if not count:
        raise ChangeRefused(
            _("Er is nog geen punt ingediend; de ronde blijft open tot er ten minste één punt is.")
        )
    conversation.round_closed = True
    conversation.save(update_fields=["round_closed"])
    return count


def visible_premortem_items(conversation: Conversation, membership: Membership):
    """Before the round closes a person sees only their own items; afterwards everyone sees all of them."""
    items = conversation.premortem_items.all()
    return items if conversation.round_closed else items.filter(author=membership)


@transaction.atomic
def save_clusters(conversation: Conversation, choices: dict[int, tuple[str, bool]]) -> int:
    """Set each item's cluster label and whether it becomes a risk (items already made risks stay).

    Returns how many items changed.
    """
    if not conversation.round_closed:
        raise ChangeRefused(_("Sluit eerst de ronde; daarna wordt er geclusterd."))
    changed = 0
    for item in conversation.premortem_items.filter(pk__in=choices, risk__isnull=True):
        cluster, chosen = choices[item.pk][0].strip(), choices[item.pk][1]
        if (item.cluster, item.chosen) != (cluster, chosen):
            item.cluster, item.chosen = cluster, chosen
            item.save(update_fields=["cluster", "chosen"])
            changed += 1
    return changed


@transaction.atomic
def make_risks(conversation: Conversation, user) -> list[Risk]:
    """Turn the chosen items into risks: one per cluster (an item without a cluster becomes its own risk).

    Each new risk is also recorded as a decision on the agenda, so that it shows in the report.
    """
    chosen = list(conversation.premortem_items.filter(chosen=True, risk__isnull=True).order_by("pk"))
    groups: dict[str, list[PremortemItem]] = {}
    for item in chosen:
        groups.setdefault(item.cluster or f"#{item.pk}", []).append(item)
    created = []
    for items in groups.values():
        name = items[0].cluster or items[0].text.splitlines()[0]
        text = _("pre-mortem: gekozen als risico")
        agenda_item = add_item(conversation, name[:300])
        given = DecisionInput(
            decision=AgendaItem.Decision.NEW_RISK,
            text=text,
            new_risk={
                "code": next_code(conversation.organisation, f"PM{conversation.pk}-"),
                "name": name[:300],
                "description": "\n".join(f"- {i.text}" for i in items),
            },
        )
        risk = record_decision(agenda_item, user, given).risk
        assert risk is not None, "a new-risk decision always creates its risk"
        PremortemItem.objects.filter(pk__in=[i.pk for i in items]).update(risk=risk)
        created.append(risk)
    return created
