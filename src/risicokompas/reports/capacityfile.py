# SPDX-License-Identifier: EUPL-1.2
"""Read the available weerstandscapaciteit from an .xlsx or CSV file, strictly and all-or-nothing.

Columns (header row, any order, case-insensitive): ``naam``, ``soort``, ``aard`` (incidenteel or
structureel) and ``bedrag`` (year t) are required; ``bedrag_t1``, ``bedrag_t2``, ``bedrag_t3`` and
``toelichting`` are optional. A year column that is present must be filled on every row, so a total per
year never silently leaves a component out. Every problem is reported at once as "Rij N, kolom X: …";
nothing is returned unless the whole file is right. Amounts are read as the register reads them
(``registerfile.values.parse_amount``: "€ 1.250.000", "1250000", "1,5 mln").

An amount written as "PM" (or "p.m.", "onbekend", "nog niet bekend") is a component that is not
quantified: the row is kept and listed, its amount for that year is None, the year is in its ``pm_years``
(the paragraph shows "PM") and it is not counted, and its explanation says so. This is what a capacity item
entered as PM on the web means too (there, for every year). An empty amount stays a problem: leaving a
component out must be said, not implied.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from risicokompas.registerfile.errors import Problem, RegisterFileError
from risicokompas.registerfile.limits import check_size
from risicokompas.registerfile.sources import RawCell, Table, load_table
from risicokompas.registerfile.values import (
    ValueProblem,
    cell_text,
    is_empty,
    is_not_quantified,
    parse_amount,
    parse_choice,
)
from risicokompas.reports.data import CapacityRow

_T = TypeVar("_T")

REQUIRED = ("naam", "soort", "aard", "bedrag")
YEAR_COLUMNS = ("bedrag", "bedrag_t1", "bedrag_t2", "bedrag_t3")
OPTIONAL = ("bedrag_t1", "bedrag_t2", "bedrag_t3", "toelichting")
ALIASES = {
    "onderdeel": "naam",
    "bedrag_t": "bedrag",
    "bedrag_t+1": "bedrag_t1",
    "bedrag_t+2": "bedrag_t2",
    "bedrag_t+3": "bedrag_t3",
}
NATURES = {"incidenteel": "incidenteel", "i": "incidenteel", "structureel": "structureel", "s": "structureel"}
HEADER_ROWS = 10
PM_NOTE = "PM: nog niet gekwantificeerd, telt niet mee"


class CapacityFileError(RegisterFileError):
    """A capacity file that cannot be used; ``problems`` lists everything wrong with it."""

    def _text(self) -> str:
        lines = [str(problem) for problem in self.problems]
        if len(lines) == 1:
            return "Capaciteitsbestand: " + lines[0]
        header = f"Het capaciteitsbestand bevat {len(lines)} problemen; er is niets ingelezen."
        return "\n".join([header, *(f"- {line}" for line in lines)])


def _key(value: object) -> str:
    key = "_".join(cell_text(value).lower().replace("-", " ").split())
    return ALIASES.get(key, key)


def read_capacity(
    source: str | os.PathLike[str] | bytes, *, filename: str | None = None
) -> tuple[CapacityRow, ...]:
    """The capacity rows of a file (path or bytes); raises ``CapacityFileError`` with every problem."""
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        filename = filename or path.name
        try:
            check_size(path.stat().st_size)
            data = path.read_bytes()
        except OSError as exc:
            raise CapacityFileError(f"het bestand '{path}' bestaat niet of kan niet worden gelezen") from exc
        except RegisterFileError as error:
            raise CapacityFileError(error.problems) from None
    try:
        table = load_table(data, filename=filename)
    except RegisterFileError as error:
        raise CapacityFileError(error.problems) from None
    return parse_capacity_table(table)


def _find_header(table: Table) -> tuple[int, dict[str, int], dict[str, str]]:
    for index, row in enumerate(table.rows[:HEADER_ROWS]):
        keys = [_key(cell.value) for cell in row]
        if "naam" in keys and "bedrag" in keys:
            columns = {k: i for i, k in enumerate(keys) if k in REQUIRED + OPTIONAL}
            labels = {k: cell_text(row[i].value) for k, i in columns.items()}
            missing = [k for k in REQUIRED if k not in columns]
            if missing:
                raise CapacityFileError(
                    [Problem(index + 1, None, f"de kolom '{k}' ontbreekt in de kopregel") for k in missing]
                )
            return index, columns, labels
    raise CapacityFileError(
        "geen kopregel gevonden: de eerste rij moet de kolommen naam, soort, aard en bedrag bevatten"
    )


def parse_capacity_table(table: Table) -> tuple[CapacityRow, ...]:
    """Capacity rows from a loaded grid (see the module docstring for the columns and rules)."""
    header_index, columns, labels = _find_header(table)
    rows: list[CapacityRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for offset, raw in enumerate(table.rows[header_index + 1 :]):
        number = header_index + 2 + offset

        def value(key: str, raw: tuple[RawCell, ...] = raw) -> object:
            index = columns.get(key)
            return None if index is None or index >= len(raw) else raw[index].value

        if all(is_empty(value(k)) for k in columns):
            continue
        row_problems: list[Problem] = []

        def read(
            key: str,
            parse: Callable[[object], _T],
            *,
            number: int = number,
            row_problems: list[Problem] = row_problems,
        ) -> _T | None:
            cell = value(key)
            if is_empty(cell):
                row_problems.append(Problem(number, labels[key], "dit veld is verplicht"))
                return None
            try:
                return parse(cell)
            except ValueProblem as problem:
                row_problems.append(Problem(number, labels[key], problem.message))
                return None

        name = read("naam", cell_text)
        kind = read("soort", cell_text)
        nature = read(
            "aard",
            lambda v: parse_choice(v, NATURES, what="aard", options="incidenteel of structureel"),
        )
        pm = {
            k for k in YEAR_COLUMNS if k in columns and not is_empty(value(k)) and is_not_quantified(value(k))
        }
        amounts = tuple(read(k, parse_amount) if k in columns and k not in pm else None for k in YEAR_COLUMNS)
        if name and name.lower() in seen:
            row_problems.append(
                Problem(number, labels["naam"], f"'{name}' staat ook al op rij {seen[name.lower()]}")
            )
        elif name:
            seen[name.lower()] = number
        problems.extend(row_problems)
        # A missing name, soort or aard is in row_problems already.
        if not row_problems and name is not None and kind is not None and nature is not None:
            rows.append(
                CapacityRow(
                    name=name,
                    kind=kind,
                    nature=nature,
                    amounts=amounts,
                    explanation=_explanation(cell_text(value("toelichting")), pm),
                    pm_years=frozenset(YEAR_COLUMNS.index(k) for k in pm),
                )
            )
    if problems:
        raise CapacityFileError(problems)
    if not rows:
        raise CapacityFileError("het capaciteitsbestand bevat geen onderdelen")
    return tuple(rows)


def _explanation(text: str, pm: set[str]) -> str:
    """The row's explanation, led by a note when an amount is PM, so the report says why it is not counted."""
    if not pm:
        return text
    return f"{PM_NOTE}; {text}" if text else PM_NOTE
