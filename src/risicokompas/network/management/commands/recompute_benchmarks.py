# SPDX-License-Identifier: EUPL-1.2
"""``manage.py recompute_benchmarks``: bring every learning network's benchmark and pooled calibration up
to date (celery beat does it nightly; see docs/deployment.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from risicokompas.network.jobs import recompute_all


class Command(BaseCommand):
    help = "Werkt de benchmark en de gezamenlijke kalibratie van alle leernetwerken bij."

    def handle(self, *args, **options) -> None:
        networks, made = recompute_all()
        self.stdout.write(f"{networks} leernetwerk(en) bijgewerkt, {made} nieuwe publicatie(s).")
