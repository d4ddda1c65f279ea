# SPDX-License-Identifier: EUPL-1.2
"""File formats: CSV dialects and encodings, and broken or unsupported files that must fail clearly."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from risicokompas.engine.distributions import Uniform
from risicokompas.engine.model import Risk
from risicokompas.registerfile import read_register

HEADER = ["Id", "Risico", "Kans", "Maximaal financieel gevolg (€)"]

NOT_EXCEL = "Het bestand is geen geldig Excel-bestand (.xlsx) of het is beschadigd"
OLD_XLS = (
    "Het bestand is een oud Excel-bestand (.xls) of een ander Office-document; sla het in Excel op als "
    "Excel-werkmap (.xlsx) of als CSV"
)
OLE_HEADER = bytes.fromhex("d0cf11e0a1b11ae1")


def test_it_reads_a_dutch_csv_with_semicolons(make_csv) -> None:
    path = make_csv([HEADER, ["R1", "Brand", "30%", "€ 1.250.000,00"], ["R2", "Storm", "0,1", "1.250"]])

    assert read_register(path).risks == (
        Risk("R1", "Brand", 0.3, Uniform(0, 1_250_000)),
        Risk("R2", "Storm", 0.1, Uniform(0, 1_250)),
    )


def test_it_reads_a_csv_with_commas_and_quoted_dutch_amounts(make_csv) -> None:
    path = make_csv([HEADER, ["R1", "Brand, groot", "30", "1.250.000,50"]], delimiter=",")

    assert read_register(path).risks == (Risk("R1", "Brand, groot", 0.3, Uniform(0, 1_250_000.5)),)


def test_it_reads_a_tab_separated_file(make_csv) -> None:
    path = make_csv([HEADER, ["R1", "Brand", "0.3", "100"]], delimiter="\t", name="register.txt")

    assert read_register(path).risks[0].probability == 0.3


def test_it_reads_a_csv_in_windows_1252(make_csv) -> None:
    path = make_csv([HEADER, ["R1", "Café-brand", "30%", "€ 1.000"]], encoding="cp1252")

    assert read_register(path).risks[0] == Risk("R1", "Café-brand", 0.3, Uniform(0, 1_000))


def test_it_reads_a_csv_with_a_utf8_byte_order_mark(make_csv) -> None:
    path = make_csv([HEADER, ["R1", "Café-brand", "30%", "€ 1.000"]], encoding="utf-8-sig")

    assert read_register(path).risks[0].name == "Café-brand"


def test_it_reads_excel_unicode_text(make_csv) -> None:
    path = make_csv([HEADER, ["R1", "Brand", "30%", "1000"]], delimiter="\t", encoding="utf-16", name="r.txt")

    assert read_register(path).risks[0].name == "Brand"


def test_it_finds_the_csv_header_below_a_title(make_csv) -> None:
    path = make_csv([["Risicoregister 2025"], [], HEADER, ["R1", "Brand", "30%", "1000"]])

    assert read_register(path).rows[0].row_number == 4


def test_csv_problems_name_the_row_excel_shows(make_csv, problems_of) -> None:
    path = make_csv([HEADER, ["R1", "Brand", "30%", "1000"], ["R2", "Storm", "300%", "1000"]])

    assert problems_of(path) == ["Rij 3, kolom Kans: 300% ligt niet tussen 0% en 100%"]


def test_an_empty_file_is_refused(tmp_path, problems_of) -> None:
    path = tmp_path / "leeg.xlsx"
    path.write_bytes(b"")

    assert problems_of(path) == ["Het bestand is leeg"]


def test_a_pdf_renamed_to_xlsx_is_refused(tmp_path, problems_of) -> None:
    path = tmp_path / "register.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")

    assert problems_of(path) == ["Het bestand is een PDF-document, geen Excel- of CSV-bestand"]


def test_random_bytes_named_xlsx_are_refused(tmp_path, problems_of) -> None:
    path = tmp_path / "register.xlsx"
    path.write_bytes(random.Random(2025).randbytes(2048))

    assert problems_of(path) == [NOT_EXCEL]


def test_random_bytes_without_a_name_are_refused(problems_of) -> None:
    data = bytes(range(256)) * 8

    assert problems_of(data) == [
        "Het bestand is geen Excel-bestand (.xlsx) of CSV-bestand; sla het register in Excel op als "
        "Excel-werkmap (.xlsx) of als CSV"
    ]


def test_a_password_protected_workbook_is_refused(tmp_path, problems_of) -> None:
    path = tmp_path / "beveiligd.xlsx"
    path.write_bytes(OLE_HEADER + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(512))

    assert problems_of(path) == [
        "Het Excel-bestand is beveiligd met een wachtwoord; sla het op zonder wachtwoord en probeer het opnieuw"
    ]


def test_an_old_xls_workbook_is_refused(tmp_path, problems_of) -> None:
    path = tmp_path / "oud.xls"
    path.write_bytes(OLE_HEADER + bytes(504) + "Workbook".encode("utf-16-le") + bytes(512))

    assert problems_of(path) == [OLD_XLS]


def test_a_non_ole_file_named_xls_is_refused(tmp_path, problems_of) -> None:
    path = tmp_path / "oud.xls"
    path.write_bytes(b"<html><table><tr><td>Risico</td></tr></table></html>")

    assert problems_of(path) == [NOT_EXCEL]


def test_a_zip_that_is_no_workbook_is_refused(tmp_path, problems_of) -> None:
    path = tmp_path / "register.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("leesmij.txt", "geen werkmap")

    assert problems_of(path) == [NOT_EXCEL]


def test_a_truncated_workbook_is_refused(make_xlsx, problems_of) -> None:
    data = make_xlsx([HEADER, ["R1", "Brand", 0.1, 100]]).read_bytes()

    assert problems_of(data[: len(data) // 2]) == [NOT_EXCEL]


def test_an_opendocument_spreadsheet_is_refused(problems_of) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert problems_of(buffer.getvalue()) == [
        "Het bestand is een OpenDocument-rekenblad (.ods); sla het op als Excel-werkmap (.xlsx) of als CSV"
    ]


def test_a_workbook_with_only_instructions_is_refused(make_xlsx, problems_of) -> None:
    path = make_xlsx(sheets={"Instructies": [["Uitleg"]]})

    assert problems_of(path) == ["De werkmap bevat geen werkblad met een risicoregister"]


def test_a_missing_file_is_refused(tmp_path, problems_of) -> None:
    path = tmp_path / "bestaat-niet.xlsx"

    assert problems_of(path) == [f"Het bestand '{path}' bestaat niet"]


def test_a_directory_is_refused(tmp_path, problems_of) -> None:
    assert problems_of(tmp_path) == [f"Het bestand '{tmp_path}' kan niet worden gelezen"]


def test_an_unknown_format_hint_is_a_programming_error(make_csv) -> None:
    with pytest.raises(ValueError, match="onbekend formaat 'pdf'"):
        read_register(make_csv([HEADER]), format="pdf")


def test_a_format_hint_overrides_the_name(make_csv, problems_of) -> None:
    path = make_csv([HEADER, ["R1", "Brand", "30%", "1000"]], name="register.xlsx")

    assert problems_of(path) == [NOT_EXCEL]
    assert read_register(path, format="csv").risks[0].name == "Brand"
