# SPDX-License-Identifier: EUPL-1.2
"""Named risks without a kans or maximum ("PM"): kept and listed, never counted as zero, never a reason to
reject the file; and they survive a written register."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from risicokompas.engine.distributions import Uniform
from risicokompas.engine.model import Nature, Risk
from risicokompas.registerfile import RegisterFileError, read_register, register_to_bytes, write_register
from risicokompas.registerfile.model import Register, RegisterRow, UnquantifiedRow

HEADER = ["Id", "Risico", "Kans", "Maximaal financieel gevolg (€)", "Programma", "Aard"]

MARKS = ["PM", "p.m.", "P.M.", "pm", " nog niet bekend ", "Onbekend", None, ""]


def rows_with(kans: object, maximum: object) -> list[list[object]]:
    return [
        HEADER,
        ["R1", "Brand", "30%", 100_000, "Bedrijfsvoering", None],
        ["R2", "Rechtszaak Haven", kans, maximum, "Ruimte", "structureel"],
        ["R3", "Storm", 0.1, 50_000, None, None],
    ]


@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize("column", ["kans", "gevolg_max"])
@pytest.mark.parametrize("format", ["xlsx", "csv"])
def test_a_pm_row_is_listed_apart_and_not_counted(make_xlsx, make_csv, mark, column, format) -> None:
    kans, maximum = (mark, 400_000) if column == "kans" else ("50%", mark)
    rows = rows_with(kans, maximum)
    path = make_xlsx(rows) if format == "xlsx" else make_csv(rows)

    register = read_register(path)

    assert [r.risk.id for r in register.rows] == ["R1", "R3"]
    assert [r.id for r in register.profile().risks] == ["R1", "R3"]
    (row,) = register.unquantified
    assert (row.id, row.name, row.programme, row.nature, row.row_number) == (
        "R2",
        "Rechtszaak Haven",
        "Ruimte",
        Nature.STRUCTURAL,
        3,
    )
    assert row.missing == (column,)
    assert row.to_dict() == {"id": "R2", "name": "Rechtszaak Haven"}
    if column == "kans":
        assert (row.probability, row.maximum) == (None, 400_000)
    else:
        assert (row.probability, row.maximum) == (0.5, None)


def test_a_row_with_neither_kans_nor_maximum_is_unquantified_in_both(make_xlsx) -> None:
    register = read_register(make_xlsx(rows_with("PM", "PM")))

    assert register.unquantified[0].missing == ("kans", "gevolg_max")


def test_a_register_of_only_unquantified_risks_is_read(make_csv) -> None:
    register = read_register(make_csv([HEADER, ["R1", "Brand", "PM", "PM", "", ""]]))

    assert register.rows == ()
    assert register.profile().risks == ()
    assert [row.name for row in register.unquantified] == ["Brand"]


def test_the_rest_of_an_unquantified_row_is_still_checked(make_xlsx) -> None:
    path = make_xlsx([HEADER, ["R1", "Brand", "PM", "veel", None, "soms"]])

    with pytest.raises(RegisterFileError) as caught:
        read_register(path)

    assert caught.value.messages == [
        "Rij 2, kolom Maximaal financieel gevolg (€): 'veel' is geen geldig bedrag (bijvoorbeeld € 1.250.000 "
        "of 1250000)",
        "Rij 2, kolom Aard: 'soms' is geen bekende aard; kies incidenteel of structureel",
    ]


def test_an_unquantified_kans_does_not_excuse_inconsistent_amounts(make_xlsx) -> None:
    header = [*HEADER[:4], "Minimaal gevolg (€)"]
    path = make_xlsx([header, ["R1", "Brand", "PM", 100, 200]])

    with pytest.raises(RegisterFileError) as caught:
        read_register(path)

    assert caught.value.messages == [
        "Rij 2, kolom Minimaal gevolg (€): het minimale gevolg (€ 200) is groter dan het maximale gevolg (€ 100)"
    ]


def test_an_unquantified_risk_keeps_its_id_unique(make_xlsx) -> None:
    path = make_xlsx([HEADER, ["R1", "Brand", "PM", 100], ["R1", "Storm", 0.1, 100]])

    with pytest.raises(RegisterFileError, match="Rij 3, kolom Id: id 'R1' komt al voor in rij 2"):
        read_register(path)


def test_other_text_in_the_kans_column_is_still_an_error(make_xlsx) -> None:
    with pytest.raises(RegisterFileError, match="'nvt' is geen geldige kans"):
        read_register(make_xlsx([HEADER, ["R1", "Brand", "nvt", 100]]))


REGISTER = Register(
    rows=(RegisterRow(Risk("R1", "Brand", 0.3, Uniform(0, 1_000)), programme="Bedrijfsvoering"),),
    unquantified=(
        UnquantifiedRow(
            "R2",
            "Rechtszaak Haven",
            maximum=400_000.0,
            minimum=100_000.0,
            shape="uniform",
            nature=Nature.STRUCTURAL,
            years=3,
            group="juridisch",
            programme="Ruimte",
            owner="Jurist",
            measures="Advocaat ingeschakeld",
            notes={"Categorie": "Juridisch"},
        ),
        UnquantifiedRow("R3", "Nieuwe wet", probability=0.5, description="Gevolg nog onbekend"),
        UnquantifiedRow("R4", "Onbekend alles"),
    ),
)


def _without_row_numbers(rows: tuple[UnquantifiedRow, ...]) -> list[dict]:
    return [{**row.__dict__, "row_number": None} for row in rows]


@pytest.mark.parametrize("format", ["xlsx", "csv"])
def test_unquantified_rows_survive_a_round_trip(format) -> None:
    again = read_register(register_to_bytes(REGISTER, format=format))

    assert again.risks == REGISTER.risks
    assert _without_row_numbers(again.unquantified) == _without_row_numbers(REGISTER.unquantified)


def test_the_export_writes_pm_for_what_is_not_quantified(tmp_path) -> None:
    path = tmp_path / "export.xlsx"
    write_register(REGISTER, path)
    sheet = load_workbook(path)["Risico's"]

    kans_and_maximum = [
        [cell.value for cell in row] for row in sheet.iter_rows(min_row=3, max_row=5, min_col=4, max_col=5)
    ]
    assert kans_and_maximum == [["PM", 400_000], [0.5, "PM"], ["PM", "PM"]]


def test_the_csv_export_writes_pm_for_what_is_not_quantified() -> None:
    text = register_to_bytes(REGISTER, format="csv").decode("utf-8-sig")

    assert text.splitlines()[3].startswith("R3;Nieuwe wet;Gevolg nog onbekend;50%;PM;")
