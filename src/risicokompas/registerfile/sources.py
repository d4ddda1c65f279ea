# SPDX-License-Identifier: EUPL-1.2
"""Turn the bytes of an uploaded or stored file into one grid of cells: the sheet that holds the register.

The format is taken from the content where the content tells (an .xlsx is a ZIP archive; a password-
protected .xlsx and an old .xls are OLE containers; a PDF starts with %PDF), else from the ``format`` hint or
the file name. Anything that is not a readable .xlsx/.xlsm or CSV file becomes a ``RegisterFileError`` with a
Dutch message, never a traceback.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from risicokompas.engine.present import format_number
from risicokompas.registerfile.columns import HEADER_SEARCH_ROWS, is_header
from risicokompas.registerfile.errors import RegisterFileError
from risicokompas.registerfile.limits import (
    MAX_CELL_CHARS,
    NO_VISIBLE_SHEET,
    CellLimits,
    check_size,
    open_workbook,
    uncalculated_formulas,
    visible_sheets,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMATS: dict[str, str] = {"xlsx": "xlsx", "xlsm": "xlsx", "csv": "csv", "txt": "csv"}

#: Sheet names that hold the register, lower case; they are tried before any other sheet.
REGISTER_SHEETS: tuple[str, ...] = ("risico's", "risicos", "register", "risicoregister")
#: Sheet names that never hold the register, lower case.
INSTRUCTION_SHEETS: tuple[str, ...] = ("instructies", "instructie", "toelichting", "uitleg")

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CSV_DELIMITERS = (";", ",", "\t")

NOT_EXCEL = "het bestand is geen geldig Excel-bestand (.xlsx) of het is beschadigd"
NOT_READABLE = (
    "het bestand is geen Excel-bestand (.xlsx) of CSV-bestand; sla het register in Excel op als "
    "Excel-werkmap (.xlsx) of als CSV"
)


@dataclass(frozen=True)
class RawCell:
    """A cell as read: its value, and whether Excel shows it as a percentage (then 0.3 means 30%)."""

    value: object
    percent: bool = False


@dataclass(frozen=True)
class Table:
    """The grid of the sheet that holds the register; ``rows[0]`` is spreadsheet row 1."""

    rows: tuple[tuple[RawCell, ...], ...]
    sheet: str | None = None


#: Whether a row of cell values is the header row of the sheet looked for.
HeaderTest = Callable[[Iterable[object]], bool]


def load_table(
    data: bytes, *, filename: str | None = None, format: str | None = None, header: HeaderTest = is_header
) -> Table:
    """The register's grid from a file's bytes; ``format`` ("xlsx" or "csv") overrides the file name.

    ``header`` recognises the header row: it picks the sheet of a workbook and the delimiter of a CSV file
    (the register's ``risico`` and ``kans`` unless another file kind, e.g. events, says otherwise).
    """
    if format is not None and format.lower().lstrip(".") not in FORMATS:
        raise ValueError(f"onbekend formaat {format!r}; kies xlsx of csv")
    if not data:
        raise RegisterFileError("het bestand is leeg")
    check_size(data)
    suffix = PurePath(filename).suffix.lower().lstrip(".") if filename else ""
    declared = FORMATS.get((format or suffix).lower().lstrip("."))
    if data.startswith(_ZIP):
        return _load_xlsx(data, header)
    if data.startswith(_OLE):
        raise RegisterFileError(_ole_message(data))
    if data.startswith(b"%PDF"):
        raise RegisterFileError("het bestand is een PDF-document, geen Excel- of CSV-bestand")
    if declared == "xlsx" or suffix == "xls":
        raise RegisterFileError(NOT_EXCEL)
    return _load_csv(data, header)


def _ole_message(data: bytes) -> str:
    if _ENCRYPTED_STREAM in data:
        return (
            "het Excel-bestand is beveiligd met een wachtwoord; sla het op zonder wachtwoord en "
            "probeer het opnieuw"
        )
    return (
        "het bestand is een oud Excel-bestand (.xls) of een ander Office-document; sla het in Excel op "
        "als Excel-werkmap (.xlsx) of als CSV"
    )


def _load_xlsx(data: bytes, header: HeaderTest) -> Table:
    if b"opendocument.spreadsheet" in data[:200]:
        raise RegisterFileError(
            "het bestand is een OpenDocument-rekenblad (.ods); sla het op als Excel-werkmap (.xlsx) "
            "of als CSV"
        )
    try:
        workbook = open_workbook(data)
    except RegisterFileError:
        raise
    except Exception as exc:  # zip, XML and openpyxl errors alike: the file is not a usable workbook
        raise RegisterFileError(NOT_EXCEL) from exc
    try:
        table = _register_sheet(workbook, header)
        problems = uncalculated_formulas(
            data, table.sheet or "", [[c.value for c in row] for row in table.rows]
        )
        if problems:
            raise RegisterFileError(problems)
        return table
    except RegisterFileError:
        raise
    except Exception as exc:  # a damaged sheet shows only while its rows are read
        raise RegisterFileError(NOT_EXCEL) from exc
    finally:
        workbook.close()


def _register_sheet(workbook: Workbook, header: HeaderTest) -> Table:
    """The first visible sheet, register sheets first, whose top rows hold the header; else the first
    candidate. A hidden sheet is never read: what is imported is what the user sees in Excel."""
    visible = visible_sheets(workbook)
    if not visible:
        raise RegisterFileError(NO_VISIBLE_SHEET)
    sheets = [ws for ws in visible if _sheet_key(ws.title) not in INSTRUCTION_SHEETS]
    if not sheets:
        raise RegisterFileError("de werkmap bevat geen werkblad met een risicoregister")
    sheets.sort(key=lambda ws: _sheet_key(ws.title) not in REGISTER_SHEETS)
    for ws in sheets:
        ws.reset_dimensions()
        top = ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)
        if any(header(row) for row in top):
            return Table(_sheet_rows(ws), ws.title)
    return Table(_sheet_rows(sheets[0]), sheets[0].title)


def _sheet_key(title: str) -> str:
    return title.strip().lower().replace("’", "'")


def _sheet_rows(ws: Worksheet) -> tuple[tuple[RawCell, ...], ...]:
    limits = CellLimits()
    rows = tuple(
        tuple(RawCell(cell.value, "%" in (getattr(cell, "number_format", None) or "")) for cell in row)
        for row in limits.rows(ws.iter_rows())
    )
    limits.finish()
    return rows


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _CONTROL.search(text):
            return text
        break
    raise RegisterFileError(NOT_READABLE)


def _load_csv(data: bytes, header: HeaderTest) -> Table:
    text = _decode(data)
    delimiter = _sniff_delimiter(text, header)
    limits = CellLimits()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records = list(limits.rows(reader))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            # csv's own limit (131.072 tekens) is above ours: the field is too long either way.
            raise RegisterFileError(
                f"Rij {reader.line_num}: een veld is te lang (maximaal {format_number(MAX_CELL_CHARS)} tekens)"
            ) from exc
        raise RegisterFileError(
            f"het CSV-bestand kan niet worden gelezen (rij {reader.line_num}: een aanhalingsteken of "
            "scheidingsteken klopt niet)"
        ) from exc
    limits.finish()
    return Table(tuple(tuple(RawCell(value or None) for value in record) for record in records))


def _sniff_delimiter(text: str, header: HeaderTest) -> str:
    """ ";" (the Dutch Excel default), "," or tab: the first that yields a header row, else the commonest."""
    top = "\n".join(text.splitlines()[: HEADER_SEARCH_ROWS * 2])
    for delimiter in _CSV_DELIMITERS:
        try:
            records = list(csv.reader(io.StringIO(top, newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        if any(header(record) for record in records[:HEADER_SEARCH_ROWS]):
            return delimiter
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    return max(_CSV_DELIMITERS, key=first_line.count)
