# SPDX-License-Identifier: EUPL-1.2
"""Starting, running and retrying jobs.

With Redis (REDIS_URL) a job is handed to the Celery worker once the transaction that created it commits;
without it (``CELERY_TASK_ALWAYS_EAGER``, the development default) it runs at once in this process, so
``make run`` needs no worker. Either way the page of the job shows how it went.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from risicokompas.jobs import progress
from risicokompas.jobs.models import Job
from risicokompas.jobs.registry import JobFailed, function_for

logger = logging.getLogger(__name__)

ACTIVE = (Job.Status.QUEUED, Job.Status.RUNNING)


def input_key(kind: str, params: dict, input_file: bytes | None = None) -> str:
    content = json.dumps({"kind": kind, "params": params}, sort_keys=True, default=str)
    digest = hashlib.sha256(content.encode())
    if input_file is not None:
        digest.update(hashlib.sha256(input_file).digest())
    return digest.hexdigest()


def start(
    kind: str,
    *,
    organisation,
    user,
    title: str,
    params: dict | None = None,
    input_file: bytes | None = None,
    input_name: str = "",
) -> Job:
    """A job for this work: the same user's waiting or running job with the same inputs, or a new one."""
    function_for(kind)  # an unknown kind is a programming error: fail before anything is stored
    params = params or {}
    key = input_key(kind, params, input_file)
    existing = (
        Job.objects.filter(organisation=organisation, user=user, input_key=key, status__in=ACTIVE)
        .order_by("-pk")
        .first()
    )
    if existing is not None:
        return existing
    job = Job.objects.create(
        organisation=organisation,
        user=user,
        kind=kind,
        title=title,
        params=params,
        input_key=key,
        input_file=input_file,
        input_name=input_name,
    )
    enqueue(job)
    return job


def enqueue(job: Job) -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        run(job.pk)
        job.refresh_from_db()
        return
    from risicokompas.jobs.tasks import run_job

    transaction.on_commit(lambda: run_job.delay(job.pk))


def retry(job: Job) -> bool:
    """Run a failed job again with the same inputs; False when it has not failed."""
    updated = Job.objects.filter(pk=job.pk, status=Job.Status.FAILED).update(
        status=Job.Status.QUEUED, progress=0, message="", result={}, finished_at=None
    )
    if not updated:
        return False
    job.refresh_from_db()
    enqueue(job)
    return True


def run(job_id: int) -> None:
    """Do job ``job_id`` (in the worker, or in-process); every outcome ends up on the job's row."""
    now = timezone.now()
    stale_before = now - datetime.timedelta(minutes=settings.JOBS_STALE_MINUTES)
    # Claim the job: waiting, or left running by a worker that died. A message delivered twice (the
    # sweeper and the broker both handing it out) finds it claimed, running or done, and does nothing.
    claimed = (
        Job.objects.filter(pk=job_id)
        .filter(Q(status=Job.Status.QUEUED) | Q(status=Job.Status.RUNNING, started_at__lt=stale_before))
        .update(status=Job.Status.RUNNING, started_at=now, attempts=F("attempts") + 1, progress=0, message="")
    )
    if not claimed:
        return  # removed meanwhile, being done by another worker, or done
    job = Job.objects.get(pk=job_id)
    try:
        outcome = function_for(job.kind)(job, progress.Progress(job.pk))
    except JobFailed as failure:
        _finish_failed(job, failure.message)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish_failed(
            job,
            _(
                "Er ging iets mis bij het uitvoeren van deze taak. Er is niets half opgeslagen. Probeer het "
                "opnieuw; blijft het misgaan, neem dan contact op met de beheerder."
            ),
        )
    else:
        kept = {} if outcome.keep_input else {"input_file": None}  # done: the uploaded file is not kept
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.DONE,
            progress=100,
            message=outcome.message,
            result=outcome.data,
            result_file=outcome.file,
            result_name=outcome.filename if outcome.file is not None else "",
            result_content_type=outcome.content_type if outcome.file is not None else "",
            finished_at=timezone.now(),
            **kept,
        )
    finally:
        progress.forget(job_id)


def _finish_failed(job: Job, message: str) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.FAILED,
        message=message,
        result_file=None,
        result_name="",
        finished_at=timezone.now(),
    )


def run_periodic(kind: str, title: str) -> Job:
    """A scheduled job (celery beat) without an organisation or user, run at once in the worker."""
    job = Job.objects.create(kind=kind, title=title, input_key=input_key(kind, {}))
    run(job.pk)
    job.refresh_from_db()
    return job


# --- the sweeper: jobs whose worker died, messages that got lost, old jobs ------------------------------


@dataclass(frozen=True)
class Swept:
    """What one sweep did."""

    requeued: int  # running too long (the worker died) with attempts left, or queued and never picked up
    failed: int  # running too long with no attempts left
    pruned: int  # finished longer ago than the retention period, removed with their files


def sweep(now: datetime.datetime | None = None) -> Swept:
    """Recover jobs a dead worker left behind and remove finished jobs past their retention.

    A job ``RUNNING`` for longer than ``JOBS_STALE_MINUTES`` lost its worker (a killed process, a machine
    that went away): it is run again while it has attempts left (``JOBS_MAX_ATTEMPTS``; jobs are idempotent,
    so a second run of work that did finish changes nothing) and otherwise fails with a reason. A job
    ``QUEUED`` for that long lost its message (a broker restart) and is handed to the worker again. Finished
    jobs older than ``JOBS_RETENTION_DAYS`` are removed with their input and result files.
    """
    now = now or timezone.now()
    stale_before = now - datetime.timedelta(minutes=settings.JOBS_STALE_MINUTES)
    requeued = failed = 0
    stale = Job.objects.filter(status=Job.Status.RUNNING, started_at__lt=stale_before)
    for job in stale.order_by("pk"):
        if job.attempts >= settings.JOBS_MAX_ATTEMPTS:
            failed += Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
                status=Job.Status.FAILED,
                message=_(
                    "De verwerking van deze taak stopte onverwacht, %(attempts)d keer. Er is niets half "
                    "opgeslagen. Probeer het opnieuw; blijft het misgaan, neem dan contact op met de beheerder."
                )
                % {"attempts": job.attempts},
                result_file=None,
                result_name="",
                finished_at=now,
            )
            continue
        if Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
            status=Job.Status.QUEUED, progress=0
        ):
            requeued += 1
            logger.warning("job %s (%s) was running since %s: queued again", job.pk, job.kind, job.started_at)
            enqueue(job)
    if not settings.CELERY_TASK_ALWAYS_EAGER:  # in-process jobs never wait in a queue
        lost = Job.objects.filter(status=Job.Status.QUEUED, created_at__lt=stale_before).exclude(
            started_at__gte=stale_before
        )
        for job in lost.order_by("pk"):
            requeued += 1
            logger.warning(
                "job %s (%s) waited since %s: handed to the worker again", job.pk, job.kind, job.created_at
            )
            enqueue(job)
    keep_after = now - datetime.timedelta(days=settings.JOBS_RETENTION_DAYS)
    pruned, _by_model = Job.objects.filter(
        status__in=(Job.Status.DONE, Job.Status.FAILED), finished_at__lt=keep_after
    ).delete()
    return Swept(requeued=requeued, failed=failed, pruned=pruned)
