# SPDX-License-Identifier: EUPL-1.2
"""The sweeper as a scheduled job (celery beat every 15 minutes; cron may run ``manage.py sweep_jobs``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from risicokompas.jobs import services
from risicokompas.jobs.registry import Outcome

SWEEP = "jobs.sweep"


def sweep_jobs(job, progress) -> Outcome:
    """Run again what a dead worker left, fail it after the last attempt, remove old finished jobs."""
    swept = services.sweep()
    return Outcome(
        message=_(
            "%(requeued)d taak/taken opnieuw gestart, %(failed)d afgebroken, %(pruned)d oude taak/taken opgeruimd."
        )
        % {"requeued": swept.requeued, "failed": swept.failed, "pruned": swept.pruned},
        data={"requeued": swept.requeued, "failed": swept.failed, "pruned": swept.pruned},
    )
