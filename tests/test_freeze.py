# SPDX-License-Identifier: EUPL-1.2
"""Snapshots: frozen inputs, exact reproducibility, immutability, approval, comparison, sensitivity, what-if."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from risicokompas.capacity.models import CapacityItem, SeparateRequirement
from risicokompas.paragraph import freeze as freezing
from risicokompas.paragraph.compare import compare, ratio_history
from risicokompas.paragraph.models import Snapshot, SnapshotApproval
from risicokompas.paragraph.sensitivity import sensitivity, what_if
from risicokompas.risks.models import Measure
from tests.fixtures import make_risk, make_user


def snap(cast, title="Begroting 2027", date=datetime.date(2026, 11, 1)) -> Snapshot:
    snapshot = freezing.freeze(cast.org, cast.controller, title, "begroting", 2027, date)
    snapshot.refresh_from_db()
    return snapshot


@pytest.fixture
def register(cast):
    make_risk(cast.org, "R01", probability=Decimal("0.3"), impact_max=Decimal("1000000"), group="grond")
    make_risk(cast.org, "R02", probability=Decimal("0.5"), impact_max=Decimal("400000"), group="grond")
    make_risk(cast.org, "R03", probability=Decimal("0.15"), impact_max=Decimal("2000000"), shape="driehoek")
    make_risk(
        cast.org,
        "R04",
        probability=Decimal("0.7"),
        impact_max=Decimal("150000"),
        nature="structureel",
        years=3,
    )
    make_risk(cast.org, "R05", probability=None, impact_max=None)
    make_risk(cast.org, "R06", status="gesloten")
    CapacityItem.objects.create(
        organisation=cast.org, name="Algemene reserve", kind="algemene reserve", amount=Decimal("2500000")
    )
    return cast


def test_inputs_are_plain_json_with_the_open_register_and_the_closed_codes(register):
    inputs = freezing.collect_inputs(register.org)
    assert [r["code"] for r in inputs["risks"]] == ["R01", "R02", "R03", "R04", "R05"]
    assert inputs["closed_risks"] == [{"code": "R06", "status": "gesloten"}]
    assert inputs["unquantified"] == ["R05"]
    assert inputs["risks"][0]["probability"] == "0.30000"
    assert inputs["organisation"]["certainty"] == "0.900"
    assert inputs["capacity_items"][0]["amount"] == "2500000.00"


def test_recomputing_a_snapshot_gives_exactly_the_stored_numbers(register):
    snapshot = snap(register)
    assert freezing.recompute(snapshot) == snapshot.result
    assert freezing.verify(snapshot)


def test_the_profile_is_rebuilt_from_the_frozen_json_only(register):
    snapshot = snap(register)
    register.org.risks.all().delete()
    assert {r.id for r in freezing.profile_from_inputs(snapshot.inputs).risks} == {"R01", "R02", "R03", "R04"}
    assert freezing.verify(snapshot)


def test_changing_the_register_afterwards_does_not_change_the_snapshot(register):
    snapshot = snap(register)
    before = (snapshot.result["total_required"], snapshot.content_hash)
    make_risk(register.org, "R99", probability=Decimal("0.9"), impact_max=Decimal("9000000"))
    register.org.risks.filter(code="R01").update(impact_max=Decimal("5"))
    snapshot.refresh_from_db()
    assert (snapshot.result["total_required"], snapshot.content_hash) == before
    assert freezing.verify(snapshot)


def test_saving_modified_inputs_or_result_is_refused(register):
    snapshot = snap(register)
    snapshot.inputs["risks"][0]["impact_max"] = "1.00"
    with pytest.raises(Snapshot.FrozenError):
        snapshot.save()
    snapshot = Snapshot.objects.get(pk=snapshot.pk)
    snapshot.result = {**snapshot.result, "ratio": 9.0}
    with pytest.raises(Snapshot.FrozenError):
        snapshot.save()


def test_a_tampered_snapshot_fails_verification(register):
    """Tampered in memory: on PostgreSQL a trigger refuses the UPDATE itself (tests/web/test_snapshot_trigger.py),
    so the check that verify() catches a changed result does not depend on the database letting it through."""
    snapshot = snap(register)
    tampered = Snapshot.objects.get(pk=snapshot.pk)
    tampered.result = {**tampered.result, "total_required": 1.0}
    assert not freezing.verify(tampered)


def test_texts_are_editable_until_approved(register):
    snapshot = snap(register)
    snapshot.texts = {"beleid": "Nieuw beleid"}
    snapshot.save()
    bestuur = make_user("wethouder", register.org, "bestuur")
    approval = SnapshotApproval.objects.create(
        snapshot=snapshot, approved_by=bestuur, decision_reference="B-1"
    )
    assert approval.content_hash == snapshot.content_hash and approval.is_bound
    snapshot.texts = {"beleid": "Nog eens anders"}
    with pytest.raises(Snapshot.FrozenError):
        snapshot.save()
    approval.decision_reference = "B-2"
    with pytest.raises(Snapshot.FrozenError):
        approval.save()


def test_separate_requirements_and_tax_capacity_count_in_the_totals(register):
    SeparateRequirement.objects.create(organisation=register.org, name="Grex", amount=Decimal("300000"))
    from risicokompas.capacity.models import TaxCapacityInputs

    TaxCapacityInputs.objects.create(
        organisation=register.org,
        norm_rate=Decimal("0.1"),
        own_rate_dwellings=Decimal("0.08"),
        woz_dwellings=Decimal("1000000000"),
        sewage_costs=Decimal("500000"),
        sewage_revenue=Decimal("450000"),
    )
    result = snap(register).result
    assert result["total_required"] == result["required_capacity"] + 300000
    assert Decimal(result["capacity"]["tax"]["total"]) == Decimal("250000")
    assert result["capacity"]["tax"]["included"]
    assert result["available_capacity"] == 2_750_000
    assert result["ratio"] == pytest.approx(2_750_000 / result["total_required"])


def _change(cast, mutate):
    a = snap(cast, "A", datetime.date(2026, 1, 1))
    mutate(cast)
    b = snap(cast, "B", datetime.date(2026, 6, 1))
    comparison = compare(a, b)
    assert sum(s.contribution for s in comparison.steps) == comparison.total_change
    expected = Decimal(repr(b.result["total_required"])) - Decimal(repr(a.result["total_required"]))
    assert comparison.total_change == expected
    return {s.key: s for s in comparison.steps}


def test_a_new_risk_is_attributed_to_new_risks(register):
    steps = _change(register, lambda c: make_risk(c.org, "R10", probability=Decimal("0.5")))
    assert steps["new"].contribution > 0 and steps["new"].codes == ("R10",)
    assert (
        steps["closed"].contribution == steps["estimates"].contribution == steps["policy"].contribution == 0
    )


def test_a_closed_risk_is_attributed_to_closed_risks(register):
    steps = _change(register, lambda c: c.org.risks.filter(code="R03").update(status="gesloten"))
    assert steps["closed"].contribution < 0 and steps["closed"].codes == ("R03",)
    assert steps["new"].contribution == 0


def test_a_changed_estimate_is_attributed_to_estimates(register):
    steps = _change(register, lambda c: c.org.risks.filter(code="R01").update(impact_max=Decimal("3000000")))
    assert steps["estimates"].contribution > 0 and steps["estimates"].codes == ("R01",)


def test_a_changed_certainty_is_attributed_to_policy(register):
    def raise_certainty(c):
        c.org.certainty = Decimal("0.950")
        c.org.save()

    steps = _change(register, raise_certainty)
    assert steps["policy"].contribution > 0
    assert steps["closed"].contribution == steps["estimates"].contribution == steps["new"].contribution == 0


def test_all_changes_at_once_still_add_up(register):
    def everything(c):
        c.org.risks.filter(code="R02").update(status="opgetreden")
        c.org.risks.filter(code="R04").update(probability=Decimal("0.2"))
        make_risk(c.org, "R11", probability=Decimal("0.4"), impact_max=Decimal("700000"))
        c.org.structural_years = 2
        c.org.save()
        SeparateRequirement.objects.create(organisation=c.org, name="Garanties", amount=Decimal("120000"))

    steps = _change(register, everything)
    assert steps["separate"].contribution == pytest.approx(Decimal("120000"), abs=Decimal("0.01"))
    assert steps["closed"].codes == ("R02",) and steps["new"].codes == ("R11",)


def test_ratio_history_is_ordered_by_reference_date(register):
    snap(register, "Jaarstukken 2026", datetime.date(2027, 4, 1))
    snap(register, "Begroting 2026", datetime.date(2025, 11, 1))
    snap(register, "Begroting 2027", datetime.date(2026, 11, 1))
    titles = [p.snapshot.title for p in ratio_history(register.org)]
    assert titles == ["Begroting 2026", "Begroting 2027", "Jaarstukken 2026"]


def test_sensitivity_rows_are_ordered_as_the_assumptions_imply(register):
    snapshot = snap(register)
    rows = {r.key: r for r in sensitivity(snapshot.inputs, snapshot.result)}
    assert rows["frozen"].required == snapshot.result["total_required"]
    assert rows["shape-vast"].required >= rows["shape-uniform"].required
    assert (
        rows["certainty-99"].required
        >= rows["certainty-95"].required
        >= rows["certainty-90"].required
        >= rows["certainty-80"].required
    )
    assert rows["certainty-90"].required == snapshot.result["total_required"]
    assert rows["correlation-on"].required >= rows["correlation-off"].required


def test_what_if_with_a_planned_measure_lowers_the_requirement(register):
    risk = register.org.risks.get(code="R01")
    measure = Measure.objects.create(risk=risk, description="Fasering", probability_after=Decimal("0.1"))
    snapshot = snap(register)
    outcome = what_if(snapshot.inputs, measures=[measure.pk])
    assert outcome.base_required == snapshot.result["total_required"]
    assert outcome.variant_required < outcome.base_required
    assert outcome.variant["ratio"] > outcome.base["ratio"]
    assert outcome.applied_measures == (measure.pk,)


def test_what_if_removing_a_risk_and_adding_capacity(register):
    snapshot = snap(register)
    outcome = what_if(snapshot.inputs, remove=["R03"], capacity_delta=Decimal("500000"))
    assert outcome.variant_required < outcome.base_required
    assert outcome.variant_available == outcome.base_available + 500000
