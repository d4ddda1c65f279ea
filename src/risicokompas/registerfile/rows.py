# SPDX-License-Identifier: EUPL-1.2
"""Turn the rows below the header into register rows, collecting every problem instead of the first.

Rules for what a row leaves open:
- an empty ``verdeling`` gets the organisation's ``default_shape``, uniform(0, max) unless set otherwise;
- an empty ``aard`` is incidenteel; an empty ``jaren`` leaves the number of years to the profile's policy
  (a ``jaren`` on an incidental risk is kept but does not count);
- an empty ``id`` becomes "R" plus the row number, e.g. R5;
- the minimum and the most likely amount are used only by the shapes that need them (see
  ``shapes.impact_from_fields``, which also holds the rule for driehoek/pert without a most likely amount),
  but a minimum above the maximum is always a problem;
- a row that names a risk but whose kans or maximum is PM, p.m., onbekend, nog niet bekend or empty is
  not quantified: it becomes an ``UnquantifiedRow`` (listed, never counted as zero); whatever else it
  states is checked like any other row.
Empty rows are skipped, and so are rows whose id starts with VOORBEELD: the template's example row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict, TypeVar

from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.model import Nature, Risk
from risicokompas.registerfile.columns import AMOUNT_KEYS, COLUMN_BY_KEY
from risicokompas.registerfile.errors import Problem
from risicokompas.registerfile.header import Header
from risicokompas.registerfile.model import RegisterRow, UnquantifiedRow
from risicokompas.registerfile.shapes import SHAPE_NAMES, SHAPE_OPTIONS, ShapedImpact, impact_from_fields
from risicokompas.registerfile.sources import RawCell, Table
from risicokompas.registerfile.values import (
    ValueProblem,
    cell_text,
    is_empty,
    is_not_quantified,
    parse_amount,
    parse_choice,
    parse_flag,
    parse_probability,
    parse_years,
)

#: Rows whose id starts with this (any case) are examples and are not imported.
EXAMPLE_PREFIX = "VOORBEELD"

NATURE_NAMES: dict[str, str] = {nature.value: nature.value for nature in Nature}

# Engine error fields → the register column that holds the value.
_ENGINE_FIELDS = {"gevolg": "gevolg_max", "kans": "kans", "jaren": "jaren", "id": "id"}

_T = TypeVar("_T")


class _Texts(TypedDict):
    """The register's own text of a row, shared by ``RegisterRow`` and ``UnquantifiedRow``."""

    description: str
    programme: str
    owner: str
    measures: str
    notes: dict[str, str]
    row_number: int


def parse_rows(
    table: Table, header: Header, default_shape: str
) -> tuple[list[RegisterRow | UnquantifiedRow], list[Problem]]:
    """Every good row below the header (a RegisterRow, or an UnquantifiedRow), and every problem found."""
    problems: list[Problem] = []
    rows: list[RegisterRow | UnquantifiedRow] = []
    first_row_of_id: dict[str, int] = {}
    for position in range(header.row_number, len(table.rows)):
        cells = table.rows[position]
        if all(is_empty(cell.value) for cell in cells):
            continue
        parser = RowParser(header, cells, row_number=position + 1)
        if parser.text("id").upper().startswith(EXAMPLE_PREFIX):
            continue
        _check_unique_id(parser, first_row_of_id)
        row = parser.parse(default_shape)
        problems.extend(parser.sorted_problems())
        if row is not None and not parser.problems:
            rows.append(row)
    return rows, problems


def _check_unique_id(parser: RowParser, first_row_of_id: dict[str, int]) -> None:
    risk_id = parser.risk_id
    earlier = first_row_of_id.setdefault(risk_id, parser.row_number)
    if earlier == parser.row_number:
        return
    if parser.text("id"):
        parser.add("id", f"id '{risk_id}' komt al voor in rij {earlier}")
    else:
        parser.add(
            "id",
            f"het automatisch toegekende id '{risk_id}' komt al voor in rij {earlier}; vul een eigen id in",
        )


class RowParser:
    """One row of the register: its cells by column key, and the problems found in them."""

    def __init__(self, header: Header, cells: tuple[RawCell, ...], row_number: int) -> None:
        self.header = header
        self.cells = cells
        self.row_number = row_number
        self.problems: list[tuple[int, Problem]] = []

    def cell(self, key: str) -> RawCell:
        index = self.header.index.get(key)
        if index is None or index >= len(self.cells):
            return RawCell(None)
        return self.cells[index]

    def text(self, key: str) -> str:
        return cell_text(self.cell(key).value)

    @property
    def risk_id(self) -> str:
        """The row's id, or "R" plus the row number when the id cell is empty."""
        return self.text("id") or f"R{self.row_number}"

    def add(self, key: str, message: str) -> None:
        # Problems are listed in the order of the file's columns; a column the file lacks comes last.
        order = self.header.index.get(key, len(self.cells) + len(COLUMN_BY_KEY))
        self.problems.append((order, Problem(self.row_number, self.header.label_of(key), message)))

    def sorted_problems(self) -> list[Problem]:
        return [problem for _, problem in sorted(self.problems, key=lambda item: item[0])]

    def value(self, key: str, parse: Callable[[RawCell], _T], *, missing: str | None = None) -> _T | None:
        """The parsed cell, or None when it is empty (adding ``missing`` if given) or invalid."""
        cell = self.cell(key)
        if is_empty(cell.value):
            if missing is not None:
                self.add(key, missing)
            return None
        try:
            return parse(cell)
        except ValueProblem as exc:
            self.add(key, exc.message)
            return None

    def parse(self, default_shape: str) -> RegisterRow | UnquantifiedRow | None:
        """The row as a RegisterRow (or an UnquantifiedRow), or None when it has problems (in ``problems``)."""
        name = self.text("risico")
        if not name:
            self.add("risico", "de naam van het risico ontbreekt")
        unknown = {key for key in ("kans", "gevolg_max") if is_not_quantified(self.cell(key).value)}
        if not name:
            # Without a risk text a row is not a named, unquantified risk: an empty kans or maximum is missing.
            if is_empty(self.cell("kans").value):
                self.add("kans", "de kans ontbreekt")
            if is_empty(self.cell("gevolg_max").value):
                self.add("gevolg_max", "het maximale financiële gevolg ontbreekt")
        probability = None
        if "kans" not in unknown:
            probability = self.value("kans", lambda c: parse_probability(c.value, percent_format=c.percent))
        amounts = {
            key: None if key in unknown else self.value(key, lambda c: parse_amount(c.value))
            for key in AMOUNT_KEYS
        }
        invalid = {key for key in AMOUNT_KEYS if amounts[key] is None and not is_empty(self.cell(key).value)}
        invalid -= unknown
        written_shape = self.value(
            "verdeling", lambda c: parse_choice(c.value, SHAPE_NAMES, what="verdeling", options=SHAPE_OPTIONS)
        )
        shape_is_empty = is_empty(self.cell("verdeling").value)
        shape = default_shape if shape_is_empty else written_shape
        nature = self.value(
            "aard",
            lambda c: parse_choice(c.value, NATURE_NAMES, what="aard", options="incidenteel of structureel"),
        )
        years = self.value("jaren", lambda c: parse_years(c.value))
        excluded = self.value("uitgesloten", lambda c: parse_flag(c.value))
        shaped = None
        if amounts["gevolg_max"] is not None:
            # Checked for an unquantified kans too: the amounts it does state must make sense.
            shaped = self._impact(shape, amounts, invalid)
        if self.problems or not name:
            return None
        if unknown:
            return UnquantifiedRow(
                id=self.risk_id,
                name=name,
                probability=probability,
                maximum=amounts["gevolg_max"],
                minimum=amounts["gevolg_min"],
                mode=amounts["gevolg_modus"],
                shape=None if shape_is_empty else written_shape,
                nature=Nature(nature or Nature.INCIDENTAL),
                years=years,
                group=self.text("groep") or None,
                excluded=bool(excluded),
                **self._texts(),
            )
        if shaped is None or probability is None:
            return None
        try:
            risk = Risk(
                id=self.risk_id,
                name=name,
                probability=probability,
                impact=shaped.impact,
                nature=Nature(nature or Nature.INCIDENTAL),
                years=years,
                group=self.text("groep") or None,
                excluded=bool(excluded),
            )
        except EngineInputError as exc:
            self.add(_ENGINE_FIELDS.get(exc.field, "risico"), exc.message)
            return None
        return RegisterRow(risk=risk, assumed_mode=shaped.assumed_mode, **self._texts())

    def _texts(self) -> _Texts:
        return {
            "description": self.text("omschrijving"),
            "programme": self.text("programma"),
            "owner": self.text("eigenaar"),
            "measures": self.text("beheersmaatregelen"),
            "notes": self._notes(),
            "row_number": self.row_number,
        }

    def _notes(self) -> dict[str, str]:
        notes: dict[str, str] = {}
        for index, name in self.header.notes.items():
            text = cell_text(self.cells[index].value) if index < len(self.cells) else ""
            if text:
                notes[name] = text
        return notes

    def _impact(
        self, shape: str | None, amounts: dict[str, float | None], invalid: set[str]
    ) -> ShapedImpact | None:
        """The engine impact (``shapes.impact_from_fields``), or None after adding the problem that prevents it.

        ``shape`` is None when the row's verdeling is invalid; the minimum is checked against the maximum
        all the same, so one upload reports both.
        """
        if invalid:
            return None
        try:
            shaped = impact_from_fields(
                shape or "uniform", amounts["gevolg_max"], amounts["gevolg_min"], amounts["gevolg_modus"]
            )
        except EngineInputError as exc:
            self.add(exc.field, exc.message)
            return None
        return shaped if shape is not None else None
