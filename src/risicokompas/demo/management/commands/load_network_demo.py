# SPDX-License-Identifier: EUPL-1.2
"""``manage.py load_network_demo``: a demo learning network on top of ``load_demo``.

Makes the coordinator user ``coordinator`` (demo password) and the network "Leernetwerk Leiderschap en de
Bedoeling" with Voorbeeldrecht, Anderdorp and the five gemeenten of ``demo.network_members`` as active
members (each with an adopted begroting and opted in to the benchmark, so it shows figures), their
participants, a meeting and a story. The names and texts are in ``data/netwerk.toml``.
Run it after ``load_demo``; running it again rebuilds the network.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from risicokompas.capacity.models import CapacityItem, IndicatorYear
from risicokompas.demo.indicators import demo_budget_year, demo_indicator_rows
from risicokompas.demo.management.commands.load_demo import ANDERDORP, DEMO_DOMAIN, DEMO_PASSWORD
from risicokompas.demo.network_members import MEMBERS, NETWORK, DemoMember, member_risks
from risicokompas.demo.register import DEMO_ORGANISATION
from risicokompas.network import services
from risicokompas.network.benchmark_data import SPECS
from risicokompas.network.models import BenchmarkOptIn, Coordinator, Meeting, Network, Participant
from risicokompas.organisations.models import Function, Membership, Organisation, Unit
from risicokompas.paragraph.freeze import freeze
from risicokompas.paragraph.models import Snapshot, SnapshotApproval
from risicokompas.risks.services import create_risk

NETWORK_NAME: str = NETWORK["name"]


class Command(BaseCommand):
    help = "Laadt een voorbeeld-leernetwerk met coördinator 'coordinator' (na load_demo)."

    def member_organisation(self, member: DemoMember, today: date) -> Organisation:
        """A demo member with its controller, register, reserve, kengetallen and an adopted begroting
        (made once: a second run finds them)."""
        User = get_user_model()
        organisation, created = Organisation.objects.get_or_create(
            name=member.name, defaults={"slug": slugify(member.name)}
        )
        user, _created = User.objects.get_or_create(username=member.username)
        user.first_name, user.last_name = member.full_name.split(" ", 1)
        user.email = f"{member.username}@{DEMO_DOMAIN}"
        user.set_password(DEMO_PASSWORD)
        user.save()
        unit, _created = Unit.objects.get_or_create(organisation=organisation, name=member.unit)
        Function.objects.get_or_create(organisation=organisation, name=member.function)
        Membership.objects.update_or_create(
            user=user,
            organisation=organisation,
            defaults={
                "role": Membership.Role.CONTROLLER,
                "unit": unit,
                "team": unit.name,
                "function": member.function,
            },
        )
        if not created:
            return organisation
        for values in member_risks(member):
            create_risk(organisation, user, values, reason="Voorbeeldgegevens leernetwerk")
        CapacityItem.objects.create(
            organisation=organisation, name="Algemene reserve", amount=Decimal(member.reserve)
        )
        year = demo_budget_year(today)
        letters = demo_indicator_rows(year, year - 1)
        for row_year, kind, amounts in letters:
            if (row_year, kind) == (year, "begroting"):
                scaled = {
                    k: (v * Decimal(str(member.scale))).quantize(Decimal(1)) for k, v in amounts.items()
                }
                for per_household in (
                    "property_tax",
                    "sewage_charge",
                    "waste_charge",
                    "national_average_housing_costs",
                ):
                    scaled[per_household] = amounts[per_household]  # charges per household do not scale
                IndicatorYear.objects.create(organisation=organisation, year=row_year, kind=kind, **scaled)
        snapshot = freeze(organisation, user, f"Begroting {year}", Snapshot.Document.BUDGET, year, today)
        SnapshotApproval.objects.create(
            snapshot=snapshot, approved_by=user, decision_reference=f"Raadsbesluit begroting {year}"
        )
        return organisation

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        try:
            home = Organisation.objects.get(name=DEMO_ORGANISATION["name"])
            other = Organisation.objects.get(name=ANDERDORP)
        except Organisation.DoesNotExist:
            raise CommandError("Draai eerst `manage.py load_demo`.") from None
        given = NETWORK["coordinator"]
        user, _created = User.objects.get_or_create(username=given["username"])
        user.first_name, user.last_name = given["full_name"].split(" ", 1)
        user.email = f"{given['username']}@{DEMO_DOMAIN}"
        user.set_password(DEMO_PASSWORD)
        user.save()
        coordinator, _created = Coordinator.objects.get_or_create(
            user=user, defaults={"title": given["title"]}
        )
        Network.objects.filter(name=NETWORK_NAME).delete()
        today = timezone.localdate()
        network = services.create_network(
            coordinator,
            {
                "name": NETWORK_NAME,
                "description": NETWORK["description"],
                "starts_on": date(today.year, 1, 1),
                "ends_on": date(today.year + 1, 6, 30),
            },
        )
        members = {}
        joined = [(home, "controller"), (other, "controller-anderdorp")]
        joined += [(self.member_organisation(m, today), m.username) for m in MEMBERS]
        for organisation, controller in joined:
            member = services.invite(network, organisation)
            services.accept(member, User.objects.get(username=controller))
            members[organisation.pk] = member
            # Every member shares every benchmark figure (each can withdraw on the opt-in page).
            for spec in SPECS:
                BenchmarkOptIn.objects.get_or_create(
                    member=member,
                    indicator=spec.key,
                    defaults={"opted_in_by": User.objects.get(username=controller)},
                )
        home_data = NETWORK["voorbeeldrecht"]
        services.name_participant(
            members[home.pk], User.objects.get(username=home_data["secretary"]), Participant.Role.SECRETARY
        )
        assignment = services.assignment_of(members[home.pk])
        assignment.goal = home_data["goal"]
        assignment.approach = home_data["approach"]
        assignment.milestones = "\n".join(home_data["milestones"])
        assignment.obstacles = home_data["obstacles"]
        assignment.save()
        assignment.progress.create(
            month=today.replace(day=1), text=home_data["progress"], author=assignment.updated_by
        )
        meeting = NETWORK["meeting"]
        starts = time.fromisoformat(meeting["start"])
        start = timezone.make_aware(datetime.combine(today + timedelta(days=meeting["days_ahead"]), starts))
        Meeting.objects.create(
            network=network,
            title=meeting["title"],
            starts_at=start,
            ends_at=start + timedelta(hours=meeting["hours"]),
            place=meeting["place"],
            programme="\n".join(meeting["programme"]),
        )
        story = NETWORK["story"]
        content = services.ShareContent(
            kind=story["kind"], title=story["title"], body=story["body"], source=story["source"]
        )
        sharer = User.objects.get(username=story["shared_by"])
        services.share(members[home.pk], sharer, content, services.share_digest(content))
        self.stdout.write(
            f"Leernetwerk geladen: {NETWORK_NAME} met {len(joined)} gemeenten (coördinator 'coordinator', wachtwoord {DEMO_PASSWORD!r})."
        )
