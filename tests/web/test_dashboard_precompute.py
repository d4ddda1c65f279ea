# SPDX-License-Identifier: EUPL-1.2
"""With a worker, a change to the register has the dashboard computed in the background: the next visit
finds the simulation and the charts in the cache. Without a worker nothing is scheduled."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from tests.fixtures import make_risk

from risicokompas.dashboard import precompute
from risicokompas.jobs import services as jobs
from risicokompas.jobs.models import Job
from risicokompas.risks.services import update_risk


@pytest.fixture
def with_worker(settings, monkeypatch):
    """As with REDIS_URL: jobs are handed to a worker; here the test plays the worker."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.SIMULATION_CACHE_HEADER = True
    handed: list[int] = []
    monkeypatch.setattr(jobs, "enqueue", lambda job: handed.append(job.pk))
    return handed


def _change(risk, user, amount: int) -> None:
    update_risk(risk, user, {"impact_max": Decimal(amount)}, reason="nieuwe schatting")


def test_a_change_schedules_one_job_and_the_next_visit_is_a_cache_hit(
    cast, login, with_worker, django_capture_on_commit_callbacks
):
    risks = [
        make_risk(cast.org, f"R{i}", probability=Decimal("0.3"), impact_max=Decimal(500_000))
        for i in range(3)
    ]
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _change(risks[0], cast.controller, 750_000)
    with django_capture_on_commit_callbacks(execute=True):
        _change(risks[1], cast.controller, 650_000)  # the first job still waits: it will see this too

    queued = Job.objects.filter(kind=precompute.PRECOMPUTE)
    assert queued.count() == 1 and with_worker == [queued.get().pk]
    job = queued.get()
    assert job.organisation == cast.org and job.user is None

    jobs.run(job.pk)  # the worker
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message

    response = login(cast.controller).get(reverse("dashboard:home"))
    assert response.status_code == 200
    assert response["X-Simulation-Cache"].split(", ")[0] == "hit"


def test_a_change_while_the_job_runs_queues_a_new_one(cast, with_worker, django_capture_on_commit_callbacks):
    risk = make_risk(cast.org, "R1", probability=Decimal("0.3"), impact_max=Decimal(500_000))
    with django_capture_on_commit_callbacks(execute=True):
        _change(risk, cast.controller, 600_000)
    Job.objects.filter(kind=precompute.PRECOMPUTE).update(status=Job.Status.RUNNING)
    with django_capture_on_commit_callbacks(execute=True):
        _change(risk, cast.controller, 700_000)
    assert Job.objects.filter(kind=precompute.PRECOMPUTE).count() == 2


def test_without_a_worker_nothing_is_scheduled(cast, django_capture_on_commit_callbacks):
    risk = make_risk(cast.org, "R1", probability=Decimal("0.3"), impact_max=Decimal(500_000))
    with django_capture_on_commit_callbacks(execute=True):
        _change(risk, cast.controller, 600_000)
    assert not Job.objects.filter(kind=precompute.PRECOMPUTE).exists()
