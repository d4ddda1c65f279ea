# SPDX-License-Identifier: EUPL-1.2
"""English chosen in the footer, in a real browser: the pages change language, stay axe-clean, and the
choice holds from page to page."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD
from tests.browser.fixtures import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/dashboard/",
    "/risicos/",
    "/meldingen/nieuw/",
    "/organisatie/capaciteit/",
    "/paragraaf/momentopnamen/",
]


def _headings(page) -> list[str]:
    return [text.strip() for text in page.locator("h1, h2").all_inner_texts()]


def test_a_controller_reads_the_pages_in_english_after_choosing_it(page, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(page, live_server.url, "controller", DEMO_PASSWORD)
    dutch = {}
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        dutch[path] = _headings(page)
    page.goto(f"{live_server.url}/")
    page.select_option("#rk-language", "en")
    page.locator(".rk-language button").click()
    page.wait_for_load_state()
    for path in PAGES:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.ok, path
        assert page.get_attribute("html", "lang") == "en", path
        english = _headings(page)
        assert english and english != dutch[path], f"{path} still reads {english}"
        if path == "/dashboard/":  # words the engine returns, translated on the page
            text = page.locator("main").inner_text()
            assert "(orange)" in text and "(oranje)" not in text
            assert "Class B (more than sufficient)" in text or "(ruim voldoende)" not in text
        check_accessibility(page)
        screenshot(page, "english-" + path.strip("/").replace("/", "-"))
