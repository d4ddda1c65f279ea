# SPDX-License-Identifier: EUPL-1.2
"""The nightly recomputation of every learning network's benchmark and pooled calibration (celery beat;
cron may run ``manage.py recompute_benchmarks``).

Each page also publishes a new release when its rule allows; the job makes sure one is made when no one
looks, so the morning's first visitor reads a stored release instead of waiting for the collection.
Idempotent: a release is only stored when the members' values changed enough (the release rule).
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from risicokompas.jobs.registry import Outcome
from risicokompas.network import benchmark_data, pooled_calibration
from risicokompas.network.models import Network

RECOMPUTE = "network.recompute"


def recompute_all(today: datetime.date | None = None) -> tuple[int, int]:
    """Bring every network's releases up to date; (networks, releases made)."""
    today = today or timezone.localdate()
    networks = list(Network.objects.all())
    made = 0
    for network in networks:
        before = network.benchmark_releases.count() + network.calibration_releases.count()
        benchmark_data.released(network, today)
        pooled_calibration.current_release(network, pooled_calibration.contributions(network, today))
        made += network.benchmark_releases.count() + network.calibration_releases.count() - before
    return len(networks), made


def recompute_benchmarks(job, progress) -> Outcome:
    networks, made = recompute_all()
    return Outcome(
        message=_("%(networks)d leernetwerk(en) bijgewerkt, %(made)d nieuwe publicatie(s).")
        % {"networks": networks, "made": made},
        data={"networks": networks, "releases": made},
    )
