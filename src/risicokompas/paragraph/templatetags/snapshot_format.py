# SPDX-License-Identifier: EUPL-1.2
"""Template filters for frozen snapshot JSON, where amounts are Decimal strings ("1250000.00")."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from risicokompas.dashboard.templatetags.dashboard_format import eur

register = template.Library()


@register.filter
def eur_json(value) -> str:
    """``"1250000.00"`` → ``'€ 1.250.000'``; None or empty → ``'–'``."""
    if isinstance(value, str):
        try:
            value = Decimal(value) if value else None
        except InvalidOperation:
            return value
    return eur(value)


@register.filter
def get(mapping, key):
    """``mapping|get:key`` for dict keys that are not valid template variable names ("t+1")."""
    return mapping.get(key) if mapping else None
