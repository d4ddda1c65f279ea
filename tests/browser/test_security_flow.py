# SPDX-License-Identifier: EUPL-1.2
"""Security in a real browser: the Content-Security-Policy refuses an injected inline script while htmx
keeps working, and a controller enrols a second factor at the first login, after which the beheerder reads
both events (the login and the enrolment) in the security log. (The page fixture also fails any test on a
page whose resources the policy refused.)"""

from __future__ import annotations

from base64 import b32decode

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP

from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD
from tests.browser.fixtures import check_accessibility, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server) -> str:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server.url


def test_an_injected_inline_script_is_refused_and_htmx_still_filters(browser, site):
    # Its own page: the page fixture fails on any refusal, and this one is deliberate.
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    log_in(page, site, "controller", DEMO_PASSWORD)
    page.goto(f"{site}/risicos/")
    assert page.evaluate("typeof window.htmx") == "object"
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__injected = 1';"
        " document.body.appendChild(s); }"
    )
    assert page.evaluate("typeof window.__injected") == "undefined"
    assert any("Content Security Policy" in text for text in messages)
    with page.expect_request(lambda request: request.headers.get("hx-request") == "true"):
        page.locator("form.rk-filters button[type=submit]").click()
    page.wait_for_selector("#rk-register")
    context.close()


def code_for(secret: str) -> str:
    return f"{TOTP(b32decode(secret)).token():06d}"


def test_a_controller_enrols_a_second_factor_and_the_beheerder_reads_it_in_the_log(
    browser, page, site, settings
):
    settings.MFA_ENFORCED = True
    log_in(page, site, "controller", DEMO_PASSWORD)
    assert "/account/tweestapsverificatie/instellen/" in page.url
    assert page.locator("svg").count() >= 1
    check_accessibility(page)
    secret = page.locator("#rk-totp-secret").inner_text().strip()
    page.get_by_label("Code").fill(code_for(secret))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_selector(".rk-recovery-codes")
    assert page.locator(".rk-recovery-codes li").count() == 10
    page.get_by_role("link", name="Ik heb de codes bewaard").click()
    page.wait_for_load_state()
    assert "/account/" not in page.url

    context = browser.new_context(locale="nl-NL")
    other = context.new_page()
    log_in(other, site, "beheerder", DEMO_PASSWORD)  # enrols too: the beheerder role always needs it
    other.get_by_label("Code").fill(code_for(other.locator("#rk-totp-secret").inner_text().strip()))
    other.get_by_role("button", name="Bevestigen").click()
    other.goto(f"{site}/beheer-organisatie/beveiligingslog/")
    check_accessibility(other)
    rows = other.locator("tr[data-kind]")
    kinds_of_controller = {
        rows.nth(i).get_attribute("data-kind")
        for i in range(rows.count())
        if "controller" in rows.nth(i).inner_text()
    }
    assert {"login", "mfa_enrolled"} <= kinds_of_controller
    context.close()
