# SPDX-License-Identifier: EUPL-1.2
"""Values exactly as entered, in Dutch notation: amounts, probabilities and plain numbers."""

from __future__ import annotations

from decimal import Decimal

from risicokompas.engine.present import format_exact as format_number
from risicokompas.engine.present import format_exact_eur
from risicokompas.engine.present import format_exact_percent as format_percent

EMPTY = "—"


def euro(value) -> str:
    """€ with Dutch grouping; cents only when there are any: 1250000 → "€ 1.250.000", 12.5 → "€ 12,50"."""
    return EMPTY if value in (None, "") else format_exact_eur(Decimal(str(value)))


def probability(value) -> str:
    """A probability 0–1 as a Dutch percentage: 0.305 → "30,5%"."""
    if value in (None, ""):
        return EMPTY
    return format_percent(Decimal(str(value)))


def number(value) -> str:
    """Dutch notation without rounding: 0.500 → "0,5"."""
    return EMPTY if value in (None, "") else format_number(Decimal(str(value)))
