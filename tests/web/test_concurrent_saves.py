# SPDX-License-Identifier: EUPL-1.2
"""Twenty people saving the same risk (or capacity item) at the same moment: never a 500, no lost update.

Each save is a real request through the web view, each in its own thread with its own database connection.
The saves wait for each other (SQLite: transactions take the write lock when they start; PostgreSQL: row
locks), so each goes through (302) or, for a risk, is refused as a conflicting edit because its version
moved on (the form again, 200). Should a lock wait still time out, the answer is a 503 "probeer het
opnieuw" with nothing saved, never a 500. Runs on SQLite and on PostgreSQL (DATABASE_URL).
"""

from __future__ import annotations

import sqlite3
import threading
from decimal import Decimal

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from tests.fixtures import make_organisation, make_risk, make_user

from risicokompas.capacity.models import CapacityItem, PolicyChange
from risicokompas.risks.forms import RiskForm
from risicokompas.risks.models import Risk, RiskChange
from risicokompas.web import errors

THREADS = 20
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def file_database(tmp_path):
    """On SQLite, run against a database file, as in production.

    The test database lives in memory, where SQLite's shared cache refuses a second writer at once instead
    of letting it wait; ``use_file()`` copies it (after the test made its data) to a file and points every
    new connection there, and the fixture points them back afterwards.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield lambda: None
        return
    settings_dict = connection.settings_dict
    memory_name = settings_dict["NAME"]
    keeper = sqlite3.connect(memory_name, uri=True)  # the in-memory database lives while one is open
    path = tmp_path / "risicokompas.sqlite3"

    def use_file() -> None:
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        settings_dict["NAME"] = str(path)
        connection.close()  # only now: Django never closes a connection to an in-memory database

    try:
        yield use_file
    finally:
        connection.close()
        settings_dict["NAME"] = memory_name
        connection.ensure_connection()  # back on the in-memory database before the keeper lets go of it
        keeper.close()


def _form_data(form) -> dict[str, object]:
    data: dict[str, object] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data


def _post_at_once(users, url: str, data_for) -> list[int]:
    """POST from ``len(users)`` threads released together; the status codes, in thread order."""
    clients = []
    for user in users:  # signed in before the threads start: the sessions are in the database
        client = Client()
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = [0] * len(clients)

    def run(index: int) -> None:
        try:
            barrier.wait()
            try:
                response = clients[index].post(url, data_for(index))
                statuses[index] = response.status_code
            except Exception:  # raised by the test client: a 500 to the visitor
                statuses[index] = 500
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


def _editors(organisation, count: int):
    return [make_user(f"controller{i}", organisation, "controller") for i in range(count)]


def test_twenty_simultaneous_saves_of_one_risk_never_give_a_500_and_lose_nothing(file_database):
    org = make_organisation()
    risk = make_risk(org)
    users = _editors(org, THREADS)
    form = RiskForm(instance=risk, organisation=org, may_choose_owner=True)
    base = _form_data(form)
    version = risk.version

    def data_for(index: int) -> dict:
        return {
            **base,
            "name": f"Risico van {index}",
            "reason": f"Wijziging {index}",
            "version": str(version),
        }

    file_database()
    statuses = _post_at_once(users, reverse("risks:edit", args=[risk.pk]), data_for)

    assert 500 not in statuses, statuses
    assert set(statuses) <= {302, 200}, statuses  # the saves waited for each other: none found it busy
    saved = statuses.count(302)
    assert saved == 1, statuses  # all started from the same version: one wins, the others see the conflict
    risk.refresh_from_db()
    assert risk.version == version + 1
    winner = statuses.index(302)
    assert risk.name == f"Risico van {winner}"  # the saved risk is exactly the winner's, nothing mixed in
    assert RiskChange.objects.filter(risk=risk).count() >= 1


def test_twenty_simultaneous_saves_of_one_capacity_item_never_give_a_500(file_database):
    org = make_organisation()
    item = CapacityItem.objects.create(organisation=org, name="Algemene reserve", amount=Decimal("1000000"))
    users = _editors(org, THREADS)
    url = reverse("capacity:capacity_edit", args=[item.pk])
    client = Client()
    client.force_login(users[0])
    base = _form_data(client.get(url).context["form"])
    before = PolicyChange.objects.count()
    file_database()

    def data_for(index: int) -> dict:
        # Every amount differs from the stored € 1.000.000: a save that changes nothing leaves no history row.
        return {**base, "amount": str(1_000_001 + index), "reason": f"Herijking {index}"}

    statuses = _post_at_once(users, url, data_for)

    assert 500 not in statuses, statuses
    assert statuses == [302] * THREADS, statuses  # they waited for each other; every save went through
    item.refresh_from_db()
    # Every save left its history row; the item holds one of the saved amounts, whole.
    assert PolicyChange.objects.count() - before == THREADS
    assert item.amount in {Decimal(1_000_001 + i) for i in range(THREADS)}


def test_a_busy_database_is_a_503_saying_try_again_never_a_500(client, monkeypatch, settings):
    """Whatever still times out waiting for the lock (a view, or a middleware saving the session)."""
    settings.DEBUG = False
    org = make_organisation()
    user = make_user("controller", org, "controller")
    client.force_login(user)
    risk = make_risk(org)

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Risk.objects, "select_related", locked)
    client.raise_request_exception = False
    response = client.get(reverse("risks:detail", args=[risk.pk]))
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert "probeer het opnieuw" in response.content.decode().lower()


def test_only_a_busy_database_counts_as_busy():
    assert errors.is_busy(OperationalError("database is locked"))
    assert errors.is_busy(OperationalError("deadlock detected\nDETAIL: Process 12 waits for ShareLock"))
    assert not errors.is_busy(OperationalError("no such table: risks_risk"))
    assert not errors.is_busy(ValueError("database is locked"))
