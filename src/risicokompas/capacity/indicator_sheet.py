# SPDX-License-Identifier: EUPL-1.2
"""The Excel sheet of the kengetallen letters: a row per letter, a column per year.

Layout: cell A1 is free text; row 1 from column B holds the years (2025 or "2025"); from row 2 column A
names the letter, by its Dutch label ("A vaste schulden") or its key (``long_term_debt``), and the other
cells hold the amounts. An empty cell means "unknown". Reading is all-or-nothing: any problem, reported as
"Rij N, kolom X: …", means nothing is saved.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.db import models, transaction
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from risicokompas.capacity.models import IndicatorYear
from risicokompas.capacity.services import LETTER_FIELDS, SIGNED_FIELDS, kind_for
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


@dataclass(frozen=True)
class SheetContent:
    """Amount per letter per year, as read (``None`` = empty cell)."""

    by_year: dict[int, dict[str, Decimal | None]]


def _signed_amount(value: object) -> Decimal:
    """parse_amount, with a leading minus allowed (for equity and land book values)."""
    if is_number(value) and value < 0:
        return -Decimal(repr(parse_amount(-value)))
    text = cell_text(value)
    if text[:1] in ("-", "−"):
        return -Decimal(repr(parse_amount(text[1:])))
    return Decimal(repr(parse_amount(value)))


def _year(value: object) -> int | None:
    text = cell_text(value)
    return int(text) if text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR else None


def read_indicator_sheet(data: bytes) -> SheetContent:
    """Read the first visible sheet; raise ``SheetProblems`` with every problem found.

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
    columns: dict[int, int] = {}  # column index → year
    for index, value in enumerate(rows[0][1:], start=1):
        if is_empty(value):
            continue
        where = f"Rij 1, kolom {get_column_letter(index + 1)}"
        year = _year(value)
        if year is None:
            problems.append(f"{where}: '{cell_text(value)}' is geen jaartal (bijvoorbeeld 2025).")
        elif year in columns.values():
            problems.append(f"{where}: het jaar {year} staat er twee keer in.")
        else:
            columns[index] = year
    if not columns and not problems:
        problems.append("Rij 1: er staan geen jaren in de kopregel (vanaf kolom B).")

    lookup = _letter_lookup()
    by_year: dict[int, dict[str, Decimal | None]] = {year: {} for year in columns.values()}
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
        for index, year in columns.items():
            value = row[index] if index < len(row) else None
            if is_empty(value):
                by_year[year][name] = None
                continue
            try:
                amount = (
                    _signed_amount(value) if name in SIGNED_FIELDS else Decimal(repr(parse_amount(value)))
                )
            except ValueProblem as problem:
                where = f"Rij {row_number}, kolom {get_column_letter(index + 1)}"
                problems.append(f"{where}: {problem.message}.")
                continue
            by_year[year][name] = amount.quantize(Decimal("0.01"))
    if not seen and not problems:
        problems.append("Er staan geen gegevens onder de kopregel.")
    if problems:
        raise SheetProblems(problems)
    return SheetContent(by_year)


@transaction.atomic
def save_indicator_sheet(organisation: Organisation, content: SheetContent, budget_year: int) -> int:
    """Store the letters read; letters not in the sheet keep their value. Returns the number of years."""
    for year, values in content.by_year.items():
        obj, _ = IndicatorYear.objects.get_or_create(
            organisation=organisation, year=year, defaults={"kind": kind_for(year, budget_year)}
        )
        obj.kind = kind_for(year, budget_year)
        for name, value in values.items():
            setattr(obj, name, value)
        obj.full_clean()
        obj.save()
    return len(content.by_year)


def template_workbook(years: tuple[int, ...], existing: dict[int, IndicatorYear] | None = None) -> bytes:
    """The sheet to fill in: the Dutch labels down column A, the years across, known amounts filled in."""
    existing = existing or {}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append([FIRST_HEADER, *years])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for name in LETTER_FIELDS:
        amounts = [getattr(existing[y], name) if y in existing else None for y in years]
        sheet.append([letter_label(name), *(None if a is None else float(a) for a in amounts)])
    sheet.column_dimensions["A"].width = 55
    for index in range(2, len(years) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 16
        for row in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            row[0].number_format = "#,##0"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
