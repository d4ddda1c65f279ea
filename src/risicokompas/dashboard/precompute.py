# SPDX-License-Identifier: EUPL-1.2
"""With a worker (REDIS_URL), a change to the register or the capacity has the dashboard computed in the
background right after it commits: the simulation and both charts land in the shared cache under the new
input hash, so whoever opens the dashboard next finds them there instead of waiting for them.

Without a worker nothing is scheduled: running the engine in the request that saved a risk would only move
the wait from the dashboard to the save. Changes while a job waits add nothing: that job will see them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from risicokompas.jobs import services as jobs
from risicokompas.jobs.models import Job
from risicokompas.jobs.registry import Outcome
from risicokompas.organisations.models import Organisation

PRECOMPUTE = "dashboard.precompute"


def schedule(organisation_id: int | None) -> None:
    """Compute this organisation's dashboard in the background once the current transaction commits."""
    if organisation_id is None or settings.CELERY_TASK_ALWAYS_EAGER:
        return

    def start() -> None:
        # A job still waiting will see this change when it runs: one is enough. A running one computes the
        # register as it was before, so then a new one is queued.
        waiting = Job.objects.filter(
            kind=PRECOMPUTE, organisation_id=organisation_id, status=Job.Status.QUEUED
        )
        organisation = Organisation.objects.filter(pk=organisation_id).first()
        if organisation is None or waiting.exists():
            return
        jobs.start(
            PRECOMPUTE,
            organisation=organisation,
            user=None,
            title=_("Dashboard vooruit berekenen"),
            params={"organisation": organisation_id, "after": timezone.now().isoformat()},
        )

    transaction.on_commit(start)


def precompute(job, progress) -> Outcome:
    """The dashboard of the job's organisation as it is now: simulation and charts into the cache."""
    from risicokompas.dashboard.compute import build_dashboard, charts_for_organisation

    dashboard = build_dashboard(job.organisation)
    charts_for_organisation(job.organisation)
    return Outcome(message=_("Berekend."), data={"key": dashboard.chart_key})


def on_risk_change(sender, instance, created, **kwargs) -> None:
    if created:
        schedule(instance.risk.organisation_id)


def on_organisation_record(sender, instance, **kwargs) -> None:
    schedule(getattr(instance, "organisation_id", None))
