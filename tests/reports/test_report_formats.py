# SPDX-License-Identifier: EUPL-1.2
"""The three formats show the same sections in the same order, with the data's numbers in Dutch."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import docx
import pytest

from risicokompas.engine.present import (
    format_date_nl,
    format_eur,
    format_percent,
    format_ratio,
    round_amount_for_display,
)
from risicokompas.reports import SECTION_TITLES, compose
from risicokompas.reports.docx import render_docx
from risicokompas.reports.html import render_document, render_fragment
from risicokompas.reports.pdf import render_pdf

HEADINGS = [f"{number}. {title}" for number, title in enumerate(SECTION_TITLES, start=1)]
APPENDIX = "Bijlage. Verantwoording van de berekening"


def key_figures(data) -> list[str]:
    sim = data.simulation
    return [
        format_eur(sim.total_required),
        format_eur(sim.available),
        format_ratio(sim.ratio),
        f"{sim.class_letter} ({sim.class_label})",
        format_eur(sim.required),
        format_percent(sim.p_exceed, 1),
    ]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def word(paragraph):
    return docx.Document(io.BytesIO(render_docx(paragraph)))


def word_text(word) -> str:
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return flat("\n".join(parts))


def test_the_docx_has_the_eight_section_headings_in_the_order_of_the_design(word):
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == [*HEADINGS, APPENDIX]


def test_the_docx_shows_required_capacity_ratio_and_class_exactly_as_in_the_data(word, paragraph):
    text = word_text(word)
    for figure in key_figures(paragraph):
        assert figure in text


def test_the_docx_tables_are_real_word_tables_with_the_quantiles(word, paragraph):
    main, exact = (t for t in word.tables if t.rows[0].cells[0].text == "Zekerheid")
    quantiles = paragraph.simulation.quantiles
    # The main text rounds each amount as the dashboard does; the appendix holds it to the euro.
    assert [row.cells[1].text for row in main.rows[1:]] == [
        round_amount_for_display(q.value, (q.upper - q.lower) / 2 / q.value).text for q in quantiles
    ]
    assert [row.cells[1].text for row in exact.rows[1:]] == [format_eur(q.value) for q in quantiles]
    assert all(len(t.rows) >= 1 for t in word.tables)


def test_the_docx_footer_carries_the_approval_line_and_page_numbers(word, paragraph):
    footer = word.sections[0].footer.paragraphs[0]
    assert "Vastgesteld door wethouder Financiën op 5 november 2026, besluit B&W 2026/123" in footer.text
    assert "PAGE" in footer._p.xml and "NUMPAGES" in footer._p.xml


def test_the_docx_embeds_both_charts_as_pictures_with_alternative_text(word):
    shapes = list(word.inline_shapes)
    assert len(shapes) == 2
    assert all(shape._inline.docPr.get("descr") for shape in shapes)


def test_every_amount_is_rounded_to_whole_euros_the_dutch_way(word, paragraph):
    text = word_text(word)
    assert "€ 2.500.000" in text and "€ 150.000" in text  # 2.500.000,4 and 149.999,5 (half away from zero)
    assert "€ 2.650.000" in text  # their total, from the unrounded amounts
    assert "€ 250.001" in text  # the separate group of 250.000,50
    assert not re.search(r"€ \d+,\d", text)  # no decimals on any amount
    assert not re.search(r"€ \d{4,}", text)  # thousands always grouped with points


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_text_holds_the_same_numbers_and_the_approval_line_on_every_page(paragraph, tmp_path):
    path = tmp_path / "paragraaf.pdf"
    path.write_bytes(render_pdf(paragraph))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) >= 2
    for figure in key_figures(paragraph):
        assert figure in flat(text)
    for page in pages:
        assert "Vastgesteld door wethouder Financiën" in flat(page)
    assert [h for h in HEADINGS if h in flat(text)] == HEADINGS
    positions = [flat(text).index(h) for h in HEADINGS]
    assert positions == sorted(positions)


def test_the_fragment_has_no_page_scaffolding_but_tables_with_captions_and_labelled_charts(paragraph):
    html = render_fragment(paragraph)
    assert "<html" not in html and "<head" not in html and "<body" not in html
    assert html.lstrip().startswith("<section")
    assert html.count('role="img"') == 2
    assert "<caption>Benodigde weerstandscapaciteit per zekerheidspercentage</caption>" in html
    assert '<th scope="col">Zekerheid</th>' in html
    for q in paragraph.simulation.quantiles:
        assert f'<td class="rk-num">{format_eur(q.value)}</td>' in html
    assert re.findall(r"<h(\d)", html)[0] == "2"
    assert "<h1" not in html


def test_the_full_document_has_one_h1_language_and_print_css(paragraph):
    html = render_document(paragraph)
    assert '<html lang="nl">' in html
    assert html.count("<h1") == 1 and html.count("<h2") == 9  # eight sections and the appendix
    assert "size: A4" in html
    assert html.count("<table") == html.count("<caption>")


def test_the_controller_texts_are_escaped_and_split_into_paragraphs(paragraph):
    from dataclasses import replace

    html = render_fragment(replace(paragraph, policy_text="Eerste <b>alinea</b>.\n\nTweede alinea."))
    assert "Eerste &lt;b&gt;alinea&lt;/b&gt;." in html
    assert '<p class="rk-p">Tweede alinea.</p>' in html


def test_an_unapproved_paragraph_says_it_is_a_concept(paragraph):
    from dataclasses import replace

    document = compose(replace(paragraph, approval=None))
    assert document.approval_line is None
    assert "Concept: nog niet vastgesteld" in render_document(document)


def test_section_eight_names_what_is_not_yet_recorded(paragraph):
    text = flat(render_fragment(paragraph))
    assert "Wijzigingen in het risicoregister</dt><dd>42" in text.replace(" <", "<").replace("> ", ">")
    assert (
        "Nog niet vastgelegd in Risicokompas: signalen afgehandeld, afwijkingen van regels besproken." in text
    )


def test_the_peildatum_is_written_in_dutch(paragraph):
    assert format_date_nl(paragraph.reference_date) == "15 september 2026"
    assert "15 september 2026" in render_fragment(paragraph)
