# SPDX-License-Identifier: EUPL-1.2
"""``manage.py send_reminders``: mail each risk owner their open risks whose review date has passed.

Meant for cron, once a day (see the README): at most one mail per owner per day, however often it runs.
``--dry-run`` prints the mails it would send and sends and records nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from risicokompas.risks import reminders


class Command(BaseCommand):
    help = (
        "Mailt elke risico-eigenaar de open risico's waarvan de datum voor herbeoordeling verstreken is: "
        "hoogstens één mail per eigenaar per dag, ook als het commando vaker draait (voor cron)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="toon welke mails verstuurd zouden worden; verstuur niets"
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        run = reminders.send_reminders(
            timezone.localdate(), base_url=settings.RISICOKOMPAS_BASE_URL, dry_run=dry_run
        )
        if dry_run:
            for reminder in run.sent:
                self.stdout.write(
                    f"Aan: {reminder.recipient}\nOnderwerp: {reminder.subject}\n\n{reminder.body}\n"
                )
                self.stdout.write("-" * 72)
            summary = "Proefdraai: %d mail(s) niet verstuurd; %d eigenaar/eigenaren vandaag al herinnerd."
        else:
            summary = "%d mail(s) verstuurd; %d eigenaar/eigenaren vandaag al herinnerd."
        self.stdout.write(summary % (len(run.sent), run.already_reminded))
        if run.failed:
            raise CommandError(
                f"{run.failed} mail(s) konden niet worden verstuurd; zie het log. Probeer later opnieuw."
            )
