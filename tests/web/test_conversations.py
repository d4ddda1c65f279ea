# SPDX-License-Identifier: EUPL-1.2
"""Risk conversations: planning, access, decisions that change the register, optimistic locking, actions,
the pre-mortem round, the report and mail, last-discussed on the risk page and the dashboard."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from tests.fixtures import make_risk

from risicokompas.conversations.models import Action, AgendaItem, Conversation, PremortemItem
from risicokompas.dashboard.compute import build_dashboard, not_discussed
from risicokompas.risks.models import Risk, RiskChange
from risicokompas.risks.services import update_risk

TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def make_conversation(cast, org=None, **fields) -> Conversation:
    values = {
        "title": "Teamdialoog sociaal domein",
        "programme": "Sociaal domein",
        "date": TODAY,
        "organiser": cast.controller,
    }
    values.update(fields)
    conversation = Conversation.objects.create(organisation=org or cast.org, **values)
    return conversation


def make_item(conversation, risk=None, **fields) -> AgendaItem:
    values = {"title": risk.name if risk else "Punt", "risk": risk, "kind": AgendaItem.Kind.REVIEW_DUE}
    values.update(fields)
    return AgendaItem.objects.create(conversation=conversation, **values)


def decide(client, item, **data):
    url = reverse("conversations:item", args=[item.conversation_id, item.pk])
    return client.post(url, data)


# --- planning ----------------------------------------------------------------------------------------------


def test_a_controller_plans_a_conversation_and_gets_a_proposed_agenda(client, cast, login):
    make_risk(cast.org, "R01", review_date=TODAY - datetime.timedelta(days=3))
    login(cast.controller)
    response = client.post(
        reverse("conversations:create"),
        {
            "title": "Risicodialoog juni",
            "kind": "teamdialoog",
            "programme": "Sociaal domein",
            "date": TODAY.isoformat(),
            "participants": [cast.membership(cast.employee).pk],
        },
    )
    conversation = Conversation.objects.get()
    assert response.status_code == 302 and conversation.organiser == cast.controller
    page = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
    assert "R01 Risico R01" in page and "Herbeoordeling nodig" in page


def test_a_risk_owner_plans_only_for_their_own_team(client, cast, login):
    login(cast.owner)
    client.post(
        reverse("conversations:create"),
        {
            "title": "Ons team",
            "kind": "teamdialoog",
            "programme": "Bedrijfsvoering",
            "date": TODAY.isoformat(),
        },
    )
    assert Conversation.objects.get().programme == "Sociaal domein"


def test_planning_without_title_or_date_names_the_fields(client, cast, login):
    login(cast.controller)
    page = client.post(reverse("conversations:create"), {"kind": "teamdialoog"}).content.decode()
    assert 'href="#id_title"' in page and 'href="#id_date"' in page
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("role", ["employee", "reader"])
def test_roles_that_do_not_organise_may_not_plan(client, cast, login, role):
    login(getattr(cast, role))
    assert client.get(reverse("conversations:create")).status_code == 403


def test_the_list_shows_only_conversations_the_user_may_read(client, cast, login):
    make_conversation(cast, title="Eigen gesprek")
    make_conversation(cast, org=cast.other_org, title="Gesprek Bedorp", organiser=cast.other_controller)
    login(cast.controller)
    page = client.get(reverse("conversations:list")).content.decode()
    assert "Eigen gesprek" in page and "Gesprek Bedorp" not in page
    login(cast.employee)
    assert "Eigen gesprek" not in client.get(reverse("conversations:list")).content.decode()


# --- access: every view --------------------------------------------------------------------------------------


def _urls(conversation, item, action):
    pk = conversation.pk
    return [
        ("get", reverse("conversations:detail", args=[pk]), False),
        ("get", reverse("conversations:report", args=[pk]), False),
        ("post", reverse("conversations:mail", args=[pk]), True),
        ("post", reverse("conversations:status", args=[pk]), True),
        ("post", reverse("conversations:item_add", args=[pk]), True),
        ("get", reverse("conversations:item", args=[pk, item.pk]), True),
        ("post", reverse("conversations:item_remove", args=[pk, item.pk]), True),
        ("post", reverse("conversations:action_create", args=[pk]), True),
        ("post", reverse("conversations:action_complete", args=[pk, action.pk]), True),
        ("get", reverse("conversations:premortem", args=[pk]), False),
        ("post", reverse("conversations:premortem_add", args=[pk]), False),
        ("post", reverse("conversations:premortem_close", args=[pk]), True),
        ("post", reverse("conversations:premortem_cluster", args=[pk]), True),
    ]


@pytest.fixture
def premortem(cast):
    conversation = make_conversation(cast, kind=Conversation.Kind.PREMORTEM)
    conversation.participants.add(cast.membership(cast.employee))
    item = make_item(conversation, make_risk(cast.org, "R01"))
    action = Action.objects.create(conversation=conversation, description="Opvolgen")
    return conversation, item, action


def test_every_conversation_view_is_a_404_for_another_organisation(client, cast, login, premortem):
    login(cast.other_controller)
    for method, url, _manage in _urls(*premortem):
        assert getattr(client, method)(url).status_code == 404, url


def test_every_conversation_view_is_a_403_for_a_member_who_is_not_a_participant(
    client, cast, login, premortem
):
    login(cast.reader)
    for method, url, _manage in _urls(*premortem):
        assert getattr(client, method)(url).status_code == 403, url


def test_a_participant_reads_and_adds_premortem_items_but_may_not_manage(client, cast, login, premortem):
    login(cast.employee)
    for method, url, manage in _urls(*premortem):
        status = getattr(client, method)(url).status_code
        assert (status == 403) == manage, url


def test_a_risk_owner_manages_a_conversation_of_their_own_team(client, cast, login, premortem):
    login(cast.owner)
    assert (
        client.get(reverse("conversations:item", args=[premortem[0].pk, premortem[1].pk])).status_code == 200
    )


# --- agenda -----------------------------------------------------------------------------------------------


def test_the_organiser_adds_and_removes_items_and_removed_items_are_kept(client, cast, login):
    conversation = make_conversation(cast)
    login(cast.controller)
    client.post(reverse("conversations:item_add", args=[conversation.pk]), {"title": "Nieuwe wet"})
    item = conversation.items.get()
    client.post(reverse("conversations:item_remove", args=[conversation.pk, item.pk]))
    item.refresh_from_db()
    assert item.removed
    page = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
    assert "Van de agenda gehaald" in page and "Terug op de agenda" in page
    client.post(reverse("conversations:item_remove", args=[conversation.pk, item.pk]), {"restore": "1"})
    item.refresh_from_db()
    assert not item.removed


# --- decisions ------------------------------------------------------------------------------------------------


def test_a_changed_estimate_is_saved_with_the_conversation_as_reason_and_moves_the_required_capacity(
    client, cast, login
):
    risk = make_risk(cast.org, "R01", probability=Decimal("0.3"), impact_max=Decimal("1000000"))
    make_risk(cast.org, "R02")
    before = build_dashboard(cast.org).result.required_capacity
    item = make_item(make_conversation(cast), risk)
    login(cast.controller)
    response = decide(
        client,
        item,
        decision="gewijzigd",
        text="Nieuwe aanbesteding maakt het duurder",
        probability="60",
        impact_max="3.000.000",
        version=risk.version,
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.probability == Decimal("0.6") and risk.impact_max == Decimal("3000000")
    change = risk.changes.first()
    assert change.source == RiskChange.Source.CONVERSATION
    assert change.reason.startswith("Risicogesprek ‘Teamdialoog sociaal domein’")
    assert "Nieuwe aanbesteding" in change.reason
    item.refresh_from_db()
    assert item.decision == "gewijzigd" and item.change == change and item.decided_by == cast.controller
    assert build_dashboard(cast.org).result.required_capacity > before
    assert item.conversation.__class__.objects.get().status == Conversation.Status.RUNNING


def test_a_decision_is_refused_when_the_risk_was_changed_at_a_desk_meanwhile(client, cast, login):
    risk = make_risk(cast.org, "R01")
    item = make_item(make_conversation(cast), risk)
    login(cast.controller)
    opened_version = risk.version  # the conversation page is open with this version
    update_risk(
        risk, cast.owner, {"probability": Decimal("0.5")}, reason="Aan het bureau", expected_version=1
    )
    response = decide(
        client,
        item,
        decision="gewijzigd",
        text="In het gesprek",
        probability="10",
        impact_max="1",
        version=opened_version,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "iemand anders heeft dit risico gewijzigd" in page and "niets overschreven" in page
    assert "50%" in page and "Aan het bureau" in page  # the other version's values
    risk.refresh_from_db()
    assert risk.probability == Decimal("0.5") and risk.changes.count() == 1
    item.refresh_from_db()
    assert not item.is_decided
    assert f'name="version" value="{risk.version}"' in page  # saving again is a deliberate choice


def test_closing_a_risk_is_a_status_change_with_the_reason(client, cast, login):
    risk = make_risk(cast.org, "R01")
    item = make_item(make_conversation(cast), risk)
    login(cast.controller)
    decide(client, item, decision="gesloten", text="Project afgerond", version=risk.version)
    risk.refresh_from_db()
    assert risk.status == Risk.Status.CLOSED
    assert risk.changes.first().changes["status"] == ["open", "gesloten"]


def test_confirming_an_estimate_moves_the_review_date(client, cast, login):
    risk = make_risk(cast.org, "R01", review_date=TODAY - datetime.timedelta(days=1))
    item = make_item(make_conversation(cast), risk)
    login(cast.controller)
    decide(client, item, decision="bevestigd", text="Klopt nog", version=risk.version)
    risk.refresh_from_db()
    assert risk.review_date == TODAY + datetime.timedelta(days=cast.org.review_interval_days)
    assert risk.probability == Decimal("0.3")


def test_a_new_risk_decision_creates_a_risk_in_the_programme(client, cast, login):
    item = make_item(make_conversation(cast), None, kind=AgendaItem.Kind.SIGNAL, title="Lekkage")
    login(cast.controller)
    decide(
        client,
        item,
        decision="nieuw risico",
        text="Opnemen",
        new_name="Lekkage archief",
        probability="20",
        impact_max="50.000",
    )
    risk = Risk.objects.get(name="Lekkage archief")
    assert risk.programme == "Sociaal domein" and risk.probability == Decimal("0.2")
    assert risk.changes.get().source == RiskChange.Source.CONVERSATION


def test_a_measure_decision_adds_the_measure(client, cast, login):
    risk = make_risk(cast.org, "R01")
    item = make_item(make_conversation(cast), risk)
    login(cast.controller)
    decide(
        client,
        item,
        decision="maatregel",
        text="Extra controle",
        measure_description="Vier-ogenprincipe",
        version=risk.version,
    )
    assert risk.measures.get().description == "Vier-ogenprincipe"


def test_a_decision_needs_its_text_and_values(client, cast, login):
    risk = make_risk(cast.org, "R01")
    item = make_item(make_conversation(cast), risk)
    login(cast.controller)
    page = decide(client, item, decision="gewijzigd", probability="", version=risk.version).content.decode()
    assert 'href="#id_text"' in page and 'href="#id_probability"' in page
    item.refresh_from_db()
    assert not item.is_decided


def test_a_decision_is_final_and_there_is_no_way_to_delete_it(client, cast, login):
    risk = make_risk(cast.org, "R01")
    item = make_item(make_conversation(cast), risk)
    login(cast.controller)
    decide(client, item, decision="geen", text="", version=risk.version)
    decide(client, item, decision="gesloten", text="Toch sluiten", version=risk.version)
    item.refresh_from_db()
    assert item.decision == "geen"
    risk.refresh_from_db()
    assert risk.status == Risk.Status.OPEN
    client.post(reverse("conversations:item_remove", args=[item.conversation_id, item.pk]))
    item.refresh_from_db()
    assert not item.removed  # a decided item stays on the agenda
    from risicokompas.conversations import urls

    assert not any("delete" in p.name or "verwijder" in str(p.pattern) for p in urls.urlpatterns)


# --- actions --------------------------------------------------------------------------------------------------


def test_actions_are_recorded_and_completed_by_their_owner(client, cast, login):
    conversation = make_conversation(cast)
    conversation.participants.add(cast.membership(cast.owner))
    login(cast.controller)
    client.post(
        reverse("conversations:action_create", args=[conversation.pk]),
        {"description": "Back-up testen", "owner": cast.membership(cast.owner).pk, "due_date": "2030-01-31"},
    )
    action = Action.objects.get()
    assert action.owner == cast.membership(cast.owner) and action.due_date == datetime.date(2030, 1, 31)
    login(cast.owner)
    client.post(reverse("conversations:action_complete", args=[conversation.pk, action.pk]))
    action.refresh_from_db()
    assert action.status == Action.Status.DONE and action.done_at is not None


def test_an_action_without_description_is_refused_with_the_field_named(client, cast, login):
    conversation = make_conversation(cast)
    login(cast.controller)
    page = client.post(reverse("conversations:action_create", args=[conversation.pk]), {}).content.decode()
    assert 'href="#id_description"' in page and not Action.objects.exists()


# --- pre-mortem -----------------------------------------------------------------------------------------------


def test_premortem_items_are_absent_for_others_until_the_round_closes_then_chosen_ones_become_risks(
    client, cast, login
):
    conversation = make_conversation(cast, kind=Conversation.Kind.PREMORTEM, title="Pre-mortem Zwembad")
    conversation.participants.add(cast.membership(cast.employee), cast.membership(cast.reader))
    url = reverse("conversations:premortem", args=[conversation.pk])
    login(cast.employee)
    response = client.post(
        reverse("conversations:premortem_add", args=[conversation.pk]), {"text": "Aannemer failliet"}
    )
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert "Aannemer failliet" in page  # the author sees their own item
    assert "u heeft nu 1 punt ingediend" in page
    for user in (cast.reader, cast.controller):
        login(user)
        page = client.get(url).content.decode()
        assert "Aannemer failliet" not in page and "1 punt ingediend" in page
    client.post(reverse("conversations:premortem_close", args=[conversation.pk]))
    login(cast.reader)
    page = client.get(url).content.decode()
    assert "Aannemer failliet" in page and "medewerker" not in page.split('id="rk-premortem"')[1]
    client.post(reverse("conversations:premortem_add", args=[conversation.pk]), {"text": "Te laat"})
    assert PremortemItem.objects.count() == 1  # the round is closed
    item = PremortemItem.objects.get()
    login(cast.controller)
    client.post(
        reverse("conversations:premortem_cluster", args=[conversation.pk]),
        {f"cluster-{item.pk}": "Leveranciers", f"chosen-{item.pk}": "1", "make_risks": "1"},
    )
    item.refresh_from_db()
    assert item.risk is not None and item.risk.name == "Leveranciers"
    assert "Aannemer failliet" in item.risk.description and item.risk.programme == "Sociaal domein"
    assert conversation.items.get(risk=item.risk).decision == "nieuw risico"


def test_the_conversation_page_summarises_the_premortem_and_links_to_its_own_page(client, cast, login):
    conversation = make_conversation(cast, kind=Conversation.Kind.PREMORTEM, title="Pre-mortem Zwembad")
    PremortemItem.objects.create(
        conversation=conversation, author=cast.membership(cast.employee), text="Te laat"
    )
    login(cast.controller)
    page = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
    assert "er is 1 punt ingediend" in page and "Te laat" not in page
    assert f'href="{reverse("conversations:premortem", args=[conversation.pk])}"' in page
    premortem_page = client.get(reverse("conversations:premortem", args=[conversation.pk])).content.decode()
    assert 'aria-label="Kruimelpad"' in premortem_page and 'aria-current="page">Pre-mortem<' in premortem_page


def test_closing_an_empty_round_is_refused_with_a_reason(client, cast, login):
    conversation = make_conversation(cast, kind=Conversation.Kind.PREMORTEM, title="Pre-mortem Zwembad")
    login(cast.controller)
    response = client.post(reverse("conversations:premortem_close", args=[conversation.pk]), follow=True)
    conversation.refresh_from_db()
    assert not conversation.round_closed
    assert "Er is nog geen punt ingediend" in response.content.decode()


def test_closing_the_round_counts_the_items_that_became_visible(client, cast, login):
    conversation = make_conversation(cast, kind=Conversation.Kind.PREMORTEM, title="Pre-mortem Zwembad")
    for text in ("Te laat", "Te duur"):
        PremortemItem.objects.create(
            conversation=conversation, author=cast.membership(cast.employee), text=text
        )
    login(cast.controller)
    response = client.post(reverse("conversations:premortem_close", args=[conversation.pk]), follow=True)
    assert "2 punten zijn nu voor iedereen zichtbaar" in response.content.decode()


def test_saving_clusters_counts_the_changed_items_and_refuses_when_nothing_changed(client, cast, login):
    conversation = make_conversation(cast, kind=Conversation.Kind.PREMORTEM, title="Pre-mortem Zwembad")
    item = PremortemItem.objects.create(
        conversation=conversation, author=cast.membership(cast.employee), text="Te laat"
    )
    login(cast.controller)
    client.post(reverse("conversations:premortem_close", args=[conversation.pk]))
    url = reverse("conversations:premortem_cluster", args=[conversation.pk])
    html = client.post(url, {f"cluster-{item.pk}": "Planning"}, follow=True).content.decode()
    assert "1 punt bijgewerkt" in html
    html = client.post(url, {f"cluster-{item.pk}": "Planning"}, follow=True).content.decode()
    assert "Er is niets veranderd" in html


def test_making_risks_with_nothing_chosen_is_refused_with_a_reason(client, cast, login):
    conversation = make_conversation(cast, kind=Conversation.Kind.PREMORTEM, title="Pre-mortem Zwembad")
    PremortemItem.objects.create(
        conversation=conversation, author=cast.membership(cast.employee), text="Te laat"
    )
    login(cast.controller)
    client.post(reverse("conversations:premortem_close", args=[conversation.pk]))
    response = client.post(
        reverse("conversations:premortem_cluster", args=[conversation.pk]), {"make_risks": "1"}, follow=True
    )
    html = response.content.decode()
    assert "Er is geen risico gemaakt" in html and "0 nieuwe" not in html
    assert response.redirect_chain[-1][0] == reverse("conversations:premortem", args=[conversation.pk])


# --- report and mail -------------------------------------------------------------------------------------------


def _held_conversation(cast):
    risk = make_risk(cast.org, "R01")
    conversation = make_conversation(cast)
    cast.employee.email = "medewerker@aadorp.nl"
    cast.employee.save()
    conversation.participants.add(cast.membership(cast.employee))
    item = make_item(conversation, risk)
    from risicokompas.conversations import services

    services.record_decision(
        item,
        cast.controller,
        services.DecisionInput(
            "gewijzigd", text="Hoger ingeschat", estimate={"probability": Decimal("0.45")}
        ),
    )
    Action.objects.create(conversation=conversation, description="Verzekeraar bellen", due_date=TODAY)
    return conversation


def test_the_report_lists_decisions_actions_and_register_changes(client, cast, login):
    conversation = _held_conversation(cast)
    login(cast.employee)
    response = client.get(reverse("conversations:report", args=[conversation.pk]))
    page = response.content.decode()
    assert "attachment" in response["Content-Disposition"]
    assert "Hoger ingeschat" in page and "Verzekeraar bellen" in page
    assert "kans: 30% → 45%" in page


def test_the_report_is_mailed_to_the_participants(client, cast, login):
    conversation = _held_conversation(cast)
    login(cast.controller)
    client.post(reverse("conversations:mail", args=[conversation.pk]))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["medewerker@aadorp.nl"]
    assert "Teamdialoog sociaal domein" in message.subject
    assert (
        "Hoger ingeschat" in message.body
        and "Verzekeraar bellen" in message.body
        and "30% → 45%" in message.body
    )


# --- last discussed and the dashboard -----------------------------------------------------------------------


def test_the_risk_page_shows_when_and_by_which_team_it_was_last_discussed(client, cast, login):
    conversation = _held_conversation(cast)
    risk = Risk.objects.get(code="R01")
    login(cast.reader)
    page = client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
    assert "Laatst besproken:" in page and "door Sociaal domein" in page
    assert conversation.date.strftime("%Y") in page
    other = make_risk(cast.org, "R02")
    assert "Nog niet besproken" in client.get(reverse("risks:detail", args=[other.pk])).content.decode()


def test_the_dashboard_shows_the_share_of_required_capacity_carried_by_undiscussed_risks(client, cast, login):
    _held_conversation(cast)  # R01 discussed today
    make_risk(cast.org, "R02", impact_max=Decimal("4000000"))
    old = make_risk(cast.org, "R03")
    stale = make_conversation(
        cast, title="Lang geleden", date=TODAY - datetime.timedelta(days=400), status="afgerond"
    )
    from risicokompas.conversations import services

    services.record_decision(make_item(stale, old), cast.controller, services.DecisionInput("geen"))
    dash = build_dashboard(cast.org)
    result = not_discussed(dash)
    contributions = {d.risk_id: d.contribution for d in dash.result.drivers}
    assert result.count == 2 and [row.code for row in result.rows] == ["R02", "R03"]
    expected = (contributions["R02"] + contributions["R03"]) / dash.result.required_capacity
    assert result.share == pytest.approx(expected)
    login(cast.reader)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Niet besproken in de afgelopen 12 maanden" in page, page[page.find("rk-not-discussed") - 200 :][
        :800
    ]
    assert "2 open risico" in page
