# SPDX-License-Identifier: EUPL-1.2
"""Values exactly as entered, in Dutch notation: amounts, probabilities and plain numbers."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from risicokompas.registerfile.values import format_number, format_percent

EMPTY = "—"


def euro(value) -> str:
    """€ with Dutch grouping; cents only when there are any: 1250000 → "€ 1.250.000", 12.5 → "€ 12,50"."""
    if value in (None, ""):
        return EMPTY
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format_number(amount)
    whole, _sep, cents = text.partition(",")
    return f"€ {whole}" if not cents else f"€ {whole},{cents.ljust(2, '0')}"


def probability(value) -> str:
    """A probability 0–1 as a Dutch percentage: 0.305 → "30,5%"."""
    if value in (None, ""):
        return EMPTY
    return format_percent(Decimal(str(value)))


def number(value) -> str:
    """Dutch notation without rounding: 0.500 → "0,5"."""
    return EMPTY if value in (None, "") else format_number(Decimal(str(value)))
