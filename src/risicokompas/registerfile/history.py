# SPDX-License-Identifier: EUPL-1.2
"""Read a history file: the register as it stood per year, with what actually happened (DESIGN C10).

A history file has the register template's columns plus three of its own:

    jaar              the year the estimate was for (verplicht)
    opgetreden        ja or nee: did the risk occur in that year (verplicht)
    werkelijk_bedrag  what it cost in that year; required when it occurred (structural: per year)

One row is one risk in one year, so a risk appears once per year. A row with ``opgetreden`` ja and an empty
``kans`` is a loss that was not in the register (a surprise); it needs only a name and an amount. Every other
row is read with the register's own rules, so its errors read the same. Reading is all-or-nothing, like the
register: every problem is reported as "Rij N, kolom X: …" and nothing is returned when there is any.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from risicokompas.engine import calibration
from risicokompas.registerfile.columns import Column, column_letter, normalise_header
from risicokompas.registerfile.errors import Problem, RegisterFileError
from risicokompas.registerfile.header import Header, find_header
from risicokompas.registerfile.model import RegisterRow, UnquantifiedRow
from risicokompas.registerfile.reader import Source, _read_source
from risicokompas.registerfile.rows import EXAMPLE_PREFIX, RowParser
from risicokompas.registerfile.shapes import SHAPE_NAMES, SHAPE_OPTIONS
from risicokompas.registerfile.sources import Table, load_table
from risicokompas.registerfile.values import (
    ValueProblem,
    cell_text,
    display,
    is_empty,
    is_not_quantified,
    is_number,
    parse_amount,
    parse_flag,
)

HISTORY_COLUMNS: tuple[Column, ...] = (
    Column(
        "jaar",
        "Jaar",
        "Verplicht. Het jaar waarvoor de raming gold, bijvoorbeeld 2024.",
        ("begrotingsjaar", "boekjaar"),
        width=8,
    ),
    Column(
        "opgetreden",
        "Opgetreden",
        "Verplicht. ja als het risico in dat jaar is opgetreden, anders nee. Een rij met opgetreden ja en "
        "zonder kans is een verlies dat niet in het register stond.",
        ("is opgetreden", "opgetreden ja nee", "opgetreden ja/nee"),
        width=12,
    ),
    Column(
        "werkelijk_bedrag",
        "Werkelijk bedrag (€)",
        "Wat het risico in dat jaar werkelijk heeft gekost; verplicht als het is opgetreden. Bij een "
        "structureel risico het bedrag per jaar.",
        ("werkelijk gevolg", "werkelijke schade", "werkelijk financieel gevolg", "realisatie"),
        width=18,
    ),
)

HISTORY_REQUIRED_KEYS: tuple[str, ...] = ("jaar", "opgetreden")

HISTORY_COLUMN_BY_KEY: dict[str, Column] = {column.key: column for column in HISTORY_COLUMNS}

_LOOKUP: dict[str, Column] = {
    normalise_header(name): column
    for column in HISTORY_COLUMNS
    for name in (column.key, column.label, *column.aliases)
}


class HistoryFileError(RegisterFileError):
    """A history file that cannot be read; like ``RegisterFileError``, it lists every problem."""

    def _text(self) -> str:
        lines = [str(problem) for problem in self.problems]
        if len(lines) == 1:
            return lines[0]
        header = f"De geschiedenis bevat {len(lines)} problemen; er is niets ingelezen."
        return "\n".join([header, *(f"- {line}" for line in lines)])


@dataclass(frozen=True)
class HistoryRow:
    """One risk in one year, or a loss outside the register (``register_row`` None)."""

    year: int
    occurred: bool
    amount: float | None
    name: str
    register_row: RegisterRow | None = None
    row_number: int | None = None

    @property
    def is_surprise(self) -> bool:
        return self.register_row is None


@dataclass(frozen=True)
class History:
    """A whole history file, read in full or not at all."""

    rows: tuple[HistoryRow, ...]
    structural_years: int = 1
    default_shape: str = "uniform"

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({row.year for row in self.rows}))

    def to_engine(self) -> calibration.History:
        """The engine's input for ``calibration.calibrate``."""
        return calibration.History(
            outcomes=tuple(
                calibration.Outcome(
                    year=row.year,
                    risk=None if row.register_row is None else row.register_row.risk,
                    occurred=row.occurred,
                    amount=row.amount or 0.0,
                    name=row.name,
                )
                for row in self.rows
            ),
            structural_years=self.structural_years,
        )


def read_history(
    source: Source, *, format: str | None = None, default_shape: str = "uniform", structural_years: int = 1
) -> History:
    """Read a history file from a path, bytes or a binary file object; see the module docstring.

    ``default_shape`` and ``structural_years`` mean what they mean for ``read_register``. Raises
    ``HistoryFileError`` (a ``RegisterFileError``) listing every problem of the file.
    """
    data, filename = _read_source(source)
    return read_history_bytes(
        data, filename=filename, format=format, default_shape=default_shape, structural_years=structural_years
    )


def read_history_bytes(
    data: bytes,
    *,
    filename: str | None = None,
    format: str | None = None,
    default_shape: str = "uniform",
    structural_years: int = 1,
) -> History:
    """Read a history file from its bytes; ``filename`` only helps to recognise the format."""
    shape = SHAPE_NAMES.get(str(default_shape).strip().lower())
    if shape is None:
        raise ValueProblem(f"onbekende standaardverdeling '{default_shape}'; kies {SHAPE_OPTIONS}")
    if isinstance(structural_years, bool) or not isinstance(structural_years, int) or structural_years < 1:
        raise ValueProblem("het aantal jaren voor structurele risico's moet een geheel getal ≥ 1 zijn")
    try:
        table = load_table(bytes(data), filename=filename, format=format)
        header = _history_header(table, find_header(table))
    except RegisterFileError as error:
        raise HistoryFileError(error.problems) from None
    rows, problems = _parse_rows(table, header, shape)
    if problems:
        raise HistoryFileError(problems)
    if not rows:
        raise HistoryFileError("de geschiedenis bevat geen rijen")
    return History(rows=tuple(rows), structural_years=structural_years, default_shape=shape)


class HistoryHeader(Header):
    """A register header that also knows the history columns."""

    def label_of(self, key: str) -> str:
        if key in HISTORY_COLUMN_BY_KEY:
            return self.label.get(key, HISTORY_COLUMN_BY_KEY[key].label)
        return super().label_of(key)


def _history_header(table: Table, header: Header) -> Header:
    """The register header with the history columns taken out of its notes and given their keys."""
    index, label, notes = dict(header.index), dict(header.label), dict(header.notes)
    cells = table.rows[header.row_number - 1]
    problems: list[Problem] = []
    for position in sorted(header.notes):
        text = cell_text(cells[position].value)
        column = _LOOKUP.get(normalise_header(text))
        if column is None:
            continue
        del notes[position]
        if column.key in index:
            first, second = column_letter(index[column.key]), column_letter(position)
            problems.append(
                Problem(header.row_number, text, f"de kolom komt twee keer voor (kolom {first} en {second})")
            )
            continue
        index[column.key], label[column.key] = position, text
    for key in HISTORY_REQUIRED_KEYS:
        if key not in index:
            column = HISTORY_COLUMN_BY_KEY[key]
            problems.append(
                Problem(header.row_number, None, f"de verplichte kolom '{column.label}' ontbreekt")
            )
    if problems:
        raise RegisterFileError(problems)
    return HistoryHeader(header.row_number, index=index, label=label, notes=notes)


def _parse_rows(table: Table, header: Header, shape: str) -> tuple[list[HistoryRow], list[Problem]]:
    rows: list[HistoryRow] = []
    problems: list[Problem] = []
    first_row_of: dict[tuple[int, str], int] = {}
    for position in range(header.row_number, len(table.rows)):
        cells = table.rows[position]
        if all(is_empty(cell.value) for cell in cells):
            continue
        parser = RowParser(header, cells, row_number=position + 1)
        if parser.text("id").upper().startswith(EXAMPLE_PREFIX):
            continue
        row = _parse_row(parser, shape, first_row_of)
        problems.extend(parser.sorted_problems())
        if row is not None and not parser.problems:
            rows.append(row)
    return rows, problems


def _parse_row(parser: RowParser, shape: str, first_row_of: dict[tuple[int, str], int]) -> HistoryRow | None:
    year = parser.value("jaar", lambda c: parse_year(c.value), missing="het jaar ontbreekt")
    occurred = parser.value(
        "opgetreden",
        lambda c: parse_flag(c.value),
        missing="vul ja of nee in: is het risico in dit jaar opgetreden?",
    )
    amount = parser.value("werkelijk_bedrag", lambda c: parse_amount(c.value))
    amount_given = not is_empty(parser.cell("werkelijk_bedrag").value)
    surprise = occurred is True and is_empty(parser.cell("kans").value)
    register_row: RegisterRow | None = None
    if surprise:
        if not parser.text("risico"):
            parser.add("risico", "de naam van het verlies ontbreekt")
    else:
        parsed = parser.parse(shape)
        if not isinstance(parsed, UnquantifiedRow):
            register_row = parsed
        else:
            # A register may hold a risk "PM"; a history cannot check an estimate that was never made.
            if is_empty(parser.cell("kans").value) or is_not_quantified(parser.cell("kans").value):
                parser.add("kans", "de kans ontbreekt")
            else:
                parser.add("gevolg_max", "het maximale gevolg ontbreekt")
    if occurred is True and not amount_given:
        what = "het verlies" if surprise else "het risico"
        parser.add(
            "werkelijk_bedrag", f"het werkelijke bedrag ontbreekt; vul in wat {what} in dit jaar heeft gekost"
        )
    if occurred is False and amount:
        parser.add(
            "werkelijk_bedrag",
            f"er staat een bedrag, maar volgens kolom {parser.header.label_of('opgetreden')} is het risico "
            "niet opgetreden",
        )
    if year is not None:
        earlier = first_row_of.setdefault((year, parser.risk_id), parser.row_number)
        if earlier != parser.row_number:
            parser.add("id", f"id '{parser.risk_id}' komt in {year} al voor in rij {earlier}")
    if parser.problems or year is None or occurred is None:  # a missing year or flag is a problem too
        return None
    return HistoryRow(
        year=year,
        occurred=occurred,
        amount=amount,
        name=parser.text("risico"),
        register_row=register_row,
        row_number=parser.row_number,
    )


def parse_year(value: object) -> int:
    """A year such as 2024, typed or as a number; from 1900 to 2200."""
    if is_number(value) and math.isfinite(value):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    elif isinstance(value, str) and cell_text(value).isdigit():
        number = Decimal(cell_text(value))
    else:
        number = None
    if number is None or number != number.to_integral_value() or not 1900 <= number <= 2200:
        shown = display(value) if is_number(value) and math.isfinite(value) else cell_text(value)
        raise ValueProblem(f"'{shown}' is geen jaartal; vul een jaar in zoals 2024")
    return int(number)
