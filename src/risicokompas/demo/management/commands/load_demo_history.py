# SPDX-License-Identifier: EUPL-1.2
"""``manage.py load_demo_history``: five years (2021–2025) of history for Gemeente Voorbeeldrecht.

Per year an approved snapshot of the register (frozen with a peildatum in the autumn before, adopted by the
demo wethouder), and the events of that year from ``demo.history``: the risks that occurred with what they
cost, and the losses that were not in the register. The calibration page then has real figures.

Every year freezes the register as it stands now, so the five snapshots hold the same estimates; the events
are drawn by ``demo_history_rows`` and are deterministic. Events are stored as they happened in the past:
recording them does not set today's risks to "opgetreden". Idempotent: a year that already has its demo
snapshot is left alone. Run ``load_demo`` first.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from risicokompas.calibration.models import Event
from risicokompas.demo.history import DEMO_HISTORY_YEARS, demo_history_rows
from risicokompas.demo.register import DEMO_ORGANISATION
from risicokompas.organisations.models import Organisation
from risicokompas.paragraph.freeze import freeze
from risicokompas.paragraph.models import Snapshot, SnapshotApproval


def snapshot_title(year: int) -> str:
    return f"Begroting {year} (voorbeeldgeschiedenis)"


class Command(BaseCommand):
    help = (
        "Laad vijf jaar voorbeeldgeschiedenis (momentopnamen en gebeurtenissen) voor Gemeente Voorbeeldrecht."
    )

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        organisation = Organisation.objects.filter(name=DEMO_ORGANISATION["name"]).first()
        if organisation is None:
            raise CommandError(
                "Gemeente Voorbeeldrecht bestaat nog niet: voer eerst manage.py load_demo uit."
            )
        users = get_user_model().objects
        controller, bestuur = users.get(username="controller"), users.get(username="bestuur")
        rows = demo_history_rows()
        added = 0
        for year in DEMO_HISTORY_YEARS:
            if Snapshot.objects.filter(organisation=organisation, title=snapshot_title(year)).exists():
                continue
            snapshot = freeze(
                organisation,
                controller,
                snapshot_title(year),
                Snapshot.Document.BUDGET,
                year,
                date(year - 1, 11, 1),
            )
            SnapshotApproval.objects.create(
                snapshot=snapshot, approved_by=bestuur, decision_reference=f"Raadsbesluit begroting {year}"
            )
            in_register = {risk.code for risk in snapshot.frozen_inputs.risks}
            risks = {risk.code: risk for risk in organisation.risks.filter(code__in=in_register)}
            year_rows = [row for row in rows if row["jaar"] == year and row["opgetreden"] == "ja"]
            for number, row in enumerate(year_rows):
                surprise = row.get("kans") is None
                if not surprise and row["id"] not in risks:
                    continue  # closed or occurred today, so not in the frozen register
                event = Event.objects.create(
                    organisation=organisation,
                    date=date(year, 1 + (number * 5) % 12, 1 + (number * 7) % 28),
                    amount=Decimal(row["werkelijk_bedrag"]),
                    description=row["risico"] if surprise else f"{row['risico']}: opgetreden in {year}",
                    programme=row.get("programma") or "",
                    surprise=surprise,
                    recorded_by=controller,
                )
                if not surprise:
                    event.risks.set([risks[row["id"]]])
                added += 1
        self.stdout.write(f"Voorbeeldgeschiedenis geladen: {added} gebeurtenissen toegevoegd.")
