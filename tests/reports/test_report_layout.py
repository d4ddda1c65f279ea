# SPDX-License-Identifier: EUPL-1.2
"""The rendered PDF keeps every word inside the printable area of A4, with four years and long names."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from xml.etree import ElementTree

import docx
import pytest
from docx.oxml.ns import qn

from risicokompas.reports.data import CapacityRow
from risicokompas.reports.docx import render_docx
from risicokompas.reports.html import render_document
from risicokompas.reports.pdf import render_pdf

#: The page margins of report.css (left and right 1,8 cm) in PostScript points.
MARGIN_PT = 1.8 / 2.54 * 72
LONG = "Bestemmingsreserve herstructurering bedrijventerrein De Lange Akkers en omgeving"


@pytest.fixture(scope="module")
def wide(paragraph):
    """The test paragraph with four years of capacity and long names everywhere a name appears."""
    rows = (
        CapacityRow(
            LONG, "bestemmingsreserve", "incidenteel", (12_345_678, 11_222_333, 10_111_222, 9_000_111)
        ),
        CapacityRow(
            "Algemene reserve",
            "algemene reserve",
            "incidenteel",
            (25_000_000, 24_000_000, 23_500_000, 23_000_000),
        ),
        CapacityRow(
            "Post onvoorzien", "post onvoorzien", "structureel", (150_000, 150_000, 150_000, 150_000)
        ),
    )
    drivers = tuple(
        dataclasses.replace(
            d, name=d.name + " in het kader van de decentralisatie sociaal domein", measures=LONG * 2
        )
        for d in paragraph.simulation.drivers
    )
    simulation = dataclasses.replace(paragraph.simulation, drivers=drivers)
    return dataclasses.replace(paragraph, capacity_rows=rows, simulation=simulation)


def _words(pdf: bytes, tmp_path) -> list[tuple[int, float, float, float, str]]:
    path = tmp_path / "paragraaf.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    root = ElementTree.fromstring(out)
    words = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        width = float(page.get("width"))
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            words.append((number, width, float(word.get("xMin")), float(word.get("xMax")), word.text or ""))
    return words


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_no_word_of_the_pdf_lies_beyond_the_printable_area(wide, tmp_path):
    words = _words(render_pdf(wide), tmp_path)
    assert any("2030" in text for *_rest, text in words), "the fourth capacity year is printed"
    outside = [
        (page, round(x_max, 1), text)
        for page, width, x_min, x_max, text in words
        if x_max > width - MARGIN_PT + 0.5 or x_min < MARGIN_PT - 0.5
    ]
    assert outside == []


def test_every_word_table_fits_the_text_width_of_a4_portrait(wide):
    word = docx.Document(io.BytesIO(render_docx(wide)))
    section = word.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    for table in word.tables:
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid) * 635 <= text_width  # twentieths of a point → EMU
        for row in table.rows:
            assert sum(cell.width for cell in row.cells) <= text_width


def test_totals_stand_once_at_the_end_of_the_capacity_table(wide):
    html = render_document(wide)
    table = html.split("rk-table--capaciteit", 1)[1].split("</table>", 1)[0]
    assert "<tfoot" not in table  # a tfoot is repeated on every page of a broken table
    body_rows = table.split("<tr")[2:]
    totals = [i for i, row in enumerate(body_rows) if "rk-total" in row]
    assert totals == list(range(len(body_rows) - 3, len(body_rows)))
    assert "Totaal beschikbare weerstandscapaciteit" in body_rows[-1]


DEMO_CAPACITY = (
    "naam;soort;aard;bedrag;bedrag_t1;bedrag_t2;bedrag_t3\n"
    f"{LONG};bestemmingsreserve;incidenteel;12.345.678;11.222.333;10.111.222;9.000.111\n"
    "Algemene reserve;algemene reserve;incidenteel;25.000.000;24.000.000;23.500.000;23.000.000\n"
    "Post onvoorzien;post onvoorzien;structureel;150.000;150.000;150.000;150.000\n"
)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_demo_paragraph_with_four_years_stays_inside_the_printable_area(tmp_path):
    from risicokompas.cli import main
    from risicokompas.demo.register import write_demo_register

    register = write_demo_register(tmp_path / "register.xlsx")
    capacity = tmp_path / "capaciteit.csv"
    capacity.write_text(DEMO_CAPACITY, encoding="utf-8")
    out = tmp_path / "paragraaf.pdf"
    argv = ["report", str(register), "--capaciteit", str(capacity), "--out", str(out), "--jaar", "2027"]
    assert main([*argv, "--titel", "Begroting 2027"], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    words = _words(out.read_bytes(), tmp_path)
    assert any(text == "2030" for *_rest, text in words)
    outside = [
        (page, round(x_max, 1), text)
        for page, width, x_min, x_max, text in words
        if x_max > width - MARGIN_PT + 0.5 or x_min < MARGIN_PT - 0.5
    ]
    assert outside == []
