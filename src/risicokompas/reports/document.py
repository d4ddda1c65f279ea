# SPDX-License-Identifier: EUPL-1.2
"""A format-neutral paragraph: sections of text, tables, facts and charts, all text already in Dutch.

``compose`` turns ``ParagraphData`` into this; the HTML and DOCX renderers only lay it out. Because the
three formats render the same ``Document``, they show the same sections in the same order with the same
formatted numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from risicokompas import charts
from risicokompas.engine.result import Driver, ExceedanceCurve


@dataclass(frozen=True)
class Text:
    """A paragraph of text; ``kind`` "p" (body), "note" (small print) or "placeholder" (still to write)."""

    text: str
    kind: str = "p"


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Cell:
    """A table cell; ``tone`` ("groen", "oranje", "rood") colours risicokaart cells."""

    text: str
    numeric: bool = False
    tone: str = ""


#: From this many columns a table is "wide" (smaller font in PDF and Word).
WIDE_COLUMNS = 6


@dataclass(frozen=True)
class Table:
    """A data table; the first cell of each row is its row header (``th scope="row"`` in HTML)."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    foot: tuple[tuple[Cell, ...], ...] = ()
    key: str = ""  # a stable name for tests and CSS, e.g. "kwantielen"

    @property
    def wide(self) -> bool:
        """Six columns or more: set in a smaller font so it fits A4 portrait."""
        return len(self.head) >= WIDE_COLUMNS

    @property
    def numeric_columns(self) -> tuple[bool, ...]:
        first = self.rows[0] if self.rows else ()
        return tuple(cell.numeric for cell in first)


@dataclass(frozen=True)
class Facts:
    """Label–value pairs (a definition list in HTML, a two-column table in Word)."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Chart:
    """A chart with the table that carries the same numbers (its accessible equivalent)."""

    kind: str  # "exceedance" or "drivers"
    title: str
    table: Table
    curve: ExceedanceCurve | None = None
    required: float = 0.0
    certainty: float = 0.9
    capacity: float | None = None
    drivers: tuple[Driver, ...] = ()

    def svg(self, id_prefix: str) -> str:
        if self.kind == "exceedance":
            assert self.curve is not None, "an exceedance chart needs its curve"
            return charts.exceedance_chart_svg(
                self.curve, self.required, self.certainty, self.capacity, id_prefix=id_prefix
            )
        return charts.drivers_svg(self.drivers, id_prefix=id_prefix)

    def png(self) -> bytes:
        if self.kind == "exceedance":
            assert self.curve is not None, "an exceedance chart needs its curve"
            return charts.exceedance_chart_png(self.curve, self.required, self.certainty, self.capacity)
        return charts.drivers_png(self.drivers)


Block = Text | Subheading | Table | Facts | Chart


#: The number of the appendix "Verantwoording van de berekening" (printed as "Bijlage").
APPENDIX = 0


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> str:
        return f"Bijlage. {self.title}" if self.number == APPENDIX else f"{self.number}. {self.title}"

    @property
    def anchor(self) -> str:
        return "rk-bijlage" if self.number == APPENDIX else f"rk-sectie-{self.number}"


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    approval_line: str | None
    trace_line: str
    #: How the figures were computed (method, bounds, kenmerk of the inputs), after the sections.
    appendix: Section | None = None

    @property
    def all_sections(self) -> tuple[Section, ...]:
        return (*self.sections, self.appendix) if self.appendix else self.sections
