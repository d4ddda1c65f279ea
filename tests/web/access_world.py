# SPDX-License-Identifier: EUPL-1.2
"""The world the access walk runs in: two organisations with one object of every kind each.

Gemeente Aadorp has one person per role (the risico-eigenaar in team "Sociaal domein", the others in no
team) and a bystander medewerker; Gemeente Bedorp has one person who holds every role there, so whatever a
route lets a Bedorp member see of Aadorp is an isolation failure, never a role that happens to be missing.
Each organisation has a risk (owned by its risico-eigenaar), a measure, a capacity item, a separate group,
kengetallen, a snapshot, a signal, a conversation with an agenda item and an action, a rule, a deviation
with published moresprudentie, an event, a unit, a programme, a function and an API key; Aadorp is the
active member of a learning network with a meeting and a shared story. The network's coordinator belongs
to no organisation; a second coordinator runs only Bedorp's network.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from tests.fixtures import make_organisation, make_risk, make_user

TEAM = "Sociaal domein"
ROLES = ("medewerker", "risico-eigenaar", "controller", "bestuur", "lezer", "beheerder")


@dataclass
class OrgWorld:
    organisation: object
    users: dict[str, object] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)
    api_keys: dict[str, str] = field(default_factory=dict)  # a write key per role
    read_keys: dict[str, str] = field(default_factory=dict)  # a read key per role


@dataclass
class World:
    home: OrgWorld
    other: OrgWorld
    #: The Bedorp person who holds every role in Bedorp.
    outsider: object
    #: The coordinator of Aadorp's learning network (and of Bedorp's): a platform role, in no organisation.
    coordinator: object
    #: A coordinator of Bedorp's network only, in no organisation either.
    other_coordinator: object


def _objects_of(org, users: dict, controller, owner) -> dict[str, object]:
    from risicokompas.api import keys
    from risicokompas.calibration.models import Event
    from risicokompas.capacity.models import CapacityItem, IndicatorYear, SeparateRequirement
    from risicokompas.conversations.models import Action, AgendaItem, Conversation
    from risicokompas.deviations import services as deviation_services
    from risicokompas.deviations.models import Deliberation, Deviation, Mandate, Precedent, Rule
    from risicokompas.jobs.models import Job
    from risicokompas.organisations.models import Function, Programme, Unit
    from risicokompas.paragraph import freeze
    from risicokompas.risks import jobs as risk_jobs
    from risicokompas.risks.models import Measure
    from risicokompas.signals import services as signal_services

    owner_membership = owner.memberships.get(organisation=org)
    controller_membership = controller.memberships.get(organisation=org)
    risk = make_risk(org, "R01", programme=TEAM, owner=owner_membership)
    objects: dict[str, object] = {"risk": risk}
    objects["measure"] = Measure.objects.create(risk=risk, description="Extra toezicht")
    objects["capacity_item"] = CapacityItem.objects.create(
        organisation=org, name="Algemene reserve", amount=Decimal("5000000")
    )
    objects["separate"] = SeparateRequirement.objects.create(
        organisation=org, name="Grondexploitaties", amount=Decimal("250000")
    )
    IndicatorYear.objects.create(organisation=org, year=2025)
    objects["snapshot"] = freeze.freeze(
        org, controller, "Begroting 2026", "begroting", 2026, datetime.date(2025, 11, 1)
    )
    objects["signal"] = signal_services.file_signal(
        org,
        users["medewerker"],
        {
            "title": "Vervoerder Wmo gaat failliet",
            "threatens": "Vervoer naar dagbesteding",
            "cause": "Krappe marges",
            "consequence": "Noodcontract",
            "likelihood_class": 2,
            "impact_class": 3,
            "programme": TEAM,
        },
        anonymous=False,
    ).signal
    conversation = Conversation.objects.create(
        organisation=org,
        title="Teamdialoog",
        programme=TEAM,
        date=datetime.date(2026, 3, 1),
        organiser=controller,
    )
    objects["conversation"] = conversation
    objects["premortem"] = Conversation.objects.create(
        organisation=org,
        title="Pre-mortem nieuwe wijkteams",
        kind=Conversation.Kind.PREMORTEM,
        programme=TEAM,
        date=datetime.date(2026, 3, 2),
        organiser=controller,
    )
    objects["agenda_item"] = AgendaItem.objects.create(
        conversation=conversation, title=risk.name, risk=risk, kind=AgendaItem.Kind.REVIEW_DUE
    )
    objects["action"] = Action.objects.create(conversation=conversation, description="Contract nalopen")
    rule = Rule.objects.create(
        organisation=org,
        title="Terugvordering bij te laat gemelde inkomsten",
        purpose="Rechtmatige besteding",
        mandate=Mandate.TEAM_LEAD,
    )
    objects["rule"] = rule
    deviation = deviation_services.record_deviation(
        org,
        users["bystander"],
        TEAM,
        {
            "rule": rule,
            "status": Deviation.Status.DONE,
            "acted_on": datetime.date(2025, 3, 1),
            "situation": "Gezin met schulden",
            "why_letter_defeats_purpose": "De regel wil rechtmatigheid, niet armoede",
            "what_instead": "Betalingsregeling",
            "decided_by_level": Mandate.TEAM_LEAD,
        },
    )
    objects["deviation"] = deviation
    Deliberation.objects.create(
        deviation=deviation,
        outcome=Deliberation.Outcome.ENDORSED,
        lesson="Maatwerk werkt",
        recorded_by=controller,
    )
    objects["precedent"] = Precedent.objects.create(
        organisation=org,
        deviation=deviation,
        rule=rule,
        summary="Betalingsregeling bij schulden",
        outcome=Deliberation.Outcome.ENDORSED,
        tipping_point="Dreigende huisuitzetting",
        published=True,
    )
    event = Event.objects.create(
        organisation=org,
        date=datetime.date(2025, 6, 1),
        amount=Decimal("100000"),
        description="Faillissement",
    )
    event.risks.set([risk])
    objects["event"] = event
    objects["unit"] = Unit.objects.create(organisation=org, name="Team Zorg")
    objects["programme"] = Programme.objects.create(organisation=org, name=TEAM)
    objects["function"] = Function.objects.create(organisation=org, name="Beleidsadviseur")
    objects["person"] = users["bystander"].memberships.get(organisation=org)
    objects["job"] = Job.objects.create(
        organisation=org,
        user=controller,
        kind="paragraph.report",
        title="Paragraaf (PDF)",
        status=Job.Status.DONE,
        result_file=b"%PDF-1.4",
        result_name="paragraaf.pdf",
        result_content_type="application/pdf",
    )
    objects["import_check"] = Job.objects.create(
        organisation=org,
        user=controller,
        kind=risk_jobs.CHECK,
        title="Import controleren",
        status=Job.Status.DONE,
        input_file=b"code;risico\n",
        input_name="register.csv",
        result={"new": 0, "changed": 0, "unchanged": 0},
    )
    objects["api_key"] = keys.create_key(
        controller_membership, name="Koppeling", scope="read", created_by=controller
    ).key
    return objects


def build_world() -> World:
    from risicokompas.api import keys
    from risicokompas.network import services as network_services
    from risicokompas.network.models import Coordinator, Meeting, Participant

    home_org = make_organisation("Gemeente Aadorp")
    home = OrgWorld(home_org)
    for role in ROLES:
        home.users[role] = make_user(role, home_org, role, team=TEAM if role == "risico-eigenaar" else "")
    home.users["bystander"] = make_user("bystander", home_org, "medewerker")
    home.objects = _objects_of(home_org, home.users, home.users["controller"], home.users["risico-eigenaar"])

    other_org = make_organisation("Gemeente Bedorp")
    outsider = make_user("bedorp", other_org, "controller")
    membership = outsider.memberships.get()
    membership.extra_roles = [role for role in ROLES if role != "controller"]
    membership.save()
    other = OrgWorld(other_org)
    other.users = {role: outsider for role in ROLES}
    other.users["bystander"] = make_user("bedorp-bystander", other_org, "medewerker")
    other.objects = _objects_of(other_org, other.users, outsider, outsider)

    coordinator = Coordinator.objects.create(user=make_user("coordinator"))
    network = network_services.create_network(coordinator, {"name": "Leernetwerk Bedoeling"})
    member = network_services.accept(network_services.invite(network, home_org), home.users["controller"])
    network_services.name_participant(member, home.users["medewerker"], Participant.Role.CHANGE)
    home.objects["network"] = network
    home.objects["network_member"] = member
    home.objects["meeting"] = Meeting.objects.create(
        network=network,
        title="Bijeenkomst",
        starts_at=datetime.datetime(2026, 3, 5, 13, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 3, 5, 16, tzinfo=datetime.UTC),
    )
    content = network_services.ShareContent(
        kind="verhaal", title="Luisteren", body="Elke maand.", source="MT"
    )
    home.objects["story"] = network_services.share(
        member, home.users["controller"], content, network_services.share_digest(content)
    )
    # Aadorp's network is open for applications and Bedorp has applied (only the coordinator sees it).
    network.open_for_applications = True
    network.save(update_fields=["open_for_applications"])
    home.objects["network_application"] = network_services.apply(network, other_org, outsider, "Meedoen")
    # Bedorp's own network (without Aadorp), so a Bedorp member has network objects of its own.
    other_network = network_services.create_network(coordinator, {"name": "Netwerk Oost"})
    other_member = network_services.accept(network_services.invite(other_network, other_org), outsider)
    other_coordinator = Coordinator.objects.create(user=make_user("coordinator-oost"))
    other_network.coordinators.add(other_coordinator)
    other.objects["network"] = other_network
    other.objects["network_member"] = other_member
    other.objects["meeting"] = Meeting.objects.create(
        network=other_network,
        title="Oost",
        starts_at=datetime.datetime(2026, 3, 5, 13, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 3, 5, 16, tzinfo=datetime.UTC),
    )
    other.objects["story"] = network_services.share(
        other_member, outsider, content, network_services.share_digest(content)
    )
    other_network.open_for_applications = True
    other_network.save(update_fields=["open_for_applications"])
    other.objects["network_application"] = network_services.apply(
        other_network, home_org, home.users["controller"], "Meedoen"
    )

    for role in ROLES:
        membership = home.users[role].memberships.get()
        home.api_keys[role] = keys.create_key(
            membership, name=f"walk-{role}", scope="write", created_by=home.users[role]
        ).plaintext
        home.read_keys[role] = keys.create_key(
            membership, name=f"walk-{role}-lezen", scope="read", created_by=home.users[role]
        ).plaintext
    other_key = keys.create_key(
        membership=outsider.memberships.get(), name="walk", scope="write", created_by=outsider
    )
    other.api_keys = {role: other_key.plaintext for role in ROLES}
    return World(
        home=home,
        other=other,
        outsider=outsider,
        coordinator=coordinator.user,
        other_coordinator=other_coordinator.user,
    )
