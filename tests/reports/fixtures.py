# SPDX-License-Identifier: EUPL-1.2
"""Plain helpers for the report tests: capacity rows and a year of kengetallen inputs."""

from __future__ import annotations

from risicokompas.engine.indicators import IndicatorInputs
from risicokompas.reports.data import CapacityRow

CAPACITY_ROWS = (
    CapacityRow(
        "Algemene reserve", "algemene reserve", "incidenteel", (2_500_000.4, 2_300_000, None, None), "Saldo"
    ),
    CapacityRow("Post onvoorzien", "post onvoorzien", "structureel", (149_999.5, 150_000, None, None)),
)


def indicator_inputs(revenue: float) -> IndicatorInputs:
    """A year of kengetallen inputs whose revenue (and structural revenue) is ``revenue``."""
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


def snapshot(result):
    """The stored JSON (inputs, result) of a small snapshot around an engine ``result``."""
    data = result.to_dict()
    data.update({"available_capacity": 2_000_000.0, "unquantified": ["R9"], "capacity": {"tax": {}}})
    inputs = {
        "schema": 1,
        "organisation": {
            "name": "Gemeente Bedorp",
            "kind": "gemeente",
            "certainty": "0.90",
            "default_shape": "uniform",
            "structural_years": 2,
            "bands": [50_000, 200_000, 500_000, 1_000_000],
            "norm_minimum": "1.00",
            "norm_maximum": None,
        },
        "risks": [
            {
                "code": "R1",
                "name": "Jeugdzorg open einde",
                "probability": "0.5",
                "impact_max": "1500000",
                "excluded": False,
                "measures_text": "Wijkteam",
                "measures": [{"description": "Monitor", "status": "uitgevoerd"}],
            },
            {
                "code": "R9",
                "name": "Imago",
                "probability": None,
                "impact_max": None,
                "excluded": False,
                "measures": [],
            },
        ],
        "capacity_items": [
            {
                "name": "Algemene reserve",
                "kind": "algemene reserve",
                "nature": "incidenteel",
                "amount": "2000000.00",
                "amount_t1": None,
                "amount_t2": None,
                "amount_t3": None,
                "explanation": "",
            }
        ],
        "separate_requirements": [],
        "indicator_years": [],
        "paragraph_settings": None,
    }
    return inputs, data
