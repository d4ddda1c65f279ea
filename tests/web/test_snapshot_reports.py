# SPDX-License-Identifier: EUPL-1.2
"""The paragraph of a snapshot as downloads: the same frozen numbers in every format, access by role."""

import datetime
import io
import shutil
import subprocess
from decimal import Decimal

import docx
import pytest
from django.urls import reverse
from tests.fixtures import make_risk, make_user

from risicokompas.capacity.models import CapacityItem
from risicokompas.engine.present import format_eur
from risicokompas.paragraph import freeze
from risicokompas.paragraph.models import SnapshotApproval


@pytest.fixture
def snapshot(cast):
    for i in range(8):
        make_risk(cast.org, f"R{i:02}", probability=Decimal("0.4"), impact_max=Decimal(400_000 + 100_000 * i))
    CapacityItem.objects.create(
        organisation=cast.org, name="Algemene reserve", kind="algemene reserve", amount=Decimal("2500000")
    )
    return freeze.freeze(
        cast.org, cast.controller, "Begroting 2027", "begroting", 2027, datetime.date(2026, 11, 1)
    )


def url(snapshot, format):
    return reverse("paragraph:snapshot_report", args=[snapshot.pk, format])


def test_the_docx_holds_the_frozen_required_capacity_and_ratio(cast, login, snapshot):
    response = login(cast.reader).get(url(snapshot, "docx"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    tables = "\n".join(
        c.text for t in docx.Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells
    )
    required = format_eur(float(snapshot.result["total_required"]))
    assert required in text + tables
    assert "Begroting 2027" in text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_shows_the_approval_once_approved(cast, login, snapshot):
    bestuur = make_user("wethouder", cast.org, "bestuur")
    SnapshotApproval.objects.create(
        snapshot=snapshot, approved_by=bestuur, decision_reference="Raadsbesluit 2026-42"
    )
    response = login(cast.controller).get(url(snapshot, "pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout
    text = text.decode()
    assert "Raadsbesluit 2026-42" in text
    assert format_eur(float(snapshot.result["total_required"])) in text


def test_the_fragment_has_no_page_around_it_and_the_page_has_a_heading(cast, login, snapshot):
    fragment = login(cast.controller).get(url(snapshot, "fragment")).content.decode()
    assert "<html" not in fragment and "<section" in fragment
    page = login(cast.controller).get(url(snapshot, "html")).content.decode()
    assert "<html" in page and "<h1" in page


def test_another_organisation_gets_404_and_an_unknown_format_too(cast, login, snapshot):
    assert login(cast.other_controller).get(url(snapshot, "pdf")).status_code == 404
    assert login(cast.controller).get(url(snapshot, "exe")).status_code == 404


def test_the_snapshot_page_shows_the_year_without_a_thousands_separator(cast, login, snapshot):
    html = (
        login(cast.controller).get(reverse("paragraph:snapshot_detail", args=[snapshot.pk])).content.decode()
    )
    assert "2027" in html and "2.027" not in html
    # The Word and PDF files are made in a background job (tests/jobs); HTML stays a direct link.
    assert reverse("paragraph:snapshot_report_job", args=[snapshot.pk, "docx"]) in html
    assert url(snapshot, "html") in html
