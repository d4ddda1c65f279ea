# SPDX-License-Identifier: EUPL-1.2
"""The paragraph as an editable Word document (python-docx), for the controller to finish and publish.

Real Word structure, so editing and accessibility checks in Word work: heading styles per section (in the
order of DESIGN §6), real tables with a repeating header row and a caption, charts as PNG pictures with
alternative text followed by their table, and the approval line plus page numbers in the footer.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt, RGBColor

from risicokompas.reports.compose import compose
from risicokompas.reports.data import ParagraphData
from risicokompas.reports.document import Block, Cell, Chart, Document, Facts, Subheading, Table, Text

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.shared import Length
    from docx.table import Table as WordTable
    from docx.table import _Cell, _Row
    from docx.text.paragraph import Paragraph

#: Shading of risicokaart cells (hex without '#'), the same tints as the HTML.
TONES = {"groen": "CFE8D1", "oranje": "FCD9A8", "rood": "F4B9B9"}
HEADER_FILL = "E8EEF5"
#: A4 portrait minus the left and right margins (1,8 cm each): the width every table must fit in.
TEXT_WIDTH = Cm(21 - 2 * 1.8)
#: Width of an amount column (fits "€ 123.456.789" at the table's font size).
NUMBER_WIDTH = Cm(2.5)


def render_docx(data: ParagraphData | Document) -> bytes:
    """The .docx bytes of the paragraph."""
    document = data if isinstance(data, Document) else compose(data)
    word = new_docx()
    _page_setup(word, document)
    word.core_properties.title = f"{document.title} · {document.subtitle}"
    word.core_properties.language = "nl-NL"
    word.add_heading(document.title, level=0)
    word.add_paragraph(document.subtitle)
    word.add_paragraph(document.approval_line or "Concept: nog niet vastgesteld")
    for section in document.all_sections:
        word.add_heading(section.heading, level=1)
        for block in section.blocks:
            _add_block(word, block)
    trace = word.add_paragraph(document.trace_line)
    _small(trace, 8)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _page_setup(word: WordDocument, document: Document) -> None:
    normal = word.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    footer = section.footer.paragraphs[0]
    footer.text = (document.approval_line or "Concept: nog niet vastgesteld") + "\t"
    footer.add_run("Pagina ")
    _field(footer, "PAGE")
    footer.add_run(" van ")
    _field(footer, "NUMPAGES")
    _small(footer, 8)


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _small(paragraph: Paragraph, size: float) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)


def _add_block(word: WordDocument, block: Block) -> None:
    if isinstance(block, Text):
        paragraph = word.add_paragraph(block.text)
        if block.kind == "placeholder":
            for run in paragraph.runs:
                run.italic = True
        elif block.kind == "note":
            _small(paragraph, 8)
    elif isinstance(block, Subheading):
        word.add_heading(block.text, level=2)
    elif isinstance(block, Facts):
        _facts(word, block)
    elif isinstance(block, Table):
        _table(word, block)
    elif isinstance(block, Chart):
        word.add_picture(io.BytesIO(block.png()), width=Cm(16.5))
        picture = word.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _alt_text(word, block.title + " — de cijfers staan in de tabel hieronder.")
        word.add_paragraph(block.title, style="Caption")
        _table(word, block.table)
    else:
        raise TypeError(f"onbekend blok {type(block).__name__}")


def _alt_text(word: WordDocument, text: str) -> None:
    """Alternative text on the picture just added (Word reads it from wp:docPr/@descr)."""
    shapes = word.inline_shapes
    if shapes:
        doc_pr = shapes[-1]._inline.docPr
        doc_pr.set("descr", text)
        doc_pr.set("title", text)


def _facts(word: WordDocument, facts: Facts) -> None:
    table = word.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in facts.items:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value
        for run in cells[0].paragraphs[0].runs:
            run.bold = True
    _widths(table, (Cm(6), Cm(11.4)))
    word.add_paragraph()


def _table(word: WordDocument, table: Table) -> None:
    word.add_paragraph(table.caption, style="Caption")
    columns = len(table.head)
    grid = word.add_table(rows=1, cols=columns)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    numeric = table.numeric_columns
    header = grid.rows[0]
    _repeat_header(header)
    for index, label in enumerate(table.head):
        cell = header.cells[index]
        cell.text = label
        _shade(cell, HEADER_FILL)
        for run in cell.paragraphs[0].runs:
            run.bold = True
        if index > 0 and index < len(numeric) and numeric[index]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    size = Pt(7.5) if table.wide else Pt(9)
    for cell in header.cells:
        for run in cell.paragraphs[0].runs:
            run.font.size = size
    for row in table.rows:
        _row(grid, row, bold=False, size=size)
    for row in table.foot:  # totals once, at the end of the table
        _row(grid, row, bold=True, size=size)
    grid.autofit = False
    _widths(grid, column_widths(table))
    word.add_paragraph()


def column_widths(table: Table) -> tuple[Length, ...]:
    """Widths that add up to the text width: amounts get a fixed width, text columns share the rest
    (the first, the row header, twice as much as the others)."""
    numeric = [
        index > 0 and index < len(table.numeric_columns) and table.numeric_columns[index]
        for index in range(len(table.head))
    ]
    number_width = min(NUMBER_WIDTH, int(TEXT_WIDTH * 0.7 / max(1, sum(numeric))))
    rest = TEXT_WIDTH - number_width * sum(numeric)
    shares = [0 if is_number else (2 if index == 0 else 1) for index, is_number in enumerate(numeric)]
    unit = rest / max(1, sum(shares))
    return tuple(
        Emu(number_width) if is_number else Emu(int(unit * share))
        for is_number, share in zip(numeric, shares, strict=True)
    )


def _row(grid: WordTable, row: tuple[Cell, ...], *, bold: bool, size: Length) -> None:
    # python-docx 1.2 leaves Table.add_row unannotated (it returns a _Row).
    cells = grid.add_row().cells  # type: ignore[no-untyped-call]
    for index, value in enumerate(row):
        cell = cells[index]
        cell.text = value.text
        paragraph = cell.paragraphs[0]
        if value.numeric:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if value.tone:
            _shade(cell, TONES[value.tone])
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in paragraph.runs:
            run.bold = bold
            run.font.size = size


def _repeat_header(row: _Row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _widths(table: WordTable, widths: tuple[Length, ...]) -> None:
    """The width of each column, on the grid (LibreOffice reads it) and on every cell (Word reads it)."""
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width
