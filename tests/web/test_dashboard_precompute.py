# SPDX-License-Identifier: EUPL-1.2
"""A change to the register has the dashboard computed in the background, so the next visit finds the
simulation and the charts in the cache: with a worker as a job, without one in a thread of the process
(``DASHBOARD_PRECOMPUTE_THREAD``, off in the test environment unless a test switches it on)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

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


def test_without_a_worker_nothing_is_scheduled(cast, django_capture_on_commit_callbacks, monkeypatch):
    def no_thread(organisation_id):
        raise AssertionError("no thread in the test environment unless switched on")

    monkeypatch.setattr(precompute, "start_thread", no_thread)
    risk = make_risk(cast.org, "R1", probability=Decimal("0.3"), impact_max=Decimal(500_000))
    with django_capture_on_commit_callbacks(execute=True):
        _change(risk, cast.controller, 600_000)
    assert not Job.objects.filter(kind=precompute.PRECOMPUTE).exists()


@pytest.mark.django_db(transaction=True)  # the thread reads with its own connection: the change is committed
def test_without_a_worker_a_thread_computes_the_dashboard_after_the_change(
    cast, login, settings, monkeypatch
):
    settings.DASHBOARD_PRECOMPUTE_THREAD = True
    settings.SIMULATION_CACHE_HEADER = True
    threads = []
    start = precompute.start_thread
    monkeypatch.setattr(precompute, "start_thread", lambda pk: threads.append(start(pk)))
    risk = make_risk(cast.org, "R1", probability=Decimal("0.3"), impact_max=Decimal(500_000))
    make_risk(cast.org, "R2", probability=Decimal("0.5"), impact_max=Decimal(200_000))
    cache.clear()

    _change(risk, cast.controller, 800_000)  # commits at once (no test transaction): the thread starts

    assert len(threads) == 1 and threads[0] is not None
    threads[0].join(timeout=60)
    assert not threads[0].is_alive()
    assert not Job.objects.filter(kind=precompute.PRECOMPUTE).exists()  # no job: a thread of this process
    response = login(cast.controller).get(reverse("dashboard:home"))
    assert response.status_code == 200
    # A hit for the page's key, which hashes the register as it is now (R1 at € 800.000): the thread
    # computed the changed register, not the one before.
    assert response["X-Simulation-Cache"].split(", ")[0] == "hit"


@pytest.mark.django_db(transaction=True)
def test_a_change_while_the_thread_computes_has_it_compute_once_more(cast, monkeypatch):
    from risicokompas.dashboard import compute

    organisation_id = cast.org.pk
    computed = []

    def build(organisation):
        computed.append(organisation.pk)
        if len(computed) == 1:  # a change arrives while the first computation runs
            assert precompute.start_thread(organisation_id) is None
            assert precompute.start_thread(organisation_id) is None  # twice: still once more, not twice
        return SimpleNamespace(chart_key="")

    monkeypatch.setattr(compute, "build_dashboard", build)
    monkeypatch.setattr(compute, "charts_for_organisation", lambda organisation: None)

    thread = precompute.start_thread(organisation_id)
    assert thread is not None
    thread.join(timeout=60)

    assert computed == [organisation_id, organisation_id]
    assert organisation_id not in precompute._running and organisation_id not in precompute._again
    later = precompute.start_thread(organisation_id)  # done: the next change starts a new thread
    assert later is not None
    later.join(timeout=60)
    assert computed == [organisation_id] * 3
