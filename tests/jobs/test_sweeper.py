# SPDX-License-Identifier: EUPL-1.2
"""The sweeper: a job whose worker died runs again (at most JOBS_MAX_ATTEMPTS times), a lost message is
handed out again, finished jobs are removed after the retention period; and "Mijn taken" lists one's own."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from tests.fixtures import make_user

from risicokompas.jobs import periodic, registry, services
from risicokompas.jobs.models import Job
from risicokompas.jobs.registry import Outcome

RUNS: list[int] = []


def _counting(job, report):
    RUNS.append(job.pk)
    return Outcome(message="Gelukt.", data={"runs": RUNS.count(job.pk)})


registry.register("tests.counting", _counting)


def _job(cast, user=None, **fields) -> Job:
    fields.setdefault("status", Job.Status.QUEUED)
    fields.setdefault("title", "Telling")
    return Job.objects.create(
        organisation=cast.org, user=user or cast.controller, kind="tests.counting", **fields
    )


def _ago(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


def test_a_job_left_running_by_a_dead_worker_runs_again(cast, settings):
    settings.JOBS_STALE_MINUTES = 60
    job = _job(cast, status=Job.Status.RUNNING, started_at=_ago(minutes=61), attempts=1)
    fresh = _job(cast, status=Job.Status.RUNNING, started_at=_ago(minutes=5), attempts=1)

    swept = services.sweep()

    job.refresh_from_db()
    fresh.refresh_from_db()
    assert (swept.requeued, swept.failed) == (1, 0)
    assert job.status == Job.Status.DONE and job.attempts == 2 and job.result == {"runs": 1}
    assert fresh.status == Job.Status.RUNNING and fresh.attempts == 1  # still busy: left alone


def test_after_the_last_attempt_a_stale_job_fails_with_a_dutch_reason(cast, settings):
    settings.JOBS_MAX_ATTEMPTS = 3
    job = _job(cast, status=Job.Status.RUNNING, started_at=_ago(hours=2), attempts=3)

    swept = services.sweep()

    job.refresh_from_db()
    assert (swept.requeued, swept.failed) == (0, 1)
    assert job.status == Job.Status.FAILED and job.finished_at is not None
    assert "stopte onverwacht, 3 keer" in job.message and "niets half" in job.message


def test_a_message_delivered_twice_runs_the_work_once(cast):
    job = _job(cast)
    before = len(RUNS)
    services.run(job.pk)
    services.run(job.pk)  # the broker and the sweeper both handed it out
    job.refresh_from_db()
    assert len(RUNS) - before == 1 and job.attempts == 1 and job.status == Job.Status.DONE


def test_a_job_another_worker_is_running_is_not_run_twice(cast):
    job = _job(cast, status=Job.Status.RUNNING, started_at=_ago(minutes=1), attempts=1)
    before = len(RUNS)
    services.run(job.pk)
    job.refresh_from_db()
    assert len(RUNS) == before and job.status == Job.Status.RUNNING and job.attempts == 1


def test_with_a_worker_a_queued_job_whose_message_was_lost_is_handed_out_again(cast, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    handed: list[int] = []
    monkeypatch.setattr(services, "enqueue", lambda job: handed.append(job.pk))
    lost = _job(cast)
    Job.objects.filter(pk=lost.pk).update(created_at=_ago(hours=3))
    waiting = _job(cast)  # just queued: the worker will get to it

    swept = services.sweep()

    assert handed == [lost.pk] and swept.requeued == 1
    assert waiting.pk not in handed


def test_finished_jobs_are_removed_after_the_retention_period(cast, settings):
    settings.JOBS_RETENTION_DAYS = 30
    old_done = _job(
        cast, status=Job.Status.DONE, finished_at=_ago(days=31), result_file=b"x", result_name="a.pdf"
    )
    old_failed = _job(cast, status=Job.Status.FAILED, finished_at=_ago(days=40))
    recent = _job(cast, status=Job.Status.DONE, finished_at=_ago(days=29))
    swept = services.sweep()
    assert swept.pruned == 2
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk}
    assert not Job.objects.filter(pk__in=[old_done.pk, old_failed.pk]).exists()


def test_the_sweeper_is_a_scheduled_job_and_a_command(cast, settings):
    assert settings.CELERY_BEAT_SCHEDULE["taken-opruimen"]["args"][0] == periodic.SWEEP
    _job(cast, status=Job.Status.DONE, finished_at=_ago(days=400))
    job = services.run_periodic(periodic.SWEEP, "Achtergrondtaken nalopen en opruimen")
    assert job.status == Job.Status.DONE and job.result["pruned"] == 1
    assert "1 oude taak/taken opgeruimd" in job.message

    _job(cast, status=Job.Status.DONE, finished_at=_ago(days=400))
    out = io.StringIO()
    call_command("sweep_jobs", stdout=out)
    assert "1 opgeruimd" in out.getvalue()


def test_my_jobs_lists_only_my_own_jobs_in_this_organisation_newest_first(cast, login):
    mine_old = _job(
        cast, status=Job.Status.DONE, finished_at=_ago(days=1), result_file=b"x", result_name="paragraaf.pdf"
    )
    mine_failed = _job(cast, status=Job.Status.FAILED, message="Het bestand mist de kolom kans.")
    colleague = make_user("collega", cast.org, role="controller")
    _job(cast, user=colleague, title="Van een collega")
    Job.objects.filter(pk=mine_old.pk).update(created_at=_ago(days=2))

    page = login(cast.controller).get(reverse("jobs:list")).content.decode()

    assert "Van een collega" not in page
    assert page.index(reverse("jobs:detail", args=[mine_failed.pk])) < page.index(
        reverse("jobs:detail", args=[mine_old.pk])
    )
    assert reverse("jobs:download", args=[mine_old.pk]) in page and "paragraaf.pdf" in page
    assert "Het bestand mist de kolom kans." in page
    assert "30 dagen bewaard" in page


def test_my_jobs_is_paged(cast, login):
    for n in range(30):
        _job(cast, title=f"Taak {n:02}")
    client = login(cast.controller)
    first = client.get(reverse("jobs:list")).content.decode()
    second = client.get(reverse("jobs:list"), {"pagina": 2}).content.decode()
    assert first.count("Taak ") == 25 and second.count("Taak ") == 5
    assert "Pagina 2 van 2" in second
    assert client.get(reverse("jobs:list"), {"pagina": "x"}).status_code == 200  # a bad page number: page 1
