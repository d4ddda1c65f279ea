# SPDX-License-Identifier: EUPL-1.2
"""Deviations: recording with mandate routing, team-only visibility, the agenda, the deliberation and the
precedent, and the access rules of every deviation view."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from tests.fixtures import make_risk
from tests.web.fixtures import DELIBERATION, TEAM, make_team, post_data, record

from risicokompas.deviations import services
from risicokompas.deviations.models import Deliberation, Deviation, Mandate, Precedent
from risicokompas.risks.models import Risk


@pytest.fixture
def team(cast):
    """A team with its lead, a neighbouring team, the bestuur and a rule (see ``make_team``)."""
    return make_team(cast)


# --- recording and mandate routing ---------------------------------------------------------------------------


def test_the_form_warns_about_personal_data_and_suggests_the_rules_precedents(client, team, login):
    deviation = record(team)
    services.deliberate(deviation, team.owner, {**DELIBERATION})
    services.make_precedent(
        deviation,
        team.owner,
        {"summary": "Regeling bij schuldhulp", "tipping_point": "Geen schuldhulp"},
        publish=True,
    )
    login(team.professional)
    page = client.get(reverse("deviations:create")).content.decode()
    assert "geen persoonsgegevens van inwoners" in page and "<legend" in page
    assert "Regeling bij schuldhulp" not in page  # no rule chosen yet
    page = client.post(
        reverse("deviations:create"), {"action": "preview", "rule": team.rule.pk}
    ).content.decode()
    assert "Regeling bij schuldhulp" in page and "Gelijke behandeling" in page
    assert "Fout:" not in page  # showing the rule validates nothing


def test_a_professional_records_a_deviation_within_the_mandate(client, team, login):
    login(team.professional)
    response = client.post(reverse("deviations:create"), post_data(team))
    deviation = Deviation.objects.get()
    assert response.status_code == 302 and response.url == reverse("deviations:detail", args=[deviation.pk])
    assert deviation.team == TEAM and deviation.recorded_by == team.professional
    assert not deviation.outside_mandate and deviation.mandate_decision == ""
    assert str(deviation.financial_effect) == "1250.00"
    assert mail.outbox == []


def test_a_deviation_below_the_mandate_is_flagged_and_routed_to_the_required_level(client, team, login):
    team.rule.mandate = Mandate.MANAGER
    team.rule.save()
    login(team.professional)
    client.post(reverse("deviations:create"), post_data(team, decided_by_level=str(Mandate.PROFESSIONAL)))
    deviation = Deviation.objects.get()
    assert deviation.outside_mandate and deviation.routed_to_level == Mandate.MANAGER
    assert deviation.mandate_decision == Deviation.MandateDecision.PENDING
    assert sorted(m.to[0] for m in mail.outbox) == ["controller@example.org"]  # managers, not the team lead
    page = client.get(reverse("deviations:detail", args=[deviation.pk])).content.decode()
    assert "Buiten het mandaat" in page and "voorgelegd aan: Manager" in page
    assert "overtreding" not in page.lower() and "schending" not in page.lower()


@pytest.mark.parametrize(
    ("required", "recipients"),
    [
        (Mandate.TEAM_LEAD, ["controller@example.org", "eigenaar@example.org"]),
        (Mandate.COLLEGE, ["bestuur@example.org"]),
    ],
)
def test_routing_reaches_who_holds_the_mandate(team, required, recipients):
    from risicokompas.deviations.notifications import routing_addresses

    team.rule.mandate = required
    team.rule.save()
    deviation = record(team, level=Mandate.PROFESSIONAL)
    assert routing_addresses(deviation) == recipients


def test_only_who_holds_the_required_mandate_confirms_it(client, team, login):
    team.rule.mandate = Mandate.MANAGER
    team.rule.save()
    deviation = record(team, level=Mandate.TEAM_LEAD)
    url = reverse("deviations:mandate", args=[deviation.pk])
    login(team.owner)  # team lead: below "manager"
    assert client.post(url, {"confirmed": "1"}).status_code == 403
    login(team.controller)
    client.post(url, {"confirmed": "1", "note": "Akkoord, eenmalig"})
    deviation.refresh_from_db()
    assert deviation.mandate_decision == Deviation.MandateDecision.CONFIRMED
    assert deviation.mandate_decided_by == team.controller


def test_a_new_accepted_risk_goes_into_the_register_for_who_may_add_risks(client, team, login):
    login(team.owner)
    client.post(reverse("deviations:create"), post_data(team, new_risk_name="Bevinding accountant"))
    risk = Deviation.objects.get().accepted_risk
    assert risk.name == "Bevinding accountant" and risk.programme == TEAM and risk.changes.count() == 1
    login(team.professional)  # a medewerker links or describes the risk, never adds it to the register
    page = client.get(reverse("deviations:create")).content.decode()
    assert "new_risk_name" not in page


def test_a_lezer_may_not_record(client, team, login):
    login(team.reader)
    assert client.get(reverse("deviations:create")).status_code == 403


# --- visibility -------------------------------------------------------------------------------------------


def test_the_team_and_managers_see_a_deviation_others_get_a_404(client, team, login):
    deviation = record(team)
    url = reverse("deviations:detail", args=[deviation.pk])
    for user in (team.professional, team.owner, team.controller, team.bestuur):
        login(user)
        assert client.get(url).status_code == 200, user
    for user in (team.neighbour, team.employee, team.reader, team.other_controller):
        login(user)
        assert client.get(url).status_code == 404, user


def test_the_list_shows_only_the_teams_deviations(client, team, login):
    record(team)
    login(team.neighbour)
    assert "Terugvordering" not in client.get(reverse("deviations:list")).content.decode()
    login(team.professional)
    assert "Terugvordering" in client.get(reverse("deviations:list")).content.decode()
    login(team.other_controller)
    assert "Terugvordering" not in client.get(reverse("deviations:list")).content.decode()


@pytest.mark.parametrize("name", ["detail", "advance", "mandate", "deliberate", "precedent_create"])
def test_every_deviation_view_hides_it_from_outside_the_team_and_organisation(client, team, login, name):
    deviation = record(team)
    url = reverse(f"deviations:{name}", args=[deviation.pk])
    for user in (team.neighbour, team.other_controller):
        login(user)
        assert client.get(url).status_code in (404, 405)
        assert client.post(url, {}).status_code == 404


def test_only_the_team_lead_and_managers_lead_the_deliberation(client, team, login):
    deviation = record(team)
    url = reverse("deviations:deliberate", args=[deviation.pk])
    login(team.professional)
    assert client.get(url).status_code == 403
    login(team.owner)
    assert client.get(url).status_code == 200


# --- agenda, deliberation, precedent ---------------------------------------------------------------------


def test_the_agenda_lists_executed_undiscussed_deviations_oldest_first(client, team, login):
    newer = record(team, acted_on=date(2025, 4, 1))
    older = record(team, acted_on=date(2025, 2, 1))
    record(team, status=Deviation.Status.INTENDED)
    assert list(services.deviations_for_agenda(team.org, "sociaal DOMEIN ")) == [older, newer]
    assert list(services.deviations_for_agenda(team.other_org, TEAM)) == []
    login(team.neighbour)
    assert "Terugvordering" not in client.get(reverse("deviations:agenda")).content.decode()
    login(team.owner)
    page = client.get(reverse("deviations:agenda")).content.decode()
    assert page.count("Bespreken<span") == 2


def test_record_agenda_judgement_precedent_and_rule_owner_decision(client, team, login):
    login(team.professional)
    client.post(reverse("deviations:create"), post_data(team, status="voorgenomen"))
    deviation = Deviation.objects.get()
    client.post(reverse("deviations:advance", args=[deviation.pk]), {"version": deviation.version})
    deviation.refresh_from_db()
    assert deviation.status == Deviation.Status.DONE
    assert list(services.deviations_for_agenda(team.org, TEAM)) == [deviation]

    login(team.owner)
    url = reverse("deviations:deliberate", args=[deviation.pk])
    response = client.post(url, {**DELIBERATION, "conditions": ""})
    assert "Noem de voorwaarden" in response.content.decode()  # conditions are required with that outcome
    client.post(url, DELIBERATION)
    deviation.refresh_from_db()
    assert deviation.status == Deviation.Status.DISCUSSED
    assert deviation.deliberation.outcome == Deliberation.Outcome.CONDITIONS
    assert list(services.deviations_for_agenda(team.org, TEAM)) == []

    client.post(
        reverse("deviations:precedent_create", args=[deviation.pk]),
        {
            "summary": "Regeling in plaats van terugvordering bij schuldhulp",
            "values": ["menselijke maat"],
            "conditions": "Lopend schuldhulptraject",
            "tipping_point": "Zonder schuldhulptraject hadden we volledig teruggevorderd",
            "publish": "on",
        },
    )
    precedent = Precedent.objects.get()
    assert precedent.published and precedent.rule == team.rule and precedent.outcome == "onder voorwaarden"
    login(team.neighbour)  # published: organisation-wide, without the deviation behind it
    page = client.get(reverse("deviations:precedent", args=[precedent.pk])).content.decode()
    assert "Regeling in plaats van" in page and "oorspronkelijke afwijking" not in page
    assert (
        client.get(reverse("deviations:precedents"), {"waarde": "menselijke maat"})
        .content.decode()
        .count("Regeling in plaats van")
        == 1
    )
    assert (
        "Regeling in plaats van"
        not in client.get(reverse("deviations:precedents"), {"waarde": "gelijkheid"}).content.decode()
    )

    login(team.controller)  # the rule owner
    page = client.get(reverse("deviations:rule", args=[team.rule.pk])).content.decode()
    assert "Vraag altijd naar schuldhulp" in page and "Onderschreven onder voorwaarden" in page
    client.post(
        reverse("deviations:rule", args=[team.rule.pk]), {"decision": "hardheidsclausule", "explanation": "X"}
    )
    review = team.rule.reviews.get()
    assert review.deviations_counted == 1 and review.decided_by == team.controller

    login(team.owner)
    client.post(reverse("deviations:advance", args=[deviation.pk]), {"version": deviation.version})
    deviation.refresh_from_db()
    assert deviation.status == Deviation.Status.CLOSED


def test_an_unpublished_precedent_stays_within_the_team(client, team, login):
    deviation = record(team)
    services.deliberate(deviation, team.owner, DELIBERATION)
    precedent = services.make_precedent(
        deviation, team.owner, {"summary": "S", "tipping_point": "T"}, publish=False
    )
    url = reverse("deviations:precedent", args=[precedent.pk])
    login(team.neighbour)
    assert client.get(url).status_code == 404
    assert "S</a>" not in client.get(reverse("deviations:precedents")).content.decode()
    login(team.professional)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 403  # publishing is for the team lead
    login(team.owner)
    client.post(url)
    precedent.refresh_from_db()
    assert precedent.published
    login(team.other_controller)
    assert client.get(url).status_code == 404


def test_a_deviation_cannot_be_judged_twice_or_before_it_was_done(team):
    intended = record(team, status=Deviation.Status.INTENDED)
    with pytest.raises(services.ChangeRefused):
        services.deliberate(intended, team.owner, DELIBERATION)
    done = record(team)
    services.deliberate(done, team.owner, DELIBERATION)
    with pytest.raises(services.ChangeRefused):
        services.deliberate(done, team.owner, DELIBERATION)


def test_a_stale_status_change_is_refused(client, team, login):
    deviation = record(team, status=Deviation.Status.INTENDED)
    login(team.professional)
    client.post(reverse("deviations:advance", args=[deviation.pk]), {"version": deviation.version - 1 or 99})
    deviation.refresh_from_db()
    assert deviation.status == Deviation.Status.INTENDED


def test_an_accepted_risk_outside_appetite_is_marked(client, team, login):
    from risicokompas.risks.models import RiskAppetite

    risk = make_risk(team.org, "R07")  # 30% → kansklasse 2, € 1.000.000 → gevolgklasse 4: score 8
    RiskAppetite.objects.create(
        organisation=team.org, programme=TEAM, level="afkerig", statement="Geen", decided_on=date(2025, 1, 1)
    )
    deviation = record(team, accepted_risk=risk)
    login(team.professional)
    assert "buiten de risicobereidheid" in client.get(reverse("deviations:list")).content.decode()
    assert (
        "Buiten de risicobereidheid"
        in client.get(reverse("deviations:detail", args=[deviation.pk])).content.decode()
    )
    assert Risk.objects.count() == 1
