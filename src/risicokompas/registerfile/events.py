# SPDX-License-Identifier: EUPL-1.2
"""Read a file of events ("gebeurtenissen", DESIGN C10): what happened, when, what it cost and which register
risks it realised. Excel (.xlsx) or CSV, one event per row, the header in one of the top ten rows:

    datum         verplicht: 31-12-2024, 2024-12-31 or an Excel date; not in the future
    bedrag        verplicht: what it cost, 0 or more, at most to the cent ("€ 1.250.000", "1250000,50")
    omschrijving  verplicht: what happened
    programma     the team or programme (optional)
    risico        the register codes of the risks it realised, separated by a comma or semicolon (optional);
                  empty means "niet in het register": a loss no risk foresaw (a surprise)

Reading is all-or-nothing, like the register: every problem is reported as "Rij N, kolom X: …" (the row as
Excel numbers it, the column as the file's header names it) and nothing is returned when there is any. The
codes are checked against the register only when the caller passes the register's codes (``Recordable``):
this module knows no database. ``write_events_template`` writes the empty file with instructions.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import BinaryIO

from risicokompas.registerfile.columns import HEADER_SEARCH_ROWS, Column, column_letter, normalise_header
from risicokompas.registerfile.errors import Problem, RegisterFileError
from risicokompas.registerfile.reader import Source, _read_source
from risicokompas.registerfile.sources import RawCell, Table, load_table
from risicokompas.registerfile.values import (
    ValueProblem,
    cell_text,
    display,
    is_empty,
    is_number,
    parse_date,
    parse_exact_amount,
)

EVENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "datum",
        "datum",
        "Verplicht. Wanneer het gebeurde: 31-12-2024, 2024-12-31 of een Excel-datum. Niet in de toekomst.",
        ("date", "datum gebeurtenis", "gebeurtenisdatum", "wanneer"),
        width=14,
    ),
    Column(
        "bedrag",
        "bedrag",
        "Verplicht. Wat het heeft gekost, in euro's: € 1.250.000, 1250000 of 1250000,50. Nooit negatief.",
        ("werkelijk bedrag", "kosten", "schade", "verlies", "werkelijke schade", "amount"),
        width=16,
    ),
    Column(
        "omschrijving",
        "omschrijving",
        "Verplicht. Wat er gebeurde.",
        ("beschrijving", "gebeurtenis", "wat gebeurde er", "description"),
        width=60,
    ),
    Column(
        "programma",
        "programma",
        "Het team of programma. Leeg: het programma van het risico als dat er één is.",
        ("team", "team of programma", "programme"),
        width=24,
    ),
    Column(
        "risico",
        "risico",
        "De id's van de risico's uit het register die hiermee zijn opgetreden, gescheiden door een komma of "
        "puntkomma (R01; R07). Leeg: niet in het register, een verlies dat geen risico voorzag.",
        ("risico's", "risicos", "risicocode", "risicocodes", "risico id", "id", "code", "codes"),
        width=18,
    ),
)
EVENT_COLUMN_BY_KEY: dict[str, Column] = {column.key: column for column in EVENT_COLUMNS}
#: Columns a file must have.
REQUIRED_KEYS: tuple[str, ...] = ("datum", "bedrag", "omschrijving")
#: Columns that identify the header row.
HEADER_KEYS: tuple[str, ...] = ("datum", "bedrag")
#: At most this many events per file: each one is recorded (with its risks' history) in one request.
MAX_ROWS = 5000
#: What the database holds: 16 digits, two of them decimals.
MAX_AMOUNT = Decimal("1e14")
MAX_PROGRAMME = 200
#: Texts in the risico column that mean "niet in het register", like an empty cell.
NOT_IN_REGISTER: frozenset[str] = frozenset({"niet in het register", "geen", "-", "–", "—"})

_CENT = Decimal("0.01")
_CODE_SEPARATORS = re.compile(r"[;,\n]")
_LOOKUP: dict[str, str] = {
    normalise_header(name): column.key
    for column in EVENT_COLUMNS
    for name in (column.key, column.label, *column.aliases)
}

EVENTS_SHEET = "Gebeurtenissen"
INSTRUCTION_SHEET = "Instructies"


class EventFileError(RegisterFileError):
    """An events file that cannot be read; ``problems`` lists everything that is wrong with it."""

    def _text(self) -> str:
        lines = [str(problem) for problem in self.problems]
        if len(lines) == 1:
            return lines[0]
        header = f"Het bestand bevat {len(lines)} problemen; er is niets ingelezen."
        return "\n".join([header, *(f"- {line}" for line in lines)])


@dataclass(frozen=True)
class EventRow:
    """One event of the file; ``risk_codes`` as the register spells them, empty for a surprise."""

    row_number: int
    date: date
    amount: Decimal
    description: str
    programme: str = ""
    risk_codes: tuple[str, ...] = ()

    @property
    def is_surprise(self) -> bool:
        return not self.risk_codes


@dataclass(frozen=True)
class EventFile:
    """A whole events file, read in full or not at all."""

    rows: tuple[EventRow, ...]

    @property
    def surprises(self) -> int:
        return sum(1 for row in self.rows if row.is_surprise)


@dataclass(frozen=True)
class Recordable:
    """What the person importing may name: the register's codes, the codes they may record events for
    (``None``: all of them) and whether they may record a loss outside the register."""

    known: Collection[str]
    allowed: Collection[str] | None = None
    surprises: bool = True

    def spelling(self) -> dict[str, str]:
        """Typed code → the register's code: exact, or ignoring case where that is unambiguous."""
        folded: dict[str, list[str]] = {}
        for code in self.known:
            folded.setdefault(code.casefold(), []).append(code)
        lookup = {key: codes[0] for key, codes in folded.items() if len(codes) == 1}
        lookup.update({code: code for code in self.known})
        return lookup


def is_events_header(values: Iterable[object]) -> bool:
    """Whether a row of cell values names a ``datum`` and a ``bedrag`` column."""
    keys = {column_key(value) for value in values}
    return all(key in keys for key in HEADER_KEYS)


def column_key(header: object) -> str | None:
    if header is None:
        return None
    return _LOOKUP.get(normalise_header(str(header)))


def read_events(
    source: Source,
    *,
    format: str | None = None,
    today: date | None = None,
    recordable: Recordable | None = None,
) -> EventFile:
    """Read an events file from a path, bytes or a binary file object (e.g. a web upload).

    ``today``: a date after it is refused (None: not checked). ``recordable``: the codes the file may name
    (None: codes are not checked). Raises ``EventFileError`` listing every problem of the file.
    """
    data, filename = _read_source(source)
    return read_events_bytes(data, filename=filename, format=format, today=today, recordable=recordable)


def read_events_bytes(
    data: bytes,
    *,
    filename: str | None = None,
    format: str | None = None,
    today: date | None = None,
    recordable: Recordable | None = None,
) -> EventFile:
    """Read an events file from its bytes; ``filename`` only helps to recognise the format."""
    try:
        table = load_table(bytes(data), filename=filename, format=format, header=is_events_header)
    except RegisterFileError as error:
        raise EventFileError(error.problems) from None
    header = _find_header(table)
    rows, problems = _parse_rows(table, header, today, recordable)
    if problems:
        raise EventFileError(problems)
    if not rows:
        raise EventFileError("het bestand bevat geen gebeurtenissen")
    if len(rows) > MAX_ROWS:
        raise EventFileError(
            f"het bestand bevat {len(rows)} gebeurtenissen; lees er hooguit {MAX_ROWS} tegelijk in"
        )
    return EventFile(rows=tuple(rows))


@dataclass
class _Header:
    row_number: int
    index: dict[str, int]
    label: dict[str, str]
    #: The positions of every column with a name, the user's own columns included.
    named: set[int]

    def label_of(self, key: str) -> str:
        return self.label.get(key, EVENT_COLUMN_BY_KEY[key].label)


def _find_header(table: Table) -> _Header:
    for position, cells in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        if is_events_header(cell.value for cell in cells):
            return _read_header(position + 1, cells)
    labels = " en ".join(f"'{EVENT_COLUMN_BY_KEY[key].label}'" for key in HEADER_KEYS)
    raise EventFileError(
        f"geen kopregel gevonden: de eerste {HEADER_SEARCH_ROWS} rijen bevatten geen kolommen {labels}"
    )


def _read_header(row_number: int, cells: tuple[RawCell, ...]) -> _Header:
    header = _Header(row_number, {}, {}, set())
    problems: list[Problem] = []
    for index, cell in enumerate(cells):
        text = cell_text(cell.value)
        if text:
            header.named.add(index)
        key = column_key(text)
        if key is None:
            continue  # a column of the user's own: not read
        if key in header.index:
            first, second = column_letter(header.index[key]), column_letter(index)
            problems.append(
                Problem(row_number, text, f"de kolom komt twee keer voor (kolom {first} en {second})")
            )
            continue
        header.index[key], header.label[key] = index, text
    for key in REQUIRED_KEYS:
        if key not in header.index:
            label = EVENT_COLUMN_BY_KEY[key].label
            problems.append(Problem(row_number, None, f"de verplichte kolom '{label}' ontbreekt"))
    if problems:
        raise EventFileError(problems)
    return header


def _parse_rows(
    table: Table, header: _Header, today: date | None, recordable: Recordable | None
) -> tuple[list[EventRow], list[Problem]]:
    spelling = recordable.spelling() if recordable is not None else None
    rows: list[EventRow] = []
    problems: list[Problem] = []
    for position in range(header.row_number, len(table.rows)):
        cells = table.rows[position]
        if all(is_empty(cell.value) for cell in cells):
            continue
        row = _RowReader(header, cells, position + 1)
        event = row.read(today, recordable, spelling)
        problems.extend(row.sorted_problems())
        if event is not None:
            rows.append(event)
    return rows, problems


class _RowReader:
    """One row: its cells by column key, and the problems found in them (in the file's column order)."""

    def __init__(self, header: _Header, cells: tuple[RawCell, ...], row_number: int) -> None:
        self.header = header
        self.cells = cells
        self.row_number = row_number
        self.problems: list[tuple[int, Problem]] = []

    def cell(self, key: str) -> object:
        index = self.header.index.get(key)
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index].value

    def add(self, key: str, message: str) -> None:
        order = self.header.index.get(key, len(EVENT_COLUMNS) + len(self.cells))
        self.problems.append((order, Problem(self.row_number, self.header.label_of(key), message)))

    def sorted_problems(self) -> list[Problem]:
        return [problem for _, problem in sorted(self.problems, key=lambda item: item[0])]

    def read(
        self, today: date | None, recordable: Recordable | None, spelling: dict[str, str] | None
    ) -> EventRow | None:
        day = self._date(today)
        amount = self._amount()
        description = cell_text(self.cell("omschrijving"))
        if not description:
            self.add("omschrijving", "de omschrijving ontbreekt")
        programme = cell_text(self.cell("programma"))
        if len(programme) > MAX_PROGRAMME:
            self.add("programma", f"het programma is langer dan {MAX_PROGRAMME} tekens")
        codes = self._codes(recordable, spelling)
        self._check_unnamed_cells()
        if self.problems or day is None or amount is None:
            return None
        return EventRow(self.row_number, day, amount, description, programme, codes)

    def _check_unnamed_cells(self) -> None:
        """A value in a column without a name would be lost silently, e.g. a second risk code that a
        semicolon split off into a column of its own in a CSV file."""
        for index, cell in enumerate(self.cells):
            if index not in self.header.named and not is_empty(cell.value):
                message = (
                    f"'{display(cell.value)}' staat in een kolom zonder kolomnaam; geef de kolom een naam of "
                    "haal de waarde weg (meer risico's in een CSV-bestand met puntkomma's: scheid ze met een "
                    "komma)"
                )
                self.problems.append((index, Problem(self.row_number, column_letter(index), message)))

    def _date(self, today: date | None) -> date | None:
        value = self.cell("datum")
        if is_empty(value):
            self.add("datum", "de datum ontbreekt")
            return None
        try:
            day = parse_date(value)
        except ValueProblem as problem:
            self.add("datum", problem.message)
            return None
        if today is not None and day > today:
            self.add("datum", f"{day:%d-%m-%Y} ligt in de toekomst; een gebeurtenis is al gebeurd")
            return None
        return day

    def _amount(self) -> Decimal | None:
        value = self.cell("bedrag")
        if is_empty(value):
            self.add("bedrag", "het bedrag ontbreekt")
            return None
        try:
            amount = parse_exact_amount(value)
        except ValueProblem as problem:
            self.add("bedrag", problem.message)
            return None
        cents = amount.quantize(_CENT, rounding=ROUND_HALF_UP)
        if cents != amount and not is_number(value):
            # A typed "12,345" is more likely twelve thousand than twelve euros and a fraction of a cent.
            self.add(
                "bedrag",
                f"'{cell_text(value)}' heeft meer dan twee cijfers achter de komma; een komma geeft de centen, "
                "een punt scheidt duizendtallen (12.345 of 12345,50)",
            )
            return None
        if cents >= MAX_AMOUNT:
            self.add("bedrag", f"bedrag {display(value)} is te groot")
            return None
        return cents

    def _codes(self, recordable: Recordable | None, spelling: dict[str, str] | None) -> tuple[str, ...]:
        text = cell_text(self.cell("risico"))
        typed: list[str] = []
        if " ".join(text.lower().split()) not in NOT_IN_REGISTER:
            for part in _CODE_SEPARATORS.split(text):
                if part.strip() and part.strip() not in typed:
                    typed.append(part.strip())
        if recordable is None or spelling is None:
            return tuple(typed)
        if not typed:
            if not recordable.surprises:
                self.add(
                    "risico",
                    "vul de id van het opgetreden risico in; alleen wie alle risico's beheert legt verliezen "
                    "buiten het register vast",
                )
            return ()
        unknown = [code for code in typed if code not in spelling]
        codes = tuple(dict.fromkeys(spelling[code] for code in typed if code in spelling))
        if unknown:
            listed = ", ".join(f"'{code}'" for code in unknown)
            if len(unknown) == 1:
                self.add("risico", f"risico {listed} staat niet in het register")
            else:
                self.add("risico", f"de risico's {listed} staan niet in het register")
        elif recordable.allowed is not None:
            others = [code for code in codes if code not in recordable.allowed]
            if others:
                listed = ", ".join(f"'{code}'" for code in others)
                self.add(
                    "risico",
                    f"u bent geen eigenaar van risico {listed}; u legt alleen gebeurtenissen vast bij "
                    "risico's waarvan u eigenaar bent",
                )
        return codes


# ---- The empty file ----------------------------------------------------------------------------------------

INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    (
        "Zo werkt het",
        f"Vul op het blad {EVENTS_SHEET} één gebeurtenis per rij in: een verlies dat zich heeft voorgedaan. "
        "De eerste rij bevat de kolomnamen; laat die staan. Kolommen mogen in een andere volgorde staan; "
        "eigen kolommen worden niet ingelezen. Lege rijen worden overgeslagen.",
    ),
    (
        "Alles of niets",
        "Bij het inlezen wordt elke rij gecontroleerd. Als er iets niet klopt, wordt niets vastgelegd en "
        "krijgt u een lijst van alle problemen met rij en kolom. U ziet eerst een overzicht; pas als u "
        "bevestigt worden de gebeurtenissen vastgelegd.",
    ),
    (
        "Opgetreden risico's",
        "Een risico dat in de kolom risico staat, krijgt bij het vastleggen de status opgetreden; dat komt "
        "in de geschiedenis van het risico.",
    ),
    ("Voorbeeld", "12-03-2025 | € 48.000 | Claim aannemer na vertraging vergunning | Ruimte | R07"),
    ("Voorbeeld buiten het register", "03-11-2024 | 125000 | Stormschade sporthal | Sport | (leeg)"),
)


def write_events_template(target: str | Path | BinaryIO) -> None:
    """Write the empty events file (.xlsx): the header row, and a sheet with the instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None, "a new workbook has a sheet"
    sheet.title = EVENTS_SHEET
    sheet.append([column.label for column in EVENT_COLUMNS])
    for index, column in enumerate(EVENT_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.column_dimensions["A"].number_format = "DD-MM-YYYY"
    sheet.column_dimensions["B"].number_format = "#,##0.00"
    sheet.freeze_panes = "A2"

    instructions = workbook.create_sheet(INSTRUCTION_SHEET)
    instructions.append(["Invulinstructie gebeurtenissen"])
    instructions["A1"].font = Font(bold=True, size=14)
    instructions.append([])
    for title, text in INSTRUCTIONS:
        instructions.append([title, text])
        instructions.cell(row=instructions.max_row, column=1).font = Font(bold=True)
    instructions.append([])
    instructions.append(["Kolom", "Uitleg", "Verplicht"])
    for cell in instructions[instructions.max_row]:
        cell.font = Font(bold=True)
    for column in EVENT_COLUMNS:
        instructions.append([column.label, column.help, "ja" if column.key in REQUIRED_KEYS else "nee"])
    for row in instructions.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    instructions.column_dimensions["A"].width = 30
    instructions.column_dimensions["B"].width = 100
    instructions.column_dimensions["C"].width = 10
    workbook.save(target)
