# SPDX-License-Identifier: EUPL-1.2
"""The empty Excel template: sheets, layout, drop-downs and checks, and how it reads back."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from risicokompas.engine.distributions import Uniform
from risicokompas.engine.model import Risk
from risicokompas.registerfile import RegisterFileError, read_register, write_template
from risicokompas.registerfile.columns import COLUMNS


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "sjabloon.xlsx"
    write_template(path)
    return path


def validations_by_column(sheet) -> dict[str, object]:
    rules = {}
    for rule in sheet.data_validations.dataValidation:
        for cell_range in rule.sqref.ranges:
            rules[cell_range.coord.split(":")[0].rstrip("0123456789")] = rule
    return rules


def test_the_template_has_a_register_sheet_and_instructions(template) -> None:
    workbook = load_workbook(template)

    assert workbook.sheetnames == ["Risico's", "Instructies"]
    sheet = workbook["Risico's"]
    assert [cell.value for cell in sheet[1]] == [column.label for column in COLUMNS]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 36


def test_the_template_offers_drop_downs_and_checks(template) -> None:
    rules = validations_by_column(load_workbook(template)["Risico's"])

    assert rules["H"].type == "list"
    assert rules["H"].formula1 == '"vast,uniform,driehoek,pert,lognormaal"'
    assert rules["I"].formula1 == '"incidenteel,structureel"'
    assert rules["L"].formula1 == '"ja,nee"'
    kans = rules["D"]
    assert (kans.type, kans.operator, kans.formula1, kans.formula2) == ("decimal", "between", "0", "1")
    assert str(kans.sqref) == "D2:D2001"
    assert (rules["J"].type, rules["J"].formula1) == ("whole", "1")


def test_the_probability_column_shows_percentages(template) -> None:
    sheet = load_workbook(template)["Risico's"]

    assert sheet["D2"].number_format == "0%"
    assert sheet["D2"].value == 0.3


def test_the_example_row_is_marked_as_example(template) -> None:
    sheet = load_workbook(template)["Risico's"]

    assert sheet["A2"].value == "VOORBEELD"
    assert "voorbeeld" in sheet["B2"].value.lower()


def test_the_instructions_explain_every_column_and_the_default_shape(template) -> None:
    sheet = load_workbook(template)["Instructies"]
    text = "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)

    for column in COLUMNS:
        assert column.label in text
    assert "uniform tussen 0 en het maximum" in text
    assert "VOORBEELD" in text


def test_reading_the_empty_template_says_there_are_no_risks(template) -> None:
    with pytest.raises(RegisterFileError) as caught:
        read_register(template)

    assert caught.value.messages == ["Het register bevat geen risico's"]


def test_a_filled_in_template_reads_back_with_its_example_row_skipped(template) -> None:
    workbook = load_workbook(template)
    workbook["Risico's"].append(["R1", "Brand", None, 0.3, 1_000])
    buffer = io.BytesIO()
    workbook.save(buffer)

    register = read_register(buffer.getvalue())

    assert register.risks == (Risk("R1", "Brand", 0.3, Uniform(0, 1_000)),)
    assert register.rows[0].row_number == 3
