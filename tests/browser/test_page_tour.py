# SPDX-License-Identifier: EUPL-1.2
"""The page tour: every page of the demo, as every demo role, in a real browser.

On the full demo (``load_demo``, ``load_demo_awareness``, ``load_demo_history``, ``load_network_demo``,
loaded once for the module) each demo role logs in through the login form (controller, bestuur and
beheerder with their second factor) and opens every GET page it may see. The pages come from the URL
resolver and the access table (``web.access_table``); a URL argument is filled with a demo object of
Voorbeeldrecht that the role may see (``PICKS``). A route that is no page (a download, the API, a redirect
of the login flow) or that the demo cannot fill is named in ``NOT_PAGES`` or ``UNRESOLVED`` with the reason;
a new route in neither fails ``test_every_route_is_in_the_tour``.

Each page gets a full-page screenshot (``var/screenshots/tour/<role>/<route>.png``), axe-core (WCAG 2.1 AA)
and DOM checks for the defects of issue 14 (``DEFECTS_JS``): headings in another font family than the
body, labels beside their field instead of above it, a select that looks like a text box, the bare
'---------' choice, large numbers without Dutch thousands separators, English default texts, and
``<html lang="nl">``. The 403 and 404 pages are in the tour for every role. All problems of the whole tour
are reported together at the end.
"""

from __future__ import annotations

import os
import re
import time
from binascii import unhexlify

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from risicokompas.demo.management.commands.load_demo import DEMO_PASSWORD, OWNER_TEAM
from risicokompas.web.access_table import ROUTES
from tests.browser.fixtures import SCREENSHOTS, check_accessibility, log_in
from tests.web.access_walk import Route, allowed, routes_to_walk

TOUR = SCREENSHOTS / "tour"
#: The demo's account for each role (``load_demo``); the network coordinator belongs to no organisation.
ACCOUNTS = {
    "medewerker": "medewerker",
    "risico-eigenaar": "eigenaar",
    "controller": "controller",
    "bestuur": "bestuur",
    "lezer": "lezer",
    "beheerder": "beheerder",
}
COORDINATOR = "coordinator"
MFA_ACCOUNTS = ("controller", "bestuur", "beheerder")
TOTP_KEY = "3132333435363738393031323334353637383930"  # the RFC 6238 test key: a demo device only

#: Routes that are no page to look at, with the reason.
NOT_PAGES = {
    "login": "the login form: every role passes it at the start of the tour",
    "set_language": "redirects back to the page the language was switched on",
    "security_txt": "text/plain for security researchers",
    "livez": "health check (JSON)",
    "readyz": "health check (JSON)",
    "account:set_password": "the one-time link of an invitation; needs a valid token",
    "account:mfa_enrol": "enrolled people are sent to the verification page; tests/browser/test_security_flow",
    "sso:start": "404 unless a single sign-on provider is configured (not in the tests)",
    "sso:callback": "404 unless a single sign-on provider is configured (not in the tests)",
    "beheer:security_log_csv": "a CSV download",
    "capacity:indicator_template": "a spreadsheet download",
    "risks:export": "a spreadsheet download",
    "risks:report": "a PDF download",
    "risks:template": "a spreadsheet download",
    "calibration:event_template": "a spreadsheet download",
    "paragraph:snapshot_report": "a PDF download",
    "network:meeting_ics": "a calendar file download",
    "jobs:status": "an htmx fragment polled by the job page",
    "dashboard:chart": "an htmx fragment (a chart's SVG) the dashboard fetches after the page",
    "jobs:download": "the result file of a background job",
    "conversations:report": "the conversation report as an HTML file download (attachment)",
    "deviations:export": "a spreadsheet download (attachment)",
}
#: Routes the demo cannot fill: no demo object of that kind exists.
UNRESOLVED = {
    "capacity:separate_edit": "the demo has no separately covered risk group",
    "capacity:separate_delete": "the demo has no separately covered risk group",
    "jobs:detail": "the demo starts no background job",
    "network:application": "the demo has no application to join the network (tests/web/test_network_applications)",
    "risks:import_large_confirm": "the demo starts no background import check",
    "risks:import_confirm": "needs an uploaded register file in the session (tests/browser/test_flows)",
    "calibration:event_import_confirm": "needs an uploaded events file in the session",
    "signals:receipt": "needs a just-filed anonymous signal in the session (test_signal_flow)",
}
PARTICIPANT_ONLY = ("detail", "assignment", "meeting", "stories", "share", "story", "benchmark")
#: (role, route) the access table's walk world allows but the demo does not, with the reason.
DEMO_DENIES = {
    **{
        ("medewerker", f"network:{name}"): "the demo names no medewerker as network participant"
        for name in PARTICIPANT_ONLY
    },
}
#: (role, route) the demo allows beyond the access table's roles (an object-level rule), with the reason.
DEMO_EXTRA = {
    ("medewerker", "conversations:detail"): "the demo medewerker takes part in the team's conversation",
    ("risico-eigenaar", "deviations:rule_edit"): "the demo risico-eigenaar owns the rule",
    **{
        ("bestuur", f"network:{name}"): "the demo wethouder is the network's gemeentesecretaris participant"
        for name in PARTICIPANT_ONLY
    },
}
#: Routes the demo answers with a redirect to another page of the tour, with the reason ("*": every role).
REDIRECTS = {
    ("*", "deviations:deliberate"): "the demo deviation of the eigenaar's team is deliberated already",
    ("*", "paragraph:snapshot_texts"): "every demo snapshot is adopted: no texts to write any more",
    ("*", "paragraph:snapshot_approve"): "every demo snapshot is adopted already",
    ("bestuur", "home"): "bestuur starts on the dashboard",
    ("lezer", "home"): "a lezer starts on the dashboard",
}
#: The network coordinator belongs to no organisation: the network pages and their own account, except these.
COORDINATOR_NOT = {
    "network:share": "only a member organisation shares a story",
    "network:participants": "a member organisation's own participants",
    "network:benchmark_optin": "a member organisation's own choice",
    "network:calibration_optin": "a member organisation's own choice",
    "network:apply": "an organisation applies to join; the coordinator reads the applications",
}
COORDINATOR_PAGES = {"account:overview", "account:change_password"}

LOGIN_FLOW = {"account:mfa_verify"}
#: URL arguments that name no object but a value of the demo (the year of the kengetallen).
PLAIN_ARGUMENTS = {"year"}


def _lookup_picks() -> dict[str, dict[str, int]]:
    """The demo object for each object kind of the access table, per role (all of Voorbeeldrecht)."""
    from risicokompas.calibration.models import Event
    from risicokompas.capacity.models import CapacityItem, IndicatorYear
    from risicokompas.conversations.models import AgendaItem, Conversation
    from risicokompas.deviations.models import Deviation, Precedent, Rule
    from risicokompas.network.models import Meeting, Network, NetworkMember, SharedItem
    from risicokompas.organisations.models import Function, Membership, Organisation, Programme, Unit
    from risicokompas.paragraph.models import Snapshot
    from risicokompas.risks.models import Measure, Risk
    from risicokompas.signals.models import Signal

    org = Organisation.objects.get(slug="gemeente-voorbeeldrecht")
    # R40 belongs to the demo risico-eigenaar and has a measure; conversation, signal and deviation are of
    # the eigenaar's team, the signal filed by the demo medewerker and still open.
    risk = Risk.objects.get(organisation=org, code="R40")
    conversation = Conversation.objects.filter(organisation=org, programme=OWNER_TEAM).order_by("-pk").first()
    network = Network.objects.get()
    common = {
        "risk": risk.pk,
        "measure": Measure.objects.filter(risk=risk).first().pk,
        "person": Membership.objects.get(organisation=org, user__username="medewerker").pk,
        "unit": Unit.objects.filter(organisation=org).first().pk,
        "programme": Programme.objects.filter(organisation=org).first().pk,
        "function": Function.objects.filter(organisation=org).first().pk,
        "capacity_item": CapacityItem.objects.filter(organisation=org).first().pk,
        "snapshot": Snapshot.objects.filter(organisation=org).order_by("-pk").first().pk,
        "signal": Signal.objects.get(
            organisation=org, reporter__username="medewerker", status=Signal.Status.NEW
        ).pk,
        "conversation": conversation.pk,
        "premortem": Conversation.objects.filter(organisation=org, kind=Conversation.Kind.PREMORTEM)
        .first()
        .pk,
        "agenda_item": AgendaItem.objects.filter(conversation=conversation).first().pk,
        "deviation": Deviation.objects.filter(organisation=org, team=OWNER_TEAM).first().pk,
        "rule": Rule.objects.filter(organisation=org).first().pk,
        "precedent": Precedent.objects.filter(organisation=org).first().pk,
        "event": Event.objects.filter(organisation=org).order_by("-date").first().pk,
        "network": network.pk,
        "network_member": NetworkMember.objects.get(network=network, organisation=org).pk,
        "meeting": Meeting.objects.filter(network=network).first().pk,
        "story": SharedItem.objects.filter(member__network=network).first().pk,
        "year": IndicatorYear.objects.filter(organisation=org, kind="begroting").first().year,
    }
    return dict.fromkeys([*ACCOUNTS, COORDINATOR], common)


def page_routes() -> list[Route]:
    """Every GET route of the web application (the API and the Django admin are no pages)."""
    return [r for r in routes_to_walk() if not r.is_api and ROUTES.get(r.key) and ROUTES[r.key].get]


def tour_routes() -> list[Route]:
    return [r for r in page_routes() if r.key not in NOT_PAGES and r.key not in UNRESOLVED]


def url_of(route: Route, picks: dict[str, int]) -> str:
    values: dict[str, str] = {}
    for kwarg in route.kwargs:
        kind = ROUTES[route.key].objects.get(kwarg, kwarg if kwarg in PLAIN_ARGUMENTS else None)
        assert kind is not None, f"{route.key}: argument {kwarg!r} names no object kind"
        values[kwarg] = kind[1:] if kind.startswith("=") else str(picks[kind])
    from django.urls import reverse

    return reverse(route.key, kwargs=values)


def test_every_route_is_in_the_tour():
    """A new GET page must be toured, or named in NOT_PAGES/UNRESOLVED with a reason; every listed route
    exists, and every toured route is opened by at least one role."""
    keys = {r.key for r in page_routes()}
    named = {key for _role, key in [*DEMO_DENIES, *DEMO_EXTRA, *REDIRECTS]} | set(COORDINATOR_NOT)
    stale = (set(NOT_PAGES) | set(UNRESOLVED) | named | COORDINATOR_PAGES) - keys
    assert not stale, f"no such GET page any more: {sorted(stale)}"
    toured = {name for names in plan().values() for name in names}
    redirected = {key for role, key in REDIRECTS if role == "*"}
    unseen = {r.key for r in tour_routes()} - toured - LOGIN_FLOW - redirected
    assert not unseen, f"no role opens these pages: {sorted(unseen)}"
    known_kinds = {
        "risk", "measure", "person", "unit", "programme", "function", "capacity_item", "snapshot", "signal",
        "conversation", "premortem", "agenda_item", "deviation", "rule", "precedent", "event", "network",
        "network_member", "meeting", "story", "year",
    }  # fmt: skip
    for route in tour_routes():
        for kwarg in route.kwargs:
            kind = ROUTES[route.key].objects.get(kwarg, kwarg if kwarg in PLAIN_ARGUMENTS else "")
            assert kind.startswith("=") or kind in known_kinds, (
                f"{route.key}: the tour cannot fill a {kind!r}; add it to _lookup_picks or to UNRESOLVED"
            )


#: Run in the page: a list of defects, each one line.
DEFECTS_JS = r"""() => {
  const out = [];
  const lang = document.documentElement.getAttribute('lang');
  if (lang !== 'nl') out.push(`<html lang="${lang}">, verwacht "nl"`);
  const kind = (el) => {
    const f = getComputedStyle(el).fontFamily.toLowerCase();
    return /(^|,)\s*"?(serif|georgia|times|times new roman|cambria|garamond)"?\s*(,|$)/.test(f) ? 'serif' : 'sans';
  };
  const body = kind(document.body);
  for (const h of document.querySelectorAll('h1, h2, h3')) {
    if (h.offsetParent !== null && kind(h) !== body) {
      out.push(`${h.tagName.toLowerCase()} "${h.innerText.slice(0, 40)}" in ${getComputedStyle(h).fontFamily}`);
      break;
    }
  }
  const visible = (el) => el.offsetParent !== null && el.getClientRects().length > 0;
  for (const el of document.querySelectorAll('input, select, textarea')) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (!visible(el) || ['checkbox', 'radio', 'hidden', 'submit', 'button', 'search'].includes(type)) continue;
    if (el.closest('table, [data-inline-label]')) continue;
    const label = el.labels && el.labels[0];
    if (!label || !visible(label)) continue;
    const l = label.getBoundingClientRect(), c = el.getBoundingClientRect();
    if (l.bottom > c.top + 2) out.push(`label "${label.innerText.slice(0, 40)}" staat naast zijn veld, niet erboven`);
  }
  for (const s of document.querySelectorAll('select')) {
    if (!visible(s)) continue;
    const st = getComputedStyle(s);
    if (st.appearance === 'none' && st.backgroundImage === 'none')
      out.push(`select ${s.name || s.id} ziet eruit als een tekstvak (geen pijl)`);
  }
  for (const o of document.querySelectorAll('option')) {
    if (o.textContent.trim() === '---------') { out.push(`keuze '---------' in ${o.parentElement.name}`); break; }
  }
  for (const r of document.querySelectorAll('input[type=radio]')) {
    const label = r.labels && r.labels[0];
    if (label && label.innerText.trim() === '---------') { out.push(`keuzerondje '---------' bij ${r.name}`); break; }
  }
  const text = document.body.innerText;
  const english = /\b(Forbidden|Not Found|Page not found|Server Error|Bad Request|This field is required|Enter a valid|Select a valid choice)\b/;
  const e = text.match(english);
  if (e) out.push(`Engelse standaardtekst: "${e[0]}"`);
  const units = /(?:€\s?-?\d{4,}|\b\d{4,}\s?(?:punten|iteraties|trekkingen|simulaties|scenario's|inwoners|euro|keer|jaar later)\b|\b\d{5,}\b)/g;
  const found = new Set();
  for (const m of text.matchAll(units)) found.add(m[0]);
  if (found.size) out.push(`getallen zonder scheidingsteken: ${[...found].slice(0, 5).join(' | ')}`);
  return out;
}"""


def plan() -> dict[str, list[str]]:
    """Per role the routes of its pages: the access table's roles, corrected where the demo differs."""
    pages: dict[str, list[str]] = {}
    for role in ACCOUNTS:
        pages[role] = [
            route.key
            for route in tour_routes()
            if route.key not in LOGIN_FLOW
            and (role, route.key) not in REDIRECTS
            and ("*", route.key) not in REDIRECTS
            and (
                (allowed(ROUTES[route.key].get, role) and (role, route.key) not in DEMO_DENIES)
                or (role, route.key) in DEMO_EXTRA
            )
        ]
    pages[COORDINATOR] = [
        route.key
        for route in tour_routes()
        if (route.key.startswith("network:") and route.key not in COORDINATOR_NOT)
        or route.key in COORDINATOR_PAGES
    ]
    return pages


def _log_in(page, site: str, role: str) -> None:
    username = ACCOUNTS.get(role, role)
    log_in(page, site, username, DEMO_PASSWORD)
    if username in MFA_ACCOUNTS:
        page.wait_for_url(re.compile("/account/tweestapsverificatie/"))
        page.get_by_label("Code").fill(f"{TOTP(unhexlify(TOTP_KEY)).token():06d}")
        with page.expect_navigation():
            page.get_by_role("button", name="Controleren").click()


def _visit(page, site: str, role: str, name: str, url: str, expected: int, problems: list[str]) -> None:
    try:
        response = page.goto(site + url)
    except Exception as error:  # one broken page must not hide the rest of the tour
        problems.append(f"{role} {name} {url}: {error}")
        return
    status = response.status if response else 0
    if status != expected:
        problems.append(f"{role} {name} {url}: {status}, verwacht {expected}")
    content_type = response.headers.get("content-type", "") if response else ""
    if not content_type.startswith("text/html"):
        problems.append(f"{role} {name} {url}: {content_type}, geen pagina (zet de route in NOT_PAGES)")
        return
    path = TOUR / role / f"{name.replace(':', '-')}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    for defect in page.evaluate(DEFECTS_JS):
        problems.append(f"{role} {name} {url}: {defect}")
    try:
        check_accessibility(page)
    except pytest.fail.Exception as failure:
        problems.append(f"{role} {name}: {failure}")


@pytest.fixture
def demo(live_server, settings):
    for command in ("load_demo", "load_demo_awareness", "load_demo_history", "load_network_demo"):
        call_command(command, stdout=open("/dev/null", "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    for username in MFA_ACCOUNTS:
        TOTPDevice.objects.create(
            user=get_user_model().objects.get(username=username), name="Demo", key=TOTP_KEY, confirmed=True
        )
    settings.MFA_ENFORCED = True
    return live_server.url


def _denied_route(role: str) -> Route | None:
    """A page without arguments that ``role`` may not open (its 403 page), if there is one."""
    for route in tour_routes():
        access = ROUTES[route.key]
        if not route.kwargs and access.denied == (403,) and not allowed(access.get, role):
            return route
    return None


@pytest.mark.browser
@pytest.mark.tour
@pytest.mark.django_db(transaction=True)
def test_every_page_for_every_role(browser, demo):
    started = time.perf_counter()
    picks = _lookup_picks()
    problems: list[str] = []
    pages = 0
    # RISICOKOMPAS_TOUR_ROLES=controller,medewerker tours only those roles (while working on their pages).
    only = {r for r in os.environ.get("RISICOKOMPAS_TOUR_ROLES", "").split(",") if r}
    for role, names in plan().items():
        if only and role not in only:
            continue
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(120_000)  # a loaded CI machine: long pages take time
        page = context.new_page()
        refused: list[str] = []
        page.on(
            "console",
            lambda m, r=refused: r.append(m.text) if "Content Security Policy" in m.text else None,
        )
        _log_in(page, demo, role)
        for name in names:
            route = next(r for r in tour_routes() if r.key == name)
            _visit(page, demo, role, name, url_of(route, picks[role]), 200, problems)
        _visit(page, demo, role, "fout-404", "/bestaat-niet/", 404, problems)
        denied = _denied_route(role) if role != COORDINATOR else None
        if denied is not None:
            _visit(page, demo, role, "fout-403", url_of(denied, picks[role]), 403, problems)
        pages += len(names) + 1 + (denied is not None)
        print(f"{role}: {len(names)} pagina's, {time.perf_counter() - started:.0f} s")
        problems += [f"{role}: CSP: {text}" for text in refused]
        context.close()
    summary = f"{pages} pagina's, {len(ACCOUNTS) + 1} rollen, {time.perf_counter() - started:.0f} s"
    print(summary)
    (TOUR / "problems.txt").write_text("\n".join([summary, *problems]) + "\n", encoding="utf-8")
    assert not problems, f"{summary}\n" + "\n".join(problems)
