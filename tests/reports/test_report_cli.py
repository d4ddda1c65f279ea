# SPDX-License-Identifier: EUPL-1.2
"""``risicokompas report``: one command, three formats, and one Dutch line for a broken capacity file."""

from __future__ import annotations

import io

import docx
import pytest

from risicokompas.cli import main
from risicokompas.demo.register import write_demo_register

CAPACITY = "naam;soort;aard;bedrag\nAlgemene reserve;algemene reserve;incidenteel;12.000.000\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    register = write_demo_register(folder / "register.xlsx")
    capacity = folder / "capaciteit.csv"
    capacity.write_text(CAPACITY, encoding="utf-8")
    return folder, register, capacity


@pytest.mark.parametrize(
    "name", ["paragraaf.docx", pytest.param("paragraaf.pdf", marks=pytest.mark.slow), "paragraaf.html"]
)
def test_report_writes_each_format(files, name):
    folder, register, capacity = files
    out = folder / name
    code, stdout, stderr = run(
        "report",
        str(register),
        "--capaciteit",
        str(capacity),
        "--out",
        str(out),
        "--titel",
        "Begroting 2027",
        "--jaar",
        "2027",
        "--organisatie",
        "Gemeente Voorbeeldrecht",
    )
    assert code == 0, stderr
    assert f"Paragraaf geschreven: {out}" in stdout
    data = out.read_bytes()
    if name.endswith(".pdf"):
        assert data.startswith(b"%PDF")
    elif name.endswith(".docx"):
        headings = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name == "Heading 1"]
        assert len(headings) == 9  # eight sections and the appendix
    else:
        text = data.decode()
        assert "<html" not in text and "Gemeente Voorbeeldrecht · Begroting 2027" in text
        assert "€ 12.000.000" in text


def test_report_html_as_a_full_page(files):
    folder, register, capacity = files
    out = folder / "pagina.html"
    code, _, stderr = run(
        "report", str(register), "--capaciteit", str(capacity), "--out", str(out), "--pagina"
    )
    assert code == 0, stderr
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_a_broken_capacity_file_exits_2_with_row_and_column(files):
    folder, register, _ = files
    broken = folder / "kapot.csv"
    broken.write_text(
        "naam;soort;aard;bedrag\nAlgemene reserve;algemene reserve;incidenteel;veel\n", encoding="utf-8"
    )
    code, _, stderr = run(
        "report", str(register), "--capaciteit", str(broken), "--out", str(folder / "x.pdf")
    )
    assert code == 2
    assert stderr.startswith(
        "risicokompas: Capaciteitsbestand: Rij 2, kolom bedrag: 'veel' is geen geldig bedrag"
    )
    assert stderr.count("\n") == 1
    assert not (folder / "x.pdf").exists()


def test_an_unknown_output_suffix_exits_2(files):
    folder, register, capacity = files
    code, _, stderr = run(
        "report", str(register), "--capaciteit", str(capacity), "--out", str(folder / "p.odt")
    )
    assert code == 2
    assert "kies een naam die eindigt op .docx, .pdf of .html" in stderr
