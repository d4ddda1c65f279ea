# SPDX-License-Identifier: EUPL-1.2
"""Every file of the malformed-input corpus (``tests/corpus.py``) through the web imports and the command line.

Never a 500 or a traceback, always a Dutch message, nothing half-imported, and bounded memory and time: the
1 GB zip bomb is refused before anything is unpacked.
"""

from __future__ import annotations

import contextlib
import io
import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.corpus import GOOD_REGISTER, Sample, csv_bytes, samples, zip_bomb

from risicokompas.capacity import indicator_sheet
from risicokompas.capacity.models import IndicatorYear
from risicokompas.cli import main
from risicokompas.jobs.models import Job
from risicokompas.registerfile import RegisterFileError, read_register_bytes
from risicokompas.reports.capacityfile import read_capacity
from risicokompas.risks.models import Risk

CORPUS = samples()
#: Words one of which every refusal contains: the messages are Dutch.
DUTCH = ("bestand", "rij", "kolom", "werkblad", "werkmap", "kopregel", "leeg", "verplicht", "geen", "groot")
#: No single sample may take longer than this (seconds, generous for a shared test machine).
MAX_SECONDS = 10
MAX_PEAK_BYTES = 200 * 1024 * 1024


def _dutch(message: str) -> None:
    assert message.strip(), "an empty message"
    assert "Traceback" not in message and "Error" not in message and "exception" not in message.lower()
    assert any(word in message.lower() for word in DUTCH), message


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 40
    assert {s.kind for s in CORPUS} == {"register", "capacity", "indicators"}
    assert sum(not s.ok for s in CORPUS) >= 40


@pytest.mark.parametrize("sample", [s for s in CORPUS if s.kind == "register"], ids=lambda s: s.id)
def test_register_files_through_the_web_import(client, cast, login, sample: Sample):
    login(cast.controller)
    started = time.monotonic()
    response = client.post(
        reverse("risks:import"), {"bestand": SimpleUploadedFile(sample.filename, sample.data)}
    )
    assert time.monotonic() - started < MAX_SECONDS
    assert not Risk.objects.exists()  # the upload only previews: nothing is imported before confirmation
    if sample.ok:
        assert response.status_code == 302, response.context and response.context.get("problems")
        return
    if response.status_code == 302 and "/taken/" in response["Location"]:
        # A large file is checked in a background job (in-process in the tests): the job fails with the
        # same Dutch message, and nothing is imported.
        job = Job.objects.get()
        assert job.status == Job.Status.FAILED
        _dutch(job.message)
        assert sample.expect in job.message
        assert not Risk.objects.exists()
        return
    assert response.status_code == 200
    problems = response.context["problems"]
    assert problems
    for message in problems:
        _dutch(message)
    assert sample.expect in "\n".join(problems)
    assert "rk-" in response.content.decode() or "problemen" in response.content.decode()


@pytest.mark.parametrize("sample", [s for s in CORPUS if s.kind == "register"], ids=lambda s: s.id)
def test_register_files_through_the_command_line(tmp_path, sample: Sample):
    path = tmp_path / sample.filename
    path.write_bytes(sample.data)
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    code = main(["simulate", str(path), "--methode", "exact"], stdout=out, stderr=err)
    assert time.monotonic() - started < MAX_SECONDS
    if sample.ok:
        assert code == 0, err.getvalue()
        return
    assert code == 2
    assert err.getvalue().startswith("risicokompas: ")
    _dutch(err.getvalue())
    assert sample.expect in err.getvalue()
    assert not out.getvalue()


@pytest.fixture(scope="module")
def good_register(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "register.csv"
    path.write_bytes(csv_bytes(GOOD_REGISTER))
    return path


@pytest.mark.parametrize("sample", [s for s in CORPUS if s.kind == "capacity"], ids=lambda s: s.id)
def test_capacity_files_through_the_command_line(tmp_path, good_register, sample: Sample):
    path = tmp_path / sample.filename
    path.write_bytes(sample.data)
    if sample.ok:
        assert read_capacity(path)  # the whole report is tested elsewhere; here: the file is accepted
        return
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    argv = ["report", str(good_register), "--capaciteit", str(path), "--out", str(tmp_path / "p.html")]
    code = main(argv, stdout=out, stderr=err)
    assert time.monotonic() - started < MAX_SECONDS
    assert code == 2
    _dutch(err.getvalue())
    assert sample.expect in err.getvalue()
    assert not (tmp_path / "p.html").exists()


@pytest.mark.parametrize("sample", [s for s in CORPUS if s.kind == "indicators"], ids=lambda s: s.id)
def test_kengetallen_files_through_the_web_import(client, cast, login, sample: Sample):
    login(cast.controller)
    started = time.monotonic()
    response = client.post(
        reverse("capacity:indicator_import"),
        {"budget_year": "2026", "file": SimpleUploadedFile(sample.filename, sample.data)},
    )
    assert time.monotonic() - started < MAX_SECONDS
    if sample.ok:
        assert response.status_code == 302, response.context and response.context.get("problems")
        assert IndicatorYear.objects.filter(organisation=cast.org).count() == 2
        return
    assert response.status_code == 200
    assert not IndicatorYear.objects.exists()
    problems = response.context["problems"] or [str(e) for e in response.context["form"].errors.values()]
    assert problems
    for message in problems:
        _dutch(message)
    assert sample.expect in "\n".join(problems)


def _peak(read) -> tuple[int, float]:
    tracemalloc.start()
    started = time.monotonic()
    with contextlib.suppress(RegisterFileError, indicator_sheet.SheetProblems):
        read()
    seconds = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, seconds


@pytest.mark.django_db
def test_the_zip_bomb_is_refused_in_bounded_memory_and_time():
    bomb = zip_bomb(1024)  # 1 GB unpacked, 1,5 MB packed: under the 5 MB upload limit
    assert len(bomb) < 5 * 1024 * 1024
    for read in (
        lambda: read_register_bytes(bomb, filename="register.xlsx"),
        lambda: read_capacity(bomb, filename="capaciteit.xlsx"),
        lambda: indicator_sheet.read_indicator_sheet(bomb, 2027),
    ):
        peak, seconds = _peak(read)
        assert peak < MAX_PEAK_BYTES, peak
        assert seconds < 2, seconds
    with pytest.raises(RegisterFileError, match="uitgepakt te groot"):
        read_register_bytes(bomb, filename="register.xlsx")


def test_a_large_but_legitimate_register_stays_within_the_limits():
    rows = [GOOD_REGISTER[0], *([f"R{i}", f"Risico {i}", "10%", 1000 + i] for i in range(2000))]
    peak, seconds = _peak(lambda: read_register_bytes(csv_bytes(rows), filename="register.csv"))
    assert seconds < MAX_SECONDS
    assert len(read_register_bytes(csv_bytes(rows), filename="register.csv").rows) == 2000
    assert peak < MAX_PEAK_BYTES


def test_json_rows_of_the_api_have_the_same_limits():
    from risicokompas.registerfile.records import read_register_records

    rows = [{"id": "R1", "risico": "x" * 6000, "kans": "10%", "maximaal financieel gevolg (€)": 5}]
    with pytest.raises(RegisterFileError, match="Rij 2, kolom B: te lang"):
        read_register_records(rows)
