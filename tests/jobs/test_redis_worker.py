# SPDX-License-Identifier: EUPL-1.2
"""A real Celery worker on Redis runs the paragraph's PDF job end to end (``make test-redis``).

Runs only with REDIS_URL set (``make test-redis`` sets it to REDIS_TEST_URL): then the settings hand jobs
to the broker instead of running them in-process, and this test starts a worker in a thread.
"""

from __future__ import annotations

import datetime
import os
import time
from decimal import Decimal

import pytest
from django.db import OperationalError
from django.urls import reverse
from tests.fixtures import Cast, make_risk

from risicokompas.capacity.models import CapacityItem
from risicokompas.dashboard.precompute import PRECOMPUTE
from risicokompas.jobs.models import Job
from risicokompas.paragraph import freeze

pytestmark = [
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (make test-redis)"),
    pytest.mark.django_db(transaction=True),  # the worker's thread sees only what is committed
]


@pytest.fixture
def worker():
    from celery.contrib.testing.worker import start_worker

    import risicokompas.jobs.tasks  # noqa: F401  (registers the tasks on the app)
    from risicokompas.conf.celery import app

    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=60):
        yield app


def wait_for(job_id: int, seconds: float = 180) -> Job:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            job = Job.objects.get(pk=job_id)
        except OperationalError:  # SQLite's shared in-memory test database, busy with the worker's write
            job = None
        if job is not None and job.finished:
            return job
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} did not finish in {seconds} s")


def test_settings_with_redis_use_it_as_broker_and_result_backend(settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    assert settings.CELERY_BROKER_URL == settings.REDIS_URL == settings.CELERY_RESULT_BACKEND


def test_a_worker_makes_the_pdf_of_a_snapshot(client, worker):
    cast = Cast()
    for i in range(4):
        make_risk(cast.org, f"R{i:02}", probability=Decimal("0.4"), impact_max=Decimal(400_000 + 100_000 * i))
    CapacityItem.objects.create(
        organisation=cast.org, name="Algemene reserve", kind="algemene reserve", amount=Decimal("2500000")
    )
    snapshot = freeze.freeze(
        cast.org, cast.controller, "Begroting 2027", "begroting", 2027, datetime.date(2026, 11, 1)
    )
    client.force_login(cast.controller)
    response = client.post(reverse("paragraph:snapshot_report_job", args=[snapshot.pk, "pdf"]))
    # Saving the risks also queued the dashboard's background computation (dashboard/precompute.py).
    job_id = Job.objects.exclude(kind=PRECOMPUTE).get().pk
    assert response.url == reverse("jobs:detail", args=[job_id])
    job = wait_for(job_id)
    assert job.status == Job.Status.DONE, job.message
    assert job.attempts == 1
    download = client.get(reverse("jobs:download", args=[job_id]))
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert download["Content-Disposition"].endswith('paragraaf-weerstandsvermogen-gemeente-aadorp-2027.pdf"')
