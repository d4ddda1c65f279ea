# SPDX-License-Identifier: EUPL-1.2
"""``manage.py sweep_jobs``: run again the background jobs a dead worker left, remove old finished jobs.

Celery beat runs the same every 15 minutes; without beat, run this from cron (see docs/deployment.md).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from risicokompas.jobs import services


class Command(BaseCommand):
    help = "Start achtergrondtaken van een gestopte verwerker opnieuw en ruimt oude afgeronde taken op."

    def handle(self, *args, **options) -> None:
        swept = services.sweep()
        self.stdout.write(
            f"{swept.requeued} opnieuw gestart, {swept.failed} afgebroken, {swept.pruned} opgeruimd."
        )
