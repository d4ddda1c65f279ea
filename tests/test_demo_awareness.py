# SPDX-License-Identifier: EUPL-1.2
"""``manage.py load_demo_awareness``: Voorbeeldrecht's signals, conversations, rules and deviations of the
past months, made through the services, dated back from today, loaded once, and naming nobody."""

from __future__ import annotations

import datetime
import os
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import models
from django.utils import timezone

from risicokompas.conversations.models import Action, AgendaItem, Conversation, PremortemItem
from risicokompas.demo.awareness import CONVERSATIONS, DEVIATIONS, RULE_REVIEWS, RULES, SIGNALS
from risicokompas.demo.management.commands.load_demo import DEMO_PEOPLE
from risicokompas.demo.register import DEMO_ORGANISATION
from risicokompas.deviations.models import (
    Deliberation,
    Deviation,
    DeviationChange,
    Precedent,
    Rule,
    RuleReview,
)
from risicokompas.deviations.services import organisation_report, rule_overview
from risicokompas.organisations.models import Organisation
from risicokompas.risks.models import Measure, Risk, RiskChange
from risicokompas.signals.models import Signal
from risicokompas.signals.services import add_working_days, is_overdue

pytestmark = pytest.mark.django_db

#: The records fall in the last eight months (and so in the last year); a planned conversation is ahead.
EIGHT_MONTHS = datetime.timedelta(days=245)
AWARENESS_MODELS = (
    Signal,
    Conversation,
    AgendaItem,
    Action,
    PremortemItem,
    Rule,
    Deviation,
    DeviationChange,
    Deliberation,
    Precedent,
    RuleReview,
)
SOURCES = (RiskChange.Source.SIGNAL, RiskChange.Source.CONVERSATION)


def load(command: str, *args) -> None:
    with open(os.devnull, "w") as quiet:
        call_command(command, *args, stdout=quiet)


@pytest.fixture
def voorbeeldrecht():
    load("load_demo")
    load("load_demo_awareness")
    return Organisation.objects.get(name=DEMO_ORGANISATION["name"])


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def test_signals_are_mostly_answered_in_time_and_two_are_still_open(voorbeeldrecht):
    today = timezone.localdate()
    signals = list(Signal.objects.filter(organisation=voorbeeldrecht).select_related("risk"))
    assert len(signals) == len(SIGNALS) == 8
    assert Counter(signal.status for signal in signals) == {
        Signal.Status.NEW_RISK: 2,
        Signal.Status.MERGED: 2,
        Signal.Status.DECLINED: 2,
        Signal.Status.NEW: 2,
    }
    anonymous = [signal for signal in signals if signal.is_anonymous]
    assert len(anonymous) == 2
    assert all(
        s.receipt_hash and timezone.localtime(s.created_at).time() == datetime.time.min for s in anonymous
    )
    assert len({signal.reporter_id for signal in signals} - {None}) >= 4
    assert len({signal.programme for signal in signals}) >= 4
    for signal in signals:
        filed = local_day(signal.created_at)
        assert signal.due_date == add_working_days(filed, voorbeeldrecht.signal_response_days)

    handled = [signal for signal in signals if not signal.is_open]
    assert len(handled) == 6
    assert all(s.answer and s.handled_by_id and s.created_at < s.handled_at for s in handled)
    in_time = [signal for signal in handled if local_day(signal.handled_at) <= signal.due_date]
    assert len(in_time) == 5
    open_signals = [signal for signal in signals if signal.is_open]
    assert sum(is_overdue(signal, today) for signal in open_signals) == 1

    for signal in handled:
        if signal.status == Signal.Status.DECLINED:
            assert signal.risk is None
            continue
        # The register's history says so, at the moment the signal was handled.
        row = signal.risk.changes.filter(source=RiskChange.Source.SIGNAL).get()
        assert row.changed_at == signal.handled_at
        assert row.created == (signal.status == Signal.Status.NEW_RISK)
        assert signal.risk.code in signal.answer
        if signal.status == Signal.Status.NEW_RISK:
            assert signal.risk.is_quantified and signal.risk.created_at == signal.handled_at


def test_conversations_were_held_in_several_programmes_and_one_is_planned(voorbeeldrecht):
    today = timezone.localdate()
    conversations = Conversation.objects.filter(organisation=voorbeeldrecht)
    assert conversations.count() == len(CONVERSATIONS)
    held = conversations.filter(
        status=Conversation.Status.FINISHED, date__gte=today - datetime.timedelta(days=365), date__lt=today
    )
    assert held.count() == 6
    dialogues = held.filter(kind=Conversation.Kind.TEAM)
    assert dialogues.values("programme").distinct().count() >= 3
    for conversation in held:
        assert conversation.items.exclude(decision="").exclude(risk=None).exists(), conversation.title
        assert conversation.participants.exists()
        assert local_day(conversation.created_at) < conversation.date

    premortem = held.get(kind=Conversation.Kind.PREMORTEM)
    assert premortem.round_closed and premortem.premortem_items.count() == 6
    made = voorbeeldrecht.risks.filter(code__startswith=f"PM{premortem.pk}-")
    assert made.count() == 3 and all(risk.is_quantified for risk in made)
    assert set(made.values_list("programme", flat=True)) == {premortem.programme}
    evaluation = held.get(kind=Conversation.Kind.REVIEW)
    assert evaluation.subject_risk.status == Risk.Status.OCCURRED

    running = conversations.get(status=Conversation.Status.RUNNING)
    assert running.date < today and running.items.exists() and not running.items.exclude(decision="").exists()
    planned = conversations.get(status=Conversation.Status.PLANNED)
    assert planned.date > today
    assert planned.items.count() == 3 and not planned.items.exclude(decision="").exists()
    assert planned.items.filter(kind=AgendaItem.Kind.SIGNAL, signal__status=Signal.Status.NEW).exists()

    decided = (
        AgendaItem.objects.filter(conversation__in=held)
        .exclude(decision="")
        .select_related("conversation", "risk", "change")
    )
    assert decided.count() >= 18
    latest: dict[int, datetime.date] = {}
    for item in decided:
        assert local_day(item.decided_at) == item.conversation.date
        if item.change is not None:
            assert item.change.source == RiskChange.Source.CONVERSATION
            assert item.change.changed_at == item.decided_at
        if item.risk_id is not None:
            latest[item.risk_id] = max(
                latest.get(item.risk_id, item.conversation.date), item.conversation.date
            )
    discussed = dict(
        voorbeeldrecht.risks.exclude(last_discussed_on=None).values_list("pk", "last_discussed_on")
    )
    assert discussed == latest
    decisions = Counter(item.decision for item in decided)
    assert {"bevestigd", "gewijzigd", "maatregel", "nieuw risico", "geen"} <= set(decisions)
    assert Action.objects.filter(conversation__in=held, status=Action.Status.DONE).count() >= 3
    assert Action.objects.filter(conversation__in=held, status=Action.Status.OPEN).exists()


def test_rules_deviations_deliberations_and_precedents(voorbeeldrecht):
    rules = Rule.objects.filter(organisation=voorbeeldrecht).select_related("owner")
    assert rules.count() == len(RULES) == 4
    assert all(rule.purpose and rule.owner.organisation_id == voorbeeldrecht.pk for rule in rules)

    deviations = Deviation.objects.filter(organisation=voorbeeldrecht)
    assert deviations.count() == len(DEVIATIONS) == 5
    assert set(deviations.values_list("status", flat=True)) == set(Deviation.Status.values)
    assert deviations.values("team").distinct().count() >= 3
    assert deviations.filter(mandate_decision=Deviation.MandateDecision.PENDING).count() == 1
    for deviation in deviations:
        changes = list(deviation.changes.order_by("pk"))
        assert changes[0].action == DeviationChange.Action.RECORDED
        assert changes[0].changed_at == deviation.created_at
        moments = [change.changed_at for change in changes]
        assert moments == sorted(moments) and deviation.updated_at == moments[-1]

    deliberations = Deliberation.objects.filter(deviation__organisation=voorbeeldrecht)
    assert deliberations.count() == 3
    assert all(d.values and d.lesson and d.deviation.status != Deviation.Status.DONE for d in deliberations)
    assert len(set(deliberations.values_list("outcome", flat=True))) == 3
    precedents = Precedent.objects.filter(organisation=voorbeeldrecht)
    assert precedents.count() == precedents.filter(published=True).count() == 2
    assert all(p.deviation.deliberation.decided_at <= p.created_at <= p.published_at for p in precedents)

    rule = rules.get(title=RULE_REVIEWS[0]["rule"])
    overview = rule_overview(rule)
    assert overview.count == 3 >= overview.threshold
    review = rule.reviews.get()
    assert (review.decision, review.deviations_counted) == (RuleReview.Decision.REWRITE, 3)
    assert overview.since_last_review == 0 and not overview.needs_decision  # decided after the third one
    report = organisation_report(voorbeeldrecht)
    assert report.total == 5 and len(report.reviews) == 1 and len(report.lessons) == 3


def _moments(organisation) -> list[datetime.datetime | datetime.date]:
    """Every moment the loader gave its records, except the planned conversation and intended deviation."""
    moments: list[datetime.datetime | datetime.date] = []
    for signal in Signal.objects.filter(organisation=organisation):
        moments += [signal.created_at, *([signal.handled_at] if signal.handled_at else [])]
    held = Conversation.objects.filter(organisation=organisation).exclude(status=Conversation.Status.PLANNED)
    for conversation in held:
        moments += [conversation.date, conversation.created_at]
        moments += conversation.history.values_list("history_date", flat=True)
    moments += (
        AgendaItem.objects.filter(conversation__in=held)
        .exclude(decided_at=None)
        .values_list("decided_at", flat=True)
    )
    for action in Action.objects.filter(conversation__in=held):
        moments += [action.created_at, *([action.done_at] if action.done_at else [])]
    moments += PremortemItem.objects.filter(conversation__in=held).values_list("created_at", flat=True)
    moments += Rule.objects.filter(organisation=organisation).values_list("created_at", flat=True)
    for deviation in Deviation.objects.filter(organisation=organisation):
        moments += [deviation.created_at, deviation.updated_at]
        if deviation.status != Deviation.Status.INTENDED:
            moments.append(deviation.acted_on)
    moments += DeviationChange.objects.filter(deviation__organisation=organisation).values_list(
        "changed_at", flat=True
    )
    moments += Deliberation.objects.filter(deviation__organisation=organisation).values_list(
        "decided_at", flat=True
    )
    for precedent in Precedent.objects.filter(organisation=organisation):
        moments += [precedent.created_at, precedent.published_at]
    moments += RuleReview.objects.filter(rule__organisation=organisation).values_list("decided_at", flat=True)
    moments += RiskChange.objects.filter(risk__organisation=organisation, source__in=SOURCES).values_list(
        "changed_at", flat=True
    )
    return moments


def test_every_record_is_voorbeeldrechts_and_falls_in_the_last_eight_months(voorbeeldrecht):
    for model in (Signal, Conversation, Rule, Deviation, Precedent):
        assert model.objects.exists() and not model.objects.exclude(organisation=voorbeeldrecht).exists()
    assert not RuleReview.objects.exclude(rule__organisation=voorbeeldrecht).exists()
    assert not Deliberation.objects.exclude(deviation__organisation=voorbeeldrecht).exists()
    for conversation in Conversation.objects.all():
        members = list(conversation.participants.all())
        assert members and all(member.organisation_id == voorbeeldrecht.pk for member in members)

    now = timezone.now()
    today = timezone.localdate(now)
    moments = _moments(voorbeeldrecht)
    assert len(moments) > 100
    for moment in moments:
        day = local_day(moment) if isinstance(moment, datetime.datetime) else moment
        assert today - EIGHT_MONTHS <= day <= today, moment
        if isinstance(moment, datetime.datetime):
            assert moment <= now
    # The register load_demo made is older than everything the loader added to it.
    first_rows = RiskChange.objects.filter(risk__organisation=voorbeeldrecht, risk__code__regex=r"^R\d\d$")
    oldest_record = min(m for m in moments if isinstance(m, datetime.datetime))
    assert first_rows.filter(created=True).latest("changed_at").changed_at < oldest_record


def _texts(organisation) -> list[str]:
    """Every free text of the loader's records, and of the risks and history rows they made."""
    texts: list[str] = []
    for model in AWARENESS_MODELS:
        fields = [
            f.name for f in model._meta.get_fields() if isinstance(f, models.CharField | models.TextField)
        ]
        texts += [str(value) for row in model.objects.values_list(*fields) for value in row if value]
    made = Risk.objects.filter(organisation=organisation).exclude(code__regex=r"^R\d\d$")
    texts += [f"{risk.name} {risk.description} {risk.cause} {risk.consequence}" for risk in made]
    texts += RiskChange.objects.filter(source__in=SOURCES).values_list("reason", flat=True)
    texts += Measure.objects.filter(risk__organisation=organisation).values_list("description", flat=True)
    return texts


def test_no_demo_person_is_named_in_any_text(voorbeeldrecht):
    texts = _texts(voorbeeldrecht)
    assert len(texts) > 200
    users = get_user_model().objects.exclude(first_name="")
    names = {name for user in users for name in (user.get_full_name(), user.first_name, user.last_name)}
    names |= {full_name for full_name, _function, _unit in DEMO_PEOPLE.values()}
    assert "Mila Jansen" in names
    for name in names:
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        assert not any(pattern.search(text) for text in texts), name


def state() -> dict:
    counts = {model.__name__: model.objects.count() for model in (*AWARENESS_MODELS, Measure, RiskChange)}
    counts["history"] = sum(
        model.history.count()  # type: ignore[attr-defined]
        for model in (Conversation, Action, Rule, Deliberation, RuleReview)
    )
    risks = sorted(
        map(str, Risk.objects.values_list("code", "version", "status", "review_date", "last_discussed_on"))
    )
    return {"counts": counts, "risks": risks}


def test_running_it_again_adds_nothing(voorbeeldrecht):
    before = state()
    load("load_demo_awareness")
    assert state() == before


def test_it_needs_the_demo_and_the_demo_can_still_be_reset(db):
    with pytest.raises(CommandError, match="load_demo"):
        load("load_demo_awareness")
    load("load_demo")
    load("load_demo_awareness")
    load("load_demo", "--reset")  # rules protected by their deviations do not stand in the way
    assert not Deviation.objects.exists() and not Signal.objects.exists() and not Rule.objects.exists()
    assert Risk.objects.filter(organisation__name=DEMO_ORGANISATION["name"]).count() == 60
