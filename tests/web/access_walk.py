# SPDX-License-Identifier: EUPL-1.2
"""Walking every route as every actor: the routes, the URL for each, a request and the check against the access table (used by test_access_walk and test_query_fuzz)."""

from __future__ import annotations

import copy
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from tests.web.access_world import ROLES, World

from risicokompas.web.access_table import API_PREFIX, MEMBER, NOBODY, PUBLIC, STAFF_PREFIX, Access

ANONYMOUS = "anoniem"
OUTSIDER = "andere-organisatie"
ACTORS = (ANONYMOUS, *ROLES, OUTSIDER)
METHODS = ("GET", "POST")

#: Values for URL arguments that do not name an object of the world.
PLAIN_VALUES = {
    "year": "2025",
    "format": "html",
    "kind": "html",
    "slug": "testprovider",
    "uidb64": "MQ",
    "token": "abc-123",
    "app_label": "risks",
    "object_id": "1",
    "id": "1",
    "content_type_id": "1",
    "url": "onbekend/",
}


@dataclass(frozen=True)
class Route:
    key: str  # the route's name with its namespaces, or its pattern when it has no name
    pattern: str
    kwargs: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith(API_PREFIX)

    @property
    def is_staff(self) -> bool:
        return self.pattern.startswith(STAFF_PREFIX)


_ARG = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")


def _walk(patterns, prefix: str = "", namespace: str | None = None) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            kwargs = tuple(a or b for a, b in _ARG.findall(pattern))
            yield Route(name or pattern, pattern, kwargs)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


def routes_to_walk() -> list[Route]:
    return [r for r in all_routes() if not r.is_staff]


def staff_routes() -> list[Route]:
    return [r for r in all_routes() if r.is_staff]


def url_for(route: Route, access: Access | None, objects: dict) -> str:
    values: dict[str, str] = {}
    for kwarg in route.kwargs:
        kind = access.objects.get(kwarg) if access else None
        if kind is not None and kind.startswith("="):  # a literal value the route needs, e.g. "=pdf"
            values[kwarg] = kind[1:]
        elif kind is not None:
            values[kwarg] = str(objects[kind].pk)
        elif kwarg in PLAIN_VALUES:
            values[kwarg] = PLAIN_VALUES[kwarg]
        elif access is None:  # the Django admin: any object number, a non-operator never gets that far
            values[kwarg] = "1"
        else:
            raise AssertionError(f"{route.key}: het argument {kwarg!r} noemt geen object in de tabel")

    def fill(match: re.Match) -> str:
        return values[match.group(1) or match.group(2)]

    path = _ARG.sub(fill, route.pattern).replace("^", "").replace("$", "")
    path = path.replace(".*", "onbekend")
    return "/" + path


def _api_headers(world: World, actor: str) -> dict[str, str]:
    if actor == ANONYMOUS:
        return {}
    key = world.other.api_keys[ROLES[0]] if actor == OUTSIDER else world.home.api_keys[actor]
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def make_client(world: World, actor: str) -> Client:
    client = Client(raise_request_exception=True)
    if actor == OUTSIDER:
        client.force_login(world.outsider)
    elif actor != ANONYMOUS:
        client.force_login(world.home.users[actor])
    return client


@dataclass(frozen=True)
class Answer:
    status: int
    seconds: float = 0.0
    location: str = ""
    content_type: str = ""
    error: str = ""


def ask(client: Client, world: World, actor: str, route: Route, method: str, url: str, query=None) -> Answer:
    headers = _api_headers(world, actor) if route.is_api else {}
    cookies = copy.deepcopy(client.cookies)  # a logout or a new session must not outlive the request
    started = time.perf_counter()
    try:
        with transaction.atomic():
            if method == "GET":
                response = client.get(url, query or {}, **headers)
            else:
                response = client.post(url, {}, **headers)
            transaction.set_rollback(True)
    except Exception as error:  # any exception is a 500 to the visitor
        return Answer(500, error=f"{type(error).__name__}: {error}")
    finally:
        client.cookies = cookies
    return Answer(
        response.status_code,
        time.perf_counter() - started,
        response.get("Location", ""),
        response.get("Content-Type", ""),
    )


def is_login_redirect(answer: Answer) -> bool:
    return answer.status == 302 and answer.location.startswith(("/inloggen/?next=", "/beheer/login/?next="))


def allowed(who, role: str) -> bool:
    if who in (PUBLIC, MEMBER):
        return True
    if who == NOBODY or who is None:
        return False
    return role in who


def check(route: Route, access: Access, actor: str, method: str, url: str, answer: Answer) -> str | None:
    """None when ``answer`` is what the table promises, else a line saying what went wrong."""

    def wrong(expected: str) -> str:
        return (
            f"{route.key} {method} {url} als {actor}: kreeg {answer.status} {answer.location}{answer.error}, "
            f"verwacht {expected}"
        )

    if answer.status >= 500:
        return wrong("nooit een 500")
    who = access.who(method)
    refused = answer.status in (401, 403, 404, 405) or is_login_redirect(answer)
    if who is None:
        # The route refuses this method: 405, or the usual refusal before the method is looked at.
        ok = answer.status == 405 or (actor == ANONYMOUS and refused) or answer.status in (403, 404)
        return None if ok else wrong("405")
    if actor == ANONYMOUS:
        if who == PUBLIC:
            return (
                None if not (is_login_redirect(answer) or answer.status in (401, 403)) else wrong("antwoord")
            )
        if who == NOBODY and answer.status in access.denied:
            return None
        if route.is_api:
            ok = answer.status in (401, 403) and answer.content_type.startswith("application/problem+json")
            return None if ok else wrong("401/403 als problem+json")
        return None if is_login_redirect(answer) else wrong("doorsturen naar inloggen")
    if actor == OUTSIDER:
        if any(not kind.startswith("=") for kind in access.objects.values()):  # literals name no object
            return None if answer.status == 404 else wrong("404: een object van een andere organisatie")
        return None
    if allowed(who, actor):
        if method == "POST" and access.empty_post is not None and answer.status == access.empty_post:
            return None
        return None if not refused else wrong("toegang")
    return None if answer.status in access.denied else wrong(" of ".join(map(str, access.denied)))
