# SPDX-License-Identifier: EUPL-1.2
"""Demo kengetallen of Gemeente Voorbeeldrecht: the BBV letters for every column both paragraphs ask.

For budget year t and the demo's jaarstukken year j (the last year of the demo history): every column of
the begroting t (jaarrekening t−2, begroting t−1, begroting t, meerjarenraming t+1 … t+3) and of the
jaarstukken j (jaarrekening j−1, begroting j, realisatie j).

The figures are invented but plausible for a gemeente of 45.000 inhabitants with about € 180 mln of baten:
debt grows with the investments of the meerjarenraming (netto schuldquote from about 80% towards 95%),
solvabiliteit about 26%, a small structural surplus that shrinks in the later years. A jaarrekening differs
from the begroting of the same year (more baten, investments later than planned), so "Begroting" and
"Realisatie" of one year show different kengetallen. Plain Python, no Django: ``load_demo`` stores the rows.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

ACTUAL, BUDGET, FORECAST = "realisatie", "begroting", "meerjarenraming"


def demo_budget_year(today: datetime.date) -> int:
    """Budget year t of the demo: the begroting being prepared, next calendar year."""
    return today.year + 1


def _euros(value: float) -> Decimal:
    return Decimal(round(value))


def _letters(offset: int, actual: bool) -> dict[str, Decimal]:
    """The letters of the year ``offset`` years from t; ``actual`` for a jaarrekening."""
    revenue = 180_000_000 * (1 + 0.025 * offset) * (1.02 if actual else 1.0)
    debt = 150_000_000 + 7_000_000 * offset - (4_000_000 if actual else 0)  # investments come late
    margin = 0.006 - 0.0015 * max(offset, 0) + (0.004 if actual else 0.0)  # structural balance / baten
    tax_growth = 1.03**offset
    return {
        "long_term_debt": _euros(debt),
        "net_floating_debt": _euros(12_000_000 - (3_000_000 if actual else 0)),
        "accrued_liabilities": _euros(14_000_000 + 500_000 * offset),
        "long_term_investments": _euros(4_000_000),
        "loans_granted": _euros(8_000_000 - 250_000 * offset),
        "short_term_investments": _euros(6_000_000 if actual else 3_000_000),
        "cash": _euros(2_400_000 if actual else 1_500_000),
        "accrued_assets": _euros(9_000_000 + 250_000 * offset),
        "total_revenue": _euros(revenue),
        "equity": _euros(75_000_000 + 1_000_000 * offset + (1_500_000 if actual else 0)),
        "balance_sheet_total": _euros(290_000_000 + 9_000_000 * offset),
        "land_not_in_development": _euros(3_000_000),
        "land_in_development": _euros(22_000_000 - 2_000_000 * offset - (1_000_000 if actual else 0)),
        "structural_revenue": _euros(revenue * 0.975),
        "structural_expenses": _euros(revenue * (0.975 - margin) + 300_000),
        "structural_reserve_withdrawals": _euros(600_000),
        "structural_reserve_additions": _euros(300_000),
        "property_tax": _euros(330 * tax_growth),
        "sewage_charge": _euros(215 * tax_growth),
        "waste_charge": _euros(305 * tax_growth),
        "tax_discount": Decimal(0),
        "national_average_housing_costs": _euros(925 * 1.03 ** (offset - 1)),
    }


def demo_indicator_rows(budget_year: int, accounts_year: int) -> list[tuple[int, str, dict[str, Decimal]]]:
    """(year, kind, letters) for every column of the begroting ``budget_year`` (jaarrekening t−2,
    begroting t−1, begroting t, meerjarenraming t+1 … t+3) and of the jaarstukken ``accounts_year`` (its
    jaarrekening j−1, begroting j and realisatie j), by year and kind. A jaarrekening exists only for a year
    that has ended, so there is none of t−1."""
    t, j = budget_year, accounts_year
    wanted = {
        (t - 2, ACTUAL),
        (t - 1, BUDGET),
        (t, BUDGET),
        *((t + offset, FORECAST) for offset in (1, 2, 3)),
        (j - 1, ACTUAL),
        (j, BUDGET),
        (j, ACTUAL),
    }
    return [(year, kind, _letters(year - t, actual=kind == ACTUAL)) for year, kind in sorted(wanted)]
