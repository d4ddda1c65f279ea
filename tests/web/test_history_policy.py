# SPDX-License-Identifier: EUPL-1.2
"""Every model of every app is in the one history table (``web.history``), and each way holds what it
promises: a new model that forgets its history fails here."""

from decimal import Decimal

import pytest
from django.apps import apps
from tests.fixtures import make_risk, make_user

from risicokompas.risks.models import RiskAppetite
from risicokompas.web import history

OUR_APPS = "risicokompas."


def our_models():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith(OUR_APPS) and not model.__name__.startswith("Historical")
    ]


def test_every_model_is_in_the_history_table_exactly_once():
    labels = [model._meta.label for model in our_models()]
    declared = [*history.EXPLICIT, *history.RECORDED, *history.NOT_CHANGED]
    assert sorted(set(declared)) == sorted(declared), "a model is declared twice"
    missing = sorted(set(labels) - set(declared))
    assert missing == [], f"declare how these models keep their history in web/history.py: {missing}"
    assert sorted(set(declared) - set(labels)) == [], "the table names a model that does not exist"


@pytest.mark.parametrize("label,keeper", sorted(history.EXPLICIT.items()))
def test_an_explicit_history_row_holds_who_when_why_and_old_to_new(label, keeper):
    fields = {field.name for field in apps.get_model(keeper)._meta.get_fields()}
    assert {"changed_by", "changed_at", "reason", "changes"} <= fields


@pytest.mark.parametrize("label", sorted(history.RECORDED))
def test_a_recorded_model_keeps_every_version_with_who_and_when(label):
    model = apps.get_model(label)
    historical = model.history.model
    fields = {field.name for field in historical._meta.get_fields()}
    assert {"history_user", "history_date", "history_change_reason", "history_type"} <= fields
    concrete = {f.attname for f in model._meta.concrete_fields if f.name != "updated_at"}
    assert concrete <= {f.attname for f in historical._meta.concrete_fields}


def test_a_signal_keeps_no_version_history_that_could_name_its_reporter():
    assert not hasattr(apps.get_model("signals.Signal"), "history")


def test_changing_the_appetite_through_the_page_keeps_the_old_level_and_who_changed_it(cast, login):
    bestuur = make_user("bestuurder", cast.org, "bestuur")
    make_risk(cast.org, "R01", programme="Sociaal domein", probability=Decimal("0.9"))
    client = login(bestuur)
    data = {
        "programme": "Sociaal domein",
        "level": "open",
        "statement": "Wij aanvaarden",
        "decided_on": "2026-01-05",
    }
    assert client.post("/risicos/risicobereidheid/", data).status_code == 302
    assert client.post("/risicos/risicobereidheid/", {**data, "level": "voorzichtig"}).status_code == 302
    appetite = RiskAppetite.objects.get(organisation=cast.org)
    versions = list(appetite.history.order_by("history_date", "history_id"))
    assert [v.level for v in versions] == ["open", "voorzichtig"]
    assert {v.history_user for v in versions} == {bestuur}
    change = versions[1].diff_against(versions[0]).changes
    assert [(c.field, c.old, c.new) for c in change] == [("level", "open", "voorzichtig")]


def test_the_appetite_page_shows_who_changed_the_level_from_what_to_what(cast, login):
    bestuur = make_user("bestuurder", cast.org, "bestuur")
    client = login(bestuur)
    make_risk(cast.org, "R01", programme="Sociaal domein")
    data = {
        "programme": "Sociaal domein",
        "level": "open",
        "statement": "Wij aanvaarden",
        "decided_on": "2026-01-05",
    }
    client.post("/risicos/risicobereidheid/", data)
    client.post("/risicos/risicobereidheid/", {**data, "level": "voorzichtig"})
    html = client.get("/risicos/risicobereidheid/").content.decode()
    assert "risicobereidheid: Open → Voorzichtig" in html
    assert "bestuurder" in html
