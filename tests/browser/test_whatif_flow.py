# SPDX-License-Identifier: EUPL-1.2
"""The what-if page in a browser: choices grouped per programma, narrowed by the search box, and the
breakdown of what each change does alone; axe-core clean before and after."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD
from risicokompas.organisations.models import Organisation
from risicokompas.paragraph.freeze import freeze
from tests.browser.fixtures import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def snapshot_url(live_server) -> str:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    organisation = Organisation.objects.get(name="Gemeente Voorbeeldrecht")
    controller = organisation.memberships.get(user__username="controller").user
    snapshot = freeze(organisation, controller, "Begroting", "begroting", 2027, datetime.date(2026, 11, 1))
    return f"{live_server.url}/paragraaf/momentopnamen/{snapshot.pk}/wat-als/"


def test_the_choices_are_searchable_and_each_change_is_shown_alone(page, live_server, snapshot_url):
    log_in(page, live_server.url, "controller", DEMO_PASSWORD)
    page.goto(snapshot_url)
    check_accessibility(page)
    search = page.get_by_label("Zoeken in deze lijst").nth(1)  # the list of risks to leave out
    search.fill("R40")
    page.get_by_text("1 keuze gevonden").wait_for()
    remove = page.locator("fieldset").nth(1)
    visible = remove.locator("[data-rk-choice]:visible")
    assert visible.count() == 1 and "R40" in visible.inner_text()
    visible.get_by_role("checkbox").check()
    page.get_by_label("Capaciteitspost wijzigen").select_option(label="Algemene reserve")
    page.get_by_label("Nieuw bedrag van die post (€)").fill("12.000.000")
    with page.expect_navigation():
        page.get_by_role("button", name="Doorrekenen").click()
    table = page.locator("#rk-whatif-steps")
    table.wait_for()
    assert "Weglaten: R40" in table.inner_text() and "Capaciteitspost gewijzigd" in table.inner_text()
    check_accessibility(page)
    screenshot(page, "whatif-steps")
