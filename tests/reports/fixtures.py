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
