# SPDX-License-Identifier: EUPL-1.2
"""A learning network in a real browser, with axe-core on every page visited.

The coordinator (who belongs to no organisation) creates a network and invites Anderdorp; Anderdorp's
controller accepts, then shares a story through the preview that shows exactly what becomes visible.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD
from risicokompas.demo.management.commands.load_network_demo import NETWORK_NAME
from risicokompas.network.models import Coordinator, Network, NetworkMember, SharedItem
from tests.browser.fixtures import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NAME = "Leernetwerk Risicodialoog"
TITLE = "Pre-mortem in het college"


@pytest.fixture
def site(live_server) -> str:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_network_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server.url


def test_a_coordinator_creates_a_network_and_a_member_shares_a_story(page, browser, site):
    assert Coordinator.objects.filter(user__username="coordinator").exists()
    log_in(page, site, "coordinator", DEMO_PASSWORD)
    page.goto(f"{site}/leernetwerk/")
    check_accessibility(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Nieuw netwerk").click()
    check_accessibility(page)
    page.get_by_label("Naam", exact=False).first.fill(NAME)
    page.get_by_label("Omschrijving").fill("Gemeenten oefenen samen met risicodialogen.")
    with page.expect_navigation():
        page.get_by_role("button", name="Netwerk aanmaken").click()
    page.get_by_role("heading", name=NAME).wait_for()
    check_accessibility(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Organisatie uitnodigen").click()
    check_accessibility(page)
    page.get_by_label("Naam van de organisatie").fill("Gemeente Anderdorp")
    with page.expect_navigation():
        page.get_by_role("button", name="Uitnodigen").click()
    page.get_by_text("Gemeente Anderdorp is uitgenodigd.").wait_for()
    check_accessibility(page)
    screenshot(page, "network-detail")

    member_page = browser.new_context(locale="nl-NL").new_page()
    log_in(member_page, site, "controller-anderdorp", DEMO_PASSWORD)
    member_page.goto(f"{site}/leernetwerk/")
    check_accessibility(member_page)
    with member_page.expect_navigation():
        member_page.get_by_role("link", name=NAME).click()
    check_accessibility(member_page)
    with member_page.expect_navigation():
        member_page.get_by_role("button", name="Uitnodiging accepteren").click()
    member_page.get_by_role("heading", name="Onze deelnemers").wait_for()
    check_accessibility(member_page)
    member = NetworkMember.objects.get(network__name=NAME)
    assert member.status == NetworkMember.Status.ACTIVE

    member_page.goto(f"{site}/leernetwerk/{member.network_id}/verhalen/delen/")
    check_accessibility(member_page)
    member_page.get_by_label("Titel").fill(TITLE)
    member_page.get_by_label("Tekst").fill(
        "Wat zou er mis kunnen gaan?\nHet college oefent één keer per kwartaal."
    )
    member_page.get_by_label("Bron (optioneel)").fill("Ervaring Anderdorp")
    with member_page.expect_navigation():
        member_page.get_by_role("button", name="Bekijk wat zichtbaar wordt").click()
    member_page.get_by_role("heading", name="Controleer wat u deelt").wait_for()
    check_accessibility(member_page)
    screenshot(member_page, "network-share-preview")
    shown_digest = member_page.locator("[data-field=digest]").inner_text()
    assert not SharedItem.objects.filter(title=TITLE).exists()
    with member_page.expect_navigation():
        member_page.get_by_role("button", name="Delen met het netwerk").click()
    member_page.get_by_role("heading", name=TITLE).wait_for()
    check_accessibility(member_page)
    item = SharedItem.objects.get(title=TITLE)
    assert item.content_hash == shown_digest
    assert item.body == "Wat zou er mis kunnen gaan?\nHet college oefent één keer per kwartaal."

    page.goto(f"{site}/leernetwerk/{member.network_id}/verhalen/{item.pk}/")
    check_accessibility(page)
    assert page.get_by_role("heading", name=TITLE).is_visible()


def test_every_page_of_the_demo_network_passes_axe(page, browser, site):
    network = Network.objects.get(name=NETWORK_NAME)
    meeting = network.meetings.get()
    member = network.members.get(organisation__name="Gemeente Voorbeeldrecht")
    item = network.shared_items.get()
    base = f"{site}/leernetwerk/{network.pk}"
    log_in(page, site, "coordinator", DEMO_PASSWORD)
    for path in (
        "/",
        "/bewerken/",
        f"/bijeenkomsten/{meeting.pk}/",
        f"/bijeenkomsten/{meeting.pk}/bewerken/",
        f"/bijeenkomsten/{meeting.pk}/aanwezigheid/",
        "/bijeenkomsten/nieuw/",
        f"/veranderopgave/{member.pk}/",
        "/verhalen/",
        f"/verhalen/{item.pk}/",
    ):
        page.goto(base + path)
        check_accessibility(page)
    page.goto(site + reverse("network:benchmark", args=[network.pk]))
    check_accessibility(page)
    controller = browser.new_context(locale="nl-NL").new_page()
    log_in(controller, site, "controller", DEMO_PASSWORD)
    for path in (
        "/",
        "/deelnemers/",
        f"/veranderopgave/{member.pk}/",
        f"/bijeenkomsten/{meeting.pk}/",
        "/verhalen/delen/",
    ):
        controller.goto(base + path)
        check_accessibility(controller)
    for name in ("network:benchmark", "network:benchmark_optin", "network:calibration_optin"):
        controller.goto(site + reverse(name, args=[network.pk]))
        check_accessibility(controller)
    screenshot(controller, "network-assignment")
