# SPDX-License-Identifier: EUPL-1.2
"""Export a register to .xlsx or CSV in the template's columns, so that reading it back gives equal risks.

Text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a
leading quote (DESIGN §8); the reader removes that quote again. Numbers stay numbers in .xlsx. A CSV is
written the way Dutch Excel reads it: ";" between fields, a decimal comma, UTF-8 with a byte-order mark.
Numbers are not rounded: a CSV holds each float exactly, an .xlsx holds 16 significant digits (Excel itself
keeps 15), so amounts in cents and probabilities with a few decimals read back as the same floats.
A risk that is not quantified is written with "PM" for its kans and/or maximum, so it reads back as one.
A "meest waarschijnlijk gevolg" that the reader supplied by rule stays empty, so the rule applies again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from risicokompas.engine.model import Risk
from risicokompas.registerfile.columns import AMOUNT_KEYS, COLUMNS
from risicokompas.registerfile.model import Register, RegisterRow, UnquantifiedRow
from risicokompas.registerfile.shapes import impact_columns
from risicokompas.registerfile.template import AMOUNT_FORMAT, PERCENT_FORMAT, new_workbook
from risicokompas.registerfile.values import NOT_QUANTIFIED_MARK, neutralise, plain_decimal

WRITE_FORMATS = ("xlsx", "csv")

Row = RegisterRow | UnquantifiedRow
Rows = Register | Iterable[RegisterRow | UnquantifiedRow | Risk]


def write_register(rows: Rows, target: str | Path | BinaryIO, *, format: str | None = None) -> None:
    """Write a register (or register rows, or bare engine risks) to ``target`` as .xlsx or .csv.

    The format comes from ``format`` or else the target's suffix; a file object without a name is
    written as .xlsx.
    """
    name = str(target) if isinstance(target, str | Path) else getattr(target, "name", "")
    chosen = (format or Path(str(name)).suffix or "xlsx").lower().lstrip(".")
    if chosen not in WRITE_FORMATS:
        raise ValueError(f"onbekend formaat {chosen!r}; kies xlsx of csv")
    data = register_to_bytes(rows, format=chosen)
    if isinstance(target, str | Path):
        Path(target).write_bytes(data)
    else:
        target.write(data)


def register_to_bytes(rows: Rows, *, format: str = "xlsx") -> bytes:
    """The exported file as bytes (for a download)."""
    register_rows = _as_rows(rows)
    notes = _note_headers(register_rows)
    if format == "xlsx":
        return _xlsx(register_rows, notes)
    if format == "csv":
        return _csv(register_rows, notes)
    raise ValueError(f"onbekend formaat {format!r}; kies xlsx of csv")


def _as_rows(rows: Rows) -> list[Row]:
    """Quantified rows first, then the unquantified ones (for a Register); anything else in its order."""
    items: Iterable[RegisterRow | UnquantifiedRow | Risk] = (
        (*rows.rows, *rows.unquantified) if isinstance(rows, Register) else rows
    )
    return [
        item if isinstance(item, RegisterRow | UnquantifiedRow) else RegisterRow(risk=item) for item in items
    ]


def _note_headers(rows: list[Row]) -> tuple[str, ...]:
    headers: dict[str, None] = {}
    for row in rows:
        headers.update(dict.fromkeys(row.notes))
    return tuple(headers)


def row_values(row: Row) -> dict[str, str | float]:
    """The template columns of one row, by key: numbers as numbers, text as text, empty cells left out."""
    if isinstance(row, UnquantifiedRow):
        return _unquantified_values(row)
    risk = row.risk
    impact = impact_columns(risk.impact)
    if row.assumed_mode:
        impact.pop("gevolg_modus", None)
    values: dict[str, str | float | None] = {
        "id": risk.id,
        "risico": risk.name,
        "omschrijving": row.description,
        "kans": risk.probability,
        **impact,
        "aard": risk.nature.value,
        "jaren": risk.years,
        "groep": risk.group,
        "uitgesloten": "ja" if risk.excluded else "nee",
        "programma": row.programme,
        "eigenaar": row.owner,
        "beheersmaatregelen": row.measures,
    }
    return {key: value for key, value in values.items() if value is not None and value != ""}


def _unquantified_values(row: UnquantifiedRow) -> dict[str, str | float]:
    values: dict[str, str | float | None] = {
        "id": row.id,
        "risico": row.name,
        "omschrijving": row.description,
        "kans": NOT_QUANTIFIED_MARK if row.probability is None else row.probability,
        "gevolg_max": NOT_QUANTIFIED_MARK if row.maximum is None else row.maximum,
        "gevolg_min": row.minimum,
        "gevolg_modus": row.mode,
        "verdeling": row.shape,
        "aard": row.nature.value,
        "jaren": row.years,
        "groep": row.group,
        "uitgesloten": "ja" if row.excluded else "nee",
        "programma": row.programme,
        "eigenaar": row.owner,
        "beheersmaatregelen": row.measures,
    }
    return {key: value for key, value in values.items() if value is not None and value != ""}


def _xlsx(rows: list[Row], notes: tuple[str, ...]) -> bytes:
    workbook = new_workbook(extra_headers=tuple(neutralise(n) for n in notes), rows=len(rows))
    sheet = workbook.active
    for row_number, row in enumerate(rows, start=2):
        values = row_values(row)
        for index, column in enumerate(COLUMNS, start=1):
            value = values.get(column.key)
            if value is None:
                continue
            cell = sheet.cell(row=row_number, column=index, value=_cell_value(value))
            if isinstance(value, str):
                continue
            if column.key == "kans":
                cell.number_format = PERCENT_FORMAT if _whole(value * 100) else "0.0##%"
            elif column.key in AMOUNT_KEYS:
                cell.number_format = AMOUNT_FORMAT if _whole(value) else "#,##0.00"
        for offset, note in enumerate(notes, start=len(COLUMNS) + 1):
            if row.notes.get(note):
                sheet.cell(row=row_number, column=offset, value=neutralise(row.notes[note]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_value(value: str | float) -> str | float:
    return neutralise(value) if isinstance(value, str) else value


def _whole(value: float) -> bool:
    return float(value).is_integer()


def _csv(rows: list[Row], notes: tuple[str, ...]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.label for column in COLUMNS] + [neutralise(n) for n in notes])
    for row in rows:
        values = row_values(row)
        cells = [_csv_text(column.key, values.get(column.key)) for column in COLUMNS]
        cells += [neutralise(row.notes.get(note, "")) for note in notes]
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8-sig")


def _csv_text(key: str, value: str | float | None) -> str:
    if value is None:
        return ""
    if key == "kans" and not isinstance(value, str):
        return plain_decimal(Decimal(repr(float(value))) * 100) + "%"
    if isinstance(value, int | float):
        return plain_decimal(value)
    return neutralise(str(value))
