# SPDX-License-Identifier: EUPL-1.2
"""Find the header row of a register sheet and map its columns.

The header is the first of the top ten rows that names a ``risico`` and a ``kans`` column, so a title may
stand above it. Columns the template does not know are kept as notes; a missing required column, a column
that appears twice or amounts stated in thousands are problems of the header, reported before any row.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from risicokompas.registerfile.columns import (
    COLUMN_BY_KEY,
    HEADER_KEYS,
    HEADER_SEARCH_ROWS,
    REQUIRED_KEYS,
    column_key,
    column_letter,
    is_header,
    scaled_amount_column,
)
from risicokompas.registerfile.errors import Problem, RegisterFileError
from risicokompas.registerfile.sources import RawCell, Table
from risicokompas.registerfile.values import cell_text


@dataclass
class Header:
    """Where each column sits: canonical columns by key (with the file's label), other columns as notes."""

    row_number: int
    index: dict[str, int] = field(default_factory=dict)
    label: dict[str, str] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)

    def label_of(self, key: str) -> str:
        """The column's label as the file writes it, or the template's label when the file lacks it."""
        return self.label.get(key, COLUMN_BY_KEY[key].label)


def find_header(table: Table) -> Header:
    """The header of ``table``; raises RegisterFileError listing every problem of the header."""
    top = table.rows[:HEADER_SEARCH_ROWS]
    for position, cells in enumerate(top):
        if is_header(cell.value for cell in cells):
            return read_header(position + 1, cells)
    # No full header: report the missing columns of the row that looks most like one, if any does.
    counts = [len({column_key(cell.value) for cell in cells} - {None}) for cells in top]
    if counts and max(counts) >= 2:
        best = counts.index(max(counts))
        read_header(best + 1, top[best])  # raises: risico or kans is missing
    labels = " en ".join(f"'{COLUMN_BY_KEY[key].label}'" for key in HEADER_KEYS)
    raise RegisterFileError(
        f"geen kopregel gevonden: de eerste {HEADER_SEARCH_ROWS} rijen bevatten geen kolommen {labels}"
    )


def read_header(row_number: int, cells: tuple[RawCell, ...]) -> Header:
    """Map the header cells of row ``row_number``; raises RegisterFileError when the header is unusable."""
    header = Header(row_number)
    problems: list[Problem] = []
    scaled: set[str] = set()
    for index, cell in enumerate(cells):
        text = cell_text(cell.value)
        key = column_key(text)
        if key is not None and key in header.index:
            first, second = column_letter(header.index[key]), column_letter(index)
            problems.append(
                Problem(row_number, text, f"de kolom komt twee keer voor (kolom {first} en {second})")
            )
        elif key is not None:
            header.index[key] = index
            header.label[key] = text
        elif (amount_key := scaled_amount_column(text)) is not None:
            scaled.add(amount_key)
            problems.append(
                Problem(
                    row_number,
                    text,
                    "bedragen in duizenden of miljoenen worden niet omgerekend; vul hele euro's in "
                    f"en noem de kolom '{COLUMN_BY_KEY[amount_key].label}'",
                )
            )
        else:
            header.notes[index] = _note_name(text, index, header.notes.values())
    for key in REQUIRED_KEYS:
        if key not in header.index and key not in scaled:
            label = COLUMN_BY_KEY[key].label
            problems.append(Problem(row_number, None, f"de verplichte kolom '{label}' ontbreekt"))
    if problems:
        raise RegisterFileError(problems)
    return header


def _note_name(text: str, index: int, taken: Container[str]) -> str:
    name = text or f"Kolom {column_letter(index)}"
    while name in taken:
        name = f"{name} ({column_letter(index)})"
    return name
