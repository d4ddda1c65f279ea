# SPDX-License-Identifier: EUPL-1.2
"""POST → redirect → GET everywhere: a POST that changed something answers with a redirect, never a page.

A page rendered in answer to a successful POST is submitted again by the browser's reload and back button.
Only a POST that changed nothing (a form with errors, a preview, a refusal) may render a page. The walk
posts to every route as every role of the access world, with an empty form (which an action button is)
and with the form data listed in ``FILLED`` for routes whose form needs fields, and looks at the
statements each request sent to the database: a write followed by a 200 is a failure, unless a GET of the
same page writes to the same tables (a page that creates its settings row or starts its job when shown).
"""

from __future__ import annotations

import copy
import re

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from tests.web.access_walk import make_client, routes_to_walk, url_for
from tests.web.access_world import ROLES

from risicokompas.web.access_table import ROUTES

#: Tables written on every request of a signed-in user, or as a trace of the request itself (the session,
#: the security log of a refusal), not as the result of what the form asked for.
BOOKKEEPING = re.compile(r'"?(django_session|security_securityevent|axes_\w+)"?', re.IGNORECASE)
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)

#: Form data that makes the form of these routes valid in the access world; other routes get an empty POST.
FILLED = {
    "conversations:premortem_add": {"text": "Te laat"},
    "conversations:item_add": {"title": "Nieuw punt"},
    "conversations:action_create": {"description": "Opvolgen"},
    "beheer:programmes": {"name": "Nieuw programma"},
    "beheer:functions": {"name": "Nieuwe functie"},
    "network:comment": {"text": "Mooi voorbeeld"},
    "network:reuse": {"note": "Overgenomen"},
    "network:share": {"kind": "verhaal", "title": "T", "body": "B", "action": "preview"},
    "signals:create": {"title": "Melding", "description": "Er gaat iets mis"},
}


#: Routes that answer a successful POST with a page on purpose, and why.
DELIBERATE = {
    "signals:create": "the receipt code of an anonymous signal exists only in this response; a redirect "
    "would have to store it somewhere",
}

TABLE = re.compile(r'^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if WRITE.match(q["sql"]) and not BOOKKEEPING.search(q["sql"][:200])]


def _tables(writes: list[str]) -> set[str]:
    return {match.group(1) for sql in writes if (match := TABLE.match(sql))}


def _get(client, url: str) -> list[str]:
    """The writes a GET of the same page makes (a page that creates its settings row or starts its job when
    shown): those are not the POST's doing."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return _writes(queries.captured_queries)


def _post(client, url: str, data: dict):
    cookies = copy.deepcopy(client.cookies)  # a logout or a new session must not outlive the request
    try:
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                response = client.post(url, data)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response, _writes(queries.captured_queries)


def test_every_post_that_changes_something_redirects(world, db):
    failures = []
    tried = redirected = 0
    for role in ROLES:
        client = make_client(world, role)
        for route in routes_to_walk():
            access = ROUTES.get(route.key)
            if route.is_api or access is None or access.post is None:
                continue
            url = url_for(route, access, world.home.objects)
            for data in ({}, FILLED.get(route.key)):
                if data is None:
                    continue
                response, writes = _post(client, url, data)
                tried += 1
                if response.status_code in (301, 302, 303):
                    redirected += 1
                elif response.status_code == 200 and writes and route.key not in DELIBERATE:
                    own = _tables(writes) - _tables(_get(client, url))
                    if own:
                        failures.append(f"{route.key} als {role} ({sorted(data)}): 200 na schrijven in {own}")
    assert redirected > 50, f"de wandeling bereikte te weinig geslaagde POSTs ({redirected} van {tried})"
    assert not failures, "POST zonder redirect na een wijziging:\n" + "\n".join(sorted(set(failures)))
