# SPDX-License-Identifier: EUPL-1.2
"""Hostile query parameters on every GET route: ignored, or a clear refusal, never a 500.

Each page is opened by someone the access table lets in, first with every known query parameter at once
set to a hostile value, then with each parameter its view reads, one at a time; and every object route with
an object number that does not exist (or does not fit in the database) answers 404.
"""

from __future__ import annotations

from tests.web.access_walk import ask, make_client, routes_to_walk, url_for

from risicokompas.calibration.forms import CalibrationFilterForm
from risicokompas.paragraph.forms_snapshots import WhatIfForm
from risicokompas.risks.filters import RegisterFilter
from risicokompas.web.access_table import MEMBER, PUBLIC, ROUTES, SIGNED_IN

#: Query parameters the views read (request.GET, query_params) and the fields of the forms bound to GET.
PARAMS = sorted(
    {
        "a",
        "b",
        "begrotingsjaar",
        "format",
        "gebeurtenis",
        "melding",
        "moresprudentie",
        "omschrijving",
        "page",
        "pagina",
        "programma",
        "q",
        "regel",
        "risico",
        "soort",
        "sort",
        "status",
        "team",
        "waarde",
        "risk",
        "submit",
        "jaar",
        *RegisterFilter.base_fields,
        *CalibrationFilterForm.base_fields,
        *WhatIfForm.base_fields,
    }
)

HOSTILE = {
    "non-numeric": "abc",
    "negative": "-1",
    "zero": "0",
    "huge": "9" * 40,
    "float": "1e309",
    "unicode": "ünïcødé ✓ 漢字 \u202e",
    "sql": "1' OR '1'='1'; DROP TABLE risks_risk; --",
    "long": "x" * 5000,
    "nul": "a\x00b",
}
#: Every parameter at once, per route: repeated (a number, then text), huge, and the nasty text in one.
AT_ONCE = {
    "repeated": ["-1", "abc"],
    "huge": HOSTILE["huge"],
    "text": HOSTILE["sql"] + HOSTILE["unicode"] + HOSTILE["nul"] + HOSTILE["long"],
}

#: Which parameters each view reads (``request.GET`` / ``query_params`` / a form bound to GET).
READS = {
    "risks:list": ["sort", "page", *RegisterFilter.base_fields],
    "risks:export": ["format", "status"],
    "signals:inbox": ["programma"],
    "deviations:list": ["status"],
    "deviations:create": ["regel"],
    "deviations:agenda": ["team"],
    "deviations:precedents": ["regel", "waarde", "q"],
    "network:stories": ["soort"],
    "network:share": ["moresprudentie"],
    "paragraph:snapshot_compare": ["a", "b"],
    "paragraph:snapshot_whatif": ["submit", *WhatIfForm.base_fields],
    "calibration:page": list(CalibrationFilterForm.base_fields),
    "calibration:event_create": ["risico", "omschrijving", "programma", "melding"],
    "capacity:indicators": ["begrotingsjaar"],
    "capacity:indicator_year": ["begrotingsjaar"],
    "capacity:indicator_import": ["begrotingsjaar"],
    "beheer:security_log": ["gebeurtenis", "pagina"],
    "beheer:security_log_csv": ["gebeurtenis"],
    "account:mfa_verify": ["next"],
    "api:risk-list": ["status", "page"],
    "api:measure-list": ["risk", "page"],
    "api:snapshot-list": ["page"],
}
PARAMS = sorted({param for params in READS.values() for param in params} | {"jaar", "programma", "pagina"})

ACTOR_ORDER = ("controller", "beheerder", "bestuur", "risico-eigenaar", "medewerker", "lezer")


def _actor_for(access) -> str | None:
    who = access.get
    if who is None:
        return None
    for actor in ACTOR_ORDER:
        if who in (PUBLIC, SIGNED_IN, MEMBER) or (isinstance(who, frozenset) and actor in who):
            return actor
    return None


def _get_routes():
    for route in routes_to_walk():
        access = ROUTES.get(route.key)
        if access is None or route.key == "api:not_found":
            continue
        actor = _actor_for(access)
        if actor is not None:
            yield route, access, actor


def test_every_parameter_at_once_never_gives_a_500(world, db):
    clients: dict[str, object] = {}
    failures = []
    for route, access, actor in _get_routes():
        client = clients.setdefault(actor, make_client(world, actor))
        url = url_for(route, access, world.home.objects)
        for name, value in AT_ONCE.items():
            answer = ask(client, world, actor, route, "GET", url, {p: value for p in PARAMS})
            if answer.status >= 500:
                failures.append(f"{url}?…=<{name}> als {actor}: {answer.error}")
    assert not failures, "\n".join(failures)


def test_each_parameter_a_view_reads_never_gives_a_500(world, db):
    routes = {route.key: (route, access, actor) for route, access, actor in _get_routes()}
    assert set(READS) <= set(routes), set(READS) - set(routes)
    clients: dict[str, object] = {}
    failures = []
    for key, params in READS.items():
        route, access, actor = routes[key]
        client = clients.setdefault(actor, make_client(world, actor))
        url = url_for(route, access, world.home.objects)
        for param in params:
            for name, value in HOSTILE.items():
                answer = ask(client, world, actor, route, "GET", url, {param: value})
                if answer.status >= 500:
                    failures.append(f"{url}?{param}=<{name}> als {actor}: {answer.error}")
    assert not failures, "\n".join(failures)


def test_a_huge_or_unknown_object_number_in_the_path_is_a_404(world, db):
    clients: dict[str, object] = {}
    failures = []
    for route, access, actor in _get_routes():
        if all(kind.startswith("=") for kind in access.objects.values()):  # no object in the path
            continue
        client = clients.setdefault(actor, make_client(world, actor))
        for number in ("9" * 25, "987654"):
            objects = {
                kind: _Numbered(number) for kind in access.objects.values() if not kind.startswith("=")
            }
            url = url_for(route, access, {**world.home.objects, **objects})
            answer = ask(client, world, actor, route, "GET", url)
            if answer.status != 404:
                failures.append(f"{url} als {actor}: {answer.status} {answer.error}")
    assert not failures, "\n".join(failures)


class _Numbered:
    def __init__(self, pk: str) -> None:
        self.pk = pk
