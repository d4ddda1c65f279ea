# SPDX-License-Identifier: EUPL-1.2
"""Read a risk register from .xlsx/.xlsm or CSV: strict, all-or-nothing, every problem reported at once.

Every row must become a valid engine ``Risk`` or a named risk that is not yet quantified (kans or maximum
PM, onbekend or empty: ``Register.unquantified``); when any row cannot, nothing is returned and one
``RegisterFileError`` lists each problem with its row (as Excel numbers it) and its column (as the file's
header names it). See ``sources`` for the file formats, ``header`` for the header row and ``rows`` for the
rules per row.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from risicokompas.registerfile.errors import RegisterFileError
from risicokompas.registerfile.header import find_header
from risicokompas.registerfile.limits import MAX_FILE_BYTES, check_size
from risicokompas.registerfile.model import Register, RegisterRow, UnquantifiedRow
from risicokompas.registerfile.rows import parse_rows
from risicokompas.registerfile.shapes import SHAPE_NAMES, SHAPE_OPTIONS
from risicokompas.registerfile.sources import Table, load_table
from risicokompas.registerfile.values import ValueProblem

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO


def read_register(
    source: Source,
    *,
    format: str | None = None,
    default_shape: str = "uniform",
    structural_years: int = 1,
) -> Register:
    """Read a whole register from a path, bytes or a binary file object (e.g. a web upload).

    ``format`` ("xlsx" or "csv") overrides the file name's suffix; without either the content decides.
    ``default_shape`` (vast, uniform, driehoek, pert or lognormaal) is used for rows without a
    ``verdeling``; ``structural_years`` is the profile's policy for structural risks without their own
    number of years. Raises ``RegisterFileError`` for anything wrong with the file.
    """
    data, filename = _read_source(source)
    return read_register_bytes(
        data,
        filename=filename,
        format=format,
        default_shape=default_shape,
        structural_years=structural_years,
    )


def read_register_bytes(
    data: bytes,
    *,
    filename: str | None = None,
    format: str | None = None,
    default_shape: str = "uniform",
    structural_years: int = 1,
) -> Register:
    """Read a whole register from a file's bytes; ``filename`` only helps to recognise the format."""
    return register_from_table(
        load_table(bytes(data), filename=filename, format=format),
        default_shape=default_shape,
        structural_years=structural_years,
    )


def register_from_table(
    table: Table, *, default_shape: str = "uniform", structural_years: int = 1
) -> Register:
    """A whole register from a grid of cells (a file's sheet, or JSON rows: ``records``)."""
    # The two settings come from the organisation (or the command line), not from the file: a bad one is a
    # ValueProblem (a ValueError), not a RegisterFileError.
    shape = SHAPE_NAMES.get(str(default_shape).strip().lower())
    if shape is None:
        raise ValueProblem(f"onbekende standaardverdeling '{default_shape}'; kies {SHAPE_OPTIONS}")
    if isinstance(structural_years, bool) or not isinstance(structural_years, int) or structural_years < 1:
        raise ValueProblem("het aantal jaren voor structurele risico's moet een geheel getal ≥ 1 zijn")
    header = find_header(table)
    rows, problems = parse_rows(table, header, shape)
    if problems:
        raise RegisterFileError(problems)
    if not rows:
        raise RegisterFileError("het register bevat geen risico's")
    return Register(
        rows=tuple(row for row in rows if isinstance(row, RegisterRow)),
        structural_years=structural_years,
        default_shape=shape,
        unquantified=tuple(row for row in rows if isinstance(row, UnquantifiedRow)),
    )


def _read_source(source: Source) -> tuple[bytes, str | None]:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), None
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            check_size(path.stat().st_size)
            return path.read_bytes(), path.name
        except FileNotFoundError as exc:
            raise RegisterFileError(f"het bestand '{path}' bestaat niet") from exc
        except OSError as exc:
            raise RegisterFileError(f"het bestand '{path}' kan niet worden gelezen") from exc
    data = source.read(MAX_FILE_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = getattr(source, "name", None)
    return data, name if isinstance(name, str) else None
