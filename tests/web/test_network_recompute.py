# SPDX-License-Identifier: EUPL-1.2
"""The nightly job publishes each network's benchmark release without anyone opening the page, once."""

from __future__ import annotations

import io

from django.core.management import call_command
from tests.web.benchmark_world import Bench

from risicokompas.jobs import services
from risicokompas.jobs.models import Job
from risicokompas.network import jobs


def test_the_nightly_job_publishes_a_release_that_the_page_then_reads(db, settings, login):
    bench = Bench()
    assert not bench.network.benchmark_releases.exists()
    assert settings.CELERY_BEAT_SCHEDULE["leernetwerken"]["args"][0] == jobs.RECOMPUTE

    job = services.run_periodic(jobs.RECOMPUTE, "Leernetwerken")

    assert job.status == Job.Status.DONE, job.message
    assert job.result == {"networks": 1, "releases": 1}
    release = bench.network.benchmark_releases.get()
    assert len(release.fingerprints) == 6  # every participant's values are in it

    # The page shows that release: nothing new is published by looking.
    response = login(bench.controllers[0]).get(bench.url)
    assert response.status_code == 200
    assert response.context["release"].published_at == release.published_at
    assert bench.network.benchmark_releases.count() == 1


def test_running_it_again_without_changes_publishes_nothing(db):
    Bench()
    assert jobs.recompute_all() == (1, 1)
    assert jobs.recompute_all() == (1, 0)
    out = io.StringIO()
    call_command("recompute_benchmarks", stdout=out)
    assert "1 leernetwerk(en) bijgewerkt, 0 nieuwe publicatie(s)." in out.getvalue()
