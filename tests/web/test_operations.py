# SPDX-License-Identifier: EUPL-1.2
"""Operations: health checks, static files served by the application itself, and backup/restore."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from tests.fixtures import Cast, make_risk

from risicokompas.capacity.models import CapacityItem
from risicokompas.paragraph import freeze
from risicokompas.paragraph.models import Snapshot, SnapshotApproval
from risicokompas.risks import services
from risicokompas.risks.models import Measure
from risicokompas.security.models import SecurityEvent
from risicokompas.signals.services import file_signal
from risicokompas.web import backup, health


@pytest.mark.django_db
def test_livez_and_readyz_answer_without_login(client, settings):
    assert client.get("/_healthz/livez").json() == {"status": "ok"}
    ready = client.get("/_healthz/readyz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache"} | ({"broker"} if settings.REDIS_URL else set())


@pytest.mark.django_db
def test_readyz_is_503_and_names_the_check_that_fails(client, monkeypatch):
    def broken() -> None:
        raise RuntimeError("geen verbinding")

    monkeypatch.setattr(health, "_cache", broken)
    response = client.get("/_healthz/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {"status": "fout", "error": "RuntimeError: geen verbinding"}
    assert response.json()["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db
def test_readyz_checks_redis_when_redis_url_is_set(client):
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):  # nothing listens on port 1
        response = client.get("/_healthz/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["status"] == "fout"


@pytest.mark.django_db
def test_collected_static_files_are_served_with_debug_off(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        client = Client()  # a new handler: WhiteNoise reads STATIC_ROOT when it starts
        response = client.get("/static/risicokompas/site.css")
        assert response.status_code == 200
        assert b"".join(response.streaming_content).strip() != b""
        assert client.get("/static/risicokompas/niet-bestaand.css").status_code == 404


def _make_data() -> Cast:
    cast = Cast()
    for i in range(6):
        make_risk(cast.org, f"R{i:02}", probability=Decimal("0.4"), impact_max=Decimal(300_000 + 50_000 * i))
    make_risk(cast.other_org, "X01")
    risk = services.create_risk(cast.org, cast.controller, {"code": "N1", "name": "Nieuw"}, reason="Test")
    services.update_risk(risk, cast.controller, {"probability": Decimal("0.2")}, reason="Raming")
    Measure.objects.create(risk=risk, description="Back-ups maken")
    CapacityItem.objects.create(organisation=cast.org, name="Algemene reserve", amount=Decimal("2500000"))
    membership = cast.membership(cast.employee)
    membership.role = "risico-eigenaar"
    membership.save()  # a recorded version (simple-history), whose content type is a natural key
    file_signal(cast.org, cast.employee, {"title": "Anoniem"}, anonymous=True)
    first = freeze.freeze(
        cast.org, cast.controller, "Begroting 2027", "begroting", 2027, datetime.date(2026, 11, 1)
    )
    SnapshotApproval.objects.create(
        snapshot=first,
        approved_by=cast.controller,
        decision_reference="RB-1",
        content_hash=first.content_hash,
    )
    freeze.freeze(cast.org, cast.controller, "Jaarrekening", "jaarrekening", 2026, datetime.date(2026, 12, 1))
    return cast


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_with_every_count_and_every_snapshot(tmp_path):
    _make_data()
    before = backup.counts()
    assert before["paragraph.Snapshot"] == 2
    path = tmp_path / "risicokompas.json.gz"
    call_command("backup", str(path))
    assert path.stat().st_size > 0

    call_command("flush", interactive=False, verbosity=0)  # an empty database; migrate's own rows return
    assert sum(backup.counts().values()) == 0
    call_command("restore", str(path))

    after = backup.counts()
    # The restore appends its own event to the restored security log (the backup's event came after the dump).
    assert after.pop("security.SecurityEvent") == before.pop("security.SecurityEvent") + 1
    assert after == before
    restored = SecurityEvent.objects.latest("pk")
    assert (restored.kind, restored.outcome, restored.detail["file"]) == ("restored", "success", str(path))
    assert "@" in restored.actor  # the operating-system account and host that ran it
    snapshots = list(Snapshot.objects.all())
    assert len(snapshots) == 2
    assert all(freeze.verify(snapshot) for snapshot in snapshots)
    approval = SnapshotApproval.objects.get()
    assert approval.content_hash == approval.snapshot.content_hash


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_a_database_with_data_is_refused(tmp_path):
    _make_data()
    path = tmp_path / "risicokompas.json"
    call_command("backup", str(path))
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("restore", str(path))
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("restore", str(tmp_path / "weg.json"))
