# SPDX-License-Identifier: EUPL-1.2
"""A risk conversation in a real browser on the demo municipality, with axe-core on every page visited.

A controller plans a team risk dialogue for Sociaal domein, opens the proposed agenda, discusses an overdue
risk and records a decision that changes its estimate; the register and the risk's history follow.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from risicokompas.conversations.models import Conversation
from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD
from risicokompas.risks.models import Risk, RiskChange
from tests.browser.fixtures import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def controller(page, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(page, live_server.url, "controller", DEMO_PASSWORD)
    return page


def test_a_controller_plans_a_conversation_and_changes_an_estimate_from_the_agenda(controller, live_server):
    site = live_server.url
    risk = Risk.objects.get(organisation__slug="gemeente-voorbeeldrecht", code="R40")
    controller.goto(f"{site}/risicogesprekken/")
    check_accessibility(controller)

    with controller.expect_navigation():
        controller.get_by_role("link", name="Gesprek plannen").click()
    check_accessibility(controller)
    controller.get_by_label("Titel").fill("Risicodialoog sociaal domein")
    controller.get_by_label("Periodieke risicodialoog van het team").check()
    controller.get_by_label("Team of programma").fill("Sociaal domein")
    controller.get_by_label("Datum").fill(datetime.date.today().isoformat())
    with controller.expect_navigation():
        controller.get_by_role("button", name="Gesprek plannen").click()

    controller.get_by_role("heading", level=1, name="Risicodialoog sociaal domein").wait_for()
    agenda = controller.locator(
        "table", has=controller.get_by_text("Agendapunten in volgorde van bespreking")
    )
    assert "R40" in agenda.inner_text()
    check_accessibility(controller)
    screenshot(controller, "conversation-agenda")

    with controller.expect_navigation():
        row = agenda.get_by_role("row").filter(has_text="R40 ")
        row.get_by_role("link", name=re.compile("^Bespreken")).click()
    check_accessibility(controller)
    controller.get_by_label("Inschatting gewijzigd").check()
    controller.get_by_label("Toelichting bij het besluit").fill("Instroom jeugdzorg hoger dan begroot")
    controller.get_by_label("Nieuwe kans").fill("80%")
    controller.get_by_label("Nieuw maximaal gevolg (€)").fill("2.500.000")
    with controller.expect_navigation():
        controller.get_by_role("button", name="Besluit vastleggen").click()

    controller.get_by_text("Het besluit is vastgelegd").wait_for()
    assert "Inschatting gewijzigd" in agenda.inner_text()
    check_accessibility(controller)
    risk.refresh_from_db()
    assert risk.probability == Decimal("0.8") and risk.impact_max == Decimal("2500000")
    change = risk.changes.first()
    assert change.source == RiskChange.Source.CONVERSATION and "Risicodialoog sociaal domein" in change.reason
    assert Conversation.objects.get().status == Conversation.Status.RUNNING

    controller.goto(f"{site}/risicos/{risk.pk}/")
    controller.get_by_text("Laatst besproken:").wait_for()
    check_accessibility(controller)


def test_the_premortem_round_is_accessible_before_and_after_it_closes(controller, live_server):
    from risicokompas.conversations.models import PremortemItem
    from risicokompas.organisations.models import Membership

    conversation = Conversation.objects.create(
        organisation=Risk.objects.get(organisation__slug="gemeente-voorbeeldrecht", code="R40").organisation,
        title="Pre-mortem nieuw zwembad",
        programme="Sociaal domein",
        kind=Conversation.Kind.PREMORTEM,
        date=datetime.date.today(),
    )
    other = Membership.objects.filter(organisation=conversation.organisation, role="medewerker").first()
    PremortemItem.objects.create(conversation=conversation, author=other, text="Aannemer failliet")
    controller.goto(f"{live_server.url}/risicogesprekken/{conversation.pk}/pre-mortem/")
    controller.get_by_label("Het is een jaar later en het project is mislukt. Waarom?").fill(
        "Subsidie vervalt"
    )
    with controller.expect_navigation():
        controller.get_by_role("button", name="Punt toevoegen").click()
    assert "Aannemer failliet" not in controller.content()  # absent from the HTML, not hidden
    check_accessibility(controller)
    with controller.expect_navigation():
        controller.get_by_role("button", name="Ronde sluiten en alle punten tonen").click()
    controller.get_by_text("Aannemer failliet").wait_for()
    check_accessibility(controller)
