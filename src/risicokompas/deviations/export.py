# SPDX-License-Identifier: EUPL-1.2
"""The export for the annual rechtmatigheid review: deviations with a financial effect, as .xlsx.

It names rules, teams and outcomes, never people. Text cells are neutralised against formula injection.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from risicokompas.registerfile.values import neutralise

SUMMARY_LENGTH = 300


def _text(value: str) -> str:
    return neutralise(" ".join(str(value).split()))


def rows(deviations) -> list[list]:
    result = []
    for deviation in deviations:
        deliberation = getattr(deviation, "deliberation", None)
        situation = " ".join(deviation.situation.split())
        if len(situation) > SUMMARY_LENGTH:
            situation = situation[: SUMMARY_LENGTH - 1] + "…"
        result.append(
            [
                deviation.acted_on,
                _text(deviation.rule.title),
                _text(deviation.team or "—"),
                _text(situation),
                deviation.financial_effect,
                _text(deviation.get_status_display()),
                _text(deliberation.get_outcome_display() if deliberation else _("Nog niet besproken")),
                _text(_("Ja") if deviation.outside_mandate else _("Nee")),
            ]
        )
    return result


def workbook_bytes(deviations) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Afwijkingen")
    sheet.append(
        [
            _("Datum"),
            _("Regel"),
            _("Team"),
            _("Situatie (samenvatting)"),
            _("Financieel effect (€)"),
            _("Status"),
            _("Oordeel van het team"),
            _("Buiten mandaat"),
        ]
    )
    for row in rows(deviations):
        sheet.append(row)
        sheet.cell(row=sheet.max_row, column=1).number_format = "DD-MM-YYYY"
        sheet.cell(row=sheet.max_row, column=5).number_format = "#,##0.00"
    for column, width in zip("ABCDEFGH", (12, 40, 20, 60, 16, 14, 28, 14), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
