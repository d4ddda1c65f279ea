# SPDX-License-Identifier: EUPL-1.2
"""The Excel template: a register sheet with drop-downs and checks, and a sheet of instructions in Dutch.

An export uses the same layout, so an exported register can be edited and imported again. The template's
example row has the id VOORBEELD; the reader skips such rows, so the example can stay where it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from risicokompas.registerfile.columns import COLUMNS, REQUIRED_KEYS
from risicokompas.registerfile.rows import EXAMPLE_PREFIX
from risicokompas.registerfile.shapes import SHAPES

REGISTER_SHEET = "Risico's"
INSTRUCTION_SHEET = "Instructies"

#: Rows below the header that get drop-downs and checks.
VALIDATED_ROWS = 2000

PERCENT_FORMAT = "0%"
AMOUNT_FORMAT = "#,##0"

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_EXAMPLE_FONT = Font(italic=True, color="808080")

EXAMPLE_ROW: dict[str, object] = {
    "id": EXAMPLE_PREFIX,
    "risico": "Voorbeeld: claim van een aannemer (deze rij wordt niet ingelezen)",
    "omschrijving": "Door vertraging in de vergunning kan de aannemer een schadeclaim indienen.",
    "kans": 0.3,
    "gevolg_max": 500000,
    "gevolg_min": 100000,
    "verdeling": "uniform",
    "aard": "incidenteel",
    "groep": "Projecten",
    "uitgesloten": "nee",
    "programma": "Ruimte",
    "eigenaar": "Projectleider",
    "beheersmaatregelen": "Planning wekelijks bewaken; tijdig overleg met de aannemer.",
}


def new_workbook(*, extra_headers: tuple[str, ...] = (), rows: int = 0, example: bool = False) -> Workbook:
    """A workbook with the styled register sheet first and the instructions sheet second.

    ``extra_headers`` are columns after the template's own (notes of an export); ``rows`` is the number of
    data rows the caller will write, so the checks reach below them.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = REGISTER_SHEET
    labels = [column.label for column in COLUMNS] + list(extra_headers)
    sheet.append(labels)
    for index, label in enumerate(labels, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        width = COLUMNS[index - 1].width if index <= len(COLUMNS) else max(16, len(label) + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "A2"
    _add_validations(sheet, last_row=1 + max(VALIDATED_ROWS, rows + 1000))
    if example:
        _add_example(sheet)
    _add_instructions(workbook.create_sheet(INSTRUCTION_SHEET))
    return workbook


def letter_of(key: str) -> str:
    """The Excel column letter of a template column."""
    letter: str = get_column_letter([column.key for column in COLUMNS].index(key) + 1)
    return letter


def _add_validations(sheet: Worksheet, last_row: int) -> None:
    def validation(key: str, **kwargs: object) -> None:
        rule = DataValidation(
            allow_blank=True, showErrorMessage=True, errorTitle="Ongeldige waarde", **kwargs
        )
        rule.add(f"{letter_of(key)}2:{letter_of(key)}{last_row}")
        sheet.add_data_validation(rule)

    validation(
        "verdeling", type="list", formula1=f'"{",".join(SHAPES)}"', error="Kies een verdeling uit de lijst."
    )
    validation(
        "aard", type="list", formula1='"incidenteel,structureel"', error="Kies incidenteel of structureel."
    )
    validation("uitgesloten", type="list", formula1='"ja,nee"', error="Kies ja of nee.")
    # Kans and maximum only warn: "PM" (not yet quantified) must stay possible in those cells.
    validation(
        "kans",
        type="decimal",
        operator="between",
        formula1="0",
        formula2="1",
        errorStyle="warning",
        error="De kans ligt tussen 0% en 100%. Nog niet bekend? Vul PM in.",
        promptTitle="Kans per jaar",
        prompt="Bijvoorbeeld 30%. Nog niet bekend: PM.",
        showInputMessage=True,
    )
    validation(
        "gevolg_max",
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        errorStyle="warning",
        error="Vul een bedrag van 0 of meer in. Nog niet bekend? Vul PM in.",
    )
    for key in ("gevolg_min", "gevolg_modus"):
        validation(
            key,
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            error="Vul een bedrag van 0 of meer in.",
        )
    validation(
        "jaren",
        type="whole",
        operator="greaterThanOrEqual",
        formula1="1",
        error="Vul een geheel getal ≥ 1 in.",
    )
    # New cells typed into these columns take the column's number format.
    sheet.column_dimensions[letter_of("kans")].number_format = PERCENT_FORMAT
    for key in ("gevolg_max", "gevolg_min", "gevolg_modus"):
        sheet.column_dimensions[letter_of(key)].number_format = AMOUNT_FORMAT


def _add_example(sheet: Worksheet) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=2, column=index, value=EXAMPLE_ROW.get(column.key))
        cell.font = _EXAMPLE_FONT
        if column.key == "kans":
            cell.number_format = PERCENT_FORMAT
        elif column.key.startswith("gevolg_"):
            cell.number_format = AMOUNT_FORMAT


INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    (
        "Zo werkt het",
        "Vul op het blad Risico's één risico per rij in. De eerste rij bevat de kolomnamen; laat die staan. "
        "Kolommen mogen in een andere volgorde staan en u mag eigen kolommen toevoegen: die worden als "
        "notitie bewaard. Lege rijen worden overgeslagen.",
    ),
    (
        "Alles of niets",
        "Bij het inlezen wordt elke rij gecontroleerd. Als er iets niet klopt, wordt niets ingelezen en "
        "krijgt u een lijst van alle problemen met rij en kolom, zodat u alles in één keer kunt herstellen.",
    ),
    (
        "Voorbeeldrij",
        f"Rijen waarvan het id met {EXAMPLE_PREFIX} begint, worden niet ingelezen. U kunt de voorbeeldrij "
        "laten staan of verwijderen.",
    ),
    (
        "Kans",
        "Als percentage (30%), als getal boven 1 (30 betekent 30%) of als fractie (0,3 of 0.3). Een getal "
        "van 0 tot en met 1 is een fractie: 1 betekent dus 100%. De kans ligt tussen 0% en 100%.",
    ),
    (
        "Nog niet gekwantificeerd",
        "Is de kans of het maximale gevolg van een risico nog niet bekend? Vul PM in (of laat de cel leeg). "
        "Het risico blijft in het register en wordt apart vermeld als niet gekwantificeerd; het telt niet "
        "als nul mee in de berekening.",
    ),
    (
        "Bedragen",
        "In hele euro's, bijvoorbeeld € 1.250.000, 1250000 of 1.250.000,00. Een punt scheidt duizendtallen "
        "en een komma geeft decimalen; k en mln mogen (250k, 1,5 mln). Bedragen zijn nooit negatief.",
    ),
    (
        "Verdelingen",
        "vast: het gevolg is altijd het maximum. uniform: elk bedrag tussen minimum (leeg: 0) en maximum is "
        "even waarschijnlijk. driehoek en pert: minimum (leeg: 0), meest waarschijnlijk en maximum; zonder "
        "meest waarschijnlijk gevolg ligt dat in het midden tussen minimum en maximum. "
        "lognormaal: in de kolom meest waarschijnlijk de mediaan en in de kolom maximum de 90%-waarde.",
    ),
    (
        "Standaardverdeling",
        "Als de kolom Verdeling leeg is, geldt de standaardverdeling van uw organisatie. Die is normaal "
        "uniform tussen 0 en het maximum: een risico treedt niet, geheel of gedeeltelijk op.",
    ),
    (
        "Structurele risico's",
        "Bij aard structureel is het gevolg een bedrag per jaar. Het telt zo vaak mee als het aantal jaren "
        "aangeeft; leeg betekent het aantal jaren uit het beleid van uw organisatie.",
    ),
)


def _add_instructions(sheet: Worksheet) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append(["Invulinstructie risicoregister"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    for title, text in INSTRUCTIONS:
        sheet.append([title, text])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([])
    sheet.append(["Kolom", "Uitleg", "Verplicht"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        sheet.append([column.label, column.help, "ja" if column.key in REQUIRED_KEYS else "nee"])
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = wrap
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 100
    sheet.column_dimensions["C"].width = 10


def write_template(target: str | Path | BinaryIO) -> None:
    """Write the empty register template (.xlsx) with one example row and the instructions sheet."""
    new_workbook(example=True).save(target)
