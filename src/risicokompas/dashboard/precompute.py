# SPDX-License-Identifier: EUPL-1.2
"""A change to the register or the capacity has the dashboard computed in the background right after it
commits: the simulation and both charts land in the cache under the new input hash, so whoever opens the
dashboard next finds them there instead of waiting for them.

With a worker (REDIS_URL) that is a job, and the result lands in the shared cache. Changes while a job
waits add nothing: that job will see them. Without a worker (``make run``, one process with its own cache)
it is a thread of the process that saved the change (``DASHBOARD_PRECOMPUTE_THREAD``), never the request
itself: running the engine in the request that saved a risk would only move the wait from the dashboard to
the save. One thread per organisation at a time; a change while it runs has it compute once more.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from risicokompas.jobs import services as jobs
from risicokompas.jobs.models import Job
from risicokompas.jobs.registry import Outcome
from risicokompas.organisations.models import Organisation

PRECOMPUTE = "dashboard.precompute"

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_running: set[int] = set()  # organisations whose dashboard a thread is computing
_again: set[int] = set()  # … and changed since that thread read the register


def schedule(organisation_id: int | None) -> None:
    """Compute this organisation's dashboard in the background once the current transaction commits."""
    if organisation_id is None:
        return
    if settings.CELERY_TASK_ALWAYS_EAGER:  # no worker: a thread of this process, when that is on
        if settings.DASHBOARD_PRECOMPUTE_THREAD:
            transaction.on_commit(lambda: start_thread(organisation_id))
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


def start_thread(organisation_id: int) -> threading.Thread | None:
    """Compute the organisation's dashboard in a thread of this process; None when one is running already
    (it then computes once more when it is done, as the register changed after it read it)."""
    with _lock:
        if organisation_id in _running:
            _again.add(organisation_id)
            return None
        _running.add(organisation_id)
    # Not a daemon: the process waits for it at exit. A daemon thread still inside NumPy/SciPy when a short
    # command (load_demo) ended aborted the interpreter ("terminate called without an active exception").
    thread = threading.Thread(
        target=_compute_in_thread, args=(organisation_id,), name=f"dashboard-{organisation_id}", daemon=False
    )
    thread.start()
    return thread


def _compute_in_thread(organisation_id: int) -> None:
    done = False
    try:
        while not done:
            try:
                organisation = Organisation.objects.filter(pk=organisation_id).first()
                if organisation is not None:
                    compute_dashboard(organisation)
            except Exception:  # the page computes what is missing itself; nothing is lost but time
                logger.exception(
                    "dashboard of organisation %s not computed in the background", organisation_id
                )
            with _lock:  # one decision: stop (and let the next change start a thread) or compute again
                done = organisation_id not in _again
                _again.discard(organisation_id)
                if done:
                    _running.discard(organisation_id)
    finally:
        if not done:  # ended otherwise: a later change must still be able to start a thread
            with _lock:
                _running.discard(organisation_id)
        connection.close()  # this thread's own database connection


def compute_dashboard(organisation: Organisation) -> str:
    """The organisation's dashboard as it is now, simulation and charts, into the cache; its chart key."""
    from risicokompas.dashboard.compute import build_dashboard, charts_for_organisation

    dashboard = build_dashboard(organisation)
    charts_for_organisation(organisation)
    return dashboard.chart_key


def precompute(job, progress) -> Outcome:
    """The job: ``compute_dashboard`` for the job's organisation."""
    return Outcome(message=_("Berekend."), data={"key": compute_dashboard(job.organisation)})


def on_risk_change(sender, instance, created, **kwargs) -> None:
    if created:
        schedule(instance.risk.organisation_id)


def on_organisation_record(sender, instance, **kwargs) -> None:
    schedule(getattr(instance, "organisation_id", None))
