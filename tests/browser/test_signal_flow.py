# SPDX-License-Identifier: EUPL-1.2
"""A signal from start to finish in a real browser, with axe-core on every page visited.

A medewerker files a signal from the "Meld een risico" button and sees the confirmation; the controller
finds it in the inbox and turns it into a new risk; the medewerker then reads the answer.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD
from risicokompas.risks.models import Risk, RiskChange
from risicokompas.signals.models import Signal
from tests.browser.fixtures import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Leverancier leerlingenvervoer stopt per 1 augustus"


@pytest.fixture
def site(live_server) -> str:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server.url


def test_a_signal_is_filed_and_triaged_into_a_new_risk(page, browser, site):
    log_in(page, site, "medewerker", DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("banner").get_by_role(
            "link", name="Meld een risico"
        ).click()  # the header button, on every page
    check_accessibility(page)
    page.get_by_label("Wat kan er gebeuren?").fill(TITLE)
    page.get_by_label("Wat komt in gevaar?").fill("Vervoer van leerlingen naar school")
    page.get_by_label("Oorzaak").fill("De vervoerder vindt geen chauffeurs")
    page.get_by_label("Hoe groot is de kans? (optioneel)").select_option("3")
    with page.expect_navigation():
        page.get_by_role("button", name="Melding versturen").click()
    page.get_by_role("heading", name="Melding ontvangen").wait_for()
    check_accessibility(page)
    screenshot(page, "signal-filed")
    signal = Signal.objects.get(title=TITLE)

    controller = browser.new_context(locale="nl-NL").new_page()
    log_in(controller, site, "controller", DEMO_PASSWORD)
    with controller.expect_navigation():
        controller.get_by_role("link", name="Meldingen (inbox)").click()
    controller.get_by_role("link", name=TITLE, exact=True).wait_for()
    check_accessibility(controller)
    with controller.expect_navigation():
        controller.get_by_role("link", name=re.compile(r"^Behandelen")).click()
    check_accessibility(controller)
    screenshot(controller, "signal-triage")
    controller.locator("#id_risk-code").fill("R90")
    controller.locator("#id_risk-impact_max").fill("300.000")
    with controller.expect_navigation():
        controller.get_by_role("button", name="Opnemen als nieuw risico").click()
    controller.get_by_text("De melding is opgenomen als risico R90.").wait_for()
    controller.context.close()

    risk = Risk.objects.get(organisation=signal.organisation, code="R90")
    assert float(risk.probability) == pytest.approx(0.5)  # kansklasse 3, prefilled
    assert risk.changes.get().source == RiskChange.Source.SIGNAL
    page.goto(f"{site}/meldingen/mijn/")
    page.get_by_text("Opgenomen als nieuw risico").wait_for()
    check_accessibility(page)
