# SPDX-License-Identifier: EUPL-1.2
"""The onbenutte belastingcapaciteit table shows its components (norm, tariff, WOZ, room) in every format."""

from __future__ import annotations

import io
import shutil
import subprocess

import docx
import pytest
from tests.reports.fixtures import snapshot

from risicokompas.engine.taxcapacity import TaxCapacityInputs, unused_tax_capacity
from risicokompas.reports.docx import render_docx
from risicokompas.reports.html import render_fragment
from risicokompas.reports.pdf import render_pdf
from risicokompas.reports.snapshot import from_snapshot_dict

TAX = {
    "year": 2027,
    "norm_rate": "0.1000",
    "own_rate_dwellings": "0.0800",
    "woz_dwellings": "1000000000",
    "own_rate_non_dwellings": None,
    "woz_non_dwellings": None,
    "sewage_revenue": "4500000",
    "sewage_costs": "5000000",
    "waste_revenue": "3000000",
    "waste_costs": "3000000",
    "explanation": "",
}
COMPONENTS = [
    "0,1000%",
    "0,0800%",
    "€ 1.000.000.000 (WOZ)",
    "€ 200.000",
    "100% kostendekking",
    "kosten € 5.000.000",
    "opbrengst € 4.500.000",
    "€ 500.000",
    "niet te berekenen",
    "Totaal onbenutte belastingcapaciteit",
    "€ 700.000",
]


@pytest.fixture(scope="module")
def taxed(result):
    inputs, data = snapshot(result)
    inputs["tax_capacity"] = TAX
    engine = TaxCapacityInputs(
        **{k: None if v is None else float(v) for k, v in TAX.items() if k not in ("year", "explanation")}
    )
    breakdown = unused_tax_capacity(engine)
    data["capacity"] = {
        "tax": {
            "parts": {part.key: part.value for part in breakdown.parts},
            "total": str(breakdown.total),
            "included": False,
            "already_counted_as_item": False,
        }
    }
    return from_snapshot_dict(
        inputs, data, {}, None, title="Begroting 2027", year=2027, reference_date="2026-09-15"
    )


def flat(text: str) -> str:
    return " ".join(text.split())


def test_each_part_carries_its_norm_tariff_and_base(taxed):
    ozb, ozb_other, sewage, waste = taxed.tax_capacity.lines
    assert (ozb.norm, ozb.current, ozb.base, ozb.amount) == (
        "0,1000%",
        "0,0800%",
        "€ 1.000.000.000 (WOZ)",
        200_000,
    )
    assert ozb_other.amount is None and ozb_other.current == "niet ingevuld"
    assert (sewage.current, sewage.base, sewage.amount) == (
        "opbrengst € 4.500.000",
        "kosten € 5.000.000",
        500_000,
    )
    assert waste.amount == 0


def test_the_html_shows_the_components(taxed):
    html = flat(render_fragment(taxed))
    table = html.split("rk-table--belastingcapaciteit", 1)[1].split("</table>", 1)[0]
    for text in COMPONENTS:
        assert text in table


def test_the_word_document_shows_the_components(taxed):
    word = docx.Document(io.BytesIO(render_docx(taxed)))
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "Onderdeel" and len(t.columns) == 5)
    text = flat(" ".join(cell.text for row in table.rows for cell in row.cells))
    for component in COMPONENTS:
        assert component in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_shows_the_components(taxed, tmp_path):
    path = tmp_path / "p.pdf"
    path.write_bytes(render_pdf(taxed))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = flat(text.replace("\u2010\n", ""))  # words hyphenated at a line end, joined again
    for component in COMPONENTS:
        assert component in text
