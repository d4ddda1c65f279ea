# SPDX-License-Identifier: EUPL-1.2
"""Keyboard only: a medewerker files a signal and the controller triages it, without touching a mouse.

Every step moves focus with Tab (or Shift+Tab) until the wanted control has focus, checks that the focus is
visible (an outline or a box shadow), and acts with the keyboard: typing, arrow keys in a select, Enter on
links and buttons. A control that cannot be reached by Tab fails the test.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD
from risicokompas.risks.models import Risk
from risicokompas.signals.models import Signal
from tests.browser.fixtures import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Brugbediening valt uit bij storm"
MAX_TABS = 80

#: The focused element: its tag, id, name, accessible text and whether its focus is visible.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
    || (style.boxShadow && style.boxShadow !== 'none');
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name') || '',
          text: (el.innerText || el.value || '').trim(), label: label.trim(), visible: visible};
}"""


def tab_to(page, matches, what: str) -> dict:
    """Press Tab until the focused element ``matches``; its focus must be visible."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused and matches(focused):
            assert focused["visible"], f"focus op {what} is niet zichtbaar"
            return focused
    raise AssertionError(f"{what} is met Tab niet te bereiken")


def field(label: str):
    return lambda f: f["label"].startswith(label)


def control(text: str):
    pattern = re.compile(text)
    return lambda f: f["tag"] in ("a", "button") and bool(pattern.search(f["text"]))


def enter(page, focused: dict) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.fixture
def site(live_server) -> str:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server.url


def log_in_by_keyboard(page, site: str, username: str) -> None:
    page.goto(f"{site}/inloggen/")
    tab_to(page, lambda f: f["name"] == "username", "gebruikersnaam")
    page.keyboard.type(username)
    tab_to(page, lambda f: f["name"] == "password", "wachtwoord")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_signal_is_filed_and_triaged_with_the_keyboard_only(page, browser, site):
    log_in_by_keyboard(page, site, "medewerker")
    enter(page, tab_to(page, control(r"^Meld een risico$"), "de knop Meld een risico"))
    check_accessibility(page)
    tab_to(page, field("Wat kan er gebeuren?"), "het veld Wat kan er gebeuren?")
    page.keyboard.type(TITLE)
    tab_to(page, field("Wat komt in gevaar?"), "het veld Wat komt in gevaar?")
    page.keyboard.type("Bereikbaarheid van het centrum")
    tab_to(page, field("Hoe groot is de kans?"), "de keuze voor de kans")
    for _ in range(3):  # the empty choice, then classes 1, 2 and 3
        page.keyboard.press("ArrowDown")
    enter(page, tab_to(page, control(r"^Melding versturen$"), "de knop Melding versturen"))
    page.get_by_role("heading", name="Melding ontvangen").wait_for()
    signal = Signal.objects.get(title=TITLE)
    assert signal.threatens == "Bereikbaarheid van het centrum"
    assert signal.likelihood_class == 3

    controller = browser.new_context(locale="nl-NL").new_page()
    log_in_by_keyboard(controller, site, "controller")
    enter(controller, tab_to(controller, control(r"^Meldingen \(inbox\)"), "de inbox"))
    enter(controller, tab_to(controller, control(r"^Behandelen"), "Behandelen"))
    check_accessibility(controller)
    tab_to(controller, lambda f: f["id"] == "id_risk-code", "de risicocode")
    controller.keyboard.type("R91")
    tab_to(controller, lambda f: f["id"] == "id_risk-impact_max", "het maximale gevolg")
    controller.keyboard.type("250.000")
    enter(controller, tab_to(controller, control(r"^Opnemen als nieuw risico$"), "Opnemen als nieuw risico"))
    controller.get_by_text("De melding is opgenomen als risico R91.").wait_for()
    controller.context.close()

    risk = Risk.objects.get(organisation=signal.organisation, code="R91")
    assert risk.name == TITLE and float(risk.impact_max) == 250_000
    signal.refresh_from_db()
    assert signal.status == Signal.Status.NEW_RISK and signal.risk == risk
