# SPDX-License-Identifier: EUPL-1.2
"""``manage.py announce_signals``: mail the triagers about the anonymous signals filed since the last run.

Meant for cron, with ``send_reminders`` (see docs/deployment.md). A named signal is announced the moment it
is filed; an anonymous one waits for this run, so the time of its mail does not point at its reporter.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from risicokompas.signals import notifications


class Command(BaseCommand):
    help = "Mailt de behandelaars over de anonieme meldingen die sinds de vorige keer zijn binnengekomen."

    def handle(self, *args, **options) -> None:
        count = notifications.announce_pending(settings.RISICOKOMPAS_BASE_URL)
        self.stdout.write(f"{count} anonieme melding(en) aangekondigd.")
