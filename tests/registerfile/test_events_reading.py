# SPDX-License-Identifier: EUPL-1.2
"""Reading an events file (issue 17): datum, bedrag, omschrijving, programma, risico; all or nothing."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from risicokompas.registerfile import RegisterFileError
from risicokompas.registerfile.events import (
    EventFileError,
    Recordable,
    read_events,
    read_events_bytes,
    write_events_template,
)
from risicokompas.registerfile.values import ValueProblem, parse_date

HEADER = ["datum", "bedrag", "omschrijving", "programma", "risico"]
TODAY = datetime.date(2025, 6, 30)
REGISTER = Recordable(known={"R01", "R02", "R03"})


def problems_of(source, **options) -> list[str]:
    with pytest.raises(EventFileError) as caught:
        read_events(source, **{"today": TODAY, "recordable": REGISTER, **options})
    return caught.value.messages


def test_it_reads_dutch_amounts_dates_and_codes_from_csv(make_csv):
    path = make_csv(
        [
            HEADER,
            ["1-3-2025", "€ 1.250.000", "Claim aannemer", "Ruimte", "r01; R02"],
            ["2025-02-01", "1250000,50", "Stormschade sporthal", "", ""],
            ["15-01-2025", "48.000", "Lekkage", "Sport", "R03, R03"],
            ["", "", "", "", ""],
            ["31 maart 2025", "250k", "Datalek", "", "niet in het register"],
        ]
    )
    events = read_events(path, today=TODAY, recordable=REGISTER)
    first, storm, leak, breach = events.rows
    assert (first.row_number, first.date, first.amount) == (2, datetime.date(2025, 3, 1), Decimal("1250000"))
    assert first.risk_codes == ("R01", "R02") and first.programme == "Ruimte"
    assert storm.amount == Decimal("1250000.50") and storm.is_surprise and storm.programme == ""
    assert leak.risk_codes == ("R03",) and leak.row_number == 4
    assert breach.date == datetime.date(2025, 3, 31) and breach.amount == Decimal("250000")
    assert breach.is_surprise and breach.row_number == 6
    assert events.surprises == 2


def test_it_reads_an_xlsx_with_date_cells_numbers_a_title_and_the_instructions_first(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Instructies"
    workbook.active.append(["Lees dit eerst"])
    sheet = workbook.create_sheet("Verliezen 2025")
    sheet.append(["Gebeurtenissen gemeente Aadorp"])
    sheet.append(["Datum", "Bedrag (€)", "Omschrijving", "Eigen notitie", "Risico's"])
    sheet.append([datetime.datetime(2025, 4, 2), 12500.5, "Claim", "intern", "R01"])
    sheet.append([45717, 300, "Excel-datumgetal", "", None])
    path = tmp_path / "gebeurtenissen.xlsx"
    workbook.save(path)
    claim, serial = read_events(path, today=TODAY, recordable=REGISTER).rows
    assert (claim.row_number, claim.date, claim.amount) == (3, datetime.date(2025, 4, 2), Decimal("12500.50"))
    assert claim.risk_codes == ("R01",)
    assert serial.date == datetime.date(2025, 3, 1) and serial.is_surprise


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_read(make_csv):
    path = make_csv(
        [
            HEADER,
            ["31-02-2025", "100", "Onbestaande dag", "", ""],
            ["01-03-2025", "-5", "Negatief", "", ""],
            ["01-03-2025", "100", "Onbekend risico", "", "R01; R99"],
            ["01-03-2025", "100", "", "", "R02"],
            ["01-03-2025", "100", "Goed", "", "R03"],
        ]
    )
    with pytest.raises(EventFileError) as caught:
        read_events(path, today=TODAY, recordable=REGISTER)
    assert caught.value.messages == [
        "Rij 2, kolom datum: '31-02-2025' is geen geldige datum; vul een datum in als dd-mm-jjjj, "
        "bijvoorbeeld 31-12-2024",
        "Rij 3, kolom bedrag: bedrag -5 mag niet negatief zijn",
        "Rij 4, kolom risico: risico 'R99' staat niet in het register",
        "Rij 5, kolom omschrijving: de omschrijving ontbreekt",
    ]
    assert str(caught.value).startswith("Het bestand bevat 4 problemen; er is niets ingelezen.")
    assert isinstance(caught.value, RegisterFileError)


def test_more_problems_of_one_row_follow_the_file_s_column_order(make_csv):
    path = make_csv(
        [
            ["risico", "omschrijving", "bedrag", "datum"],
            ["R7, R8", "", "veel", "morgen"],
        ]
    )
    assert problems_of(path) == [
        "Rij 2, kolom risico: de risico's 'R7', 'R8' staan niet in het register",
        "Rij 2, kolom omschrijving: de omschrijving ontbreekt",
        "Rij 2, kolom bedrag: 'veel' is geen geldig bedrag (bijvoorbeeld € 1.250.000 of 1250000)",
        "Rij 2, kolom datum: 'morgen' is geen geldige datum; vul een datum in als dd-mm-jjjj, "
        "bijvoorbeeld 31-12-2024",
    ]


def test_a_future_date_a_missing_value_and_fractions_of_a_cent_are_refused(make_csv):
    path = make_csv(
        [
            HEADER,
            ["01-07-2025", "100", "Morgen pas", "", ""],
            ["", "", "Leeg", "", ""],
            ["01-03-2025", "12,345", "Komma", "", ""],
            ["01-03-2025", "100", "Te lang programma", "x" * 201, ""],
        ]
    )
    assert problems_of(path) == [
        "Rij 2, kolom datum: 01-07-2025 ligt in de toekomst; een gebeurtenis is al gebeurd",
        "Rij 3, kolom datum: de datum ontbreekt",
        "Rij 3, kolom bedrag: het bedrag ontbreekt",
        "Rij 4, kolom bedrag: '12,345' heeft meer dan twee cijfers achter de komma; een komma geeft de "
        "centen, een punt scheidt duizendtallen (12.345 of 12345,50)",
        "Rij 5, kolom programma: het programma is langer dan 200 tekens",
    ]


def test_a_code_split_off_by_a_semicolon_into_an_unnamed_column_is_not_lost(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("datum;bedrag;omschrijving;risico\n01-03-2025;100;Claim;R01;R02\n", encoding="utf-8")
    assert problems_of(path) == [
        "Rij 2, kolom E: 'R02' staat in een kolom zonder kolomnaam; geef de kolom een naam of haal de "
        "waarde weg (meer risico's in een CSV-bestand met puntkomma's: scheid ze met een komma)"
    ]


def test_an_owner_names_only_their_own_risks_and_no_loss_outside_the_register(make_csv):
    path = make_csv([HEADER, ["01-03-2025", "100", "Claim", "", "R01; R02"], ["01-03-2025", "5", "Storm"]])
    owner = Recordable(known={"R01", "R02", "R03"}, allowed={"R01"}, surprises=False)
    assert problems_of(path, recordable=owner) == [
        "Rij 2, kolom risico: u bent geen eigenaar van risico 'R02'; u legt alleen gebeurtenissen vast "
        "bij risico's waarvan u eigenaar bent",
        "Rij 3, kolom risico: vul de id van het opgetreden risico in; alleen wie alle risico's beheert "
        "legt verliezen buiten het register vast",
    ]


def test_codes_match_the_register_s_spelling_ignoring_case_unless_that_is_ambiguous(make_csv):
    path = make_csv([HEADER, ["01-03-2025", "100", "Claim", "", "r01"]])
    (row,) = read_events(path, recordable=Recordable(known={"R01"})).rows
    assert row.risk_codes == ("R01",)
    assert read_events(path, recordable=Recordable(known={"R01", "r01"})).rows[0].risk_codes == ("r01",)
    path = make_csv([HEADER, ["01-03-2025", "100", "Claim", "", "ab1"]])
    with pytest.raises(EventFileError, match="risico 'ab1' staat niet in het register"):
        read_events(path, recordable=Recordable(known={"Ab1", "aB1"}))


def test_without_a_register_the_codes_are_read_as_typed_and_any_date_is_allowed(make_csv):
    path = make_csv([HEADER, ["01-03-2199", "1", "Later", "", "X1; X2"]])
    (row,) = read_events(path).rows
    assert row.risk_codes == ("X1", "X2") and row.date == datetime.date(2199, 3, 1)


def test_a_header_without_omschrijving_or_without_datum_and_bedrag_is_refused(make_csv):
    assert problems_of(make_csv([["datum", "bedrag", "risico"], ["01-03-2025", "1", ""]])) == [
        "Rij 1: de verplichte kolom 'omschrijving' ontbreekt"
    ]
    assert problems_of(make_csv([["wanneer gebeurd", "kosten?"], ["01-03-2025", "1"]])) == [
        "Geen kopregel gevonden: de eerste 10 rijen bevatten geen kolommen 'datum' en 'bedrag'"
    ]
    assert problems_of(make_csv([["datum", "bedrag", "omschrijving", "Datum"]])) == [
        "Rij 1, kolom Datum: de kolom komt twee keer voor (kolom A en D)"
    ]


def test_a_file_without_events_or_that_is_no_spreadsheet_is_refused(make_csv):
    assert problems_of(make_csv([HEADER])) == ["Het bestand bevat geen gebeurtenissen"]
    with pytest.raises(EventFileError, match="PDF-document"):
        read_events_bytes(b"%PDF-1.7 ...")


def test_the_template_has_the_columns_and_instructions_and_reads_back_once_filled(tmp_path):
    buffer = io.BytesIO()
    write_events_template(buffer)
    with pytest.raises(EventFileError, match="geen gebeurtenissen"):
        read_events_bytes(buffer.getvalue())
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    assert workbook.sheetnames == ["Gebeurtenissen", "Instructies"]
    sheet = workbook["Gebeurtenissen"]
    assert [cell.value for cell in sheet[1]] == HEADER
    sheet.append([datetime.date(2025, 1, 2), 1000, "Claim", "Ruimte", "R01"])
    path = tmp_path / "ingevuld.xlsx"
    workbook.save(path)
    (row,) = read_events(path, recordable=REGISTER).rows
    assert (row.date, row.amount, row.risk_codes) == (datetime.date(2025, 1, 2), Decimal("1000"), ("R01",))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("31-12-2024", datetime.date(2024, 12, 31)),
        ("1-3-2025", datetime.date(2025, 3, 1)),
        ("01/03/2025", datetime.date(2025, 3, 1)),
        ("01.03.2025", datetime.date(2025, 3, 1)),
        ("2025-03-01", datetime.date(2025, 3, 1)),
        ("2025-03-01 00:00:00", datetime.date(2025, 3, 1)),
        ("1 maart 2025", datetime.date(2025, 3, 1)),
        ("3 mrt. 2025", datetime.date(2025, 3, 3)),
        (45717, datetime.date(2025, 3, 1)),
        (45717.75, datetime.date(2025, 3, 1)),
        (datetime.datetime(2025, 3, 1, 14, 30), datetime.date(2025, 3, 1)),
    ],
)
def test_dates_as_typed_or_as_excel_stores_them(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["12-31-2024", "29-02-2025", "2025", "1250000", 1250000, "01-01-1850", "x"])
def test_impossible_dates_are_refused(value):
    with pytest.raises(ValueProblem, match="geen geldige datum"):
        parse_date(value)
