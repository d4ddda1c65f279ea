# SPDX-License-Identifier: EUPL-1.2
"""The REST API under /api/v1/: keys, scopes, the web's access rules, problem details, history, logging."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openapi_spec_validator import validate
from tests.api.helpers import API, call, key_for
from tests.fixtures import make_risk, make_user

from risicokompas.api import keys
from risicokompas.api.models import ApiKey, ApiKeyUse
from risicokompas.capacity.models import CapacityItem
from risicokompas.cli import main as cli_main
from risicokompas.paragraph import freeze
from risicokompas.risks.models import Measure, RiskChange
from risicokompas.signals.models import Signal

pytestmark = pytest.mark.django_db


def test_the_openapi_document_validates_and_names_every_resource(client):
    response = client.get(API + "openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    spec = response.json()
    validate(spec)
    assert spec["openapi"].startswith("3.")
    for path in (
        "risks/",
        "risks/{id}/",
        "measures/",
        "capacity-items/",
        "signals/",
        "snapshots/",
        "simulation",
    ):
        assert f"/api/v1/{path}" in spec["paths"], path
    assert "apiKey" in spec["components"]["securitySchemes"]


def test_without_a_key_401_as_problem_details_with_the_version_header(client, cast):
    response = call(client, "get", "risks/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


def test_a_revoked_or_wrong_key_is_401(client, cast):
    key = key_for(cast.controller)
    assert call(client, "get", "risks/", key).status_code == 200
    keys.revoke_key(ApiKey.objects.get(), revoked_by=cast.controller)
    assert call(client, "get", "risks/", key).status_code == 401
    assert ApiKeyUse.objects.filter(status=401).count() == 1  # the refused use of the revoked key is logged
    assert call(client, "get", "risks/", key[:-2] + "xx").status_code == 401
    assert call(client, "get", "risks/", "rk_nothing_here").status_code == 401


def test_the_key_is_stored_only_as_a_hash(cast):
    plaintext = key_for(cast.controller)
    stored = ApiKey.objects.get()
    assert plaintext not in json.dumps(list(ApiKey.objects.values()), default=str)
    assert stored.key_hash == keys.hash_key(plaintext)


def test_lists_are_paged_and_only_of_the_keys_organisation(client, cast):
    for i in range(60):
        make_risk(cast.org, f"R{i:02}")
    make_risk(cast.other_org, "X01")
    key = key_for(cast.reader, "read")
    first = call(client, "get", "risks/", key).json()
    assert first["count"] == 60
    assert len(first["results"]) == 50
    assert first["next"] is not None
    second = client.get(first["next"], HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert len(second["results"]) == 10
    codes = {row["code"] for row in first["results"] + second["results"]}
    assert "X01" not in codes


def test_another_organisations_objects_are_404(client, cast):
    risk = make_risk(cast.other_org, "X01")
    measure = Measure.objects.create(risk=risk, description="Elders")
    item = CapacityItem.objects.create(organisation=cast.other_org, name="Reserve", amount=Decimal("10"))
    other_snapshot = freeze.freeze(
        cast.other_org, cast.other_controller, "Elders", "begroting", 2027, datetime.date(2026, 11, 1)
    )
    key = key_for(cast.controller)
    for path in (
        f"risks/{risk.pk}/",
        f"measures/{measure.pk}/",
        f"capacity-items/{item.pk}/",
        f"snapshots/{other_snapshot.pk}/",
        f"snapshots/{other_snapshot.pk}/paragraph/html/",
    ):
        response = call(client, "get", path, key)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json", path
    response = call(client, "patch", f"risks/{risk.pk}/", key, {"name": "Overgenomen", "reason": "Test"})
    assert response.status_code == 404
    risk.refresh_from_db()
    assert risk.name == "Risico X01"


def test_a_read_key_cannot_write_even_for_a_controller(client, cast):
    risk = make_risk(cast.org)
    key = key_for(cast.controller, "read")
    response = call(client, "patch", f"risks/{risk.pk}/", key, {"name": "Nieuw", "reason": "Waarom niet"})
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert call(client, "post", "risks/", key, {"code": "R9", "name": "X", "reason": "R"}).status_code == 403
    assert call(client, "post", "signals/", key, {"title": "Iets"}).status_code == 403
    risk.refresh_from_db()
    assert risk.name == "Risico R01"


def test_a_key_of_a_deactivated_person_is_401(client, cast):
    key = key_for(cast.controller)
    cast.controller.is_active = False
    cast.controller.save()
    assert call(client, "get", "risks/", key).status_code == 401


def test_a_write_key_has_no_more_rights_than_its_persons_role(client, cast):
    risk = make_risk(cast.org)  # not owned by the risico-eigenaar
    reader_key = key_for(cast.reader)
    owner_key = key_for(cast.owner)
    assert (
        call(client, "post", "risks/", reader_key, {"code": "R9", "name": "X", "reason": "R"}).status_code
        == 403
    )
    response = call(client, "patch", f"risks/{risk.pk}/", owner_key, {"name": "Van mij", "reason": "R"})
    assert response.status_code == 403
    assert call(client, "get", "capacity-items/", key_for(cast.employee)).status_code == 403


def test_creating_a_risk_needs_a_reason_and_writes_its_history(client, cast):
    key = key_for(cast.controller)
    response = call(client, "post", "risks/", key, {"code": "A1", "name": "Datalek", "probability": "0.2"})
    assert response.status_code == 400
    problem = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in problem["invalid-params"]] == ["reason"]
    response = call(
        client,
        "post",
        "risks/",
        key,
        {
            "code": "A1",
            "name": "Datalek",
            "probability": "0.2",
            "impact_max": "500000",
            "reason": "Uit audit",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["probability"] == "0.20000"
    assert "reason" not in body
    change = RiskChange.objects.get(risk_id=body["id"])
    assert change.reason == "Uit audit"
    assert change.changed_by == cast.controller
    assert change.created


def test_a_duplicate_code_is_a_400_problem_not_a_500(client, cast):
    make_risk(cast.org, "A1")
    key = key_for(cast.controller)
    response = call(client, "post", "risks/", key, {"code": "A1", "name": "Dubbel", "reason": "R"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_changing_a_risk_writes_history_with_the_reason_and_refuses_a_stale_version(client, cast):
    risk = make_risk(cast.org)
    key = key_for(cast.controller)
    assert call(client, "patch", f"risks/{risk.pk}/", key, {"probability": "0.5"}).status_code == 400
    response = call(
        client,
        "patch",
        f"risks/{risk.pk}/",
        key,
        {"probability": "0.5", "reason": "Nieuwe raming", "expected_version": 1},
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    change = RiskChange.objects.get(risk=risk)
    assert change.reason == "Nieuwe raming"
    assert change.changes["probability"] == ["0.3", "0.5"]
    stale = call(
        client,
        "patch",
        f"risks/{risk.pk}/",
        key,
        {"probability": "0.6", "reason": "Te laat", "expected_version": 1},
    )
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2


def test_measures_and_capacity_items_are_read(client, cast):
    risk = make_risk(cast.org)
    Measure.objects.create(risk=risk, description="Back-ups")
    CapacityItem.objects.create(organisation=cast.org, name="Algemene reserve", amount=Decimal("2500000"))
    key = key_for(cast.controller, "read")
    measures = call(client, "get", f"measures/?risk={risk.pk}", key).json()
    assert [m["description"] for m in measures["results"]] == ["Back-ups"]
    items = call(client, "get", "capacity-items/", key).json()
    assert items["results"][0]["amount"] == "2500000.00"
    assert call(client, "post", "measures/", key_for(cast.controller), {"risk": risk.pk}).status_code == 405


def test_an_anonymous_signal_keeps_no_link_and_its_log_only_the_day(client, cast):
    key = key_for(cast.employee)
    response = call(client, "post", "signals/", key, {"title": "Fraude bij inkoop", "anonymous": True})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["id"] is None
    assert body["receipt_code"]
    signal = Signal.objects.get()
    assert signal.reporter is None
    use = ApiKeyUse.objects.get()
    local = timezone.localtime(use.at)
    assert (local.hour, local.minute, local.second) == (0, 0, 0)
    named = call(client, "post", "signals/", key, {"title": "Lekkage"}).json()
    assert Signal.objects.get(pk=named["id"]).reporter == cast.employee
    assert named["receipt_code"] is None


def test_snapshots_are_read_and_the_paragraph_downloads(client, cast):
    for i in range(3):
        make_risk(cast.org, f"R{i}", probability=Decimal("0.4"))
    snapshot = freeze.freeze(
        cast.org, cast.controller, "Begroting 2027", "begroting", 2027, datetime.date(2026, 11, 1)
    )
    key = key_for(cast.reader, "read")
    listed = call(client, "get", "snapshots/", key).json()
    assert [s["content_hash"] for s in listed["results"]] == [snapshot.content_hash]
    detail = call(client, "get", f"snapshots/{snapshot.pk}/", key).json()
    assert detail["result"] == snapshot.result
    html = call(client, "get", f"snapshots/{snapshot.pk}/paragraph/html/", key)
    assert html.status_code == 200
    assert html["Content-Type"].startswith("text/html")
    assert "Begroting 2027" in html.content.decode()
    assert html["API-Version"] == "1.0.0"
    assert call(client, "get", f"snapshots/{snapshot.pk}/paragraph/exe/", key).status_code == 404


REGISTER_ROWS = [
    {"id": "R1", "risico": "Grondexploitatie", "kans": 0.3, "gevolg_max": 1_000_000, "verdeling": "uniform"},
    {"id": "R2", "risico": "Jeugdzorg", "kans": 0.5, "gevolg_min": 100_000, "gevolg_max": 400_000},
    {"id": "R3", "risico": "Onbekend", "kans": "PM", "gevolg_max": 200_000},
]


def test_the_simulation_answers_what_the_command_line_prints(client, cast, tmp_path):
    path = tmp_path / "register.csv"
    lines = ["id;risico;kans;gevolg_min;gevolg_max;verdeling"]
    for row in REGISTER_ROWS:
        lines.append(
            ";".join(
                str(row.get(col, "")).replace(".", ",")
                for col in ("id", "risico", "kans", "gevolg_min", "gevolg_max", "verdeling")
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert (
        cli_main(
            ["simulate", str(path), "--json", "--capaciteit", "800000"], stdout=out, stderr=io.StringIO()
        )
        == 0
    )
    expected = json.loads(out.getvalue())
    key = key_for(cast.reader, "read")
    response = call(client, "post", "simulation", key, {"register": REGISTER_ROWS, "capaciteit": "800000"})
    assert response.status_code == 200, response.content
    answer = response.json()
    expected.pop("register")
    answer.pop("register")
    assert answer == expected


def test_a_bad_register_is_a_400_naming_row_and_column(client, cast):
    key = key_for(cast.reader, "read")
    rows = [{"id": "R1", "risico": "A", "kans": "veel", "gevolg_max": 1000}]
    response = call(client, "post", "simulation", key, {"register": rows})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "Rij 2" in response.json()["detail"]


def test_every_use_is_logged_and_stamps_the_key(client, cast):
    key = key_for(cast.controller, "read")
    call(client, "get", "risks/", key)
    call(client, "get", "risks/999999/", key)
    stored = ApiKey.objects.get()
    assert stored.last_used_at is not None
    assert list(ApiKeyUse.objects.order_by("pk").values_list("method", "path", "status")) == [
        ("GET", "/api/v1/risks/", 200),
        ("GET", "/api/v1/risks/999999/", 404),
    ]


# --- the beheerder's page --------------------------------------------------------------------------------


def test_the_beheerder_creates_a_key_shown_once_and_revokes_it(client, cast):
    beheerder = make_user("beheerder", cast.org, "beheerder")
    client.force_login(beheerder)
    url = reverse("api_keys:list")
    page = client.post(
        url,
        {"name": "Begrotingssysteem", "membership": cast.controller.memberships.get().pk, "scope": "read"},
    )
    assert page.status_code == 200
    key = ApiKey.objects.get()
    plaintext = page.context["new_key"]
    assert plaintext.startswith(f"rk_{key.prefix}_")
    assert key.membership.user == cast.controller
    assert key.created_by == beheerder
    assert plaintext not in client.get(url).content.decode()  # shown once
    assert call(client, "get", "risks/", plaintext).status_code == 200
    client.post(reverse("api_keys:revoke", args=[key.pk]))
    key.refresh_from_db()
    assert key.revoked_by == beheerder
    assert call(client, "get", "risks/", plaintext).status_code == 401


def test_only_the_beheerder_manages_keys_and_only_their_own_organisations(client, cast):
    client.force_login(cast.controller)
    assert client.get(reverse("api_keys:list")).status_code == 403
    other_key = keys.create_key(
        cast.other_controller.memberships.get(), name="Elders", scope="read", created_by=cast.other_controller
    ).key
    beheerder = make_user("beheerder", cast.org, "beheerder")
    client.force_login(beheerder)
    assert client.post(reverse("api_keys:revoke", args=[other_key.pk])).status_code == 404
    other_key.refresh_from_db()
    assert other_key.is_active


def _api_routes():
    """Every route of the API (the router's and the simulation), as (path with ids filled in, methods)."""
    from risicokompas.api.urls import urlpatterns

    routes = []
    for pattern in urlpatterns:
        name = pattern.name or ""
        if name in ("openapi", "not_found"):
            continue
        regex = str(pattern.pattern).lstrip("^").rstrip("$")
        path = regex.replace("(?P<pk>[^/.]+)", "{pk}").replace("(?P<kind>[a-z]+)", "html")
        if "(?P<format>" in path or "\\." in path:
            continue  # format-suffix variants of the same route
        routes.append(path)
    return routes


def test_every_api_route_refuses_a_request_without_a_key_and_hides_other_organisations(client, cast):
    risk = make_risk(cast.other_org, "X01")
    ids = {"risk": risk.pk}
    other_key = key_for(cast.other_controller)
    routes = _api_routes()
    assert len(routes) >= 8
    for path in routes:
        concrete = path.format(pk=ids["risk"])
        for method in ("get", "post"):
            response = call(client, method, concrete)
            assert response.status_code in (401, 405), (method, concrete, response.status_code)
            if response.status_code == 401:
                assert response["Content-Type"] == "application/problem+json"
    own_key = key_for(cast.controller)
    for path in routes:
        if "{pk}" in path:
            response = call(client, "get", path.format(pk=risk.pk), own_key)
            assert response.status_code in (404, 405), (path, response.status_code)
    assert call(client, "get", f"risks/{risk.pk}/", other_key).status_code == 200


def test_an_unknown_api_path_is_a_problem_404(client):
    response = client.get(API + "bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"


def test_a_list_page_costs_the_same_number_of_queries_whatever_the_register_size(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    key = key_for(cast.controller, "read")

    def queries_for_first_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert call(client, "get", "risks/", key).status_code == 200
        return len(captured)

    for i in range(5):
        make_risk(cast.org, f"A{i:03}")
    small = queries_for_first_page()
    for i in range(120):
        make_risk(cast.org, f"B{i:03}")
    assert queries_for_first_page() == small
