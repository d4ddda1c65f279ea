# SPDX-License-Identifier: EUPL-1.2
"""Demo kengetallen of Gemeente Voorbeeldrecht: the BBV letters for every column both paragraphs ask.

For budget year t and the demo's jaarstukken year j (the last year of the demo history): every column of
the begroting t (jaarrekening t−2, begroting t−1, begroting t, meerjarenraming t+1 … t+3) and of the
jaarstukken j (jaarrekening j−1, begroting j, realisatie j).

The figures are invented but plausible for a gemeente of 45.000 inhabitants with about € 180 mln of baten:
debt grows with the investments of the meerjarenraming (netto schuldquote from about 80% towards 95%),
solvabiliteit about 26%, a small structural surplus that shrinks in the later years. A jaarrekening differs
from the begroting of the same year (more baten, investments later than planned), so "Begroting" and
"Realisatie" of one year show different kengetallen. The amounts and growth rates are in
``data/kengetallen.toml``. Plain Python, no Django: ``load_demo`` stores the rows.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from risicokompas.demo.files import read_toml

ACTUAL, BUDGET, FORECAST = "realisatie", "begroting", "meerjarenraming"
_DATA = read_toml("kengetallen.toml")


def demo_budget_year(today: datetime.date) -> int:
    """Budget year t of the demo: the begroting being prepared, next calendar year."""
    return today.year + 1


def _euros(value: float) -> Decimal:
    return Decimal(round(value))


def _letters(offset: int, actual: bool) -> dict[str, Decimal]:
    """The letters of the year ``offset`` years from t; ``actual`` for a jaarrekening."""
    income, charges = _DATA["revenue"], _DATA["charges"]
    revenue = income["base"] * (1 + income["growth"] * offset) * (income["actual_factor"] if actual else 1.0)
    margin = (  # structural balance / baten
        income["margin"]
        - income["margin_decline"] * max(offset, 0)
        + (income["actual_margin"] if actual else 0.0)
    )
    letters = {
        name: _euros(
            amount["base"] + amount.get("per_year", 0) * offset + (amount.get("actual", 0) if actual else 0)
        )
        for name, amount in _DATA["amounts"].items()
    }
    growth = charges["growth"] ** offset
    letters.update(
        total_revenue=_euros(revenue),
        structural_revenue=_euros(revenue * income["structural_share"]),
        structural_expenses=_euros(
            revenue * (income["structural_share"] - margin) + income["extra_expenses"]
        ),
        property_tax=_euros(charges["property_tax"] * growth),
        sewage_charge=_euros(charges["sewage_charge"] * growth),
        waste_charge=_euros(charges["waste_charge"] * growth),
        tax_discount=_euros(charges["tax_discount"]),
        national_average_housing_costs=_euros(
            charges["national_average_housing_costs"] * charges["growth"] ** (offset - 1)
        ),
    )
    return letters


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
