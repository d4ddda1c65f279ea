# SPDX-License-Identifier: EUPL-1.2
"""The typed snapshot layout: exact round trip, old snapshots still load and verify, newer ones are refused."""

from __future__ import annotations

import datetime
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.management import call_command

from risicokompas.capacity.models import (
    IndicatorYear,
    ParagraphSettings,
    SeparateRequirement,
    TaxCapacityInputs,
)
from risicokompas.engine import ENGINE_VERSION
from risicokompas.organisations.models import Organisation
from risicokompas.paragraph import freeze as freezing
from risicokompas.paragraph.models import Snapshot
from risicokompas.snapshot import SCHEMA_VERSION, SnapshotInputs, SnapshotResult, SnapshotSchemaError

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> Organisation:
    """Voorbeeldrecht from ``load_demo``, with every optional input filled, so each record is written."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    org = Organisation.objects.get(slug="gemeente-voorbeeldrecht")
    TaxCapacityInputs.objects.create(
        organisation=org,
        year=2027,
        norm_rate=Decimal("0.1234"),
        own_rate_dwellings=Decimal("0.1000"),
        woz_dwellings=Decimal("4000000000"),
        sewage_revenue=Decimal("5000000"),
        sewage_costs=Decimal("5100000"),
        explanation="Artikel 12-norm 2027.",
    )
    SeparateRequirement.objects.create(
        organisation=org, name="Grondexploitaties", amount=Decimal("750000.50")
    )
    IndicatorYear.objects.update_or_create(  # the demo may have its own begroting 2027
        organisation=org,
        year=2027,
        kind="begroting",
        defaults={"total_revenue": Decimal("180000000"), "long_term_debt": Decimal("90000000")},
    )
    IndicatorYear.objects.update_or_create(
        organisation=org, year=2027, kind="realisatie", defaults={"total_revenue": Decimal("185000000")}
    )
    ParagraphSettings.objects.create(
        organisation=org, policy_text="Ons beleid.", signal_thresholds={"net_debt": [90, 130]}
    )
    return org


def frozen(org: Organisation) -> Snapshot:
    snapshot = freezing.freeze(org, None, "Begroting 2027", "begroting", 2027, datetime.date(2026, 11, 1))
    snapshot.refresh_from_db()
    return snapshot


def stored(inputs: dict) -> Snapshot:
    """A snapshot row written as the code of its time did: the JSON as given, hashed as given."""
    result = freezing.compute(inputs)
    org = Organisation.objects.create(name="Gemeente Oudorp", slug="gemeente-oudorp")
    return Snapshot.objects.create(
        organisation=org,
        title="Begroting 2026",
        year=2026,
        reference_date=datetime.date(2025, 11, 1),
        inputs=inputs,
        result=result,
        engine_version=ENGINE_VERSION,
        input_hash=freezing.canonical_hash(inputs),
        content_hash=freezing.content_hash(inputs, result),
    )


def test_a_snapshot_of_the_demo_round_trips_exactly(demo):
    snapshot = frozen(demo)
    inputs, result = snapshot.frozen_inputs, snapshot.frozen_result
    assert inputs.to_dict() == snapshot.inputs
    assert result.to_dict() == snapshot.result
    assert inputs.version == SCHEMA_VERSION
    assert inputs.tax_capacity.woz_dwellings == Decimal("4000000000.00")
    assert inputs.separate_requirements[0].amount == Decimal("750000.50")
    assert inputs.indicator_year(2027).total_revenue == Decimal("180000000.00")  # the begroting
    assert inputs.indicator_year(2027, "realisatie").total_revenue == Decimal("185000000.00")
    assert inputs.indicator_year(2027, "meerjarenraming").kind == "realisatie"  # none: realisatie first
    assert inputs.indicator_year(1990) is None
    assert result.capacity.tax.included == snapshot.result["capacity"]["tax"]["included"]
    assert freezing.verify(snapshot)


def test_amounts_keep_their_stored_text(demo):
    snapshot = frozen(demo)
    item = snapshot.frozen_inputs.capacity_items[0]
    assert str(item.amount) == snapshot.inputs["capacity_items"][0]["amount"]
    assert snapshot.inputs["capacity_items"][0]["amount"].endswith(".00")


def schema_1_inputs() -> dict:
    """Inputs as a schema-1 snapshot stored them, written out by hand."""
    return {
        "schema": 1,
        "organisation": {
            "name": "Gemeente Oudorp",
            "kind": "gemeente",
            "certainty": "0.900",
            "default_shape": "uniform",
            "structural_years": 3,
            "bands": [50000, 200000, 500000, 1000000],
            "norm_minimum": "1.00",
            "norm_maximum": None,
        },
        "risks": [
            {
                "code": "R01",
                "name": "Grondexploitatie",
                "cause": "",
                "event": "",
                "consequence": "",
                "description": "",
                "programme": "Ruimte",
                "owner_label": "",
                "owner_name": "",
                "probability": "0.30000",
                "shape": "",
                "impact_min": None,
                "impact_mode": None,
                "impact_max": "1000000.00",
                "nature": "incidenteel",
                "years": None,
                "group": "grond",
                "excluded": False,
                "measures_text": "",
                "measures": [
                    {
                        "id": 7,
                        "description": "Fasering",
                        "status": "gepland",
                        "owner_label": "",
                        "due_date": "2026-06-30",
                        "probability_after": "0.20000",
                        "impact_factor": None,
                    }
                ],
                "status": "open",
                "review_date": None,
                "updated_at": "2025-10-01T09:30:00+00:00",
                "quantified": True,
            },
            {
                "code": "R02",
                "name": "Jeugdzorg",
                "cause": "",
                "event": "",
                "consequence": "",
                "description": "",
                "programme": "Sociaal domein",
                "owner_label": "",
                "owner_name": "",
                "probability": "0.50000",
                "shape": "driehoek",
                "impact_min": "100000.00",
                "impact_mode": "250000.00",
                "impact_max": "600000.00",
                "nature": "structureel",
                "years": 2,
                "group": "",
                "excluded": False,
                "measures_text": "",
                "measures": [],
                "status": "open",
                "review_date": "2026-03-01",
                "updated_at": "2025-10-01T09:30:00+00:00",
                "quantified": True,
            },
        ],
        "closed_risks": [{"code": "R03", "status": "gesloten"}],
        "unquantified": [],
        "capacity_items": [
            {
                "name": "Algemene reserve",
                "kind": "algemene reserve",
                "nature": "incidenteel",
                "amount": "2500000.00",
                "amount_t1": "2400000.00",
                "amount_t2": None,
                "amount_t3": None,
                "explanation": "",
            }
        ],
        "tax_capacity": None,
        "separate_requirements": [
            {"name": "Grondexploitaties", "kind": "overig", "amount": "300000.00", "explanation": ""}
        ],
        "indicator_years": [],
        "paragraph_settings": None,
    }


def test_a_schema_1_snapshot_written_by_hand_loads_and_verifies():
    snapshot = stored(schema_1_inputs())
    snapshot.refresh_from_db()
    inputs = snapshot.frozen_inputs
    assert inputs.version == 1
    assert inputs.risks[0].measures[0].probability_after == Decimal("0.2")
    assert inputs.to_dict() == snapshot.inputs
    assert snapshot.frozen_result.to_dict() == snapshot.result
    assert freezing.verify(snapshot)


def test_a_snapshot_from_before_the_schema_key_reads_as_version_1_and_is_written_back_without_it():
    old = schema_1_inputs()
    del old["schema"]
    snapshot = stored(old)
    snapshot.refresh_from_db()
    assert snapshot.frozen_inputs.version == 1
    assert "schema" not in snapshot.frozen_inputs.to_dict()
    assert snapshot.frozen_inputs.to_dict() == snapshot.inputs
    assert freezing.verify(snapshot)


def test_unknown_keys_are_kept_and_written_back():
    data = schema_1_inputs()
    data["later_addition"] = {"x": 1}
    data["risks"][0]["appetite"] = "laag"
    inputs = SnapshotInputs.from_dict(data)
    assert inputs.extra == {"later_addition": {"x": 1}}
    assert inputs.risks[0].extra == {"appetite": "laag"}
    assert inputs.to_dict() == data


def test_missing_keys_read_as_their_default_and_are_not_added():
    data = {"organisation": {"name": "Gemeente Oudorp"}, "risks": [{"code": "R01", "probability": "0.5"}]}
    inputs = SnapshotInputs.from_dict(data)
    assert inputs.risks[0].impact_max is None
    assert not inputs.risks[0].has_estimate
    assert inputs.to_dict() == data
    assert SnapshotResult.from_dict({"ratio": 1.2}).to_dict() == {"ratio": 1.2}


def test_a_newer_schema_version_is_refused_with_a_clear_error():
    data = {**schema_1_inputs(), "schema": SCHEMA_VERSION + 1}
    with pytest.raises(
        SnapshotSchemaError, match=f"schemaversie {SCHEMA_VERSION + 1} wordt niet ondersteund"
    ):
        SnapshotInputs.from_dict(data)


def test_an_amount_not_in_the_stored_notation_is_refused_naming_the_key():
    data = schema_1_inputs()
    data["capacity_items"][0]["amount"] = "2.5e6"
    with pytest.raises(SnapshotSchemaError, match=r"capacity_items\[0\]\.amount"):
        SnapshotInputs.from_dict(data)


def test_a_missing_risk_code_is_refused_naming_the_risk():
    data = schema_1_inputs()
    del data["risks"][1]["code"]
    with pytest.raises(SnapshotSchemaError, match=r"inputs\.risks\[1\]: het veld 'code' ontbreekt"):
        SnapshotInputs.from_dict(data)


def test_the_schema_module_does_not_import_django():
    code = "import sys, risicokompas.snapshot; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
