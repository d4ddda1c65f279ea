# SPDX-License-Identifier: EUPL-1.2
"""The register as a report for the controller's own use: one sheet with every risk's score, status, review
date, owner and measures, one sheet with the subtotals per programma.

Unlike the register file (``exporting``), this workbook is not meant to be read back: it is what a
controller hands to a management team. Text cells are neutralised against formula injection.
"""

from __future__ import annotations

import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from risicokompas.organisations.models import Organisation
from risicokompas.registerfile.values import neutralise
from risicokompas.risks.filters import score_colour, with_classes
from risicokompas.risks.models import Measure, Risk
from risicokompas.risks.owners import Directory

RISK_COLUMNS = (
    "Code",
    "Risico",
    "Programma",
    "Risico-eigenaar",
    "Kans",
    "Maximaal gevolg (€)",
    "Kans × maximum (€)",
    "Score",
    "Kleur",
    "Status",
    "Herbeoordelen vóór",
    "Herbeoordeling verlopen",
    "Laatst besproken",
    "Maatregelen gepland",
    "Maatregelen uitgevoerd",
    "Maatregelen",
)
PROGRAMME_COLUMNS = (
    "Programma",
    "Open risico's",
    "Niet gekwantificeerd",
    "Rood",
    "Oranje",
    "Groen",
    "Herbeoordeling verlopen",
    "Σ kans × maximum (€)",
)
NO_PROGRAMME = "(geen programma)"


@dataclass
class ProgrammeTotals:
    risks: int = 0
    unquantified: int = 0
    colours: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    overdue: int = 0
    weighted: Decimal = Decimal("0")


def _text(value: str) -> str:
    return neutralise(value or "")


def report_rows(organisation: Organisation, today: datetime.date) -> tuple[list[list], list[list]]:
    """(rows of the risk sheet, rows of the programma sheet) for the organisation's open risks."""
    risks = list(
        with_classes(Risk.objects.filter(organisation=organisation, status=Risk.Status.OPEN), organisation)
        .select_related("owner__user")
        .prefetch_related("measures")
        .order_by("programme", "code")
    )
    directory = Directory(organisation.pk)
    rows: list[list] = []
    totals: dict[str, ProgrammeTotals] = defaultdict(ProgrammeTotals)
    for risk in risks:
        measures = list(risk.measures.all())
        done = [m for m in measures if m.status == Measure.Status.DONE]
        weighted = (
            risk.probability * risk.impact_max
            if risk.probability is not None and risk.impact_max is not None
            else None
        )
        overdue = risk.review_date is not None and risk.review_date < today
        colour = score_colour(risk.score)
        rows.append(
            [
                risk.code,
                _text(risk.name),
                _text(risk.programme),
                _text(directory.text_of(risk) if risk.owner_id else risk.owner_label),
                None if risk.probability is None else float(risk.probability),
                None if risk.impact_max is None else float(risk.impact_max),
                None if weighted is None else float(round(weighted)),
                risk.score,
                colour or "niet gekwantificeerd",
                risk.get_status_display(),
                risk.review_date,
                "ja" if overdue else "nee",
                risk.last_discussed_on,
                len(measures) - len(done),
                len(done),
                _text(
                    "; ".join(
                        m.description.strip().splitlines()[0] for m in measures if m.description.strip()
                    )
                ),
            ]
        )
        programme = totals[risk.programme.strip() or NO_PROGRAMME]
        programme.risks += 1
        programme.overdue += overdue
        if colour:
            programme.colours[colour] += 1
        else:
            programme.unquantified += 1
        if weighted is not None:
            programme.weighted += weighted
    programme_rows = [
        [
            _text(name),
            t.risks,
            t.unquantified,
            t.colours["rood"],
            t.colours["oranje"],
            t.colours["groen"],
            t.overdue,
            float(round(t.weighted)),
        ]
        for name, t in sorted(totals.items())
    ]
    if programme_rows:
        totals_row: list = ["Totaal"]
        for i in range(1, len(PROGRAMME_COLUMNS)):
            totals_row.append(sum(row[i] for row in programme_rows))
        programme_rows.append(totals_row)
    return rows, programme_rows


def _sheet(sheet, title: str, head: tuple[str, ...], rows: list[list], formats: dict[int, str]) -> None:
    sheet.title = title
    sheet.append(list(head))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column, number_format in formats.items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = number_format
    for index, title_text in enumerate(head, start=1):
        width = max([len(str(title_text))] + [len(str(r[index - 1] or "")) for r in rows[:200]])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "B2"


def report_workbook(organisation: Organisation, today: datetime.date) -> bytes:
    """The report as .xlsx bytes."""
    rows, programme_rows = report_rows(organisation, today)
    workbook = Workbook()
    euro, date = '"€" #,##0', "dd-mm-yyyy"
    _sheet(
        workbook.active,
        "Risico's",
        RISK_COLUMNS,
        rows,
        {5: "0%", 6: euro, 7: euro, 11: date, 13: date},
    )
    _sheet(workbook.create_sheet(), "Per programma", PROGRAMME_COLUMNS, programme_rows, {8: euro})
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
