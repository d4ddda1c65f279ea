# SPDX-License-Identifier: EUPL-1.2
"""A register file may name risks that are not yet quantified ("PM"): they are imported as such, listed
on the dashboard, exported as PM again, and never counted as zero."""

from decimal import Decimal

from tests.fixtures import make_risk

from risicokompas.registerfile import register_to_bytes
from risicokompas.risks import exporting, importing
from risicokompas.risks.simulation import simulate_register

HEADER = "Id;Risico;Kans;Maximaal financieel gevolg (€);Verdeling;Aard;Jaren;Programma\r\n"


def upload(organisation, *lines):
    data = (HEADER + "".join(lines)).encode()
    return importing.read_upload(data, "register.csv", organisation)


def test_a_pm_row_is_imported_as_an_unquantified_risk_in_file_order(cast):
    risks = upload(
        cast.org,
        "R1;Jeugdzorg;30%;1.000.000;;;;Sociaal domein\r\n",
        "R2;Cyberincident;PM;500.000;;;;Bedrijfsvoering\r\n",
        "R3;Claim aannemer;40%;onbekend;;;;Ruimte\r\n",
    )
    assert [item.code for item in risks] == ["R1", "R2", "R3"]
    r2, r3 = risks[1].values, risks[2].values
    assert r2["probability"] is None and r2["impact_max"] == Decimal("500000.00")
    assert r3["probability"] == Decimal("0.40000") and r3["impact_max"] is None
    assert r2["programme"] == "Bedrijfsvoering"


def test_unquantified_risks_are_listed_and_not_counted(cast):
    make_risk(cast.org, "R1")
    counted_alone = simulate_register(cast.org).result.required_capacity
    make_risk(cast.org, "R2", probability=None)
    simulation = simulate_register(cast.org)
    assert [r.code for r in simulation.register.unquantified] == ["R2"]
    assert simulation.result.required_capacity == counted_alone


def test_an_export_writes_pm_rows_that_read_back_unchanged(cast):
    make_risk(cast.org, "R1")
    make_risk(cast.org, "R2", probability=None, impact_max=Decimal("250000"))
    rows = exporting.export_rows(exporting.organisation_risks(cast.org), cast.org.default_shape)
    assert len(rows) == 2
    data = register_to_bytes(rows, format="csv")
    assert "PM" in data.decode("utf-8-sig")
    plan = importing.build_plan(
        cast.org, importing.read_upload(data, "export.csv", cast.org), importing.organisation_risks(cast.org)
    )
    assert (len(plan.new), len(plan.changed), plan.unchanged, len(plan.absent)) == (0, 0, 2, 0)
