# SPDX-License-Identifier: EUPL-1.2
"""``manage.py generate_national``: a synthetic national dataset for load tests and scale benchmarks.

``--organisations`` gemeenten (slugs ``nat-0001`` …), ``--risks`` open risks spread over them (sizes vary,
like real municipalities: a few large registers, many small ones), ``--users`` accounts (``nat-u000001`` …;
per organisation one controller, one risico-eigenaar and one bestuur member first, the rest medewerker), per
organisation three capacity items, and per organisation and past year (``--years``) a few events
(calibration) and the begroting's snapshot, plus a handful of signals per organisation. Deterministic for a
given ``--seed``.

The snapshots are real ones: frozen inputs and the engine's result, so ``verify`` holds for each. A past
year's register is the current one with fewer risks (the further back, the fewer), computed by the same
``compute`` as a snapshot made on the web; they carry no period records (section 8), like snapshots made
before that section existed. ``--snapshot-years 0`` leaves them out (they take most of the time at
500.000 risks).

Fast: ``bulk_create`` in batches, one password hash for all accounts (``--password``), no history rows (this
is load, not a register anyone edited). Synthetic data only: never run it in an installation with real
data. ``--reset`` first removes an earlier national dataset (organisations ``nat-…`` and users ``nat-u…``).
"""

from __future__ import annotations

import dataclasses
import datetime
import random
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from risicokompas.calibration.models import Event
from risicokompas.capacity.models import CapacityItem
from risicokompas.organisations.models import Membership, Organisation
from risicokompas.paragraph import freeze as freezing
from risicokompas.paragraph.guard import allow_deleting_snapshots
from risicokompas.paragraph.models import Snapshot
from risicokompas.risks.models import Risk
from risicokompas.signals.models import Signal

PROGRAMMES = (
    "Bestuur en ondersteuning",
    "Veiligheid",
    "Verkeer, vervoer en waterstaat",
    "Economie",
    "Onderwijs",
    "Sport, cultuur en recreatie",
    "Sociaal domein",
    "Volksgezondheid en milieu",
    "Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing",
)
PROBABILITIES = ("0.05", "0.1", "0.2", "0.3", "0.5", "0.7", "0.9")
MAXIMA = (25, 50, 100, 250, 400, 800, 1_500, 4_000, 10_000)  # × € 1.000
BATCH = 5_000
SLUG_PREFIX = "nat-"
USER_PREFIX = "nat-u"
DEFAULT_PASSWORD = "landelijk-wachtwoord"


def spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` split over ``parts`` with lognormal weights (every part at least one when possible)."""
    if parts <= 0:
        return []
    weights = [rng.lognormvariate(0, 0.8) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [max(1 if total >= parts else 0, int(w * scale)) for w in weights]
    difference = total - sum(counts)
    index = 0
    while difference != 0:  # round to exactly ``total``, never below the minimum
        step = 1 if difference > 0 else -1
        if step > 0 or counts[index % parts] > 1:
            counts[index % parts] += step
            difference -= step
        index += 1
    return counts


class Command(BaseCommand):
    help = "Maak een synthetische landelijke dataset (organisaties, risico's, gebruikers, jaren) voor belastingtests."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organisations", type=int, default=400)
        parser.add_argument("--risks", type=int, default=50_000)
        parser.add_argument("--users", type=int, default=100_000)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument(
            "--snapshot-years",
            type=int,
            default=None,
            help="jaren met een momentopname van de begroting per organisatie (standaard: --years)",
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--password", default=DEFAULT_PASSWORD)
        parser.add_argument("--reset", action="store_true", help="verwijder eerst een eerdere landelijke set")

    def handle(self, *args, **options) -> None:
        organisations, risks, users, years = (
            options["organisations"],
            options["risks"],
            options["users"],
            options["years"],
        )
        snapshot_years = years if options["snapshot_years"] is None else options["snapshot_years"]
        if organisations < 1 or risks < 0 or users < 0 or years < 0 or snapshot_years < 0:
            raise CommandError("Aantallen moeten positief zijn (minstens één organisatie).")
        started = time.perf_counter()
        User = get_user_model()
        with transaction.atomic():
            if options["reset"]:
                allow_deleting_snapshots()  # synthetic organisations only, snapshots included
                Organisation.objects.filter(slug__startswith=SLUG_PREFIX).delete()
                User.objects.filter(username__startswith=USER_PREFIX).delete()
            elif Organisation.objects.filter(slug__startswith=SLUG_PREFIX).exists():
                raise CommandError("Er is al een landelijke dataset; gebruik --reset om hem te vervangen.")
            rng = random.Random(options["seed"])
            orgs = Organisation.objects.bulk_create(
                Organisation(name=f"Gemeente Landelijk {i:04d}", slug=f"{SLUG_PREFIX}{i:04d}")
                for i in range(1, organisations + 1)
            )
            self._risks(orgs, spread(risks, organisations, rng), rng)
            self._users(orgs, users, options["password"], rng)
            self._capacity_events_signals(orgs, years, rng)
            snapshots = self._snapshots(orgs, snapshot_years)
        self.stdout.write(
            f"Landelijke dataset: {organisations} organisaties, {risks} risico's, {users} gebruikers, "
            f"{years} jaren, {snapshots} momentopnamen in {time.perf_counter() - started:.1f} s."
        )

    def _risks(self, orgs: list[Organisation], counts: list[int], rng: random.Random) -> None:
        today = timezone.localdate()
        batch: list[Risk] = []
        for org, count in zip(orgs, counts, strict=True):
            for i in range(1, count + 1):
                batch.append(
                    Risk(
                        organisation=org,
                        code=f"R{i:05d}",
                        name=f"Risico {i} van {org.name}",
                        programme=rng.choice(PROGRAMMES),
                        probability=Decimal(rng.choice(PROBABILITIES)),
                        impact_max=Decimal(rng.choice(MAXIMA) * 1_000),
                        nature=rng.choice(("incidenteel",) * 4 + ("structureel",)),
                        review_date=today + datetime.timedelta(days=rng.randint(-60, 300)),
                    )
                )
                if len(batch) >= BATCH:
                    Risk.objects.bulk_create(batch)
                    batch = []
        Risk.objects.bulk_create(batch)

    def _users(self, orgs: list[Organisation], total: int, password: str, rng: random.Random) -> None:
        User = get_user_model()
        hashed = make_password(password)  # one hash for every account: hashing 100.000 would take hours
        leading = (Membership.Role.CONTROLLER, Membership.Role.RISK_OWNER, Membership.Role.BESTUUR)
        created = 0
        while created < total:
            size = min(BATCH, total - created)
            accounts = User.objects.bulk_create(
                User(username=f"{USER_PREFIX}{created + n + 1:06d}", password=hashed) for n in range(size)
            )
            memberships = []
            for n, user in enumerate(accounts, start=created):
                org = orgs[n % len(orgs)]
                rank = n // len(orgs)  # the first accounts of each organisation get the leading roles
                role = leading[rank] if rank < len(leading) else Membership.Role.MEDEWERKER
                memberships.append(
                    Membership(user=user, organisation=org, role=role, team=rng.choice(PROGRAMMES))
                )
            Membership.objects.bulk_create(memberships)
            created += size

    def _capacity_events_signals(self, orgs: list[Organisation], years: int, rng: random.Random) -> None:
        this_year = timezone.localdate().year
        now = timezone.now()
        CapacityItem.objects.bulk_create(
            CapacityItem(organisation=org, name=name, amount=Decimal(rng.randint(1, 40) * 1_000_000))
            for org in orgs
            for name in ("Algemene reserve", "Bestemmingsreserves (vrij besteedbaar)", "Post onvoorzien")
        )
        Event.objects.bulk_create(
            (
                Event(
                    organisation=org,
                    date=datetime.date(this_year - year, rng.randint(1, 12), rng.randint(1, 28)),
                    amount=Decimal(rng.choice(MAXIMA) * 1_000 // 2),
                    description=f"Gebeurtenis {n} in {this_year - year}",
                    programme=rng.choice(PROGRAMMES),
                    surprise=rng.random() < 0.3,
                )
                for org in orgs
                for year in range(1, years + 1)
                for n in range(1, 4)
            ),
            batch_size=BATCH,
        )
        Signal.objects.bulk_create(
            (
                Signal(
                    organisation=org,
                    title=f"Melding {n}",
                    programme=rng.choice(PROGRAMMES),
                    created_at=now - datetime.timedelta(days=rng.randint(0, 90)),
                    due_date=timezone.localdate() + datetime.timedelta(days=rng.randint(-10, 20)),
                )
                for org in orgs
                for n in range(1, 6)
            ),
            batch_size=BATCH,
        )

    def _snapshots(self, orgs: list[Organisation], years: int) -> int:
        """Per organisation and past year the begroting's snapshot; returns how many were made."""
        this_year = timezone.localdate().year
        batch: list[Snapshot] = []
        made = 0
        for org in orgs:
            current = freezing.frozen_inputs(org)
            texts = freezing.initial_texts(org)
            for back in range(1, years + 1):
                # Further back, fewer risks: keep 10 − back of every 10 (a different few each year).
                risks = tuple(risk for n, risk in enumerate(current.risks) if (n * 7 + back) % 10 >= back)
                codes = {risk.code for risk in risks}
                typed = dataclasses.replace(
                    current,
                    risks=risks,
                    unquantified=tuple(code for code in current.unquantified if code in codes),
                )
                inputs = freezing.stored_json(typed.to_dict())
                year = this_year - back + 1
                batch.append(
                    freezing.unsaved_snapshot(
                        org,
                        inputs,
                        freezing.compute(inputs),
                        title=f"Begroting {year}",
                        document=Snapshot.Document.BUDGET,
                        year=year,
                        reference_date=datetime.date(year - 1, 9, 15),
                        texts=texts,
                    )
                )
            if len(batch) >= 200:
                Snapshot.objects.bulk_create(batch)
                made += len(batch)
                batch = []
        Snapshot.objects.bulk_create(batch)
        return made + len(batch)
