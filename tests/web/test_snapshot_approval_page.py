# SPDX-License-Identifier: EUPL-1.2
"""Texts start from the previous snapshot; the approval page shows the whole document and its gaps."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from tests.fixtures import make_risk, make_user

from risicokompas.capacity.models import CapacityItem
from risicokompas.paragraph import freeze
from risicokompas.paragraph.models import SnapshotApproval


@pytest.fixture
def first(cast):
    make_risk(cast.org, "R01", probability=Decimal("0.4"), impact_max=Decimal("2000000"))
    CapacityItem.objects.create(organisation=cast.org, name="Algemene reserve", amount=Decimal("1500000"))
    cast.bestuur = make_user("wethouder", cast.org, "bestuur")
    return freeze.freeze(
        cast.org, cast.controller, "Begroting 2026", "begroting", 2026, datetime.date(2025, 11, 1)
    )


def url(name, snapshot):
    return reverse(f"paragraph:{name}", args=[snapshot.pk])


def test_a_new_snapshot_starts_from_the_previous_texts_marked_as_taken_over(cast, login, first):
    first.texts = {"beleid": "De nota van 2024.", "samenhang": "Voldoende.", "conclusies": ""}
    first.save(update_fields=["texts"])
    second = freeze.freeze(
        cast.org, cast.controller, "Begroting 2027", "begroting", 2027, datetime.date(2026, 11, 1)
    )
    assert second.texts["beleid"] == "De nota van 2024." and second.texts["samenhang"] == "Voldoende."
    assert freeze.carried_texts(second) == ("beleid", "samenhang")
    client = login(cast.controller)
    assert "overgenomen — controleer" in client.get(url("snapshot_detail", second)).content.decode()
    form = client.get(url("snapshot_texts", second)).content.decode()
    assert "Overgenomen uit de vorige momentopname — controleer de tekst." in form
    client.post(
        url("snapshot_texts", second), {"beleid": "De nota van 2026.", "samenhang": "Goed.", "conclusies": ""}
    )
    second.refresh_from_db()
    assert freeze.carried_texts(second) == () and second.texts["beleid"] == "De nota van 2026."


def test_the_approval_page_shows_the_published_document_and_refuses_empty_required_texts(cast, login, first):
    client = login(cast.bestuur)
    html = client.get(url("snapshot_approve", first)).content.decode()
    preview = html.split('id="rk-preview"', 1)[1]
    assert "1. Inleiding en beleid" in preview and "Bijlage. Verantwoording van de berekening" in preview
    assert (
        'id="rk-empty-sections"' in html
        and "7. Beoordeling in samenhang" in html.split('id="rk-empty-sections"')[1]
    )
    assert 'id="rk-missing-texts"' in html
    response = client.post(url("snapshot_approve", first), {"decision_reference": "B&W 2026/1"})
    assert response.status_code == 200
    assert "Vaststellen kan pas als deze teksten zijn ingevuld: Beleid, Beoordeling in samenhang." in (
        response.content.decode()
    )
    assert not SnapshotApproval.objects.filter(snapshot=first).exists()


def test_with_the_required_texts_the_bestuur_approves(cast, login, first):
    first.texts = {"beleid": "Beleid.", "samenhang": "Samenhang.", "conclusies": ""}
    first.save(update_fields=["texts"])
    client = login(cast.bestuur)
    html = client.get(url("snapshot_approve", first)).content.decode()
    assert 'id="rk-missing-texts"' not in html
    response = client.post(url("snapshot_approve", first), {"decision_reference": "B&W 2026/1"})
    assert response.status_code == 302
    assert SnapshotApproval.objects.filter(snapshot=first).exists()
