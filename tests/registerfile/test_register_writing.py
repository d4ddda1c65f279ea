# SPDX-License-Identifier: EUPL-1.2
"""Export: the template's columns, a lossless round trip and neutralised formula text."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from risicokompas.engine.distributions import Fixed, LogNormal, Pert, Triangular, Uniform
from risicokompas.engine.model import Nature, Risk
from risicokompas.registerfile import Register, RegisterRow, read_register, register_to_bytes, write_register
from risicokompas.registerfile.columns import COLUMNS

RISKS = (
    Risk("R1", "Brand in gemeentehuis", 0.3, Uniform(0, 1_250_000)),
    Risk(
        "R2", "Claim aannemer", 0.07, Triangular(10_000, 20_000, 30_500.5), Nature.STRUCTURAL, 3, "grex", True
    ),
    Risk("R3", "Boete", 1, Fixed(5)),
    Risk("R4", "Cyberaanval", 0.123456789, LogNormal(median=100_000, p90=1_000_000)),
    Risk("R5", "Subsidie", 0.0, Pert(0, 1, 2), Nature.STRUCTURAL),
    Risk("R6", "Kleine kans", 1e-05, Uniform(0.25, 0.75)),
)

REGISTER = Register(
    rows=(
        RegisterRow(
            RISKS[0],
            description="Oorzaak: kortsluiting",
            programme="Bedrijfsvoering",
            owner="Facilitair",
            measures="Sprinklers",
            notes={"Categorie": "Veiligheid"},
        ),
        *(RegisterRow(risk, notes={"Opmerking": f"noot {risk.id}"}) for risk in RISKS[1:]),
    )
)

INJECTIONS = ['=HYPERLINK("http://x")', "+31 6 1234", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_a_written_register_reads_back_equal(tmp_path, suffix: str) -> None:
    path = tmp_path / f"export.{suffix}"

    write_register(REGISTER, path)
    again = read_register(path)

    assert again.risks == RISKS
    assert [(r.description, r.programme, r.owner, r.measures, r.notes) for r in again.rows] == [
        (r.description, r.programme, r.owner, r.measures, r.notes) for r in REGISTER.rows
    ]


def test_bare_engine_risks_can_be_written(tmp_path) -> None:
    write_register(RISKS, tmp_path / "risicos.xlsx")

    assert read_register(tmp_path / "risicos.xlsx").risks == RISKS


def test_the_export_has_the_template_labels_and_numeric_cells(tmp_path) -> None:
    write_register(REGISTER, tmp_path / "export.xlsx")

    sheet = load_workbook(tmp_path / "export.xlsx")["Risico's"]
    header = [cell.value for cell in sheet[1]]
    assert header == [column.label for column in COLUMNS] + ["Categorie", "Opmerking"]
    assert sheet["D2"].value == 0.3
    assert sheet["D2"].data_type == "n"
    assert "%" in sheet["D2"].number_format
    assert sheet["E2"].value == 1_250_000
    assert sheet["E2"].data_type == "n"


@pytest.mark.parametrize("text", INJECTIONS[:5])
def test_formula_text_is_neutralised_in_xlsx_and_round_trips(tmp_path, text: str) -> None:
    row = RegisterRow(Risk("R1", text, 0.1, Fixed(1)), description=text, notes={text: text})
    path = tmp_path / "export.xlsx"

    write_register([row], path)

    sheet = load_workbook(path)["Risico's"]
    notes_column = len(COLUMNS) + 1
    cells = [
        sheet["B2"],
        sheet["C2"],
        sheet.cell(row=1, column=notes_column),
        sheet.cell(row=2, column=notes_column),
    ]
    assert [cell.value for cell in cells] == ["'" + text] * 4
    assert not any(cell.data_type == "f" for row_cells in sheet.iter_rows() for cell in row_cells)
    again = read_register(path).rows[0]
    assert (again.risk.name, again.description) == (text.strip(), text.strip())
    assert again.notes == {text.strip(): text.strip()}


def test_formula_text_is_neutralised_in_csv_and_round_trips(tmp_path) -> None:
    rows = [RegisterRow(Risk(f"R{i}", text, 0.1, Fixed(1))) for i, text in enumerate(INJECTIONS[:4])]
    path = tmp_path / "export.csv"

    write_register(rows, path)

    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [record[1] for record in records[1:]] == ["'" + text for text in INJECTIONS[:4]]
    assert [risk.name for risk in read_register(path).risks] == INJECTIONS[:4]


def test_a_leading_apostrophe_of_ordinary_text_survives_a_round_trip(tmp_path) -> None:
    write_register([Risk("R1", "'s-Hertogenbosch", 0.1, Fixed(1))], tmp_path / "export.xlsx")

    assert read_register(tmp_path / "export.xlsx").risks[0].name == "'s-Hertogenbosch"


def test_the_csv_export_uses_dutch_notation(tmp_path) -> None:
    text = register_to_bytes([RISKS[1]], format="csv").decode("utf-8-sig")

    assert (
        text.splitlines()[1] == "R2;Claim aannemer;;7%;30500,5;10000;20000;driehoek;structureel;3;grex;ja;;;"
    )


def test_it_writes_to_a_file_object(tmp_path) -> None:
    buffer = io.BytesIO()

    write_register(REGISTER, buffer, format="csv")

    assert read_register(buffer.getvalue(), format="csv").risks == RISKS


def test_it_refuses_an_unknown_export_format(tmp_path) -> None:
    with pytest.raises(ValueError, match="onbekend formaat 'pdf'"):
        write_register(REGISTER, tmp_path / "export.pdf")


_TEXT = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\r\n"), max_size=12
)
_STRIPPED_TEXT = _TEXT.map(str.strip)
# Registers hold euros with cents and probabilities with a few decimals; Excel keeps 15 significant digits
# (openpyxl writes 16), so arbitrary 17-digit floats are not expected to survive an .xlsx file.
_AMOUNT = st.floats(min_value=0, max_value=1e12).map(lambda x: round(x, 2))
_PROBABILITY = st.floats(min_value=0, max_value=1).map(lambda x: round(x, 8))


@st.composite
def _impacts(draw: st.DrawFn):
    low, mode, high = sorted(draw(st.lists(_AMOUNT, min_size=3, max_size=3)))
    shape = draw(st.sampled_from(["vast", "uniform", "driehoek", "pert", "lognormaal"]))
    if shape == "vast":
        return Fixed(high)
    if shape == "uniform":
        return Uniform(low, high)
    assume(low < high and (shape != "lognormaal" or 0 < mode < high))
    if shape == "lognormaal":
        return LogNormal(mode, high)
    return Triangular(low, mode, high) if shape == "driehoek" else Pert(low, mode, high)


@st.composite
def _rows(draw: st.DrawFn) -> list[RegisterRow]:
    count = draw(st.integers(min_value=1, max_value=4))
    rows = []
    for index in range(count):
        name = draw(_STRIPPED_TEXT.filter(bool))
        risk = Risk(
            id=f"K{index}",
            name=name,
            probability=draw(_PROBABILITY),
            impact=draw(_impacts()),
            nature=draw(st.sampled_from(list(Nature))),
            years=draw(st.none() | st.integers(min_value=1, max_value=10)),
            group=draw(st.none() | _STRIPPED_TEXT.filter(bool)),
            excluded=draw(st.booleans()),
        )
        rows.append(RegisterRow(risk, description=draw(_STRIPPED_TEXT), measures=draw(_STRIPPED_TEXT)))
    return rows


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(rows=_rows(), format=st.sampled_from(["xlsx", "csv"]))
def test_any_register_survives_a_round_trip_exactly(rows: list[RegisterRow], format: str) -> None:
    again = read_register(register_to_bytes(rows, format=format))

    assert again.risks == tuple(row.risk for row in rows)
    assert [(r.description, r.measures) for r in again.rows] == [(r.description, r.measures) for r in rows]
