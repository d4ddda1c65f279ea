# SPDX-License-Identifier: EUPL-1.2
"""``manage.py load_network_demo``: a demo learning network on top of ``load_demo``.

Makes the coordinator user ``coordinator`` (demo password) and the network "Leernetwerk Leiderschap en de
Bedoeling" with Voorbeeldrecht and Anderdorp as active members, their participants, a meeting and a story.
Run it after ``load_demo``; running it again rebuilds the network.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from risicokompas.demo.management.commands.load_demo import ANDERDORP, DEMO_PASSWORD
from risicokompas.demo.register import DEMO_ORGANISATION
from risicokompas.network import services
from risicokompas.network.models import Coordinator, Meeting, Network, Participant
from risicokompas.organisations.models import Organisation

NETWORK_NAME = "Leernetwerk Leiderschap en de Bedoeling"


class Command(BaseCommand):
    help = "Laadt een voorbeeld-leernetwerk met coördinator 'coordinator' (na load_demo)."

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        try:
            home = Organisation.objects.get(name=DEMO_ORGANISATION["name"])
            other = Organisation.objects.get(name=ANDERDORP)
        except Organisation.DoesNotExist:
            raise CommandError("Draai eerst `manage.py load_demo`.") from None
        user, _created = User.objects.get_or_create(username="coordinator")
        user.first_name, user.last_name = "Noor", "Netwerk"
        user.set_password(DEMO_PASSWORD)
        user.save()
        coordinator, _created = Coordinator.objects.get_or_create(
            user=user, defaults={"title": "Netwerkcoördinator"}
        )
        Network.objects.filter(name=NETWORK_NAME).delete()
        today = timezone.localdate()
        network = services.create_network(
            coordinator,
            {
                "name": NETWORK_NAME,
                "description": "Gemeenten leren samen hoe je afwijkt volgens de bedoeling en wat dat van "
                "leiderschap vraagt.",
                "starts_on": date(today.year, 1, 1),
                "ends_on": date(today.year + 1, 6, 30),
            },
        )
        members = {}
        for organisation, controller in ((home, "controller"), (other, "controller-anderdorp")):
            member = services.invite(network, organisation)
            services.accept(member, User.objects.get(username=controller))
            members[organisation.pk] = member
        services.name_participant(
            members[home.pk], User.objects.get(username="bestuur"), Participant.Role.SECRETARY
        )
        assignment = services.assignment_of(members[home.pk])
        assignment.goal = (
            "Medewerkers durven af te wijken als de regel het doel voorbijschiet, en leggen dat vast."
        )
        assignment.approach = "Teamgesprekken over afwijkingen; moresprudentie delen in het managementteam."
        assignment.milestones = "Q1: eerste tien afwijkingen besproken\nQ3: drie regels aangepast"
        assignment.obstacles = "Angst voor de accountant; tijd in de teams."
        assignment.save()
        assignment.progress.create(
            month=today.replace(day=1),
            text="Eerste twee teamgesprekken gehouden.",
            author=assignment.updated_by,
        )
        start = timezone.make_aware(datetime.combine(today + timedelta(days=21), time(13, 30)))
        Meeting.objects.create(
            network=network,
            title="Tweede netwerkbijeenkomst",
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            place="Stadhuis Voorbeeldrecht, Raadzaal",
            programme="Opening door de gemeentesecretaris van Voorbeeldrecht\n"
            "Casus: afwijken van de parkeerregels bij mantelzorg\nIntervisie in kleine groepen",
        )
        content = services.ShareContent(
            kind="verhaal",
            title="Hoe ons MT leerde luisteren naar afwijkingen",
            body="Elke maand bespreekt het MT één afwijking die een team heeft vastgelegd. "
            "Niet om te oordelen, maar om te leren wat de regel eigenlijk wil bereiken.",
            source="Ervaring Gemeente Voorbeeldrecht",
        )
        sharer = User.objects.get(username="controller")
        services.share(members[home.pk], sharer, content, services.share_digest(content))
        self.stdout.write(
            f"Leernetwerk geladen: {NETWORK_NAME} (coördinator 'coordinator', wachtwoord {DEMO_PASSWORD!r})."
        )
