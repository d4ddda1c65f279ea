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

from risicokompas.web.access_table import (
    API_PREFIX,
    COORDINATOR,
    MEMBER,
    NOBODY,
    PUBLIC,
    SIGNED_IN,
    STAFF_PREFIX,
    Access,
)

ANONYMOUS = "anoniem"
OUTSIDER = "andere-organisatie"
#: A coordinator of another network (Bedorp's only): the network routes of Aadorp's network are a 404.
OTHER_COORDINATOR = "andere-coördinator"
COORDINATORS = (COORDINATOR, OTHER_COORDINATOR)
ACTORS = (ANONYMOUS, *ROLES, OUTSIDER, *COORDINATORS)
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
    if actor in (ANONYMOUS, *COORDINATORS):  # a coordinator belongs to no organisation: no API key
        return {}
    key = world.other.api_keys[ROLES[0]] if actor == OUTSIDER else world.home.api_keys[actor]
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def make_client(world: World, actor: str) -> Client:
    client = Client(raise_request_exception=True)
    if actor == OUTSIDER:
        client.force_login(world.outsider)
    elif actor == COORDINATOR:
        client.force_login(world.coordinator)
    elif actor == OTHER_COORDINATOR:
        client.force_login(world.other_coordinator)
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
    if who in (PUBLIC, SIGNED_IN):
        return True
    if who == MEMBER:
        return role not in COORDINATORS  # the walk's coordinators belong to no organisation
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
    # The API knows keys, not sessions: a coordinator (no organisation, no key) is anonymous there.
    keyless = actor == ANONYMOUS or (route.is_api and actor in COORDINATORS)
    if who is None:
        # The route refuses this method: 405, or the usual refusal before the method is looked at.
        ok = answer.status == 405 or (keyless and refused) or answer.status in (403, 404)
        return None if ok else wrong("405")
    if keyless:
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
    names_objects = any(not kind.startswith("=") for kind in access.objects.values())
    if actor == OTHER_COORDINATOR and names_objects:
        return None if answer.status == 404 else wrong("404: een object buiten de eigen netwerken")
    actor = COORDINATOR if actor == OTHER_COORDINATOR else actor
    if actor == COORDINATOR and not allowed(who, actor):
        # No organisation, so an organisation's route answers 404 ("geen organisatie gekozen").
        return None if answer.status in (404, *access.denied) else wrong("404")
    if allowed(who, actor):
        if method == "POST" and access.empty_post is not None and answer.status == access.empty_post:
            return None
        return None if not refused else wrong("toegang")
    return None if answer.status in access.denied else wrong(" of ".join(map(str, access.denied)))


# --- the API's methods -------------------------------------------------------------------------------------

#: Every method the API walk sends to every API route.
API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
#: The reason every write in the API walk gives; a write that succeeds must leave it in the history.
API_REASON = "Toegangswandeling via de API"

#: A valid minimum body for each write the table allows someone (route, method).
API_BODIES: dict[tuple[str, str], dict] = {
    ("api:risk-list", "POST"): {
        "code": "API-1",
        "name": "Via de API aangemaakt",
        "probability": "0.2",
        "impact_max": "500000",
        "reason": API_REASON,
    },
    ("api:risk-detail", "PUT"): {
        "code": "R01",
        "name": "Via de API vervangen",
        "probability": "0.3",
        "impact_max": "400000",
        "reason": API_REASON,
    },
    ("api:risk-detail", "PATCH"): {"name": "Via de API gewijzigd", "reason": API_REASON},
    ("api:signal-list", "POST"): {"title": "Via de API gemeld"},
    ("api:simulation", "POST"): {
        "register": [{"id": "R1", "risico": "Grondexploitatie", "kans": 0.3, "gevolg_max": 1_000_000}]
    },
}


@dataclass(frozen=True)
class ApiActor:
    name: str
    role: str | None  # None: no key
    scope: str | None = None  # "read" or "write"
    outsider: bool = False  # a key of another organisation (Bedorp's, with every role there)


API_ACTORS = (
    ApiActor("geen sleutel", None),
    *(ApiActor(f"{role} (lezen)", role, "read") for role in ROLES),
    *(ApiActor(f"{role} (schrijven)", role, "write") for role in ROLES),
    ApiActor("andere organisatie (schrijven)", ROLES[0], "write", outsider=True),
)


def declared_methods(route: Route, url: str) -> set[str]:
    """The methods the route's DRF view declares (a viewset route's actions, an APIView's handlers)."""
    from django.urls import resolve

    view = resolve(url).func
    actions = getattr(view, "actions", None)
    if actions:  # DRF adds "head" to a viewset's actions once the view has answered a request
        return {method.upper() for method in actions if method not in ("head", "options")}
    cls = view.cls  # type: ignore[attr-defined]
    return {m.upper() for m in cls.http_method_names if hasattr(cls, m) and m not in ("head", "options")}


def _api_key(world: World, actor: ApiActor) -> str | None:
    if actor.role is None:
        return None
    if actor.outsider:
        return world.other.api_keys[actor.role]
    return (world.home.read_keys if actor.scope == "read" else world.home.api_keys)[actor.role]


def _api_evidence(route: Route, method: str, organisation, user, before: dict[str, int]) -> str | None:
    """What a successful write must have left (checked before the savepoint is rolled back)."""
    from risicokompas.risks.models import RiskChange
    from risicokompas.signals.models import Signal

    if route.key in ("api:risk-list", "api:risk-detail"):
        history = RiskChange.objects.filter(
            reason=API_REASON, changed_by=user, risk__organisation=organisation
        ).exists()
        return None if history else "geen geschiedenis met de reden in de eigen organisatie"
    if route.key == "api:signal-list":  # no history by design (anonymity); the row itself, in its own org
        filed = Signal.objects.filter(
            organisation=organisation, title=API_BODIES[(route.key, method)]["title"]
        )
        return None if filed.exists() else "geen melding in de eigen organisatie"
    if route.key == "api:simulation":
        return None if _api_counts() == before else "de simulatie heeft iets opgeslagen"
    return "geen controle van wat deze schrijfactie achterlaat (access_walk._api_evidence)"


def _api_counts() -> dict[str, int]:
    from risicokompas.risks.models import Risk, RiskChange
    from risicokompas.signals.models import Signal

    return {
        "risks": Risk.objects.count(),
        "changes": RiskChange.objects.count(),
        "signals": Signal.objects.count(),
    }


def ask_api(world: World, actor: ApiActor, route: Route, method: str, url: str) -> tuple[Answer, str | None]:
    """One API request in a rolled-back savepoint; for a successful write, what it left behind."""
    import json

    from risicokompas.api.keys import hash_key
    from risicokompas.api.models import ApiKey

    key = _api_key(world, actor)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    body = API_BODIES.get((route.key, method))
    client = Client(raise_request_exception=True)
    evidence = None
    try:
        with transaction.atomic():
            before = _api_counts()
            response = client.generic(
                method, url, json.dumps(body) if body is not None else "", "application/json", **headers
            )
            if method in WRITE_METHODS and 200 <= response.status_code < 300 and key:
                stored = ApiKey.objects.select_related("membership__user", "organisation").get(
                    key_hash=hash_key(key)
                )
                evidence = _api_evidence(route, method, stored.organisation, stored.membership.user, before)
            transaction.set_rollback(True)
    except Exception as error:  # any exception is a 500 to the caller
        return Answer(500, error=f"{type(error).__name__}: {error}"), None
    answer = Answer(response.status_code, content_type=response.get("Content-Type", ""))
    return answer, evidence


def check_api(
    route: Route, access: Access, actor: ApiActor, method: str, declared: set[str], answer: Answer, evidence
) -> str | None:
    """None when the API's answer is what the table promises, else a line saying what went wrong."""

    def wrong(expected: str) -> str:
        return (
            f"{route.key} {method} als {actor.name}: kreeg {answer.status}{answer.error}, verwacht {expected}"
        )

    if answer.status >= 500:
        return wrong("nooit een 500")
    who = access.who(method)
    read_only_key = actor.scope == "read" and method in WRITE_METHODS and not access.stores_nothing
    if method not in declared:  # refused before or at the method: no key 401, a read key 403, else 405
        ok = answer.status == 405 or (actor.role is None and answer.status == 401)
        ok = ok or (read_only_key and answer.status == 403)
        return None if ok else wrong("405")
    if who is None:
        return wrong("een regel in de tabel voor deze methode (de view kent hem)")
    if who == PUBLIC:
        return None if answer.status < 400 else wrong("antwoord")
    if who == NOBODY:
        return None if answer.status in access.denied else wrong(" of ".join(map(str, access.denied)))
    if actor.role is None:
        ok = answer.status == 401 and answer.content_type.startswith("application/problem+json")
        return None if ok else wrong("401 als problem+json")
    if read_only_key:
        return None if answer.status == 403 else wrong("403: een leessleutel schrijft niet")
    if actor.outsider and any(not kind.startswith("=") for kind in access.objects.values()):
        return None if answer.status == 404 else wrong("404: een object van een andere organisatie")
    if actor.outsider or allowed(who, actor.role):
        if method in WRITE_METHODS and (route.key, method) not in API_BODIES:
            return wrong("een geldige body in access_walk.API_BODIES")
        if not 200 <= answer.status < 300:
            return wrong("2xx")
        return None if evidence is None else wrong(evidence)
    return None if answer.status in access.denied else wrong(" of ".join(map(str, access.denied)))
