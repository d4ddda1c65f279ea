# SPDX-License-Identifier: EUPL-1.2
"""A deviation from start to judgement in a real browser, with axe-core on every page visited.

A medewerker of team Sociaal domein records a deviation right after acting; the team lead (the team's
risico-eigenaar) finds it on the agenda of the next team deliberation and records the team's judgement.
The controller then reads the rule owner's overview, and the precedent and appetite pages.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD, OWNER_TEAM
from risicokompas.deviations.models import Deviation, Mandate, Rule
from risicokompas.organisations.models import Membership
from tests.browser.fixtures import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
RULE = "Terugvordering bij te laat gemelde inkomsten"


@pytest.fixture
def site(live_server) -> str:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    medewerker = Membership.objects.get(user__username="medewerker")
    medewerker.team = OWNER_TEAM
    medewerker.save()
    controller = Membership.objects.get(user__username="controller", organisation=medewerker.organisation)
    Rule.objects.create(
        organisation=medewerker.organisation,
        title=RULE,
        purpose="Rechtmatige besteding en gelijke behandeling",
        mandate=Mandate.TEAM_LEAD,
        owner=controller,
    )
    return live_server.url


def test_a_deviation_is_recorded_and_judged_by_the_team(page, browser, site):
    log_in(page, site, "medewerker", DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("link", name="Afwijkingen", exact=True).first.click()
    check_accessibility(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Afwijking vastleggen").click()
    check_accessibility(page)
    page.get_by_label("Van welke regel wijkt u af?").select_option(label=RULE)
    with page.expect_navigation():
        page.get_by_role("button", name="Toon de regel en eerdere moresprudentie").click()
    page.get_by_text("Rechtmatige besteding en gelijke behandeling").wait_for()
    check_accessibility(page)
    page.get_by_label("Direct na het handelen (uitgevoerd)").check()
    page.get_by_label("De situatie").fill("Huishouden in de schuldhulp meldde inkomsten te laat")
    page.get_by_label("Waarom werkt het volgen van de letter").fill(
        "Terugvorderen ineens maakt de schuld groter"
    )
    page.get_by_label("Wat is er in plaats daarvan gedaan?").fill("Een betalingsregeling over 24 maanden")
    page.get_by_label("Wie besloot tot de afwijking?").select_option(str(Mandate.PROFESSIONAL))
    page.get_by_label("Verwachte kosten of financieel effect").fill("1.250")
    with page.expect_navigation():
        page.get_by_role("button", name="Afwijking vastleggen").click()
    page.get_by_text("voorgelegd aan: Teamleider").first.wait_for()
    check_accessibility(page)
    screenshot(page, "deviation-recorded")
    deviation = Deviation.objects.get()
    assert deviation.outside_mandate and deviation.status == Deviation.Status.DONE

    lead = browser.new_context(locale="nl-NL").new_page()
    log_in(lead, site, "eigenaar", DEMO_PASSWORD)
    lead.goto(f"{site}/afwijkingen/overleg/")
    check_accessibility(lead)
    with lead.expect_navigation():
        lead.get_by_role("link", name=re.compile(r"^Bespreken")).click()
    check_accessibility(lead)
    lead.get_by_label("1. De casus").fill("Terugvordering bij een huishouden in de schuldhulp")
    lead.get_by_label("2. Wat staat er op het spel").fill("Bestaanszekerheid; rechtmatigheid")
    lead.get_by_label("Menselijke maat").check()
    lead.get_by_label("4. Welke opties waren er?").fill("Ineens, regeling, afzien")
    lead.get_by_label("5. Het oordeel").fill("Wij treffen een regeling omdat … ondanks …")
    lead.get_by_label("Onderschreven", exact=True).check()
    lead.get_by_label("Wat leren we ervan?").fill("Vraag naar schuldhulp")
    with lead.expect_navigation():
        lead.get_by_role("button", name="Oordeel vastleggen").click()
    lead.get_by_text("Het oordeel van het team is vastgelegd.").wait_for()
    check_accessibility(lead)
    screenshot(lead, "deviation-judged")
    lead.context.close()
    deviation.refresh_from_db()
    assert deviation.status == Deviation.Status.DISCUSSED

    control = browser.new_context(locale="nl-NL").new_page()
    log_in(control, site, "controller", DEMO_PASSWORD)
    for path in (
        f"/afwijkingen/regels/{deviation.rule_id}/",
        "/afwijkingen/moresprudentie/",
        "/afwijkingen/risicobereidheid/",
    ):
        control.goto(site + path)
        check_accessibility(control)
    control.context.close()
