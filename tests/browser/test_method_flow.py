# SPDX-License-Identifier: EUPL-1.2
"""A controller sets the organisation's own method and ratio scale in the browser; the dashboard shows the
prescribed figure with the simulation beside it; every page passes axe-core."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD
from tests.browser.fixtures import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server) -> str:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server.url


def test_a_controller_sets_the_method_of_the_nota_and_an_own_scale(page, site):
    log_in(page, site, "controller", DEMO_PASSWORD)
    page.goto(f"{site}/organisatie/instellingen/")
    check_accessibility(page)
    page.locator("#id_calculation").select_option("kans-maal-maximum")
    page.locator("#id_calculation_factor").fill("0,9")
    page.locator("#id_reason").fill("Nota risicomanagement 2026")
    page.locator("main button[type=submit]").click()
    page.get_by_text("De instellingen zijn opgeslagen").wait_for()

    page.goto(f"{site}/organisatie/instellingen/ratioschaal/")
    check_accessibility(page)
    for row in range(2, 6):  # keep A and B of the NAR table, drop C–F, add one lowest class
        for field in ("letter", "label", "lower"):
            page.locator(f"#id_klasse-{row}-{field}").fill("")
    page.locator("#id_klasse-2-letter").fill("Onvoldoende")
    page.locator("#id_klasse-2-label").fill("onder de norm")
    page.locator("#id_reason").fill("Nota risicomanagement 2026")
    page.locator("main button[value=save]").click()
    page.get_by_text("De eigen schaal met 3 klassen is opgeslagen").wait_for()
    check_accessibility(page)
    screenshot(page, "ratio-scale")

    page.goto(f"{site}/dashboard/")
    required = page.locator("#rk-required")
    required.get_by_text("0,9 × Σ kans × maximum").wait_for()
    assert "De simulatie komt uit op" in required.inner_text()
    check_accessibility(page)
