# SPDX-License-Identifier: EUPL-1.2
"""A large register import in the background (eager mode): check, confirm, apply all-or-nothing, retry."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.fixtures import make_risk

from risicokompas.jobs.models import Job
from risicokompas.risks import importing, views_import
from risicokompas.risks.models import Risk, RiskChange
from risicokompas.security.models import SecurityEvent

HEADER = "Id;Risico;Kans;Maximaal financieel gevolg (€)\r\n"


def register_csv(rows: int, *, start: int = 1, name: str = "groot.csv") -> SimpleUploadedFile:
    lines = [HEADER] + [f"N{i:05d};Nieuw risico {i};30%;{1000 + i}\r\n" for i in range(start, start + rows)]
    return SimpleUploadedFile(name, "".join(lines).encode(), content_type="text/csv")


@pytest.fixture
def background(monkeypatch):
    """Every upload above 1 kB goes to the background, so a few hundred rows stand in for 100.000."""
    monkeypatch.setattr(views_import, "BACKGROUND_BYTES", 1024)


def check(client, file) -> Job:
    response = client.post(reverse("risks:import"), {"bestand": file})
    job = Job.objects.filter(kind="risks.import_check").latest("pk")
    assert response.url == reverse("jobs:detail", args=[job.pk])
    return job


def confirm(client, job, **fields):
    data = {"reden": "Jaarlijkse import", **fields}
    response = client.post(reverse("risks:import_large_confirm", args=[job.pk]), data)
    return response, Job.objects.filter(kind="risks.import_apply").order_by("pk").last()


def test_a_large_file_is_checked_in_the_background_and_applied_after_confirming(
    client, cast, login, background
):
    make_risk(cast.org, "R01")
    login(cast.controller)
    job = check(client, register_csv(300))
    assert job.status == Job.Status.DONE
    assert job.result["new"] == 300 and job.result["absent"] == 1 and job.result["rows"] == 300
    assert not Risk.objects.filter(code__startswith="N").exists()  # checking changes nothing
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert reverse("risks:import_large_confirm", args=[job.pk]) in page
    overview = client.get(reverse("risks:import_large_confirm", args=[job.pk])).content.decode()
    assert "300" in overview and 'value="Import groot.csv"' in overview

    response, apply = confirm(client, job)
    assert response.url == reverse("jobs:detail", args=[apply.pk])
    assert apply.status == Job.Status.DONE, apply.message
    assert apply.message == "Import voltooid: 300 nieuw, 0 gewijzigd, 0 ongewijzigd."
    assert Risk.objects.filter(organisation=cast.org, code__startswith="N").count() == 300
    assert Risk.objects.get(code="R01").status == Risk.Status.OPEN  # not chosen: stays open
    history = RiskChange.objects.filter(risk__code="N00007").get()
    assert history.reason == "Jaarlijkse import" and history.created and history.changed_by == cast.controller
    assert history.source == RiskChange.Source.IMPORT and history.changes["impact_max"] == [None, "1007"]
    assert apply.input_file is None  # the uploaded file is not kept once imported
    assert SecurityEvent.objects.filter(kind="imported", detail__rows=300).count() == 1


def test_closing_absent_risks_in_a_large_import(client, cast, login, background):
    make_risk(cast.org, "R01")
    login(cast.controller)
    job = check(client, register_csv(100))
    _, apply = confirm(client, job, sluit_ontbrekende="ja")
    assert apply.status == Job.Status.DONE
    assert Risk.objects.get(code="R01").status == Risk.Status.CLOSED


def test_a_reason_is_required(client, cast, login, background):
    login(cast.controller)
    job = check(client, register_csv(100))
    response = client.post(reverse("risks:import_large_confirm", args=[job.pk]), {"reden": " "})
    assert "Geef een reden" in response.content.decode()
    assert not Job.objects.filter(kind="risks.import_apply").exists()


def test_a_file_with_errors_fails_the_check_naming_row_and_column(client, cast, login, background):
    login(cast.controller)
    lines = (
        [HEADER] + [f"N{i:05d};Nieuw {i};30%;1000\r\n" for i in range(1, 100)] + ["N00100;Fout;300%;1000\r\n"]
    )
    job = check(client, SimpleUploadedFile("fout.csv", "".join(lines).encode()))
    assert job.status == Job.Status.FAILED
    assert "Er is niets ingelezen" in job.message and "Rij 101" in job.message
    assert client.get(reverse("risks:import_large_confirm", args=[job.pk])).status_code == 404
    assert not Risk.objects.exists()


def test_a_failure_halfway_leaves_nothing_and_retry_applies_it_once(
    client, cast, login, background, monkeypatch
):
    login(cast.controller)
    job = check(client, register_csv(250))
    real = importing.create_risks
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        real(*args, **kwargs)  # everything written ...
        raise RuntimeError("disk full")  # ... then the worker fails before the commit

    monkeypatch.setattr(importing, "create_risks", broken)
    _, apply = confirm(client, job)
    assert calls and apply.status == Job.Status.FAILED
    assert "Er is niets half opgeslagen" in apply.message
    assert not Risk.objects.filter(code__startswith="N").exists()
    assert not RiskChange.objects.exists()
    page = client.get(reverse("jobs:detail", args=[apply.pk])).content.decode()
    assert "Opnieuw proberen" in page

    monkeypatch.setattr(importing, "create_risks", real)
    client.post(reverse("jobs:retry", args=[apply.pk]))
    apply.refresh_from_db()
    assert apply.status == Job.Status.DONE and apply.attempts == 2
    assert Risk.objects.filter(code__startswith="N").count() == 250
    assert RiskChange.objects.count() == 250
    # Retrying what is done does nothing; confirming the same check again changes nothing either.
    client.post(reverse("jobs:retry", args=[apply.pk]))
    assert Risk.objects.filter(code__startswith="N").count() == 250
    assert Job.objects.filter(kind="risks.import_apply").count() == 1


def test_the_register_changed_after_the_check_applies_nothing(client, cast, login, background):
    login(cast.controller)
    job = check(client, register_csv(100))
    make_risk(cast.org, "N00001", impact_max=Decimal("5"))  # someone adds one of the file's risks meanwhile
    _, apply = confirm(client, job)
    assert apply.status == Job.Status.FAILED
    assert "Het register is gewijzigd sinds het overzicht werd gemaakt" in apply.message
    assert Risk.objects.count() == 1


def test_only_editors_of_all_risks_use_a_large_import_and_never_anothers_check(
    client, cast, login, background
):
    login(cast.controller)
    job = check(client, register_csv(100))
    login(cast.employee)
    assert client.get(reverse("risks:import_large_confirm", args=[job.pk])).status_code == 403
    login(cast.other_controller)
    assert client.get(reverse("risks:import_large_confirm", args=[job.pk])).status_code == 404
    assert (
        client.post(reverse("risks:import_large_confirm", args=[job.pk]), {"reden": "x"}).status_code == 404
    )


def test_a_small_file_keeps_the_immediate_preview(client, cast, login):
    login(cast.controller)
    response = client.post(reverse("risks:import"), {"bestand": register_csv(3)})
    assert response.url == reverse("risks:import_confirm")
    assert not Job.objects.exists()
