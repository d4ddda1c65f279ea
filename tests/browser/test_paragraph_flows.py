# SPDX-License-Identifier: EUPL-1.2
"""The paragraph in a real browser: a controller freezes a snapshot, a bestuur member approves it, and the
inputs, snapshot, sensitivity and report pages all pass axe-core."""

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


def test_a_controller_freezes_a_snapshot_and_bestuur_approves_it(page, site, browser):
    log_in(page, site, "controller", DEMO_PASSWORD)
    for path in ("/paragraaf/kengetallen/", "/paragraaf/belastingcapaciteit/", "/paragraaf/risicogroepen/"):
        page.goto(f"{site}{path}")
        check_accessibility(page)

    page.goto(f"{site}/paragraaf/momentopnamen/nieuw/")
    check_accessibility(page)
    page.locator("#id_title").fill("Begroting 2027")
    page.locator("#id_year").fill("2027")
    page.locator("#id_reference_date").fill("2026-11-01")
    page.locator("main button[type=submit]").click()
    page.get_by_role("heading", level=1).filter(has_text="Begroting 2027").wait_for()
    check_accessibility(page)
    screenshot(page, "snapshot")
    detail = page.url
    for suffix in ("gevoeligheid/", "wat-als/", "paragraaf.html"):
        page.goto(detail + suffix)
        check_accessibility(page)

    # The bestuur approves only a paragraph whose required texts are written.
    page.goto(detail + "teksten/")
    page.locator("#id_beleid").fill("De raad stelde de nota risicomanagement vast.")
    page.locator("#id_samenhang").fill("De financiële positie is in samenhang voldoende.")
    page.locator("main button[type=submit]").click()
    page.get_by_role("heading", level=1).filter(has_text="Begroting 2027").wait_for()

    approver = browser.new_page()
    log_in(approver, site, "bestuur", DEMO_PASSWORD)
    approver.goto(detail + "vaststellen/")
    check_accessibility(approver)
    approver.locator("#id_decision_reference").fill("Raadsbesluit 2026-42")
    approver.locator("main button[type=submit]").click()
    approver.get_by_text("Raadsbesluit 2026-42").first.wait_for()
    check_accessibility(approver)
    approver.close()
