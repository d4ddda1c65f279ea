# SPDX-License-Identifier: EUPL-1.2
"""Helpers shared by several web test modules: a varied register, and a deviations team with its rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.fixtures import make_risk, make_user

from risicokompas.deviations import services
from risicokompas.deviations.models import Deviation, Mandate, Rule
from risicokompas.risks.models import Risk


def make_varied_register(organisation):
    """Every shape, a structural risk with years, an excluded one, groups, notes, awkward text and cents."""
    make_risk(organisation, "R01", name="Vaste claim", shape="vast", impact_max=Decimal("250000.55"))
    make_risk(
        organisation,
        "R02",
        name='Grondexploitatie "De Brink", fase 2',
        shape="uniform",
        impact_min=Decimal("10000.10"),
        impact_max=Decimal("1250000.99"),
        group="grex",
        notes={"Toelichting controller": "Zie memo; 'voorlopig', \"concept\""},
    )
    make_risk(
        organisation,
        "R03",
        name="Jeugdzorg – open einde",
        shape="driehoek",
        probability=Decimal("0.12345"),
        impact_min=Decimal("100000"),
        impact_mode=Decimal("300000.01"),
        impact_max=Decimal("900000"),
        nature=Risk.Nature.STRUCTURAL,
        years=3,
        group="grex",
    )
    make_risk(
        organisation,
        "R04",
        name="Cyberaanval",
        shape="pert",
        impact_min=Decimal("0"),
        impact_mode=Decimal("50000"),
        impact_max=Decimal("400000"),
        description="Regel één;\nregel twee, met komma",
        owner_label="Team ICT",
        measures_text="Back-ups; pentest",
        programme="Bedrijfsvoering",
    )
    make_risk(
        organisation,
        "R05",
        name="Rechtszaak",
        shape="lognormaal",
        impact_mode=Decimal("80000"),
        impact_max=Decimal("300000"),
    )
    make_risk(organisation, "R06", name="Brand gemeentehuis", excluded=True, impact_max=Decimal("5000000"))
    make_risk(organisation, "R07", name='=HYPERLINK("http://x","klik")', probability=Decimal("1"))
    make_risk(organisation, "R08", name="Standaardverdeling met minimum", impact_min=Decimal("1000.50"))


# --- deviations ---

TEAM = "Sociaal domein"


def make_rule(organisation, title="Terugvordering bij te laat gemelde inkomsten", **fields) -> Rule:
    values = {"purpose": "Gelijke behandeling en rechtmatige besteding", "mandate": Mandate.TEAM_LEAD}
    values.update(fields)
    return Rule.objects.create(organisation=organisation, title=title, **values)


def record(cast, user=None, level=Mandate.TEAM_LEAD, status=Deviation.Status.DONE, **changes) -> Deviation:
    user = user or cast.professional
    values = {
        "rule": cast.rule,
        "status": status,
        "acted_on": date(2025, 3, 1),
        "situation": "Gezin met schulden, terugvordering zou huisuitzetting veroorzaken",
        "why_letter_defeats_purpose": "De regel wil rechtmatigheid, niet armoede",
        "what_instead": "Betalingsregeling over 24 maanden",
        "decided_by_level": level,
        **changes,
    }
    return services.record_deviation(cast.org, user, cast.membership(user).team, values)


def post_data(cast, **changes) -> dict:
    data = {
        "action": "save",
        "rule": str(cast.rule.pk),
        "status": "uitgevoerd",
        "acted_on": "2025-03-01",
        "situation": "Inwoner kon door ziekte niet op tijd melden",
        "why_letter_defeats_purpose": "Een boete treft hier iemand die niets verweten kan worden",
        "what_instead": "Geen boete, wel terugvordering",
        "alternatives": "Boete halveren",
        "decided_by_level": str(Mandate.TEAM_LEAD),
        "decided_by_name": "teamleider",
        "accepted_risk_text": "Kans op een bevinding van de accountant",
        "accepted_risk": "",
        "financial_effect": "€ 1.250",
    }
    data.update(changes)
    return data


DELIBERATION = {
    "case": "Terugvordering bij een gezin in de schuldhulp",
    "stake": "Bestaanszekerheid van het gezin; rechtmatigheid voor de gemeente",
    "values": ["rechtmatigheid", "menselijke maat"],
    "options": "Volledig terugvorderen, regeling, afzien",
    "judgement": "Wij treffen een regeling omdat … ondanks …",
    "damage_limitation": "Afspraak met schuldhulp",
    "outcome": "onder voorwaarden",
    "conditions": "Alleen bij een lopend schuldhulptraject",
    "lesson": "Vraag altijd naar schuldhulp",
}


def make_team(cast):
    """A professional in the risk owner's team (the owner is its team lead) and one in another team."""
    cast.professional = make_user("professional", cast.org, "medewerker", team=TEAM)
    cast.neighbour = make_user("buurteam", cast.org, "medewerker", team="Ruimte")
    cast.bestuur = make_user("bestuur", cast.org, "bestuur")
    for user in (cast.controller, cast.owner, cast.bestuur, cast.professional):
        user.email = f"{user.username}@example.org"
        user.save()
    cast.rule = make_rule(cast.org, mandate=Mandate.TEAM_LEAD, owner=cast.membership(cast.controller))
    return cast
