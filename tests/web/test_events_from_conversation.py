# SPDX-License-Identifier: EUPL-1.2
"""Recording an event from a risk conversation (issue 17): the risk occurs with a history row naming the
conversation, the conversation page and report show the event, and nothing crosses organisations."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from tests.fixtures import make_risk

from risicokompas.calibration.models import Event
from risicokompas.conversations import report
from risicokompas.conversations.models import AgendaItem, Conversation, ConversationEvent
from risicokompas.risks.models import Risk, RiskChange

DATA = {"date": "2025-02-03", "amount": "€ 48.000", "description": "Claim van de aannemer", "programme": ""}


def make_conversation(cast, org=None, **fields) -> Conversation:
    values = {
        "title": "Teamdialoog sociaal domein",
        "programme": "Sociaal domein",
        "date": datetime.date(2025, 3, 10),
        "organiser": cast.controller,
    }
    values.update(fields)
    return Conversation.objects.create(organisation=org or cast.org, **values)


def make_item(conversation, risk=None) -> AgendaItem:
    return AgendaItem.objects.create(
        conversation=conversation, title=risk.name if risk else "Punt", risk=risk, kind=AgendaItem.Kind.OWN
    )


def item_url(item) -> str:
    return reverse("conversations:item_event_create", args=[item.conversation_id, item.pk])


@pytest.fixture
def held(cast):
    risk = make_risk(cast.org, "R01", name="Claim aannemer", event="De aannemer dient een claim in")
    conversation = make_conversation(cast)
    return conversation, make_item(conversation, risk), risk


def test_the_team_records_an_occurred_risk_from_the_agenda(cast, login, held):
    conversation, item, risk = held
    client = login(cast.controller)
    page = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
    assert item_url(item) in page
    assert "Er zijn vanuit dit gesprek nog geen gebeurtenissen vastgelegd." in page
    assert (
        item_url(item)
        in client.get(reverse("conversations:item", args=[conversation.pk, item.pk])).content.decode()
    )

    form = client.get(item_url(item)).context["form"]
    assert list(form.initial["risks"]) == [risk] and form.initial["programme"] == "Sociaal domein"
    assert form.initial["description"] == (
        "De aannemer dient een claim in\n"
        "(Vastgesteld in risicogesprek ‘Teamdialoog sociaal domein’ van 10 maart 2025)"
    )

    response = client.post(item_url(item), {**DATA, "risks": [risk.pk]})
    assert response.status_code == 302 and response["Location"] == reverse(
        "conversations:detail", args=[conversation.pk]
    )
    event = Event.objects.get()
    assert list(event.risks.all()) == [risk] and event.amount == Decimal("48000.00") and not event.surprise
    link = ConversationEvent.objects.get()
    assert (link.conversation, link.agenda_item, link.event) == (conversation, item, event)
    risk.refresh_from_db()
    assert risk.status == Risk.Status.OCCURRED
    change = RiskChange.objects.get(risk=risk)
    assert change.changes["status"] == ["open", "opgetreden"] and change.changed_by == cast.controller
    assert change.source == RiskChange.Source.CONVERSATION
    assert "risicogesprek ‘Teamdialoog sociaal domein’" in change.reason

    page = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
    table = page[page.index('id="rk-conversation-events"') :]
    assert "Claim van de aannemer" in table and "€\u00a048.000" in table
    assert reverse("calibration:event_detail", args=[event.pk]) in table
    assert "Gebeurtenis vastgelegd:" in page  # at the agenda item too
    assert "Claim van de aannemer" in report.report_text(conversation)
    assert "R01 opgetreden" in report.report_html(conversation)


def test_a_loss_outside_the_register_is_recorded_from_the_conversation_page(cast, login, held):
    conversation, _item, _risk = held
    client = login(cast.controller)
    url = reverse("conversations:event_create", args=[conversation.pk])
    assert url in client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
    form = client.get(url).context["form"]
    assert "risks" not in form.initial and form.initial["programme"] == "Sociaal domein"
    response = client.post(url, {**DATA, "surprise": "on", "programme": "Sociaal domein"})
    assert response.status_code == 302
    link = ConversationEvent.objects.get()
    assert link.event.surprise and link.agenda_item is None and link.conversation == conversation


def test_another_organisation_s_conversation_is_a_404_and_nothing_is_saved(cast, login, held):
    conversation, item, risk = held
    client = login(cast.other_controller)
    for url in (item_url(item), reverse("conversations:event_create", args=[conversation.pk])):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {**DATA, "risks": [risk.pk]}).status_code == 404, url
    assert not Event.objects.exists()
    risk.refresh_from_db()
    assert risk.status == Risk.Status.OPEN


def test_an_item_of_another_conversation_is_a_404(cast, login, held):
    conversation, _item, _risk = held
    elsewhere = make_item(make_conversation(cast, title="Ander gesprek"), make_risk(cast.org, "R02"))
    client = login(cast.controller)
    url = reverse("conversations:item_event_create", args=[conversation.pk, elsewhere.pk])
    assert client.get(url).status_code == 404


def test_a_risk_of_another_organisation_cannot_be_linked(cast, login, held):
    _conversation, item, _risk = held
    foreign = make_risk(cast.other_org, "B01")
    response = login(cast.controller).post(item_url(item), {**DATA, "risks": [foreign.pk]})
    assert response.status_code == 200 and response.context["form"].errors["risks"]
    assert not Event.objects.exists() and not ConversationEvent.objects.exists()
    foreign.refresh_from_db()
    assert foreign.status == Risk.Status.OPEN


def test_who_may_not_run_the_conversation_or_record_events_is_refused(cast, login, held):
    conversation, item, risk = held
    conversation.participants.add(cast.membership(cast.employee), cast.membership(cast.reader))
    for user in (cast.employee, cast.reader):
        client = login(user)
        page = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
        assert item_url(item) not in page
        assert client.get(item_url(item)).status_code == 403
        assert client.post(item_url(item), {**DATA, "risks": [risk.pk]}).status_code == 403
    assert not Event.objects.exists()


def test_a_risk_owner_records_for_their_own_risk_in_their_team_s_conversation(cast, login, held):
    conversation, item, risk = held
    owner = cast.membership(cast.owner)
    own = make_risk(cast.org, "R05", owner=owner)
    own_item = make_item(conversation, own)
    client = login(cast.owner)
    form = client.get(item_url(item)).context["form"]
    assert "surprise" not in form.fields and "risks" not in form.initial  # R01 is not theirs
    refused = client.post(item_url(item), {**DATA, "risks": [risk.pk]})
    assert refused.status_code == 200 and not Event.objects.exists()
    assert client.post(item_url(own_item), {**DATA, "risks": [own.pk]}).status_code == 302
    own.refresh_from_db()
    assert own.status == Risk.Status.OCCURRED and ConversationEvent.objects.get().agenda_item == own_item
