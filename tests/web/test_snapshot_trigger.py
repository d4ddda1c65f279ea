# SPDX-License-Identifier: EUPL-1.2
"""A snapshot's frozen numbers are refused by the database itself on PostgreSQL (a trigger), and approving
a snapshot goes into the security log."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from tests.fixtures import make_risk, make_user

from risicokompas.paragraph.freeze import freeze
from risicokompas.paragraph.guard import allow_deleting_snapshots
from risicokompas.paragraph.models import Snapshot
from risicokompas.security.models import SecurityEvent

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")


@pytest.fixture
def snapshot(cast):
    make_risk(cast.org, "R01", probability=Decimal("0.4"), impact_max=Decimal("2000000"))
    return freeze(cast.org, cast.controller, "Begroting 2027", "begroting", 2027, datetime.date(2026, 11, 1))


def test_approving_a_snapshot_is_recorded_with_its_content_hash(cast, snapshot, login):
    bestuur = make_user("wethouder", cast.org, "bestuur")
    url = reverse("paragraph:snapshot_approve", args=[snapshot.pk])
    snapshot.texts = {"beleid": "Beleid.", "samenhang": "Samenhang.", "conclusies": ""}  # required to approve
    snapshot.save(update_fields=["texts"])
    login(bestuur).post(url, {"decision_reference": "Collegebesluit 2026-123"})
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.APPROVED)
    assert (event.actor_id, event.organisation_id, event.object_type, event.object_id) == (
        bestuur.pk,
        cast.org.pk,
        "snapshot",
        str(snapshot.pk),
    )
    assert event.detail == {
        "decision_reference": "Collegebesluit 2026-123",
        "content_hash": snapshot.content_hash,
    }


@postgresql_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE paragraph_snapshot SET result = '{}'::jsonb WHERE id = %s",
        "UPDATE paragraph_snapshot SET inputs = '{}'::jsonb WHERE id = %s",
        "UPDATE paragraph_snapshot SET content_hash = 'x' WHERE id = %s",
        "DELETE FROM paragraph_snapshot WHERE id = %s",
    ],
)
def test_on_postgresql_the_frozen_columns_and_the_row_cannot_be_changed_in_raw_sql(snapshot, sql):
    with pytest.raises(DatabaseError, match="frozen"), transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, [snapshot.pk])
    stored = Snapshot.objects.get(pk=snapshot.pk)
    assert (stored.result, stored.content_hash) == (snapshot.result, snapshot.content_hash)


@postgresql_only
def test_on_postgresql_the_texts_may_change_and_a_demo_reset_may_delete(snapshot):
    Snapshot.objects.filter(pk=snapshot.pk).update(texts={"inleiding": "Nieuw"})
    with transaction.atomic():
        allow_deleting_snapshots()
        Snapshot.objects.filter(pk=snapshot.pk).delete()
    assert not Snapshot.objects.filter(pk=snapshot.pk).exists()
