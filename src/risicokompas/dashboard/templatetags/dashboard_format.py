# SPDX-License-Identifier: EUPL-1.2
"""Template filters for Dutch amounts, percentages and ratios, delegating to ``engine.present``."""

from __future__ import annotations

from decimal import Decimal

from django import template

from risicokompas.engine import present

register = template.Library()


def _number(value):
    if value is None or value == "":
        return None
    return float(value) if isinstance(value, Decimal | int | float) else value


@register.filter
def eur(value) -> str:
    """``1234567.4`` → ``'€ 1.234.567'`` (non-breaking space after the euro sign); None → ``'–'``."""
    return present.format_eur(_number(value)).replace("€ ", "€\u00a0")


@register.filter
def percent(value, decimals: int = 0) -> str:
    """A fraction as a Dutch percentage, ``0.125|percent:1`` → ``'12,5%'``."""
    return present.format_percent(_number(value), int(decimals))


@register.filter
def ratio(value) -> str:
    """Two decimals with a comma, ``1.4537`` → ``'1,45'``; None → ``'–'``."""
    return present.format_ratio(_number(value))
