# SPDX-License-Identifier: EUPL-1.2
"""The generated agenda: each source brings up what it should, for the conversation's programme only."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache

from risicokompas.conversations import agenda
from risicokompas.conversations.models import Action, AgendaItem, Conversation
from risicokompas.paragraph.freeze import freeze
from risicokompas.risks.services import update_risk
from risicokompas.signals.models import Signal
from tests.fixtures import make_risk

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 6, 1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def make_conversation(cast, programme: str = "Sociaal domein", **fields) -> Conversation:
    values = {"title": "Teamdialoog juni", "date": TODAY, "organiser": cast.controller}
    values.update(fields)
    return Conversation.objects.create(organisation=cast.org, programme=programme, **values)


def kinds(items) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in items:
        found.setdefault(item.kind, []).append(item.title)
    return found


def test_it_proposes_risks_whose_review_is_due_in_the_programme(cast):
    make_risk(cast.org, "R01", review_date=datetime.date(2025, 5, 1))
    make_risk(cast.org, "R02", review_date=datetime.date(2025, 9, 1))
    make_risk(cast.org, "R03", review_date=datetime.date(2025, 5, 1), programme="Bedrijfsvoering")
    items = agenda.review_due(make_conversation(cast))
    assert [i.risk.code for i in items] == ["R01"]
    assert "01-05-2025" in items[0].reason


def test_it_proposes_untriaged_signals_but_not_handled_ones(cast):
    for title, status in (("Lekkage archief", "nieuw"), ("Oude melding", "afgewezen")):
        Signal.objects.create(
            organisation=cast.org, title=title, programme="Sociaal domein", due_date=TODAY, status=status
        )
    items = agenda.untriaged_signals(make_conversation(cast))
    assert [i.title for i in items] == ["Lekkage archief"]
    assert items[0].kind == AgendaItem.Kind.SIGNAL


def test_it_proposes_the_estimate_that_moved_most_since_the_latest_snapshot(cast):
    small = make_risk(cast.org, "R01")
    large = make_risk(cast.org, "R02")
    make_risk(cast.org, "R03")  # unchanged
    freeze(cast.org, cast.controller, "Begroting 2026", "begroting", 2026, TODAY)
    update_risk(small, cast.controller, {"probability": Decimal("0.35")}, reason="iets hoger")
    update_risk(large, cast.controller, {"impact_max": Decimal("5000000")}, reason="veel groter")
    items = agenda.moved_estimates(make_conversation(cast))
    assert [i.risk.code for i in items] == ["R02", "R01"]
    assert "Begroting 2026" in items[0].reason and "€ 5.000.000" in items[0].reason


def test_without_a_snapshot_no_estimate_counts_as_moved(cast):
    make_risk(cast.org, "R01")
    assert agenda.moved_estimates(make_conversation(cast)) == []


def test_it_proposes_the_top_drivers_of_the_required_capacity_in_the_programme(cast):
    make_risk(cast.org, "R01", impact_max=Decimal("100000"))
    make_risk(cast.org, "R02", impact_max=Decimal("9000000"))
    make_risk(cast.org, "R03", impact_max=Decimal("20000000"), programme="Bedrijfsvoering")
    items = agenda.top_drivers(make_conversation(cast), limit=1)
    assert [i.risk.code for i in items] == ["R02"]
    assert "€" in items[0].reason


def test_it_proposes_open_actions_from_the_previous_conversation_of_the_same_programme(cast):
    earlier = make_conversation(cast, title="Mei", date=datetime.date(2025, 5, 1))
    Action.objects.create(conversation=earlier, description="Back-up testen")
    Action.objects.create(conversation=earlier, description="Al gedaan", status=Action.Status.DONE)
    other = make_conversation(
        cast, programme="Bedrijfsvoering", title="Ander team", date=datetime.date(2025, 5, 1)
    )
    Action.objects.create(conversation=other, description="Niet van ons")
    items = agenda.open_actions(make_conversation(cast))
    assert [i.title for i in items] == ["Back-up testen"]
    assert items[0].previous_action.conversation == earlier


def test_the_proposed_agenda_lists_each_risk_once(cast):
    make_risk(cast.org, "R01", review_date=datetime.date(2025, 5, 1))  # overdue and also a top driver
    conversation = make_conversation(cast)
    saved = agenda.fill_agenda(conversation)
    assert [i.risk.code for i in saved if i.risk] == ["R01"]
    assert kinds(saved) == {AgendaItem.Kind.REVIEW_DUE: ["R01 Risico R01"]}
    assert [i.position for i in saved] == [1]
