# SPDX-License-Identifier: EUPL-1.2
"""Deviations beyond the basics: the history of every change, the place on a risk conversation's agenda,
the risk appetite marks in the register and the organisation-wide overview for managers."""

from __future__ import annotations

import datetime
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from tests.fixtures import make_risk, make_user

from risicokompas.conversations.agenda import fill_agenda
from risicokompas.conversations.models import AgendaItem, Conversation
from risicokompas.deviations import services
from risicokompas.deviations.models import Deviation, DeviationChange, Mandate, Rule, RuleReview
from risicokompas.risks.models import RiskAppetite

TEAM = "Sociaal domein"
SITUATION = "Gezin met schulden, terugvordering zou huisuitzetting veroorzaken"
DELIBERATION = {
    "case": "Terugvordering bij een gezin in de schuldhulp",
    "stake": "Bestaanszekerheid van het gezin",
    "values": ["rechtmatigheid", "menselijke maat"],
    "options": "Volledig terugvorderen, regeling, afzien",
    "judgement": "Wij treffen een regeling",
    "damage_limitation": "",
    "outcome": "onderschreven",
    "conditions": "",
    "lesson": "Vraag altijd naar schuldhulp",
}


@pytest.fixture
def team(cast):
    cast.professional = make_user("professional", cast.org, "medewerker", team=TEAM)
    cast.professional.first_name, cast.professional.last_name = "Petra", "Pieters"
    cast.professional.save()
    cast.neighbour = make_user("buurteam", cast.org, "medewerker", team="Ruimte")
    cast.bestuur = make_user("bestuur", cast.org, "bestuur")
    cast.rule = Rule.objects.create(
        organisation=cast.org,
        title="Terugvordering bij te laat gemelde inkomsten",
        purpose="Gelijke behandeling",
        mandate=Mandate.TEAM_LEAD,
    )
    return cast


def record(cast, status=Deviation.Status.DONE, level=Mandate.TEAM_LEAD, rule=None, **changes) -> Deviation:
    values = {
        "rule": rule or cast.rule,
        "status": status,
        "acted_on": date(2025, 3, 1),
        "situation": SITUATION,
        "why_letter_defeats_purpose": "De regel wil rechtmatigheid, niet armoede",
        "what_instead": "Betalingsregeling over 24 maanden",
        "decided_by_level": level,
        **changes,
    }
    return services.record_deviation(cast.org, cast.professional, TEAM, values)


# --- 1. history ----------------------------------------------------------------------------------------------


def test_every_step_of_a_deviation_is_kept_with_who_when_and_why(team):
    deviation = record(team, status=Deviation.Status.INTENDED, level=Mandate.PROFESSIONAL)
    deviation = services.advance(deviation, expected_version=deviation.version, user=team.professional)
    services.decide_mandate(deviation, team.owner, confirmed=True, note="Akkoord, gezien de schuldhulp")
    services.deliberate(Deviation.objects.get(pk=deviation.pk), team.owner, DELIBERATION)
    deviation = Deviation.objects.get(pk=deviation.pk)
    values = {
        "summary": "Regeling",
        "values": [],
        "conditions": "",
        "tipping_point": "Zonder schuldhulp niet",
    }
    precedent = services.make_precedent(deviation, team.owner, values, publish=False)
    services.publish(precedent, team.controller)

    changes = list(DeviationChange.objects.filter(deviation=deviation).order_by("changed_at", "pk"))
    assert [c.action for c in changes] == [
        "vastgelegd",
        "status",
        "mandaatbesluit",
        "besproken",
        "moresprudentie",
        "gepubliceerd",
    ]
    assert [c.changed_by for c in changes] == [team.professional, team.professional] + [team.owner] * 3 + [
        team.controller
    ]
    assert changes[1].changes == {"Status": ["Voorgenomen", "Uitgevoerd"]}
    assert changes[2].reason == "Akkoord, gezien de schuldhulp"
    assert changes[2].changes["Besluit van de bevoegde"][1] == "Bekrachtigd door de bevoegde"
    assert changes[3].changes["Status"] == ["Uitgevoerd", "Besproken"]
    assert changes[3].reason == "Vraag altijd naar schuldhulp"
    assert all(c.changed_at is not None for c in changes)


def test_a_refused_step_leaves_no_history_row(team):
    deviation = record(team, status=Deviation.Status.DONE)
    with pytest.raises(services.ChangeRefused):
        services.advance(deviation, user=team.professional)
    assert DeviationChange.objects.filter(deviation=deviation).count() == 1


def test_the_detail_page_shows_the_history_as_an_accessible_table(client, team, login):
    deviation = record(team, status=Deviation.Status.INTENDED)
    login(team.professional)
    client.post(reverse("deviations:advance", args=[deviation.pk]), {"version": deviation.version})
    page = client.get(reverse("deviations:detail", args=[deviation.pk])).content.decode()
    assert "Wijzigingen van deze afwijking, nieuwste eerst</caption>" in page
    assert '<th scope="col" class="utrecht-table__header-cell">Waarom</th>' in page
    assert "Status gewijzigd" in page and "Voorgenomen → Uitgevoerd" in page and "Petra Pieters" in page


# --- 2. on a risk conversation's agenda ----------------------------------------------------------------------


def _conversation(cast, programme=TEAM) -> Conversation:
    conversation = Conversation.objects.create(
        organisation=cast.org,
        title="Teamdialoog",
        programme=programme,
        date=datetime.date.today(),
        organiser=cast.controller,
    )
    conversation.participants.add(cast.membership(cast.owner), cast.membership(cast.employee))
    return conversation


def test_the_teams_undiscussed_deviations_come_on_its_conversation_agenda_named_by_rule_only(
    client, team, login
):
    waiting = record(team)
    record(team, status=Deviation.Status.INTENDED)  # not yet executed: not on the agenda
    other_rule = Rule.objects.create(organisation=team.org, title="Parkeerregel", purpose="Doorstroming")
    services.record_deviation(
        team.org,
        team.neighbour,
        "Ruimte",
        {
            "rule": other_rule,
            "status": Deviation.Status.DONE,
            "acted_on": date(2025, 3, 1),
            "situation": "Ander team",
            "why_letter_defeats_purpose": "x",
            "what_instead": "y",
        },
    )
    conversation = _conversation(team)
    items = [item for item in fill_agenda(conversation) if item.kind == AgendaItem.Kind.DEVIATION]
    assert [item.deviation for item in items] == [waiting]
    assert items[0].title == "Afwijking van regel ‘Terugvordering bij te laat gemelde inkomsten’"

    login(team.employee)  # a participant outside the team: sees the rule, never the person or the situation
    page = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
    assert "Afwijking van regel" in page and "Parkeerregel" not in page
    assert SITUATION not in page and "Petra" not in page and "professional" not in page
    assert client.get(reverse("deviations:detail", args=[waiting.pk])).status_code == 404
    login(team.owner)  # the team lead opens it
    assert client.get(reverse("deviations:detail", args=[waiting.pk])).status_code == 200
    login(team.controller)  # the organiser's page for the item names the rule only
    item_page = client.get(reverse("conversations:item", args=[conversation.pk, items[0].pk]))
    assert item_page.status_code == 200 and SITUATION not in item_page.content.decode()


def test_a_conversation_without_a_team_or_a_premortem_gets_no_deviations(team):
    record(team)
    assert not any(i.kind == "afwijking" for i in fill_agenda(_conversation(team, programme="")))
    premortem = _conversation(team)
    premortem.kind = Conversation.Kind.PREMORTEM
    premortem.save()
    assert not any(i.kind == "afwijking" for i in fill_agenda(premortem))


# --- 3. risk appetite marks in the register ------------------------------------------------------------------


def _appetite(cast, programme=TEAM, level=RiskAppetite.Level.CAUTIOUS) -> RiskAppetite:
    return RiskAppetite.objects.create(
        organisation=cast.org,
        programme=programme,
        level=level,
        statement="Wij zijn voorzichtig",
        decided_on=date(2025, 1, 1),
    )


def test_a_risk_above_its_programmes_appetite_is_marked_on_its_page_and_in_the_register(client, cast, login):
    _appetite(cast)  # voorzichtig: up to score 9
    high = make_risk(cast.org, "R01", probability=Decimal("0.9"), impact_max=Decimal("50000000"))
    low = make_risk(cast.org, "R02", probability=Decimal("0.01"), impact_max=Decimal("1000"))
    other = make_risk(
        cast.org, "R03", programme="Ruimte", probability=Decimal("0.9"), impact_max=Decimal("50000000")
    )
    login(cast.employee)
    page = client.get(reverse("risks:detail", args=[high.pk])).content.decode()
    assert "Buiten de risicobereidheid (Sociaal domein: Voorzichtig, tot score 9)" in page
    for risk in (low, other):  # within the appetite, or a programme without one
        assert (
            "Buiten de risicobereidheid"
            not in client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
        )
    response = client.get(reverse("risks:list"))
    assert set(response.context["outside_appetite"]) == {high.pk}
    assert response.content.decode().count("(buiten de risicobereidheid)") == 1


def test_an_unquantified_risk_is_never_marked(client, cast, login):
    _appetite(cast, level=RiskAppetite.Level.AVERSE)
    risk = make_risk(cast.org, "R01", probability=None, impact_max=None)
    login(cast.employee)
    assert (
        "Buiten de risicobereidheid"
        not in client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
    )
    assert client.get(reverse("risks:list")).context["outside_appetite"] == {}


# --- 4. the organisation-wide overview -----------------------------------------------------------------------


def test_managers_see_counts_lessons_and_rule_decisions_of_the_last_year_never_people(client, team, login):
    discussed = record(team)
    services.deliberate(discussed, team.owner, DELIBERATION)
    record(team)
    old = record(team, status=Deviation.Status.INTENDED)
    Deviation.objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )  # outside the twelve months
    services.record_review(team.rule, team.controller, decision="herschrijven", explanation="Te streng")
    report = services.organisation_report(team.org)
    assert report.total == 2
    assert dict(report.by_status) == {"Voorgenomen": 0, "Uitgevoerd": 1, "Besproken": 1, "Afgesloten": 0}
    assert dict(report.by_outcome)["Onderschreven"] == 1
    assert report.by_rule == [(team.rule, 2)]
    assert [lesson for _rule, lesson in report.lessons] == ["Vraag altijd naar schuldhulp"]
    assert [r.decision for r in report.reviews] == [RuleReview.Decision.REWRITE]
    assert services.organisation_report(team.other_org).total == 0

    for manager in (team.controller, team.bestuur):
        login(manager)
        assert reverse("deviations:report") in client.get(reverse("deviations:list")).content.decode()
        page = client.get(reverse("deviations:report")).content.decode()
        assert "Afwijkingen per status, afgelopen twaalf maanden</caption>" in page
        assert '<th scope="row" class="utrecht-table__header-cell">Uitgevoerd</th>' in page
        assert "Vraag altijd naar schuldhulp" in page and "Regel herschrijven" in page
        assert "Petra" not in page and "professional" not in page
        assert SITUATION not in page


@pytest.mark.parametrize("who", ["owner", "professional", "employee", "reader"])
def test_the_overview_is_refused_to_everyone_but_managers(client, team, login, who):
    login(getattr(team, who))
    assert client.get(reverse("deviations:report")).status_code == 403
    if who != "reader":
        assert reverse("deviations:report") not in client.get(reverse("deviations:list")).content.decode()


def test_the_overview_of_another_organisation_is_never_shown(client, team, login):
    record(team)
    login(team.other_controller)
    page = client.get(reverse("deviations:report")).content.decode()
    assert "Terugvordering" not in page
