# SPDX-License-Identifier: EUPL-1.2
"""A small paragraph with every optional part filled: approval, separate groups, kengetallen, history."""

from __future__ import annotations

import datetime

import pytest

from risicokompas.engine import Fixed, Profile, Risk, Settings, Uniform, simulate
from risicokompas.engine.indicators import IndicatorInputs
from risicokompas.reports.build import from_simulation, kengetallen_from_inputs
from risicokompas.reports.data import (
    Approval,
    CapacityRow,
    SeparateRequirement,
    TaxCapacity,
    TaxCapacityLine,
)

CAPACITY_ROWS = (
    CapacityRow(
        "Algemene reserve", "algemene reserve", "incidenteel", (2_500_000.4, 2_300_000, None, None), "Saldo"
    ),
    CapacityRow("Post onvoorzien", "post onvoorzien", "structureel", (149_999.5, 150_000, None, None)),
)


def _indicator_inputs(revenue: float) -> IndicatorInputs:
    return IndicatorInputs(
        long_term_debt=90_000_000,
        net_floating_debt=5_000_000,
        accrued_liabilities=4_000_000,
        long_term_investments=3_000_000,
        loans_granted=2_000_000,
        short_term_investments=1_000_000,
        cash=500_000,
        accrued_assets=2_500_000,
        total_revenue=revenue,
        equity=40_000_000,
        balance_sheet_total=150_000_000,
        land_not_in_development=1_000_000,
        land_in_development=9_000_000,
        structural_revenue=revenue,
        structural_expenses=revenue - 500_000,
        structural_reserve_withdrawals=0,
        structural_reserve_additions=0,
        property_tax=350,
        sewage_charge=200,
        waste_charge=300,
        tax_discount=0,
        national_average_housing_costs=900,
    )


@pytest.fixture(scope="session")
def profile() -> Profile:
    return Profile(
        risks=(
            Risk("R1", "Jeugdzorg open einde", 0.5, Uniform(0, 1_500_000)),
            Risk("R2", "Grondexploitatie Stationsgebied", 0.3, Uniform(0, 2_000_000)),
            Risk("R3", "Cyberaanval", 0.1, Fixed(800_000)),
            Risk("R4", "Aansprakelijkheid wegen", 0.7, Uniform(0, 150_000), excluded=True),
        )
    )


@pytest.fixture(scope="session")
def result(profile):
    return simulate(profile, Settings(capacity=sum(r.amount for r in CAPACITY_ROWS)))


@pytest.fixture(scope="session")
def paragraph(profile, result):
    return from_simulation(
        profile,
        result,
        organisation="Gemeente Aadorp",
        title="Begroting 2027",
        year=2027,
        reference_date=datetime.date(2026, 9, 15),
        capacity_rows=CAPACITY_ROWS,
        measures={"R1": "Sturen op toegang via het wijkteam."},
        policy_text="De raad stelde de nota risicomanagement vast.\n\nDe norm is een ratio van 1,0.",
        coherence_text="De financiële positie is in samenhang voldoende.",
        conclusions_text="De weerstandscapaciteit volstaat.",
        tax_capacity=TaxCapacity(
            (
                TaxCapacityLine(
                    "OZB woningen", "(norm 0,1% − eigen tarief 0,08%) × WOZ € 1.000.000.000", 200_000
                ),
            ),
            200_000,
            "Niet meegeteld.",
        ),
        separate=(SeparateRequirement("Grondexploitaties", "grondexploitaties", 250_000.5, "Per complex"),),
        kengetallen=kengetallen_from_inputs(
            2027, {2026: _indicator_inputs(100_000_000), 2027: _indicator_inputs(110_000_000)}
        ),
        history=(("Begroting 2026", 1.234),),
        awareness={"register_changes": 42, "conversations": 3},
        approval=Approval(
            "wethouder Financiën", datetime.date(2026, 11, 5), "B&W 2026/123", "ab12cd34ef56" * 5
        ),
        norm_min=1.0,
        content_hash="ab12cd34ef56" * 5,
    )
