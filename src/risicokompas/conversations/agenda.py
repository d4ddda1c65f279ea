# SPDX-License-Identifier: EUPL-1.2
"""The generated agenda of a conversation: what the team should talk about, and why.

Five sources, each a plain function returning unsaved ``AgendaItem`` objects for the conversation's
team/programme (all programmes when it has none):

- open risks whose review date has passed on the conversation's date;
- signals that are not yet triaged;
- risks whose estimate (probability × maximum consequence) moved most since the latest snapshot;
- the risks that contribute most to the required capacity (Euler contributions of the dashboard's result);
- open actions from earlier conversations of the same programme;
- the team's deviations still to be deliberated (``deviations.services.deviations_for_agenda``), named by
  their rule only: the situation and the person stay on the deviation's own page, which only those who may
  see the deviation can open.

A risk appears once, under the first reason that brings it up. The organiser can add and remove items.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from risicokompas.conversations.models import Action, AgendaItem, Conversation
from risicokompas.deviations.services import deviations_for_agenda
from risicokompas.paragraph.models import Snapshot
from risicokompas.risks.models import Risk
from risicokompas.risks.simulation import simulate_register
from risicokompas.signals.models import Signal, filing_free_order
from risicokompas.ui.display import euro
from risicokompas.ui.display import probability as percent

MOVED_LIMIT = 5
DRIVER_LIMIT = 3


def _programme_filter(queryset, conversation: Conversation, field: str = "programme"):
    if not conversation.programme:
        return queryset
    return queryset.filter(**{field: conversation.programme})


def open_risks(conversation: Conversation):
    risks = conversation.organisation.risks.filter(status=Risk.Status.OPEN)
    return _programme_filter(risks, conversation).order_by("code")


def review_due(conversation: Conversation) -> list[AgendaItem]:
    risks = (
        open_risks(conversation).filter(review_date__lte=conversation.date).order_by("review_date", "code")
    )
    return [
        AgendaItem(
            kind=AgendaItem.Kind.REVIEW_DUE,
            risk=risk,
            title=f"{risk.code} {risk.name}",
            reason=_("Herbeoordelen vóór %s") % risk.review_date.strftime("%d-%m-%Y"),
        )
        for risk in risks
    ]


def untriaged_signals(conversation: Conversation) -> list[AgendaItem]:
    signals = conversation.organisation.signals.filter(
        status__in=[Signal.Status.NEW, Signal.Status.IN_PROGRESS]
    )
    signals = _programme_filter(signals, conversation).order_by(*filing_free_order(newest_first=False))
    return [
        AgendaItem(
            kind=AgendaItem.Kind.SIGNAL,
            signal=signal,
            title=signal.title,
            reason=_("Melding van %s, nog niet afgehandeld") % signal.created_at.strftime("%d-%m-%Y"),
        )
        for signal in signals
    ]


def _exposure(probability, impact_max) -> Decimal:
    """Probability × maximum consequence, the simple measure of how much an estimate moved."""
    if probability in (None, "") or impact_max in (None, ""):
        return Decimal(0)
    return Decimal(str(probability)) * Decimal(str(impact_max))


def moved_estimates(conversation: Conversation, limit: int = MOVED_LIMIT) -> list[AgendaItem]:
    snapshot = (
        Snapshot.objects.filter(organisation=conversation.organisation)
        .order_by("-reference_date", "-created_at")
        .first()
    )
    if snapshot is None:
        return []
    frozen = {row.code: row for row in snapshot.frozen_inputs.risks}
    moves = []
    for risk in open_risks(conversation).filter(code__in=frozen):
        row = frozen[risk.code]
        before = _exposure(row.probability, row.impact_max)
        now = _exposure(risk.probability, risk.impact_max)
        if before != now:
            moves.append((abs(now - before), risk, row))
    moves.sort(key=lambda move: (-move[0], move[1].code))
    return [
        AgendaItem(
            kind=AgendaItem.Kind.MOVED,
            risk=risk,
            title=f"{risk.code} {risk.name}",
            reason=_(
                "Sinds momentopname ‘%(snapshot)s’: kans %(p_old)s → %(p_new)s, maximaal gevolg %(m_old)s → %(m_new)s"
            )
            % {
                "snapshot": snapshot.title,
                "p_old": percent(row.probability),
                "p_new": percent(risk.probability),
                "m_old": euro(row.impact_max),
                "m_new": euro(risk.impact_max),
            },
        )
        for _delta, risk, row in moves[:limit]
    ]


def top_drivers(conversation: Conversation, limit: int = DRIVER_LIMIT) -> list[AgendaItem]:
    risks = {risk.code: risk for risk in open_risks(conversation)}
    if not risks:
        return []
    result = simulate_register(conversation.organisation).result
    drivers = sorted(
        (d for d in result.drivers if d.risk_id in risks and d.contribution > 0),
        key=lambda d: -d.contribution,
    )
    return [
        AgendaItem(
            kind=AgendaItem.Kind.DRIVER,
            risk=risks[driver.risk_id],
            title=f"{driver.risk_id} {driver.name}",
            reason=_("Bijdrage aan de benodigde capaciteit: %(amount)s (%(share)s)")
            % {"amount": euro(round(driver.contribution)), "share": percent(round(driver.share, 3))},
        )
        for driver in drivers[:limit]
    ]


def open_actions(conversation: Conversation) -> list[AgendaItem]:
    actions = (
        Action.objects.filter(
            conversation__organisation=conversation.organisation,
            conversation__programme=conversation.programme,
            conversation__date__lte=conversation.date,
            status=Action.Status.OPEN,
        )
        .exclude(conversation=conversation)
        .select_related("conversation", "owner__user")
        .order_by("due_date", "pk")
    )
    return [
        AgendaItem(
            kind=AgendaItem.Kind.ACTION,
            previous_action=action,
            title=action.description[:300],
            reason=_("Actie uit ‘%(title)s’ (%(date)s)")
            % {"title": action.conversation.title, "date": action.conversation.date.strftime("%d-%m-%Y")},
        )
        for action in actions
    ]


def deviations_to_discuss(conversation: Conversation) -> list[AgendaItem]:
    if not conversation.programme.strip():
        return []
    return [
        AgendaItem(
            kind=AgendaItem.Kind.DEVIATION,
            deviation=deviation,
            title=(_("Afwijking van regel ‘%s’") % deviation.rule.title)[:300],
            reason=_("Uitgevoerd, nog te bespreken in het teamoverleg"),
        )
        for deviation in deviations_for_agenda(conversation.organisation, conversation.programme)
    ]


def subject(conversation: Conversation) -> list[AgendaItem]:
    risk = conversation.subject_risk
    if risk is None:
        return []
    return [
        AgendaItem(
            kind=AgendaItem.Kind.OWN,
            risk=risk,
            title=f"{risk.code} {risk.name}",
            reason=_("Het opgetreden risico waar dit gesprek over gaat"),
        )
    ]


def propose_agenda(conversation: Conversation) -> list[AgendaItem]:
    """The proposed agenda, unsaved, each risk once and in a sensible order of discussion."""
    if conversation.is_premortem:
        candidates = open_actions(conversation)
    else:
        candidates = [
            *subject(conversation),
            *open_actions(conversation),
            *review_due(conversation),
            *moved_estimates(conversation),
            *top_drivers(conversation),
            *untriaged_signals(conversation),
            *deviations_to_discuss(conversation),
        ]
    seen_risks: set[int] = set()
    agenda: list[AgendaItem] = []
    for item in candidates:
        if item.risk_id is not None:
            if item.risk_id in seen_risks:
                continue
            seen_risks.add(item.risk_id)
        item.conversation = conversation
        item.position = len(agenda) + 1
        agenda.append(item)
    return agenda


@transaction.atomic
def fill_agenda(conversation: Conversation) -> list[AgendaItem]:
    """Save the proposed agenda for a conversation that has none yet."""
    if conversation.items.exists():
        return list(conversation.items.all())
    return AgendaItem.objects.bulk_create(propose_agenda(conversation))
