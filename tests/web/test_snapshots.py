# SPDX-License-Identifier: EUPL-1.2
"""Snapshot pages: every view's happy path, the role that may not (403) and another organisation (404)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from tests.fixtures import make_risk, make_user

from risicokompas.capacity.models import CapacityItem
from risicokompas.paragraph.freeze import freeze
from risicokompas.paragraph.models import Snapshot, SnapshotApproval
from risicokompas.risks.models import Measure


@pytest.fixture
def setup(cast):
    risk = make_risk(
        cast.org, "R01", probability=Decimal("0.4"), impact_max=Decimal("2000000"), group="grond"
    )
    make_risk(cast.org, "R02", probability=Decimal("0.2"), impact_max=Decimal("800000"))
    cast.measure = Measure.objects.create(risk=risk, description="Fasering", probability_after=Decimal("0.1"))
    CapacityItem.objects.create(organisation=cast.org, name="Algemene reserve", amount=Decimal("1500000"))
    cast.bestuur = make_user("wethouder", cast.org, "bestuur")
    cast.snapshot = freeze(
        cast.org, cast.controller, "Begroting 2027", "begroting", 2027, datetime.date(2026, 11, 1)
    )
    cast.later = freeze(
        cast.org, cast.controller, "Jaarstukken 2026", "jaarstukken", 2026, datetime.date(2027, 4, 1)
    )
    return cast


def url(name, snapshot=None):
    return reverse(f"paragraph:{name}", args=[snapshot.pk] if snapshot else [])


PER_SNAPSHOT = ["snapshot_detail", "snapshot_sensitivity", "snapshot_whatif"]


@pytest.mark.parametrize("name", PER_SNAPSHOT)
def test_every_member_reads_a_snapshot(setup, login, name):
    response = login(setup.reader).get(url(name, setup.snapshot))
    assert response.status_code == 200
    assert "Begroting 2027" in response.content.decode()


@pytest.mark.parametrize("name", [*PER_SNAPSHOT, "snapshot_texts", "snapshot_approve"])
def test_another_organisations_snapshot_is_a_404(setup, login, name):
    assert login(setup.other_controller).get(url(name, setup.snapshot)).status_code == 404


def test_the_list_shows_the_ratio_history_table_and_chart(setup, login):
    html = login(setup.reader).get(url("snapshots")).content.decode()
    assert 'role="img"' in html and 'id="rk-history"' in html
    assert html.index("Begroting 2027") < html.index("Jaarstukken 2026")
    assert "Nieuwe momentopname vastleggen" not in html


def test_the_list_shows_nothing_of_another_organisation(setup, login):
    html = login(setup.other_controller).get(url("snapshots")).content.decode()
    assert "Begroting 2027" not in html


def test_a_controller_freezes_a_snapshot_with_a_warning_below_the_norm(setup, login):
    client = login(setup.controller)
    html = client.get(url("snapshot_create")).content.decode()
    assert 'id="rk-norm-warning"' in html  # 1,5 mln available against ~2 mln required
    data = {"title": "Voorjaarsnota", "document": "overig", "year": "2027", "reference_date": "2027-05-01"}
    response = client.post(url("snapshot_create"), data)
    snapshot = Snapshot.objects.get(title="Voorjaarsnota")
    assert response.status_code == 302 and response["Location"] == url("snapshot_detail", snapshot)
    assert snapshot.organisation == setup.org and snapshot.created_by == setup.controller


@pytest.mark.parametrize("role", ["reader", "employee", "owner", "bestuur"])
def test_other_roles_may_not_freeze(setup, login, role):
    client = login(getattr(setup, role))
    assert client.get(url("snapshot_create")).status_code == 403
    assert client.post(url("snapshot_create"), {"title": "x"}).status_code == 403


def test_the_detail_shows_the_verification_and_the_numbers(setup, login):
    html = login(setup.reader).get(url("snapshot_detail", setup.snapshot)).content.decode()
    assert "Herberekend met rekenkern 1.1.0: gelijk." in html
    assert 'id="rk-quantiles"' in html and 'id="rk-drivers"' in html
    assert "Nog niet vastgesteld" in html


def test_only_the_bestuur_approves_and_the_approval_binds_the_content_hash(setup, login):
    for role in ("controller", "reader"):
        assert (
            login(getattr(setup, role))
            .post(url("snapshot_approve", setup.snapshot), {"decision_reference": "x"})
            .status_code
            == 403
        )
    client = login(setup.bestuur)
    assert client.get(url("snapshot_approve", setup.snapshot)).status_code == 200
    setup.snapshot.texts = {
        "beleid": "De nota risicomanagement.",
        "samenhang": "Voldoende.",
        "conclusies": "",
    }
    setup.snapshot.save(update_fields=["texts"])
    response = client.post(
        url("snapshot_approve", setup.snapshot), {"decision_reference": "Collegebesluit 2026-123"}
    )
    assert response.status_code == 302
    approval = SnapshotApproval.objects.get(snapshot=setup.snapshot)
    assert approval.content_hash == setup.snapshot.content_hash and approval.approved_by == setup.bestuur
    html = client.get(url("snapshot_detail", setup.snapshot)).content.decode()
    assert "Collegebesluit 2026-123" in html and "Vastgesteld" in html


def test_texts_are_edited_by_the_controller_until_approved(setup, login):
    client = login(setup.controller)
    assert client.get(url("snapshot_texts", setup.snapshot)).status_code == 200
    client.post(
        url("snapshot_texts", setup.snapshot), {"beleid": "Ons beleid", "samenhang": "", "conclusies": "Goed"}
    )
    setup.snapshot.refresh_from_db()
    assert setup.snapshot.texts["beleid"] == "Ons beleid"
    SnapshotApproval.objects.create(
        snapshot=setup.snapshot, approved_by=setup.bestuur, decision_reference="B"
    )
    response = client.post(url("snapshot_texts", setup.snapshot), {"beleid": "Anders"})
    assert response.status_code == 302
    setup.snapshot.refresh_from_db()
    assert setup.snapshot.texts["beleid"] == "Ons beleid"


@pytest.mark.parametrize("role", ["reader", "bestuur", "owner"])
def test_other_roles_may_not_edit_texts(setup, login, role):
    assert login(getattr(setup, role)).get(url("snapshot_texts", setup.snapshot)).status_code == 403


def test_compare_shows_contributions_that_add_up(setup, login):
    client = login(setup.reader)
    assert client.get(url("snapshot_compare")).status_code == 200
    response = client.get(url("snapshot_compare"), {"a": setup.snapshot.pk, "b": setup.later.pk})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="rk-contributions"' in html and 'id="rk-total-change"' in html


def test_compare_with_another_organisations_snapshot_is_a_404(setup, login):
    other = login(setup.other_controller)
    assert (
        other.get(url("snapshot_compare"), {"a": setup.snapshot.pk, "b": setup.later.pk}).status_code == 404
    )


def test_sensitivity_lists_the_assumptions(setup, login):
    html = login(setup.reader).get(url("snapshot_sensitivity", setup.snapshot)).content.decode()
    for key in ("frozen", "shape-vast", "shape-uniform", "certainty-99", "correlation-on", "correlation-off"):
        assert f'data-key="{key}"' in html


def test_what_if_shows_the_new_ratio(setup, login):
    client = login(setup.reader)
    response = client.get(
        url("snapshot_whatif", setup.snapshot), {"submit": "1", "measures": setup.measure.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="rk-variant-ratio"' in html


def test_what_if_asks_for_the_new_amount_of_a_chosen_capacity_item(setup, login):
    client = login(setup.reader)
    html = client.get(
        url("snapshot_whatif", setup.snapshot), {"submit": "1", "capacity_item": "0"}
    ).content.decode()
    assert "Vul het nieuwe bedrag" in html and 'id="rk-whatif"' not in html


def test_viewing_a_snapshot_again_recomputes_from_the_shared_cache(cast, login, monkeypatch):
    """The page checks the snapshot by recomputing it; the register-simulation service answers that from
    the cache (by input hash), so a page view does not run the engine again."""
    from django.core.cache import cache

    from risicokompas.engine import simulate as engine_simulate
    from risicokompas.paragraph import freeze as freezing

    cache.clear()
    make_risk(cast.org, "R01")
    snapshot = freezing.freeze(
        cast.org, cast.controller, "Begroting", "begroting", 2027, datetime.date(2026, 10, 1)
    )
    runs = []

    def counting(profile, settings):
        runs.append(settings)
        return engine_simulate(profile, settings)

    monkeypatch.setattr("risicokompas.risks.simulation.simulate", counting)
    client = login(cast.controller)
    assert client.get(reverse("paragraph:snapshot_detail", args=[snapshot.pk])).status_code == 200
    assert client.get(reverse("paragraph:snapshot_detail", args=[snapshot.pk])).status_code == 200
    assert runs == []


def test_what_if_breaks_down_what_each_change_does_alone(setup, login):
    from risicokompas.paragraph.sensitivity import what_if

    client = login(setup.reader)
    response = client.get(
        url("snapshot_whatif", setup.snapshot),
        {
            "submit": "1",
            "measures": setup.measure.pk,
            "remove": "R02",
            "capacity_item": "0",
            "new_amount": "2.000.000",
        },
    )
    steps = response.context["steps"]
    assert [s.label for s in steps] == [
        "Maatregel R01: Fasering",
        "Weglaten: R02 Risico R02",
        "Capaciteitspost gewijzigd",
    ]
    inputs = setup.snapshot.frozen_inputs
    alone = what_if(inputs, measures=[setup.measure.pk])
    assert steps[0].required_change == pytest.approx(alone.required_change) and alone.required_change < 0
    assert steps[1].required_change == pytest.approx(what_if(inputs, remove=["R02"]).required_change)
    assert (steps[2].required_change, steps[2].available_change) == (0, 500_000)
    assert 'id="rk-whatif-steps"' in response.content.decode()


def test_what_if_without_a_change_is_refused_with_a_reason(setup, login):
    response = login(setup.reader).get(url("snapshot_whatif", setup.snapshot), {"submit": "1"})
    html = response.content.decode()
    assert "Kies ten minste één wijziging" in html and 'id="rk-whatif"' not in html


def test_what_if_groups_the_choices_per_programme_and_opens_the_chosen_group(setup, login):
    response = login(setup.reader).get(
        url("snapshot_whatif", setup.snapshot), {"submit": "1", "remove": "R02"}
    )
    groups = dict((name, g) for name, _field, g in response.context["grouped"])
    assert [(label, len(options), opened) for label, options, opened in groups["remove"]] == [
        ("Sociaal domein", 2, True)
    ]
    assert "data-rk-filter" in response.content.decode()
