# SPDX-License-Identifier: EUPL-1.2
"""``manage.py load_demo_history``: five years (2021–2025) of history for Gemeente Voorbeeldrecht.

Per year an approved snapshot of the register (frozen with a peildatum in the autumn before, adopted by the
demo wethouder), and the events of that year from ``demo.history``: the risks that occurred with what they
cost, and the losses that were not in the register. The calibration page then has real figures. Then both
editions of today's paragraph, adopted: the jaarstukken of the last history year and next year's begroting.

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
from django.utils import timezone

from risicokompas.calibration.models import Event
from risicokompas.demo.files import read_toml
from risicokompas.demo.history import DEMO_HISTORY_YEARS, demo_history_rows
from risicokompas.demo.register import DEMO_ORGANISATION
from risicokompas.organisations.models import Organisation
from risicokompas.paragraph.freeze import CARRIED_KEY, freeze
from risicokompas.paragraph.models import Snapshot, SnapshotApproval
from risicokompas.risks.models import Measure
from risicokompas.risks.services import save_measure, update_risk

_DATA = read_toml("geschiedenis.toml")


def demo_texts(document: str, year: int) -> dict[str, object]:
    """The controller's texts of the demo paragraphs (a real controller writes their own), from
    ``data/geschiedenis.toml``."""
    what = "de jaarstukken" if document == Snapshot.Document.ACCOUNTS else "de begroting"
    texts = _DATA["paragraph"]
    return {
        "beleid": texts["beleid"].format(stuk=what, jaar=year),
        "samenhang": texts["samenhang"],
        "voorbeelden": list(texts["voorbeelden"]),
    }


#: Measures the demo completes after the jaarstukken: one whose risk is re-estimated (its effect shows in
#: the begroting's section 8) and one whose risk is not (yet).
COMPLETED_MEASURES: tuple[tuple[str, str, bool], ...] = tuple(
    (item["risk"], item["description"], item["re_estimate"]) for item in _DATA["completed_measures"]
)


def complete_demo_measures(organisation, user) -> None:
    """Mark the demo's measures done, through the register's own services (with history), and re-estimate
    the risk where the demo says so: the probability becomes the measure's "kans na de maatregel"."""
    for code, description, re_estimate in COMPLETED_MEASURES:
        measure = Measure.objects.filter(
            risk__organisation=organisation,
            risk__code=code,
            description__startswith=description,
            status=Measure.Status.PLANNED,
        ).first()
        if measure is None:
            continue
        save_measure(measure.risk, user, {"status": Measure.Status.DONE}, measure=measure)
        if re_estimate and measure.probability_after is not None:
            update_risk(
                measure.risk,
                user,
                {"probability": measure.probability_after},
                reason=f"Herschat na de maatregel ‘{description}’",
            )


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
        self._current(organisation, controller, bestuur)
        self.stdout.write(f"Voorbeeldgeschiedenis geladen: {added} gebeurtenissen toegevoegd.")

    def _current(self, organisation, controller, bestuur) -> None:
        """Both editions of today's paragraph, approved: the jaarstukken of the last history year (what
        happened, expected next to realised, calibration) and the begroting of next year (the period's
        measures, conversations, signals and deviations)."""
        last = DEMO_HISTORY_YEARS[-1]
        today = timezone.localdate()
        for title, document, year, peildatum, decision in (
            (f"Jaarstukken {last}", Snapshot.Document.ACCOUNTS, last, date(last + 1, 4, 15), "jaarstukken"),
            (f"Begroting {today.year + 1}", Snapshot.Document.BUDGET, today.year + 1, today, "begroting"),
        ):
            if Snapshot.objects.filter(organisation=organisation, title=title).exists():
                continue
            if document == Snapshot.Document.BUDGET:
                complete_demo_measures(organisation, controller)
            snapshot = freeze(organisation, controller, title, document, year, peildatum)
            snapshot.texts = {**snapshot.texts, **demo_texts(document, year)}
            snapshot.texts.pop(CARRIED_KEY, None)
            snapshot.save(update_fields=["texts"])
            SnapshotApproval.objects.create(
                snapshot=snapshot, approved_by=bestuur, decision_reference=f"Raadsbesluit {decision} {year}"
            )
