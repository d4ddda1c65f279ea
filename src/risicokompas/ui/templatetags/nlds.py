# SPDX-License-Identifier: EUPL-1.2
"""``nlds_field``: a bound field made ready for the shared NL Design System form field include."""

from __future__ import annotations

from django import template
from django.forms import BoundField

from risicokompas.ui.forms import style_field

register = template.Library()


@register.filter
def nlds_field(bound_field):
    """The same bound field, its widget given the Utrecht class and its radio group tidied (style_field)."""
    if isinstance(bound_field, BoundField):
        style_field(bound_field.field)
    return bound_field
