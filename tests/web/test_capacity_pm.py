# SPDX-License-Identifier: EUPL-1.2
"""A capacity item whose amount is not known yet ("PM"): entered on the web, listed everywhere, never counted."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal

import docx
import pytest
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from tests.fixtures import make_risk

from risicokompas.api import keys
from risicokompas.capacity.models import CapacityItem, PolicyChange, available_capacity
from risicokompas.capacity.services import capacity_table
from risicokompas.dashboard.compute import build_dashboard
from risicokompas.paragraph import freeze as freezing
from risicokompas.paragraph.forms_snapshots import WhatIfForm
from risicokompas.paragraph.views_reports import paragraph_data
from risicokompas.snapshot import SnapshotInputs

CREATE = reverse("capacity:capacity_create")
ITEM = {"name": "Stille reserves", "kind": CapacityItem.Kind.HIDDEN_RESERVES, "nature": "incidenteel"}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def items(cast):
    CapacityItem.objects.create(
        organisation=cast.org,
        name="Algemene reserve",
        kind=CapacityItem.Kind.GENERAL_RESERVE,
        nature="incidenteel",
        amount=Decimal("2000000"),
        amount_t1=Decimal("1800000"),
    )
    CapacityItem.objects.create(
        organisation=cast.org,
        name="Stille reserves",
        kind=CapacityItem.Kind.HIDDEN_RESERVES,
        nature="incidenteel",
        amount=None,
        amount_unknown=True,
        explanation="Verkoopwaarde panden nog te taxeren.",
    )
    return cast


# --- entering a PM item --------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["PM", "p.m.", " pm ", "onbekend", "nog niet bekend"])
def test_pm_typed_as_the_amount_makes_a_pm_item(cast, login, typed):
    response = login(cast.controller).post(CREATE, {**ITEM, "amount": typed})
    assert response.status_code == 302
    item = cast.org.capacity_items.get()
    assert item.amount_unknown and item.amounts() == (None, None, None, None)


def test_the_pm_checkbox_with_an_empty_amount_makes_a_pm_item(cast, login):
    response = login(cast.controller).post(CREATE, {**ITEM, "amount": "", "amount_unknown": "on"})
    assert response.status_code == 302
    assert cast.org.capacity_items.get().amount_unknown


def test_an_empty_amount_without_pm_is_refused_with_a_dutch_message(cast, login):
    response = login(cast.controller).post(CREATE, {**ITEM, "amount": ""})
    assert response.status_code == 200
    assert (
        "Vul het bedrag voor jaar t in. Nog niet bekend? Typ PM of vink PM aan." in response.content.decode()
    )
    assert not cast.org.capacity_items.exists()


def test_pm_with_an_amount_or_later_amounts_is_refused(cast, login):
    client = login(cast.controller)
    both = client.post(CREATE, {**ITEM, "amount": "100.000", "amount_unknown": "on"}).content.decode()
    assert "Bij PM hoort geen bedrag" in both
    later = client.post(CREATE, {**ITEM, "amount": "PM", "amount_t1": "500.000"}).content.decode()
    assert "Een post met bedrag PM heeft nog geen bedragen voor latere jaren" in later
    assert not cast.org.capacity_items.exists()


def test_pm_for_a_later_year_only_is_refused_an_empty_year_is_niet_geraamd(cast, login):
    client = login(cast.controller)
    html = client.post(CREATE, {**ITEM, "amount": "100.000", "amount_t1": "PM"}).content.decode()
    assert "PM geldt voor de hele post" in html
    assert client.post(CREATE, {**ITEM, "amount": "100.000", "amount_t1": ""}).status_code == 302
    item = cast.org.capacity_items.get()
    assert not item.amount_unknown and item.amounts() == (Decimal("100000"), None, None, None)


def test_the_database_refuses_a_pm_item_with_an_amount_and_an_item_without_either(cast):
    for values in ({"amount": Decimal("1"), "amount_unknown": True}, {"amount": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            CapacityItem.objects.create(organisation=cast.org, name="X", **values)


def test_switching_to_pm_and_back_keeps_the_history_with_the_reason(items, login):
    client = login(items.controller)
    reserve = items.org.capacity_items.get(name="Algemene reserve")
    url = reverse("capacity:capacity_edit", args=[reserve.pk])
    form = {"name": reserve.name, "kind": reserve.kind, "nature": reserve.nature}
    refused = client.post(url, {**form, "amount": "PM"})
    assert refused.status_code == 200 and "Geef een reden" in refused.content.decode()
    assert (
        client.post(url, {**form, "amount": "PM", "reason": "Stand onzeker na herziening"}).status_code == 302
    )
    reserve.refresh_from_db()
    assert reserve.amount_unknown and reserve.amounts() == (None, None, None, None)
    change = PolicyChange.objects.filter(label="Algemene reserve").first()
    assert change.reason == "Stand onzeker na herziening"
    assert change.changes["bedrag jaar t (€)"] == ["2000000", None]
    assert change.changes["bedrag t+1 (€)"] == ["1800000", None]
    assert change.changes["bedrag nog niet bekend (PM)"] == ["nee", "ja"]

    assert client.post(url, {**form, "amount": "1.500.000", "reason": "Jaarrekening"}).status_code == 302
    reserve.refresh_from_db()
    assert not reserve.amount_unknown and reserve.amount == Decimal("1500000")
    back = PolicyChange.objects.filter(label="Algemene reserve").first()
    assert back.changes["bedrag nog niet bekend (PM)"] == ["ja", "nee"]
    assert "Stand onzeker na herziening" in client.get(reverse("capacity:capacity")).content.decode()


def test_deleting_a_pm_item_records_pm_as_its_amount(items, login):
    item = items.org.capacity_items.get(name="Stille reserves")
    response = login(items.controller).post(
        reverse("capacity:capacity_delete", args=[item.pk]), {"reason": "Geen stille reserves meer"}
    )
    assert response.status_code == 302
    change = PolicyChange.objects.get(action=PolicyChange.Action.DELETED)
    assert (
        change.changes == {"bedrag jaar t (€)": ["PM", None]} and change.reason == "Geen stille reserves meer"
    )


# --- listed, never counted ------------------------------------------------------------------------------


def test_totals_leave_a_pm_item_out(items):
    assert available_capacity(items.org) == Decimal("2000000")
    table = capacity_table(items.org)
    # The PM item does not make t+1 "niet geraamd": it counts in no year.
    assert table.totals == (Decimal("2000000"), Decimal("1800000"), None, None)
    assert table.incidental == table.totals
    assert [i.name for i in table.pm_items] == ["Stille reserves"]


def test_the_capacity_page_lists_a_pm_item_as_pm_and_says_it_is_not_counted(items, login):
    html = login(items.controller).get(reverse("capacity:capacity")).content.decode()
    row = html[html.index("Stille reserves") :].split("</tr>")[0]
    assert row.count(">PM</abbr>") == 4 and "€" not in row
    note = html[html.index('id="rk-capacity-pm"') :].split("</p>")[0]
    assert (
        "PM-posten tellen niet mee: van 1 post is het bedrag nog niet bekend (PM): Stille reserves." in note
    )
    total = html[html.index('id="rk-capacity-total"') :].split("</td>")[0]
    assert total.endswith("€\u00a02.000.000")


def test_the_dashboard_counts_without_the_pm_item_and_names_it(items, login):
    make_risk(items.org)
    dash = build_dashboard(items.org)
    assert dash.available == 2_000_000 and dash.capacity_pm == ("Stille reserves",)
    html = login(items.controller).get(reverse("dashboard:home")).content.decode()
    assert "1 capaciteitspost staat op PM (bedrag nog niet bekend) en telt niet mee: Stille reserves." in html


# --- the snapshot and its paragraph ---------------------------------------------------------------------


@pytest.fixture
def snapshot(items):
    make_risk(items.org, "R01", probability=Decimal("0.4"), impact_max=Decimal("1000000"))
    return freezing.freeze(
        items.org, items.controller, "Begroting 2027", "begroting", 2027, datetime.date(2026, 11, 1)
    )


def test_a_snapshot_freezes_the_pm_item_and_counts_without_it(snapshot):
    inputs = SnapshotInputs.from_dict(snapshot.inputs)
    assert [i.name for i in inputs.pm_capacity_items] == ["Stille reserves"]
    pm = next(i for i in snapshot.inputs["capacity_items"] if i["name"] == "Stille reserves")
    assert pm["amount_unknown"] is True and pm["amount"] is None
    capacity = snapshot.result["capacity"]
    assert Decimal(capacity["available"]) == Decimal("2000000")
    assert capacity["by_year"]["t"] == "2000000.00" and capacity["by_year"]["t+1"] == "1800000.00"
    assert list(capacity["by_kind"]) == ["algemene reserve"]
    assert capacity["by_nature"] == {"incidenteel": "2000000.00"}
    assert snapshot.result["available_capacity"] == 2_000_000
    assert freezing.verify(snapshot)


def test_a_snapshot_from_before_pm_items_still_verifies(cast):
    make_risk(cast.org, "R01", probability=Decimal("0.4"), impact_max=Decimal("1000000"))
    CapacityItem.objects.create(organisation=cast.org, name="Algemene reserve", amount=Decimal("900000"))
    snapshot = freezing.freeze(cast.org, cast.controller, "B", "begroting", 2027, datetime.date(2026, 11, 1))
    # Without the key (as stored before PM items existed) the inputs read back unchanged.
    stored = json.loads(json.dumps(snapshot.inputs))
    for item in stored["capacity_items"]:
        del item["amount_unknown"]
    inputs = SnapshotInputs.from_dict(stored)
    assert inputs.to_dict() == stored and inputs.pm_capacity_items == ()
    assert freezing.compute(stored) == snapshot.result


def test_the_snapshot_page_names_the_pm_item(snapshot, cast, login):
    html = login(cast.reader).get(reverse("paragraph:snapshot_detail", args=[snapshot.pk])).content.decode()
    note = html[html.index('id="rk-capacity-pm"') :].split("</p>")[0]
    assert "van 1 capaciteitspost is het bedrag nog niet bekend (PM): Stille reserves" in note


def test_the_paragraph_of_the_snapshot_shows_pm_and_counts_without_it(snapshot, cast, login):
    data = paragraph_data(snapshot)
    pm = next(r for r in data.capacity_rows if r.name == "Stille reserves")
    assert pm.is_pm(0) and pm.amounts == (None, None, None, None)
    assert data.capacity_total(0) == 2_000_000 and data.capacity_total(1) == 1_800_000
    response = login(cast.reader).get(reverse("paragraph:snapshot_report", args=[snapshot.pk, "docx"]))
    document = docx.Document(io.BytesIO(response.content))
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    pm_row = next(row for row in rows if row[0] == "Stille reserves")
    assert pm_row[2:] == ["PM", "PM"]  # t and the one later year that is geraamd
    text = "\n".join(p.text for p in document.paragraphs)
    assert (
        "PM-posten tellen niet mee: van 1 onderdeel is het bedrag nog niet bekend (PM): Stille reserves."
        in text
    )


def test_what_if_a_pm_item_gets_an_amount_adds_the_whole_amount(snapshot):
    index = [i["name"] for i in snapshot.inputs["capacity_items"]].index("Stille reserves")
    form = WhatIfForm({"capacity_item": str(index), "new_amount": "300.000"}, inputs=snapshot.inputs)
    assert form.is_valid(), form.errors
    assert form.capacity_delta() == Decimal("300000")
    assert (index, "Stille reserves (PM)") in form.fields["capacity_item"].choices


# --- the API ----------------------------------------------------------------------------------------------


def test_the_api_shows_a_pm_item_with_pm_true_and_no_amounts(items, client):
    membership = items.controller.memberships.get()
    key = keys.create_key(membership, name="lezen", scope="read", created_by=items.controller).plaintext
    response = client.get("/api/v1/capacity-items/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    body = response.json()
    rows = {row["name"]: row for row in body.get("results", body)}
    assert rows["Stille reserves"]["pm"] is True and rows["Stille reserves"]["amount"] is None
    assert rows["Algemene reserve"]["pm"] is False and rows["Algemene reserve"]["amount"] == "2000000.00"
