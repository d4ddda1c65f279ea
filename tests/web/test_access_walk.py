# SPDX-License-Identifier: EUPL-1.2
"""Every route the URL resolver knows, walked as anonymous, as every role and as another organisation.

The expected answers come from one declared table, ``risicokompas.web.access_table``: a route missing from
it fails ``test_every_route_is_in_the_access_table``, an API method a view declares but the table does not
name fails ``test_every_api_method_is_in_the_access_table``. Every API route gets every method (GET, POST,
PUT, PATCH, DELETE) with a read key and a write key of every role, another organisation's key and no key. Each request runs in a savepoint that is rolled
back, so a POST that deletes or changes something leaves the world as it was for the next route.
"""

from __future__ import annotations

import pytest
from tests.web.access_walk import (
    ACTORS,
    ANONYMOUS,
    API_ACTORS,
    API_METHODS,
    METHODS,
    OUTSIDER,
    PLAIN_VALUES,
    ask,
    ask_api,
    check,
    check_api,
    declared_methods,
    is_login_redirect,
    make_client,
    routes_to_walk,
    staff_routes,
    url_for,
)

from risicokompas.web.access_table import ROUTES


def test_every_route_is_in_the_access_table():
    missing = [r.key for r in routes_to_walk() if r.key not in ROUTES]
    assert not missing, "Routes zonder regel in risicokompas.web.access_table.ROUTES: " + ", ".join(missing)
    known = {r.key for r in routes_to_walk()}
    stale = sorted(set(ROUTES) - known)
    assert not stale, "Regels in de toegangstabel voor routes die niet bestaan: " + ", ".join(stale)


def test_the_table_names_an_object_for_every_url_argument():
    for route in routes_to_walk():
        access = ROUTES.get(route.key)
        if access is not None:
            for kwarg in route.kwargs:
                assert kwarg in access.objects or kwarg in PLAIN_VALUES, f"{route.key}: {kwarg}"


@pytest.mark.parametrize("actor", ACTORS)
def test_every_route_answers_as_the_table_says(world, db, actor):
    client = make_client(world, actor)
    failures = []
    for route in routes_to_walk():
        access = ROUTES.get(route.key)
        if access is None:
            continue  # reported by test_every_route_is_in_the_access_table
        url = url_for(route, access, world.home.objects)
        for method in METHODS:
            answer = ask(client, world, actor, route, method, url)
            failure = check(route, access, actor, method, url, answer)
            if failure:
                failures.append(failure)
    assert not failures, f"{len(failures)} afwijkingen van de toegangstabel:\n" + "\n".join(failures)


@pytest.mark.parametrize("actor", (ANONYMOUS, "beheerder", OUTSIDER))
def test_the_django_admin_is_for_operators_only(world, db, actor):
    client = make_client(world, actor)
    failures = []
    for route in staff_routes():
        url = url_for(route, None, world.home.objects)
        answer = ask(client, world, actor, route, "GET", url)
        own_door = route.key in ("admin:login", "admin:logout")  # the admin's own login and logout
        if answer.status >= 500 or not (own_door or is_login_redirect(answer) or answer.status == 404):
            failures.append(
                f"{route.key} GET {url} als {actor}: {answer.status} {answer.location}{answer.error}"
            )
    assert not failures, "\n".join(failures)


def test_a_member_of_another_organisation_sees_its_own_objects(world, db):
    """The other organisation's walk expects 404 on Aadorp's objects; its own objects do answer."""
    client = make_client(world, OUTSIDER)
    route = next(r for r in routes_to_walk() if r.key == "risks:detail")
    answer = ask(
        client, world, OUTSIDER, route, "GET", url_for(route, ROUTES[route.key], world.other.objects)
    )
    assert answer.status == 200


def _api_routes(world):
    for route in routes_to_walk():
        access = ROUTES.get(route.key)
        if route.is_api and access is not None:
            yield route, access, url_for(route, access, world.home.objects)


def test_every_api_method_is_in_the_access_table(world, db):
    failures = []
    for route, access, url in _api_routes(world):
        declared = declared_methods(route, url)
        named = {method for method in API_METHODS if access.who(method) is not None}
        if declared != named:
            failures.append(f"{route.key}: de view kent {sorted(declared)}, de tabel noemt {sorted(named)}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("actor", API_ACTORS, ids=lambda actor: actor.name)
def test_every_api_method_answers_as_the_table_says(world, db, actor):
    failures = []
    for route, access, url in _api_routes(world):
        declared = declared_methods(route, url)
        for method in API_METHODS:
            answer, evidence = ask_api(world, actor, route, method, url)
            failure = check_api(route, access, actor, method, declared, answer, evidence)
            if failure:
                failures.append(f"{failure} ({url})")
    assert not failures, f"{len(failures)} afwijkingen van de toegangstabel:\n" + "\n".join(failures)


def test_the_api_walk_fails_a_write_without_history_and_a_method_the_table_does_not_name():
    """The checks themselves: a 200 that left no history is a failure, and so is a declared method that the
    table has no rule for."""
    from tests.web.access_walk import Answer, ApiActor, Route

    route = Route("api:risk-detail", "api/v1/risks/<int:pk>/", ("pk",))
    controller = ApiActor("controller (schrijven)", "controller", "write")
    access = ROUTES["api:risk-detail"]
    declared = {"GET", "PUT", "PATCH"}
    assert check_api(route, access, controller, "PATCH", declared, Answer(200), None) is None
    assert "geschiedenis" in check_api(
        route, access, controller, "PATCH", declared, Answer(200), "geen geschiedenis"
    )
    assert "tabel" in check_api(route, access, controller, "DELETE", {*declared, "DELETE"}, Answer(204), None)
    reader = ApiActor("controller (lezen)", "controller", "read")
    assert check_api(route, access, reader, "PATCH", declared, Answer(200), None) is not None
