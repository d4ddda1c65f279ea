# SPDX-License-Identifier: EUPL-1.2
"""Calibration in a real browser: the demo's calibration page, the events and recording one from a risk,
all passing axe-core."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from risicokompas.calibration.models import Event
from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD
from risicokompas.risks.models import Risk
from tests.browser.fixtures import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server) -> str:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo_history", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server.url


def test_the_calibration_page_and_recording_an_event_from_a_risk(page, site):
    log_in(page, site, "controller", DEMO_PASSWORD)
    page.goto(f"{site}/kalibratie/")
    page.locator("#rk-reliability").wait_for()
    check_accessibility(page)
    screenshot(page, "calibration")
    page.locator("#id_programma").select_option("Sociaal domein")
    page.locator("main form[role=search] button[type=submit]").click()
    page.locator("#rk-calibration-years").wait_for()
    check_accessibility(page)

    page.goto(f"{site}/kalibratie/gebeurtenissen/")
    check_accessibility(page)

    risk = Risk.objects.get(organisation__name="Gemeente Voorbeeldrecht", code="R01")
    page.goto(f"{site}/risicos/{risk.pk}/")
    page.get_by_role("link", name="Dit risico is opgetreden").click()
    page.locator("#id_amount").wait_for()
    check_accessibility(page)
    page.locator("#id_date").fill("2026-03-02")
    page.locator("#id_amount").fill("125.000")
    page.locator("main form.rk-form button[type=submit]").click()
    page.get_by_role("heading", level=1).filter(has_text="Gebeurtenis van").wait_for()
    check_accessibility(page)
    event = Event.objects.latest("pk")
    assert list(event.risks.all()) == [risk] and str(event.amount) == "125000.00"
