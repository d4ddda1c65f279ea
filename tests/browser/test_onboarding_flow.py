# SPDX-License-Identifier: EUPL-1.2
"""A gemeente starts on its own, in a real browser, without the demo, with axe-core on every page.

The operator runs ``createorganisation``; the beheerder sets a password from the printed link, logs in
and invites a controller from a file; the controller sets a password from the mailed link, imports an
Excel register and sees the dashboard of their own organisation. A deactivated person cannot log in.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from openpyxl import Workbook

from risicokompas.organisations.models import Membership, Organisation
from risicokompas.risks.models import Risk
from tests.browser.fixtures import check_accessibility, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN = "beheer@proefdorp.nl"
CONTROLLER = "c.controller@proefdorp.nl"
LINK = re.compile(r"https?://\S+/account/wachtwoord/\S+/")


def write_xlsx(path, rows: list[list[object]]) -> str:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return str(path)


def set_password(page, link: str, password: str) -> None:
    page.goto(link)
    page.get_by_role("heading", name="Wachtwoord instellen").wait_for()
    check_accessibility(page)
    page.locator("#id_new_password1").fill(password)
    page.locator("#id_new_password2").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Wachtwoord opslaan").click()
    page.get_by_text("Uw wachtwoord is ingesteld").wait_for()
    check_accessibility(page)


def log_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()


def test_a_gemeente_starts_on_its_own(page, live_server, tmp_path):
    site = live_server.url
    assert not Organisation.objects.exists()  # no demo: an empty installation

    # The platform operator creates the organisation and hands the printed link to the beheerder.
    out = StringIO()
    call_command(
        "createorganisation",
        "Gemeente Proefdorp",
        "--type",
        "gemeente",
        "--code",
        "GM9999",
        "--admin-email",
        ADMIN,
        "--base-url",
        site,
        stdout=out,
    )
    admin_link = LINK.search(out.getvalue()).group(0)
    assert admin_link.startswith(site)

    # The beheerder chooses a password, logs in and lands on the dashboard with "Aan de slag".
    set_password(page, admin_link, "Zonnige-dinsdag-4711")
    log_in(page, site, ADMIN, "Zonnige-dinsdag-4711")
    page.get_by_role("heading", name="Aan de slag").wait_for()
    page.get_by_role("heading", level=1).filter(has_text="Gemeente Proefdorp").wait_for()
    check_accessibility(page)
    screenshot(page, "aan-de-slag")

    # ... and invites a controller from a file.
    people = write_xlsx(
        tmp_path / "mensen.xlsx",
        [
            ["naam", "e-mail", "functie", "rol", "team"],
            ["Carla Controller", CONTROLLER, "Concerncontroller", "controller", ""],
        ],
    )
    page.goto(f"{site}/beheer-organisatie/mensen/bestand/")
    check_accessibility(page)
    page.get_by_label("Bestand (Excel of CSV)").set_input_files(people)
    with page.expect_navigation():
        page.get_by_role("button", name="Inlezen en uitnodigen").click()
    page.get_by_text("1 persoon uitgenodigd").wait_for()
    check_accessibility(page)
    assert [message.to for message in mail.outbox] == [[CONTROLLER]]
    invitation = mail.outbox[0].body
    assert "Zonnige-dinsdag-4711" not in invitation
    controller_link = LINK.search(invitation).group(0)
    log_out(page)

    # The controller sets a password from the mailed link and imports an Excel register.
    set_password(page, controller_link, "Regenachtige-vrijdag-815")
    log_in(page, site, CONTROLLER, "Regenachtige-vrijdag-815")
    page.get_by_role("heading", name="Aan de slag").wait_for()
    check_accessibility(page)
    register = write_xlsx(
        tmp_path / "register.xlsx",
        [
            ["id", "risico", "kans", "gevolg_max", "programma"],
            ["R01", "Tekort jeugdzorg", "30%", 1_500_000, "Sociaal domein"],
            ["R02", "Schade door storm aan gemeentelijk vastgoed", "10%", 400_000, "Bedrijfsvoering"],
        ],
    )
    page.goto(f"{site}/risicos/import/")
    check_accessibility(page)
    page.locator("#id_bestand").set_input_files(register)
    with page.expect_navigation():
        page.get_by_role("button", name="Controleer het bestand").click()
    page.get_by_role("heading", name="Import controleren").wait_for()
    check_accessibility(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestig en lees in").click()
    proefdorp = Organisation.objects.get(code="GM9999")
    assert set(Risk.objects.filter(organisation=proefdorp).values_list("code", flat=True)) == {"R01", "R02"}

    # The home page: the dashboard of their own organisation, with the register counted.
    page.goto(f"{site}/")
    page.get_by_role("heading", level=1).filter(has_text="Dashboard Gemeente Proefdorp").wait_for()
    page.locator("#rk-required .rk-card__value").wait_for()
    assert page.locator("#rk-step-register").get_by_text("Klaar").count() == 1
    check_accessibility(page)
    screenshot(page, "dashboard-proefdorp")
    log_out(page)

    # The beheerder deactivates the controller, who can no longer log in.
    log_in(page, site, ADMIN, "Zonnige-dinsdag-4711")
    member = Membership.objects.get(user__username=CONTROLLER)
    page.goto(f"{site}/beheer-organisatie/mensen/{member.pk}/")
    check_accessibility(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Deactiveren").click()
    check_accessibility(page)
    log_out(page)
    log_in(page, site, CONTROLLER, "Regenachtige-vrijdag-815")
    page.get_by_text("Gebruikersnaam of wachtwoord klopt niet").wait_for()
    assert page.url.rstrip("/").endswith("/inloggen")
    check_accessibility(page)
