# SPDX-License-Identifier: EUPL-1.2
"""The main flows in a real browser, on the demo municipality, with axe-core on every page visited.

A controller logs in, reads the dashboard and the register, adds a risk, changes an estimate with a reason
and finds it in the history, sees the required capacity move after a large risk, imports a file and opens
the settings. Screenshots of the dashboard, register and a risk page go to var/screenshots/.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD
from risicokompas.risks.models import Risk
from tests.browser.fixtures import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server) -> str:
    """The live server with the demo municipality loaded; returns its base URL."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server.url


@pytest.fixture
def controller(page, site):
    log_in(page, site, "controller", DEMO_PASSWORD)
    return page


def required_capacity(page) -> str:
    return page.locator("#rk-required .rk-card__value").inner_text().strip()


def fill_new_risk(page, code: str, name: str, probability: str, impact_max: str) -> None:
    page.get_by_label("Id", exact=False).first.fill(code)
    page.locator("#id_name").fill(name)
    page.locator("#id_probability").fill(probability)
    page.locator("#id_impact_max").fill(impact_max)
    page.locator("#id_programme").fill("Sociaal domein")


def test_the_login_page_is_accessible(page, site):
    page.goto(f"{site}/inloggen/")
    check_accessibility(page)


def test_a_controller_logs_in_and_sees_the_dashboard(controller, site):
    # The home page: the dashboard itself, with "Aan de slag" above it while the demo has steps left.
    assert controller.url.rstrip("/") in {site, f"{site}/dashboard"}
    controller.get_by_role("heading", level=1).filter(has_text="Gemeente Voorbeeldrecht").wait_for()
    assert re.search(r"€\s?[\d.]+", required_capacity(controller))
    # The two charts follow the page (htmx); the accessibility check covers them once they are in.
    charts = controller.locator('figure.rk-chart svg[role="img"]')
    charts.nth(1).wait_for()
    assert charts.count() == 2
    check_accessibility(controller)
    screenshot(controller, "dashboard")


def test_the_register_lists_the_demo_risks(controller, site):
    controller.goto(f"{site}/risicos/")
    controller.get_by_text("Uitkering gemeentefonds lager").first.wait_for()
    check_accessibility(controller)
    screenshot(controller, "register")


def test_a_risk_page_is_accessible(controller, site):
    risk = Risk.objects.get(organisation__slug="gemeente-voorbeeldrecht", code="R56")
    controller.goto(f"{site}/risicos/{risk.pk}/")
    controller.get_by_role("heading", name="Geschiedenis").wait_for()
    check_accessibility(controller)
    screenshot(controller, "risk")


def test_a_controller_adds_a_risk_through_the_form(controller, site):
    controller.goto(f"{site}/risicos/nieuw/")
    check_accessibility(controller)
    fill_new_risk(controller, "R61", "Uitval ICT-leverancier", "20", "350.000")
    with controller.expect_navigation():
        controller.get_by_role("button", name="Risico toevoegen").click()
    controller.get_by_role("heading", level=1).filter(has_text="R61").wait_for()
    risk = Risk.objects.get(organisation__slug="gemeente-voorbeeldrecht", code="R61")
    assert (risk.probability, risk.impact_max) == (Decimal("0.2"), Decimal(350_000))
    check_accessibility(controller)


def test_a_changed_estimate_shows_in_the_history_with_its_reason(controller, site):
    risk = Risk.objects.get(organisation__slug="gemeente-voorbeeldrecht", code="R42")
    reason = "Tweede bestuursrapportage: hogere instroom in de bijstand"
    controller.goto(f"{site}/risicos/{risk.pk}/wijzigen/")
    check_accessibility(controller)
    controller.locator("#id_probability").fill("70")
    controller.locator("#id_reason").fill(reason)
    with controller.expect_navigation():
        controller.get_by_role("button", name="Wijzigingen opslaan").click()
    history = controller.locator("table", has=controller.get_by_text("Alle wijzigingen van dit risico"))
    history.get_by_text(reason).wait_for()
    assert "70%" in history.inner_text()
    risk.refresh_from_db()
    assert float(risk.probability) == pytest.approx(0.7)
    check_accessibility(controller)


def test_the_required_capacity_rises_after_a_large_risk(controller, site):
    controller.goto(f"{site}/dashboard/")
    before = required_capacity(controller)
    controller.goto(f"{site}/risicos/nieuw/")
    fill_new_risk(controller, "R62", "Instorting parkeergarage", "90", "25.000.000")
    with controller.expect_navigation():
        controller.get_by_role("button", name="Risico toevoegen").click()
    controller.goto(f"{site}/dashboard/")
    after = required_capacity(controller)

    def euros(text: str) -> int:
        return int(re.sub(r"\D", "", text))

    assert euros(after) > euros(before) + 10_000_000, (before, after)
    check_accessibility(controller)


def test_a_controller_imports_a_register_file(controller, site, tmp_path):
    upload = tmp_path / "aanvulling.csv"
    upload.write_text(
        "id;risico;kans;gevolg_max;programma\r\n"
        "R70;Stijgende kosten leerlingenvervoer;30%;250000;Onderwijs\r\n"
        "R71;Schade door storm aan gemeentelijk vastgoed;10%;400000;Bestuur en ondersteuning\r\n",
        encoding="utf-8-sig",
    )
    controller.goto(f"{site}/risicos/import/")
    check_accessibility(controller)
    controller.locator("#id_bestand").set_input_files(str(upload))
    with controller.expect_navigation():
        controller.get_by_role("button", name="Controleer het bestand").click()
    controller.get_by_role("heading", name="Import controleren").wait_for()
    assert controller.locator("[data-count=nieuw]").inner_text().strip() == "2"
    check_accessibility(controller)
    assert not Risk.objects.filter(code__in=["R70", "R71"]).exists()  # nothing changes before confirming
    with controller.expect_navigation():
        controller.get_by_role("button", name="Bevestig en lees in").click()
    assert controller.url.rstrip("/").endswith("/risicos")
    assert set(Risk.objects.filter(code__in=["R70", "R71"]).values_list("code", flat=True)) == {"R70", "R71"}
    assert Risk.objects.filter(organisation__slug="gemeente-voorbeeldrecht", status="open").count() == 59


def test_the_settings_page_is_accessible(controller, site):
    controller.goto(f"{site}/organisatie/instellingen/")
    controller.get_by_role("heading", level=1).filter(has_text="Instellingen").wait_for()
    check_accessibility(controller)
    controller.goto(f"{site}/organisatie/capaciteit/")
    controller.get_by_text("Algemene reserve").first.wait_for()
    check_accessibility(controller)


def test_a_user_of_two_organisations_switches_between_them(page, site):
    log_in(page, site, "netwerk", DEMO_PASSWORD)
    switcher = page.get_by_label("Organisatie")
    switcher.select_option(label="Gemeente Voorbeeldrecht")
    with page.expect_navigation():
        page.get_by_role("button", name="Wissel").click()
    page.goto(f"{site}/risicos/")
    page.get_by_text("Uitkering gemeentefonds lager").first.wait_for()
    switcher = page.get_by_label("Organisatie")
    switcher.select_option(label="Gemeente Anderdorp")
    with page.expect_navigation():
        page.get_by_role("button", name="Wissel").click()
    page.goto(f"{site}/risicos/")
    page.get_by_text("Tekort jeugdzorg").first.wait_for()
    assert page.get_by_text("Uitkering gemeentefonds lager (ravijnjaar)").count() == 0
    check_accessibility(page)
