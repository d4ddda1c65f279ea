# SPDX-License-Identifier: EUPL-1.2
"""The theme in a real browser: every heading in Source Sans 3 (no serif anywhere), the font served by us,
form labels above their controls, and axe-core clean on the pages checked."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD
from tests.browser.fixtures import check_accessibility, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/risicos/", "/risicos/nieuw/", "/meldingen/nieuw/", "/organisatie/capaciteit/"]

HEADING_FONTS = """() => [...document.querySelectorAll('h1, h2, h3, h4, legend, label, button, select, input')]
  .map(e => [e.tagName + ' ' + (e.textContent || '').trim().slice(0, 30), getComputedStyle(e).fontFamily])"""


def _serif(family: str) -> bool:
    return any(
        name.strip().strip('"').lower() in {"serif", "times", "times new roman", "georgia"}
        or name.strip().strip('"').lower().endswith(" serif")
        for name in family.split(",")
    )


def test_headings_and_controls_use_our_sans_serif_font(page, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(page, live_server.url, "controller", DEMO_PASSWORD)
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        fonts = page.evaluate(HEADING_FONTS)
        assert any(tag.startswith("H1") for tag, _family in fonts), path
        wrong = [(tag, family) for tag, family in fonts if _serif(family) or "Source Sans 3" not in family]
        assert wrong == [], f"{path}: {wrong}"
    # The font itself is loaded from our own static files, not a system fallback.
    loaded = page.evaluate(
        "async () => { await document.fonts.ready; return [...document.fonts]"
        ".filter(f => f.family.includes('Source Sans 3') && f.status === 'loaded').length }"
    )
    assert loaded >= 1
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--rk-font-family')")
    check_accessibility(page)


def test_a_label_sits_above_its_control(page, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(page, live_server.url, "controller", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/meldingen/nieuw/")
    label = page.locator("label[for='id_title']").bounding_box()
    control = page.locator("#id_title").bounding_box()
    assert label["y"] + label["height"] <= control["y"]
    select = page.locator("select.utrecht-select").first
    assert select.evaluate("e => getComputedStyle(e).backgroundImage").startswith("url(")
    check_accessibility(page)
