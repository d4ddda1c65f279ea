# SPDX-License-Identifier: EUPL-1.2
"""The rule library, the rule owner's overview with the repeated-deviation threshold, risk appetite, the
rechtmatigheid export and the threshold setting, with the access rules of each view."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from tests.fixtures import make_risk, make_user
from tests.web.fixtures import DELIBERATION, TEAM, make_rule, make_team, post_data, record

from risicokompas.deviations import services
from risicokompas.deviations.models import Deviation, DeviationSettings, Mandate, Rule
from risicokompas.risks.models import RiskAppetite


@pytest.fixture
def team(cast):
    """A team with its lead, a neighbouring team, the bestuur and a rule (see ``make_team``)."""
    return make_team(cast)


def test_everyone_reads_the_rule_library_and_only_control_adds_rules(client, team, login):
    login(team.reader)
    assert "Terugvordering" in client.get(reverse("deviations:rules")).content.decode()
    assert client.get(reverse("deviations:rule", args=[team.rule.pk])).status_code == 200
    assert client.get(reverse("deviations:rule_create")).status_code == 403
    login(team.controller)
    response = client.post(
        reverse("deviations:rule_create"),
        {
            "title": "Protocol huisbezoek",
            "kind": "protocol",
            "purpose": "Veiligheid van medewerkers",
            "mandate": str(Mandate.MANAGER),
            "owner": str(team.membership(team.owner).pk),
            "risks": [str(make_risk(team.org).pk)],
            "active": "on",
        },
    )
    rule = Rule.objects.get(title="Protocol huisbezoek")
    assert response.status_code == 302 and rule.organisation == team.org and rule.risks.count() == 1
    login(team.owner)  # the rule owner may change their own rule
    assert client.get(reverse("deviations:rule_edit", args=[rule.pk])).status_code == 200
    assert client.get(reverse("deviations:rule_edit", args=[team.rule.pk])).status_code == 403


@pytest.mark.parametrize("name", ["rule", "rule_edit"])
def test_another_organisations_rule_is_a_404(client, team, login, name):
    login(team.other_controller)
    assert client.get(reverse(f"deviations:{name}", args=[team.rule.pk])).status_code == 404


def test_the_rule_overview_is_for_its_owner_and_managers_and_names_nobody(client, team, login):
    deviation = record(team)
    services.deliberate(deviation, team.owner, DELIBERATION)
    url = reverse("deviations:rule", args=[team.rule.pk])
    login(team.professional)
    page = client.get(url).content.decode()
    assert "Hoe vaak" not in page
    assert client.post(url, {"decision": "handhaven", "explanation": "x"}).status_code == 403
    login(team.controller)  # the rule owner
    page = client.get(url).content.decode()
    assert "Hoe vaak" in page and "Menselijke maat" in page
    assert "professional" not in page  # counts, values and lessons: never who


def test_the_threshold_asks_the_rule_owner_for_a_decision_once_and_again_after_it(client, team, login):
    settings = DeviationSettings.for_organisation(team.org)
    assert (settings.threshold, settings.window_months) == (3, 12)
    login(team.professional)
    for _ in range(2):
        client.post(reverse("deviations:create"), post_data(team))
    assert not services.rule_overview(team.rule).needs_decision
    assert mail.outbox == []
    client.post(reverse("deviations:create"), post_data(team))
    assert services.rule_overview(team.rule).needs_decision
    assert [m.to for m in mail.outbox] == [["controller@example.org"]]  # the rule owner, once
    login(team.controller)
    url = reverse("deviations:rule", args=[team.rule.pk])
    assert "Beslissing gevraagd" in client.get(url).content.decode()
    client.post(url, {"decision": "herschrijven", "explanation": "De regel past niet bij schuldhulp"})
    assert team.rule.reviews.get().deviations_counted == 3
    assert "Beslissing gevraagd" not in client.get(url).content.decode()
    for _ in range(3):
        record(team)
    assert services.rule_overview(team.rule).needs_decision  # set aside three times again since


def test_deviations_outside_the_window_do_not_count(team):
    for _ in range(3):
        record(team)
    Deviation.objects.update(created_at=timezone.now() - timedelta(days=400))
    overview = services.rule_overview(team.rule)
    assert overview.count == 0 and not overview.needs_decision


def test_control_sets_the_threshold_others_may_not(client, team, login):
    login(team.professional)
    assert client.get(reverse("deviations:settings")).status_code == 403
    login(team.controller)
    client.post(reverse("deviations:settings"), {"threshold": "2", "window_months": "6"})
    assert DeviationSettings.for_organisation(team.org).threshold == 2
    assert DeviationSettings.for_organisation(team.other_org).threshold == 3


# --- risk appetite --------------------------------------------------------------------------------------


def test_the_bestuur_sets_appetite_and_risks_above_it_are_marked(client, team, login):
    make_risk(team.org, "R01", probability="0.8", impact_max="2000000")  # 5 × 5 = 25
    make_risk(team.org, "R02", probability="0.05", impact_max="10000")  # 1 × 1 = 1
    make_risk(team.other_org, "R03", probability="0.8", impact_max="2000000")
    url = reverse("risks:appetite")
    data = {"programme": TEAM, "level": "voorzichtig", "statement": "Zorg eerst", "decided_on": "2025-01-15"}
    login(team.controller)
    assert client.post(url, data).status_code == 403
    login(team.bestuur)
    client.post(url, data)
    appetite = RiskAppetite.objects.get()
    assert (appetite.max_score, appetite.set_by) == (9, team.bestuur)
    client.post(url, {**data, "level": "gretig"})  # a new decision replaces the old one
    assert RiskAppetite.objects.get().level == "gretig"
    client.post(url, {**data, "level": "afkerig"})
    login(team.reader)
    page = client.get(url).content.decode()
    assert "R01 Risico R01" in page and "R02 Risico R02" not in page and "R03" not in page
    assert "buiten de risicobereidheid" in page and "score 25" in page


# --- export ---------------------------------------------------------------------------------------------


def test_the_rechtmatigheid_export_lists_deviations_with_financial_effect_neutralised(client, team, login):
    from decimal import Decimal

    record(team, financial_effect=Decimal("1250"), situation='=HYPERLINK("x")')
    record(team)  # no financial effect: not in the export
    other = make_rule(team.other_org)
    Deviation.objects.create(
        organisation=team.other_org,
        rule=other,
        situation="Bedorp",
        why_letter_defeats_purpose="x",
        what_instead="y",
        acted_on=date(2025, 1, 1),
        financial_effect=Decimal("5"),
    )
    url = reverse("deviations:export")
    for user in (team.professional, team.owner, team.reader):
        login(user)
        assert client.get(url).status_code == 403
    login(team.controller)
    response = client.get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][1] == team.rule.title and rows[1][2] == TEAM and rows[1][4] == 1250
    assert rows[1][3] == '\'=HYPERLINK("x")'
    assert "professional" not in str(rows)


def test_other_organisations_users_see_no_precedents_or_appetite(client, team, login):
    deviation = record(team)
    services.deliberate(deviation, team.owner, DELIBERATION)
    precedent = services.make_precedent(
        deviation, team.owner, {"summary": "Aadorp-les", "tipping_point": "T"}, publish=True
    )
    RiskAppetite.objects.create(
        organisation=team.org,
        programme="Aadorp-programma",
        level="open",
        statement="s",
        decided_on=date(2025, 1, 1),
    )
    login(team.other_controller)
    assert client.get(reverse("deviations:precedent", args=[precedent.pk])).status_code == 404
    assert "Aadorp-les" not in client.get(reverse("deviations:precedents")).content.decode()
    assert "Aadorp-programma" not in client.get(reverse("risks:appetite")).content.decode()
    assert "Terugvordering" not in client.get(reverse("deviations:rules")).content.decode()


def test_a_member_without_a_team_sees_only_their_own_deviations(client, team, login):
    mine = record(team, user=team.employee)
    assert mine.team == ""
    login(team.employee)
    assert client.get(reverse("deviations:detail", args=[mine.pk])).status_code == 200
    login(make_user("nog-een", team.org, "medewerker"))
    assert client.get(reverse("deviations:detail", args=[mine.pk])).status_code == 404
