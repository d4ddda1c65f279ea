# SPDX-License-Identifier: EUPL-1.2
"""A register given as JSON rows, the register file's JSON form: a list of objects whose keys are the file's
column headers (``id``, ``risico``, ``kans``, ``gevolg_max``, … or any header name the file accepts) and
whose values are what a cell holds (numbers as numbers, or text as in a CSV file).

The rows become the same grid of cells an Excel sheet gives (row 1 the header, the first object row 2), so
the same rules and the same Dutch messages apply ("Rij 2, kolom kans: …"), all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from risicokompas.registerfile.errors import RegisterFileError
from risicokompas.registerfile.limits import CellLimits
from risicokompas.registerfile.model import Register
from risicokompas.registerfile.reader import register_from_table
from risicokompas.registerfile.sources import RawCell, Table

SCALARS = (str, int, float, bool, type(None))


def records_table(records: Sequence[Mapping[str, object]]) -> Table:
    """The grid of cells for ``records``: the union of their keys as the header, in first-seen order."""
    if not isinstance(records, Sequence) or isinstance(records, str | bytes):
        raise RegisterFileError("het register moet een lijst met rijen (objecten) zijn")
    headers: list[str] = []
    for number, record in enumerate(records, start=2):
        if not isinstance(record, Mapping):
            raise RegisterFileError(f"Rij {number}: een rij moet een object met kolommen zijn")
        for name, value in record.items():
            if not isinstance(value, SCALARS):
                raise RegisterFileError(
                    f"Rij {number}, kolom {name}: een waarde moet tekst of een getal zijn"
                )
            if str(name) not in headers:
                headers.append(str(name))
    rows = [tuple(RawCell(name) for name in headers)]
    rows += [tuple(RawCell(record.get(name)) for name in headers) for record in records]
    limits = CellLimits()  # the same limits as a file: rows, columns, cells, the length of each text
    rows = list(limits.rows(rows))
    limits.finish()
    return Table(rows=tuple(rows), sheet=None)


def read_register_records(
    records: Sequence[Mapping[str, object]], *, default_shape: str = "uniform", structural_years: int = 1
) -> Register:
    """A whole register from JSON rows; ``RegisterFileError`` lists every problem, as for a file."""
    return register_from_table(
        records_table(records), default_shape=default_shape, structural_years=structural_years
    )
