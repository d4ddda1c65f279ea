# SPDX-License-Identifier: EUPL-1.2
"""The Excel sheet of the kengetallen letters: a row per letter, a column per year and kind of figures.

Layout: cell A1 is free text; row 1 from column B holds the columns: a year with its kind of figures
("2025 jaarrekening", "2026 begroting", "2027 meerjarenraming"; "realisatie" and "raming" are read too), or
a year alone (2025 or "2025"), which gets the kind that year has seen from budget year t (realisatie before
t, begroting in t, meerjarenraming after t). From row 2 column A names the letter, by its Dutch label
("A vaste schulden") or its key (``long_term_debt``), and the other cells hold the amounts. An empty cell
means "unknown"; a column without any amount is left out (it changes nothing). Reading is all-or-nothing:
any problem, reported as "Rij N, kolom X: …", means nothing is saved.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import models, transaction
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from risicokompas.capacity.models import IndicatorYear
from risicokompas.capacity.services import KIND_ORDER, LETTER_FIELDS, SIGNED_FIELDS, kind_for
from risicokompas.organisations.models import Organisation
from risicokompas.registerfile.errors import RegisterFileError
from risicokompas.registerfile.limits import (
    NO_VISIBLE_SHEET,
    CellLimits,
    open_workbook,
    uncalculated_formulas,
    visible_sheets,
)
from risicokompas.registerfile.values import ValueProblem, cell_text, is_empty, is_number, parse_amount

SHEET_TITLE = "Kengetallen"
FIRST_HEADER = "Gegeven"
MIN_YEAR, MAX_YEAR = 1990, 2100


def letter_label(name: str) -> str:
    field = IndicatorYear._meta.get_field(name)
    assert isinstance(field, models.Field), "a kengetal letter is a column, not a relation"
    return str(field.verbose_name)


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def _letter_lookup() -> dict[str, str]:
    lookup = {}
    for name in LETTER_FIELDS:
        lookup[_normalise(name)] = name
        lookup[_normalise(letter_label(name))] = name
    return lookup


class SheetProblems(Exception):
    """The sheet cannot be imported; ``messages`` are Dutch and name the row and column."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


#: The words a column heading may use for a kind of figures (lower case), with the kind they mean.
KIND_WORDS: dict[str, str] = {
    "jaarrekening": IndicatorYear.Kind.ACTUAL,
    "realisatie": IndicatorYear.Kind.ACTUAL,
    "jaarrekening (realisatie)": IndicatorYear.Kind.ACTUAL,
    "begroting": IndicatorYear.Kind.BUDGET,
    "begroting na wijziging": IndicatorYear.Kind.BUDGET,
    "begroting (na wijziging)": IndicatorYear.Kind.BUDGET,
    "meerjarenraming": IndicatorYear.Kind.FORECAST,
    "raming": IndicatorYear.Kind.FORECAST,
}
#: The word a template heading uses for each kind.
HEADING_WORD = {
    IndicatorYear.Kind.ACTUAL: "jaarrekening",
    IndicatorYear.Kind.BUDGET: "begroting",
    IndicatorYear.Kind.FORECAST: "meerjarenraming",
}
_YEAR_FIRST = re.compile(r"(\d{4})(?:(?:\s*[-–—:]\s*|\s+)(\D.*))?")
_YEAR_LAST = re.compile(r"(\D.*?)(?:\s*[-–—:]\s*|\s+)(\d{4})")


def heading(year: int, kind: str) -> str:
    """The column heading of ``year`` and ``kind`` in the sheet: "2025 jaarrekening"."""
    return f"{year} {HEADING_WORD[IndicatorYear.Kind(kind)]}"


@dataclass(frozen=True)
class SheetContent:
    """Amount per letter per (year, kind of figures), as read (``None`` = empty cell)."""

    columns: dict[tuple[int, str], dict[str, Decimal | None]]


def _signed_amount(value: object) -> Decimal:
    """parse_amount, with a leading minus allowed (for equity and land book values)."""
    if is_number(value) and value < 0:
        return -Decimal(repr(parse_amount(-value)))
    text = cell_text(value)
    if text[:1] in ("-", "−"):
        return -Decimal(repr(parse_amount(text[1:])))
    return Decimal(repr(parse_amount(value)))


def _column(value: object, budget_year: int) -> tuple[int, str] | str:
    """(year, kind) of a column heading, or the Dutch reason it is not one."""
    text = _normalise(cell_text(value))
    match = _YEAR_FIRST.fullmatch(text) or _YEAR_LAST.fullmatch(text)
    if match is None:
        return f"'{cell_text(value)}' is geen jaartal (bijvoorbeeld 2025 of '2025 begroting')"
    year_text, word = match.group(1, 2) if match.re is _YEAR_FIRST else match.group(2, 1)
    year = int(year_text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return f"'{cell_text(value)}' is geen jaartal (bijvoorbeeld 2025 of '2025 begroting')"
    if not word:
        return year, kind_for(year, budget_year)
    if word not in KIND_WORDS:
        return (
            f"'{word}' is geen soort cijfers; gebruik jaarrekening (of realisatie), begroting of "
            "meerjarenraming, bijvoorbeeld '2025 begroting'"
        )
    return year, KIND_WORDS[word]


def _kind_text(kind: str) -> str:
    return HEADING_WORD[IndicatorYear.Kind(kind)]


def read_indicator_sheet(data: bytes, budget_year: int) -> SheetContent:
    """Read the first visible sheet; raise ``SheetProblems`` with every problem found. ``budget_year`` (t)
    gives the kind of a column headed by a year alone.

    The file passes the register files' limits first (``registerfile.limits``): its unpacked size, the
    number of rows and cells and the length of each text are bounded, and a hidden sheet is never read.
    """
    try:
        workbook = open_workbook(data)
    except RegisterFileError as error:
        raise SheetProblems(error.messages) from None
    except Exception:  # openpyxl raises many types for a file that is not a workbook
        raise SheetProblems(["Het bestand is geen leesbaar Excel-bestand (.xlsx)."]) from None
    try:
        sheets = visible_sheets(workbook)
        if not sheets:
            raise RegisterFileError(NO_VISIBLE_SHEET)
        limits = CellLimits()
        rows = list(limits.rows(sheets[0].iter_rows(values_only=True)))
        limits.finish()
        if uncalculated := uncalculated_formulas(data, sheets[0].title, rows):
            raise RegisterFileError(uncalculated)
    except RegisterFileError as error:
        raise SheetProblems(error.messages) from None
    except Exception:  # a damaged sheet shows only while its rows are read
        raise SheetProblems(["Het bestand is geen leesbaar Excel-bestand (.xlsx)."]) from None
    finally:
        workbook.close()
    if not rows:
        raise SheetProblems(["Het werkblad is leeg."])
    problems: list[str] = []
    columns: dict[int, tuple[int, str]] = {}  # column index → (year, kind)
    for index, value in enumerate(rows[0][1:], start=1):
        if is_empty(value):
            continue
        where = f"Rij 1, kolom {get_column_letter(index + 1)}"
        column = _column(value, budget_year)
        if isinstance(column, str):
            problems.append(f"{where}: {column}.")
        elif column in columns.values():
            first = next(i for i, c in columns.items() if c == column)
            year, kind = column
            problems.append(
                f"{where}: {year} {_kind_text(kind)} staat er twee keer in (ook in kolom "
                f"{get_column_letter(first + 1)})."
            )
        else:
            columns[index] = column
    if not columns and not problems:
        problems.append("Rij 1: er staan geen jaren in de kopregel (vanaf kolom B).")

    lookup = _letter_lookup()
    read: dict[tuple[int, str], dict[str, Decimal | None]] = {column: {} for column in columns.values()}
    filled: set[tuple[int, str]] = set()
    seen: dict[str, int] = {}
    for row_number, row in enumerate(rows[1:], start=2):
        if all(is_empty(value) for value in row):
            continue
        label = cell_text(row[0]) if row else ""
        name = lookup.get(_normalise(label))
        if name is None:
            shown = f"'{label}'" if label else "een lege cel"
            problems.append(
                f"Rij {row_number}, kolom A: {shown} is geen bekend gegeven; gebruik de naam uit het "
                "sjabloon (bijvoorbeeld 'A vaste schulden' of 'long_term_debt')."
            )
            continue
        if name in seen:
            problems.append(f"Rij {row_number}, kolom A: '{label}' staat ook al in rij {seen[name]}.")
            continue
        seen[name] = row_number
        for index, column in columns.items():
            value = row[index] if index < len(row) else None
            if is_empty(value):
                read[column][name] = None
                continue
            filled.add(column)
            try:
                amount = (
                    _signed_amount(value) if name in SIGNED_FIELDS else Decimal(repr(parse_amount(value)))
                )
            except ValueProblem as problem:
                where = f"Rij {row_number}, kolom {get_column_letter(index + 1)}"
                problems.append(f"{where}: {problem.message}.")
                continue
            read[column][name] = amount.quantize(Decimal("0.01"))
    if not seen and not problems:
        problems.append("Er staan geen gegevens onder de kopregel.")
    if not filled and not problems:
        problems.append("Er staat in geen enkele kolom een bedrag.")
    if problems:
        raise SheetProblems(problems)
    return SheetContent({column: values for column, values in read.items() if column in filled})


@transaction.atomic
def save_indicator_sheet(organisation: Organisation, content: SheetContent) -> list[IndicatorYear]:
    """Store the letters read, per year and kind; letters not in the sheet keep their value. Returns the
    rows stored, by year and kind."""
    stored = []
    for (year, kind), values in sorted(
        content.columns.items(), key=lambda c: (c[0][0], KIND_ORDER.index(c[0][1]))
    ):
        obj = IndicatorYear.objects.filter(organisation=organisation, year=year, kind=kind).first()
        obj = obj or IndicatorYear(organisation=organisation, year=year, kind=kind)
        for name, value in values.items():
            setattr(obj, name, value)
        obj.full_clean()
        obj.save()
        stored.append(obj)
    return stored


def template_workbook(
    columns: Sequence[tuple[int, str]], existing: Mapping[tuple[int, str], IndicatorYear] | None = None
) -> bytes:
    """The sheet to fill in: the Dutch labels down column A, a column per (year, kind) headed
    "2025 jaarrekening", known amounts filled in."""
    existing = existing or {}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append([FIRST_HEADER, *(heading(year, kind) for year, kind in columns)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for name in LETTER_FIELDS:
        amounts = [getattr(existing[c], name) if c in existing else None for c in columns]
        sheet.append([letter_label(name), *(None if a is None else float(a) for a in amounts)])
    sheet.column_dimensions["A"].width = 55
    for index in range(2, len(columns) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 20
        for row in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            row[0].number_format = "#,##0"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
