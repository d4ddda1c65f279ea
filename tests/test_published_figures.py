# SPDX-License-Identifier: EUPL-1.2
"""Registers transcribed from a gemeente's published paragraaf weerstandsvermogen reproduce its published
figure to the euro through the command line, the web (import, dashboard, snapshot) and the paragraph.

Covered are the conventional methods for which a published list with a reproducible total was found:
Σ kans × maximum (Noordenveld, Begroting 2026, to the euro) and a factor × Σ maxima (Heusden, Begroting
2018, 70% of the sum; published rounded to € 0,1 mln, reproduced to that precision). No published example
was found for Σ kans × gemiddeld gevolg as the official figure; that method is covered by the constructed
registers in tests/test_cli.py and tests/web/test_calculation_method.py, and indirectly by Noordenveld's
'minimaal' column below.
"""

from __future__ import annotations

import datetime
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from risicokompas.cli import main
from risicokompas.dashboard.compute import build_dashboard
from risicokompas.engine.present import format_eur
from risicokompas.paragraph import freeze as freezing
from risicokompas.paragraph.views_reports import paragraph_data
from risicokompas.reports import render
from risicokompas.risks import importing

DATA = Path(__file__).parent / "data" / "published"

NOORDENVELD_2026 = DATA / "noordenveld-begroting-2026.csv"
#: Risicotabel, row "Totaal risico's", column "Kans x gevolg (€) Maximaal".
NOORDENVELD_2026_MAXIMAAL = 8_401_000
#: The same row, column "Minimaal": Σ kans × ondergrens of the gevolgklasse.
NOORDENVELD_2026_MINIMAAL = 3_856_000


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def run_cli(*argv: str) -> dict:
    out, err = io.StringIO(), io.StringIO()
    code = main(["simulate", *argv, "--json"], stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    return json.loads(out.getvalue())


def to_the_euro(amount: float) -> int:
    return round(amount)


def import_register(organisation, user, path: Path) -> None:
    """The register import service, as the import view uses it: read, plan, apply the confirmed plan."""
    file_risks = importing.read_upload(path.read_bytes(), path.name, organisation)
    plan = importing.build_plan(organisation, file_risks, importing.organisation_risks(organisation))
    assert len(plan.new) == len(file_risks) and not plan.changed
    importing.apply_import(
        organisation,
        user,
        file_risks,
        digest=plan.digest,
        reason=f"Overgenomen uit {path.name}",
        close_absent=False,
    )


def test_noordenveld_begroting_2026_kans_maal_maximum_on_the_command_line():
    """Gemeente Noordenveld, Begroting 2026, paragraaf Weerstandsvermogen en risicobeheersing:
    'Risicotabel' (https://noordenveld.begroting-2026.nl/p9056/risicotabel) with 'Toelichting op de
    risico's' (https://noordenveld.begroting-2026.nl/p9057/toelichting-op-de-risicos).

    The table lists all 17 risks with a kansklasse (10/30/50/70/90% per jaar) and a gevolgklasse (a range
    in euros) and per risk 'Kans x gevolg (€)' minimaal (kans × ondergrens) and maximaal (kans ×
    bovengrens); 'Totaal risico's' is € 3.856.000 minimaal and € 8.401.000 maximaal, the sum of the rows
    exactly (no rounding). So € 8.401.000 is Σ kans × maximum, the method ``kans-maal-maximum``. How each
    row's kans and range were read is in the register file (see its Omschrijving column).
    """
    data = run_cli(str(NOORDENVELD_2026), "--rekenmethode", "kans-maal-maximum")

    assert (data["calculation"], data["factor"]) == ("kans-maal-maximum", 1.0)
    assert data["unquantified"] == []
    assert to_the_euro(data["required_capacity"]) == NOORDENVELD_2026_MAXIMAAL
    # The transcription also reproduces the published 'minimaal' column: with a uniform gevolg between
    # the bounds of its class, Σ kans × minimum = 2 × Σ kans × gemiddeld gevolg − Σ kans × maximum.
    conventional = data["conventional"]
    minimum = 2 * conventional["kans_maal_gemiddeld"] - conventional["kans_maal_maximum"]
    assert to_the_euro(minimum) == NOORDENVELD_2026_MINIMAAL


def test_noordenveld_begroting_2026_kans_maal_maximum_on_the_web_and_in_the_paragraph(cast, login):
    """Gemeente Noordenveld, Begroting 2026, 'Risicotabel'
    (https://noordenveld.begroting-2026.nl/p9056/risicotabel): Totaal risico's, kans x gevolg maximaal
    € 8.401.000 = Σ kans × maximum over the 17 risks. The same register file, imported into an
    organisation whose nota prescribes Σ kans × maximum, gives that figure on the dashboard, in a frozen
    snapshot and in the paragraph rendered from it.
    """
    organisation = cast.org
    import_register(organisation, cast.controller, NOORDENVELD_2026)
    assert organisation.risks.count() == 17
    organisation.calculation = organisation.Calculation.PROBABILITY_TIMES_MAX
    organisation.save()

    dashboard = build_dashboard(organisation)
    assert dashboard.official.method.name.value == "kans-maal-maximum"
    assert to_the_euro(dashboard.official.value) == NOORDENVELD_2026_MAXIMAAL
    assert to_the_euro(dashboard.required_total) == NOORDENVELD_2026_MAXIMAAL
    published = format_eur(NOORDENVELD_2026_MAXIMAAL)
    assert published == "€ 8.401.000"
    page = login(cast.controller).get(reverse("dashboard:home")).content.decode()
    assert published.replace(" ", "\u00a0") in page

    snapshot = freezing.freeze(
        organisation, cast.controller, "Begroting 2026", "begroting", 2026, datetime.date(2025, 10, 1)
    )
    snapshot.refresh_from_db()
    result = snapshot.frozen_result
    assert to_the_euro(result.official_required) == NOORDENVELD_2026_MAXIMAAL
    assert to_the_euro(result.total_required) == NOORDENVELD_2026_MAXIMAAL
    assert freezing.verify(snapshot)

    html = render(paragraph_data(snapshot), "html").decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html.replace("\u00a0", " ").replace("&nbsp;", " ")).split())
    assert f"Volgens de nota (Σ kans × maximum) {published}" in text
    assert f"Benodigde weerstandscapaciteit {published}" in text


HEUSDEN_2018 = DATA / "heusden-begroting-2018.csv"
#: 'Het (theoretisch) maximale, kwantificeerbare risico ... bedraagt circa € 15,6 mln.'
HEUSDEN_2018_SOM_MAXIMA_MLN = "15,6"
#: '70% van de totale risico-omvang ... Daarmee komt de benodigde weerstandscapaciteit uit op € 10,9 mln.'
HEUSDEN_2018_BENODIGD_MLN = "10,9"


def in_millions(amount: float) -> str:
    """An amount as the gemeente published it: millions of euros with one decimal, Dutch comma."""
    return f"{amount / 1_000_000:.1f}".replace(".", ",")


def test_heusden_begroting_2018_factor_times_the_sum_of_the_maxima_on_the_command_line():
    """Gemeente Heusden, Begroting 2018, paragraaf Weerstandsvermogen en risicobeheersing, 'Confrontatie
    weerstandscapaciteit en risico's' (https://heusden.begroting-2018.nl/p377/confrontatie-weerstandscapaciteit-
    en-risicos): the maximal quantifiable risk is 'circa € 15,6 mln'; by the gemeente's norm 70% of it is the
    benodigde weerstandscapaciteit, '€ 10,9 mln'. So the method is ``som-maxima --factor 0,7``.

    The per-risk list (risicoprofiel Begr 2018, maximaal risico × € 1.000 and kans) is transcribed from the
    same begroting as https://gapminded.nl/gemeente/797 lists it; six risks are published without an amount
    and are in the file as "PM". The gemeente published its figures rounded to € 0,1 mln, so the figure is
    reproduced to that precision — and the sum itself, € 15.625.000 × 0,7, is exact to the euro.
    """
    data = run_cli(str(HEUSDEN_2018), "--rekenmethode", "som-maxima", "--factor", "0,7")

    assert (data["calculation"], data["factor"]) == ("som-maxima", 0.7)
    assert sorted(row["id"] for row in data["unquantified"]) == [
        "HE07",
        "HE10",
        "HE12",
        "HE13",
        "HE15",
        "HE17",
    ]
    som_maxima = data["conventional"]["som_maxima"]
    assert to_the_euro(som_maxima) == 15_625_000
    assert in_millions(som_maxima) == HEUSDEN_2018_SOM_MAXIMA_MLN
    assert to_the_euro(data["required_capacity"]) == 10_937_500
    assert in_millions(data["required_capacity"]) == HEUSDEN_2018_BENODIGD_MLN


def test_heusden_begroting_2018_factor_times_the_sum_of_the_maxima_on_the_web_and_in_the_paragraph(
    cast, login
):
    """Gemeente Heusden, Begroting 2018 (source as above): the same register file imported into an organisation
    whose nota prescribes 70% of the sum of the maxima gives € 10.937.500 (published: € 10,9 mln) on the
    dashboard, in a frozen snapshot and in the paragraph; the six unquantified risks are listed, not counted.
    """
    organisation = cast.org
    import_register(organisation, cast.controller, HEUSDEN_2018)
    assert organisation.risks.count() == 17
    organisation.calculation = organisation.Calculation.SUM_OF_MAXIMA
    organisation.calculation_factor = Decimal("0.7")
    organisation.save()

    dashboard = build_dashboard(organisation)
    assert dashboard.official.method.name.value == "som-maxima"
    assert to_the_euro(dashboard.official.value) == 10_937_500
    assert in_millions(dashboard.official.value) == HEUSDEN_2018_BENODIGD_MLN
    published = format_eur(10_937_500)
    page = login(cast.controller).get(reverse("dashboard:home")).content.decode()
    assert published.replace(" ", "\u00a0") in page

    snapshot = freezing.freeze(
        organisation, cast.controller, "Begroting 2018", "begroting", 2018, datetime.date(2017, 8, 1)
    )
    snapshot.refresh_from_db()
    assert to_the_euro(snapshot.frozen_result.official_required) == 10_937_500
    assert freezing.verify(snapshot)

    html = render(paragraph_data(snapshot), "html").decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html.replace("\u00a0", " ").replace("&nbsp;", " ")).split())
    assert f"Benodigde weerstandscapaciteit {published}" in text
    assert "Bergsche Maasveren" in text  # an unquantified risk is listed in the paragraph
