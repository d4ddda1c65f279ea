# SPDX-License-Identifier: EUPL-1.2
"""The register's reporting export: every open risk with score, status, review date, owner and measures,
and the subtotals per programma; visible on the register page next to import and export."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook
from tests.fixtures import make_risk

from risicokompas.risks.models import Measure
from risicokompas.risks.reporting import PROGRAMME_COLUMNS, RISK_COLUMNS


def read(response):
    workbook = load_workbook(io.BytesIO(response.content))
    return [[c.value for c in row] for row in workbook["Risico's"].iter_rows()], [
        [c.value for c in row] for row in workbook["Per programma"].iter_rows()
    ]


def test_the_report_lists_open_risks_with_their_state_and_subtotals_per_programme(client, cast, login):
    late = datetime.date(2020, 1, 1)
    r1 = make_risk(
        cast.org, "R01", probability=Decimal("0.9"), impact_max=Decimal("2000000"), review_date=late
    )
    make_risk(cast.org, "R02", probability=Decimal("0.1"), impact_max=Decimal("40000"), programme="Ruimte")
    make_risk(cast.org, "R03", probability=None, impact_max=None, name='=HYPERLINK("x")')
    make_risk(cast.org, "R04", status="gesloten")
    make_risk(cast.other_org, "B01")
    Measure.objects.create(risk=r1, description="Borg afbouwen", status=Measure.Status.DONE)
    Measure.objects.create(risk=r1, description="Contract herzien")
    login(cast.reader)

    response = client.get("/risicos/rapportage.xlsx")
    assert response.status_code == 200
    risks, programmes = read(response)
    assert tuple(risks[0]) == RISK_COLUMNS and tuple(programmes[0]) == PROGRAMME_COLUMNS
    by_code = {row[0]: dict(zip(RISK_COLUMNS, row, strict=True)) for row in risks[1:]}
    assert set(by_code) == {"R01", "R02", "R03"}  # open risks of this organisation only
    r01 = by_code["R01"]
    assert (r01["Kans × maximum (€)"], r01["Score"], r01["Kleur"]) == (1_800_000, 25, "rood")
    assert r01["Herbeoordeling verlopen"] == "ja"
    assert (r01["Maatregelen gepland"], r01["Maatregelen uitgevoerd"]) == (1, 1)
    assert r01["Maatregelen"] == "Borg afbouwen; Contract herzien"
    assert by_code["R03"]["Kleur"] == "niet gekwantificeerd"
    assert by_code["R03"]["Risico"].startswith("'=")  # no formula runs when the file is opened
    rows = {row[0]: row for row in programmes[1:]}
    assert rows["Sociaal domein"] == ["Sociaal domein", 2, 1, 1, 0, 0, 1, 1_800_000]
    assert rows["Ruimte"] == ["Ruimte", 1, 0, 0, 0, 1, 0, 4_000]
    assert rows["Totaal"] == ["Totaal", 3, 1, 1, 0, 1, 1, 1_804_000]


def test_the_register_page_shows_import_export_and_report(client, cast, login):
    login(cast.controller)
    html = client.get("/risicos/").content.decode()
    for href in ("/risicos/import/", "/risicos/export.xlsx", "/risicos/rapportage.xlsx"):
        assert f'href="{href}"' in html
    login(cast.reader)
    html = client.get("/risicos/").content.decode()
    assert 'href="/risicos/import/"' not in html and 'href="/risicos/rapportage.xlsx"' in html


def test_the_report_needs_a_login(client):
    response = client.get("/risicos/rapportage.xlsx")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
