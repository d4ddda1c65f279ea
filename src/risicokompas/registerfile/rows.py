# SPDX-License-Identifier: EUPL-1.2
"""Turn the rows below the header into register rows, collecting every problem instead of the first.

Rules for what a row leaves open:
- an empty ``verdeling`` gets the organisation's ``default_shape``, uniform(0, max) unless set otherwise;
- an empty ``aard`` is incidenteel; an empty ``jaren`` leaves the number of years to the profile's policy
  (a ``jaren`` on an incidental risk is kept but does not count);
- an empty ``id`` becomes "R" plus the row number, e.g. R5;
- the minimum and the most likely amount are used only by the shapes that need them (see ``shapes``),
  but a minimum above the maximum is always a problem.
Empty rows are skipped, and so are rows whose id starts with VOORBEELD: the template's example row.
"""

from __future__ import annotations

from collections.abc import Callable

from risicokompas.engine.distributions import Fixed, Impact, LogNormal, Pert, Triangular, Uniform
from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.model import Nature, Risk
from risicokompas.registerfile.columns import AMOUNT_KEYS, COLUMN_BY_KEY
from risicokompas.registerfile.errors import Problem
from risicokompas.registerfile.header import Header
from risicokompas.registerfile.model import RegisterRow
from risicokompas.registerfile.shapes import SHAPE_NAMES, SHAPE_OPTIONS
from risicokompas.registerfile.sources import RawCell, Table
from risicokompas.registerfile.values import (
    ValueProblem,
    cell_text,
    format_number,
    is_empty,
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


def parse_rows(table: Table, header: Header, default_shape: str) -> tuple[list[RegisterRow], list[Problem]]:
    """Every good row below the header as a RegisterRow, and every problem found in the others."""
    problems: list[Problem] = []
    rows: list[RegisterRow] = []
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

    def value(self, key: str, parse: Callable[[RawCell], object], *, missing: str | None = None) -> object:
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

    def parse(self, default_shape: str) -> RegisterRow | None:
        """The row as a RegisterRow, or None when it has problems (then in ``problems``)."""
        name = self.text("risico")
        if not name:
            self.add("risico", "de naam van het risico ontbreekt")
        probability = self.value(
            "kans",
            lambda c: parse_probability(c.value, percent_format=c.percent),
            missing="de kans ontbreekt",
        )
        amounts = {key: self.value(key, lambda c: parse_amount(c.value)) for key in AMOUNT_KEYS}
        invalid = {key for key in AMOUNT_KEYS if amounts[key] is None and not is_empty(self.cell(key).value)}
        shape = self.value(
            "verdeling", lambda c: parse_choice(c.value, SHAPE_NAMES, what="verdeling", options=SHAPE_OPTIONS)
        )
        if is_empty(self.cell("verdeling").value):
            shape = default_shape
        nature = self.value(
            "aard",
            lambda c: parse_choice(c.value, NATURE_NAMES, what="aard", options="incidenteel of structureel"),
        )
        years = self.value("jaren", lambda c: parse_years(c.value))
        excluded = self.value("uitgesloten", lambda c: parse_flag(c.value))
        impact = self._impact(shape, amounts, invalid)
        if self.problems or impact is None or probability is None:
            return None
        try:
            risk = Risk(
                id=self.risk_id,
                name=name,
                probability=probability,
                impact=impact,
                nature=Nature(nature or Nature.INCIDENTAL),
                years=years,
                group=self.text("groep") or None,
                excluded=bool(excluded),
            )
        except EngineInputError as exc:
            self.add(_ENGINE_FIELDS.get(exc.field, "risico"), exc.message)
            return None
        return RegisterRow(
            risk=risk,
            description=self.text("omschrijving"),
            programme=self.text("programma"),
            owner=self.text("eigenaar"),
            measures=self.text("beheersmaatregelen"),
            notes=self._notes(),
            row_number=self.row_number,
        )

    def _notes(self) -> dict[str, str]:
        notes = {}
        for index, name in self.header.notes.items():
            text = cell_text(self.cells[index].value) if index < len(self.cells) else ""
            if text:
                notes[name] = text
        return notes

    def _impact(
        self, shape: str | None, amounts: dict[str, float | None], invalid: set[str]
    ) -> Impact | None:
        """The engine impact for ``shape``, or None after adding the problems that prevent it.

        ``shape`` is None when the row's verdeling is invalid; the amounts are checked all the same.
        """
        high, low, mode = amounts["gevolg_max"], amounts["gevolg_min"], amounts["gevolg_modus"]
        uses_mode = shape in ("driehoek", "pert", "lognormaal")
        if high is None and "gevolg_max" not in invalid:
            if shape == "lognormaal":
                message = "bij verdeling lognormaal hoort in deze kolom de 90%-waarde; die ontbreekt"
            else:
                message = "het maximale financiële gevolg ontbreekt"
            self.add("gevolg_max", message)
        if uses_mode and mode is None and "gevolg_modus" not in invalid:
            what = "de mediaan" if shape == "lognormaal" else "het meest waarschijnlijke gevolg"
            self.add("gevolg_modus", f"bij verdeling {shape} is {what} nodig")
        if high is not None and low is not None and low > high:
            self.add(
                "gevolg_min",
                f"het minimale gevolg ({_euro(low)}) is groter dan het maximale gevolg ({_euro(high)})",
            )
            return None
        if shape is None or invalid or high is None or (uses_mode and mode is None):
            return None
        low = low or 0.0
        if shape == "vast":
            return self._build(Fixed, high)
        if shape == "uniform":
            return self._build(Uniform, low, high)
        if shape == "lognormaal":
            if not 0 < mode < high:
                p90_label = self.header.label_of("gevolg_max")
                self.add(
                    "gevolg_modus",
                    f"bij verdeling lognormaal moet de mediaan ({_euro(mode)}) groter zijn dan 0 en "
                    f"kleiner dan de 90%-waarde in kolom {p90_label} ({_euro(high)})",
                )
                return None
            return self._build(LogNormal, mode, high)
        if not low <= mode <= high:
            self.add(
                "gevolg_modus",
                f"het meest waarschijnlijke gevolg ({_euro(mode)}) ligt niet tussen het minimale "
                f"({_euro(low)}) en het maximale gevolg ({_euro(high)})",
            )
            return None
        return self._build(Triangular if shape == "driehoek" else Pert, low, mode, high)

    def _build(self, cls: type, *params: float) -> Impact | None:
        try:
            return cls(*params)
        except EngineInputError as exc:
            self.add(exc.field if exc.field in AMOUNT_KEYS else "gevolg_max", exc.message)
            return None


def _euro(amount: float) -> str:
    return f"€ {format_number(amount)}"
