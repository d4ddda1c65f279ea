# SPDX-License-Identifier: EUPL-1.2
"""Background jobs in eager mode (no REDIS_URL): the lifecycle, the page, failures, retry and access."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import docx
import pytest
from django.urls import reverse
from tests.fixtures import make_risk, make_user

from risicokompas.capacity.models import CapacityItem
from risicokompas.jobs import progress, registry, services
from risicokompas.jobs.models import Job
from risicokompas.jobs.registry import JobFailed, Outcome
from risicokompas.paragraph import freeze
from risicokompas.security.models import SecurityEvent

CALLS: list[int] = []


def _flaky(job, report):
    """Fails while the job's params say so; counts its calls."""
    CALLS.append(job.pk)
    report(50, "halverwege")
    if job.params.get("fail") == "refused":
        raise JobFailed("Het bestand mist de kolom kans.")
    if job.params.get("fail") == "crash":
        raise RuntimeError("boom")
    return Outcome(message="Gelukt.", file=b"inhoud", filename="uitkomst.txt", content_type="text/plain")


registry.register("tests.flaky", _flaky)


@pytest.fixture
def snapshot(cast):
    for i in range(4):
        make_risk(cast.org, f"R{i:02}", probability=Decimal("0.4"), impact_max=Decimal(400_000 + 100_000 * i))
    CapacityItem.objects.create(
        organisation=cast.org, name="Algemene reserve", kind="algemene reserve", amount=Decimal("2500000")
    )
    return freeze.freeze(
        cast.org, cast.controller, "Begroting 2027", "begroting", 2027, datetime.date(2026, 11, 1)
    )


def _start(cast, user=None, **params) -> Job:
    return services.start(
        "tests.flaky", organisation=cast.org, user=user or cast.controller, title="Proef", params=params
    )


def test_settings_without_redis_run_jobs_in_process(settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    assert settings.CELERY_BROKER_URL == "memory://"


def test_a_job_runs_to_done_with_its_file(cast):
    job = _start(cast)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.progress == 100 and job.attempts == 1
    assert bytes(job.result_file) == b"inhoud" and job.result_name == "uitkomst.txt"
    assert job.started_at is not None and job.finished_at is not None
    assert progress.current(job.pk) is None  # the live progress is cleared when the job finishes


def test_a_refused_job_fails_with_its_dutch_reason(cast, login):
    job = _start(cast, fail="refused")
    assert job.status == Job.Status.FAILED
    assert job.message == "Het bestand mist de kolom kans."
    page = login(cast.controller).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Het bestand mist de kolom kans." in page
    assert "Opnieuw proberen" in page
    assert 'role="status"' in page and "hx-trigger" not in page  # finished: no more polling


def test_an_unexpected_error_fails_with_a_general_dutch_message(cast):
    job = _start(cast, fail="crash")
    assert job.status == Job.Status.FAILED
    assert "Er ging iets mis" in job.message and "boom" not in job.message


def test_a_waiting_job_page_polls_every_two_seconds(cast, login):
    job = Job.objects.create(organisation=cast.org, user=cast.controller, kind="tests.flaky", title="Proef")
    page = login(cast.controller).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'aria-live="polite"' in page
    assert reverse("jobs:status", args=[job.pk]) in page
    assert "wachtrij" in page


def test_a_running_job_shows_the_live_progress(cast, login):
    job = Job.objects.create(
        organisation=cast.org, user=cast.controller, kind="tests.flaky", title="Proef", status="running"
    )
    progress.Progress(job.pk)(37, "Rij 37.000 van 100.000")
    fragment = login(cast.controller).get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "37%" in fragment and "Rij 37.000 van 100.000" in fragment
    assert 'hx-trigger="every 2s"' in fragment


def test_retry_runs_the_same_job_again_without_a_new_record(cast, login):
    job = _start(cast, fail="refused")
    Job.objects.filter(pk=job.pk).update(params={"fail": ""})  # what made it fail is gone
    client = login(cast.controller)
    response = client.post(reverse("jobs:retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 2 and job.message == "Gelukt."
    assert Job.objects.count() == 1
    # Retrying a job that is done does nothing.
    client.post(reverse("jobs:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.attempts == 2 and Job.objects.count() == 1


def test_starting_the_same_work_again_joins_the_waiting_job(cast):
    waiting = Job.objects.create(
        organisation=cast.org,
        user=cast.controller,
        kind="tests.flaky",
        title="Proef",
        params={"a": 1},
        input_key=services.input_key("tests.flaky", {"a": 1}),
    )
    assert _start(cast, a=1) == waiting
    assert Job.objects.count() == 1


def test_another_organisations_job_and_a_colleagues_job_are_404(cast, login):
    job = _start(cast)
    for user in (cast.other_controller, cast.employee):
        client = login(user)
        for name in ("jobs:detail", "jobs:status", "jobs:download"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 404
        assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 404


def test_the_pdf_button_makes_the_paragraph_in_a_job_and_offers_the_download(cast, login, snapshot):
    client = login(cast.reader)
    detail = client.get(reverse("paragraph:snapshot_detail", args=[snapshot.pk])).content.decode()
    assert "PDF maken" in detail
    assert reverse("paragraph:snapshot_report_job", args=[snapshot.pk, "docx"]) in detail
    response = client.post(reverse("paragraph:snapshot_report_job", args=[snapshot.pk, "docx"]))
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert job.status == Job.Status.DONE and job.params == {"snapshot": snapshot.pk, "format": "docx"}
    page = client.get(response.url).content.decode()
    assert reverse("jobs:download", args=[job.pk]) in page
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('paragraaf-weerstandsvermogen-gemeente-aadorp-2027.docx"')
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(download.content)).paragraphs)
    assert "Begroting 2027" in text
    assert SecurityEvent.objects.filter(kind="exported", detail__file__endswith=".docx").exists()


def test_the_paragraph_job_for_a_removed_snapshot_fails_in_dutch(cast, snapshot):
    job = services.start(
        "paragraph.report",
        organisation=cast.other_org,  # a snapshot of another organisation is never found
        user=cast.other_controller,
        title="PDF",
        params={"snapshot": snapshot.pk, "format": "pdf"},
    )
    assert job.status == Job.Status.FAILED
    assert job.message == "De momentopname bestaat niet meer; er is geen paragraaf gemaakt."


def test_another_organisation_cannot_start_a_job_on_a_snapshot(cast, login, snapshot):
    response = login(cast.other_controller).post(
        reverse("paragraph:snapshot_report_job", args=[snapshot.pk, "pdf"])
    )
    assert response.status_code == 404 and not Job.objects.exists()


def test_reader_may_not_retry_a_job_of_someone_else_but_may_start_their_own(cast, login, snapshot):
    bestuur = make_user("wethouder", cast.org, "bestuur")
    login(bestuur).post(reverse("paragraph:snapshot_report_job", args=[snapshot.pk, "docx"]))
    assert Job.objects.get().user == bestuur


def test_the_daily_reminders_run_as_a_scheduled_job(cast, settings, mailoutbox):
    import datetime as dt

    from risicokompas.jobs.tasks import run_periodic

    entry = settings.CELERY_BEAT_SCHEDULE["herinneringen"]
    assert entry["task"] == "risicokompas.jobs.periodic" and entry["args"][0] == "risks.reminders"
    cast.owner.email = "eigenaar@aadorp.nl"
    cast.owner.save()
    make_risk(cast.org, "R09", owner=cast.membership(cast.owner), review_date=dt.date(2020, 1, 1))
    assert run_periodic.apply(args=entry["args"]).get() == Job.Status.DONE
    assert [mail.to for mail in mailoutbox] == [["eigenaar@aadorp.nl"]]
    job = Job.objects.get(kind="risks.reminders")
    assert job.organisation is None and job.message.startswith("1 mail(s) verstuurd")
    run_periodic.apply(args=entry["args"])  # twice a day: nobody mailed twice
    assert len(mailoutbox) == 1


def test_the_sensitivity_is_computed_in_a_job_and_shared_by_the_organisation(cast, login, snapshot):
    url = reverse("paragraph:snapshot_sensitivity", args=[snapshot.pk])
    html = login(cast.reader).get(url).content.decode()
    for key in ("frozen", "certainty-99", "correlation-on", "correlation-off"):
        assert f'data-key="{key}"' in html
    job = Job.objects.get(kind="paragraph.sensitivity")
    assert job.status == Job.Status.DONE and job.user == cast.reader
    assert {row["key"] for row in job.result["rows"]} >= {"correlation-on", "correlation-off"}
    # A colleague (and a second visit) read the same rows: nothing is computed again.
    assert 'data-key="correlation-on"' in login(cast.controller).get(url).content.decode()
    assert Job.objects.count() == 1
    # Another organisation's snapshot is a 404, and its own job is never shown there.
    assert login(cast.other_controller).get(url).status_code == 404


def test_with_a_worker_the_sensitivity_page_shows_the_progress(cast, login, snapshot, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a worker would take it (none runs in this test)
    url = reverse("paragraph:snapshot_sensitivity", args=[snapshot.pk])
    html = login(cast.reader).get(url).content.decode()
    job = Job.objects.get(kind="paragraph.sensitivity")
    assert job.status == Job.Status.QUEUED
    assert "wordt op de achtergrond berekend" in html and 'data-key="frozen"' not in html
    assert reverse("jobs:status", args=[job.pk]) in html and 'hx-trigger="every 2s"' in html
    login(cast.reader).get(url)
    assert Job.objects.count() == 1  # a second visit joins the waiting job
