# SPDX-License-Identifier: EUPL-1.2
"""The one template library for Dutch numbers (and sort/page links), used by every app's templates:
``{% load nl %}``.

Each filter delegates to the formatting functions the reports and the CLI use (``engine.present`` for
rounded figures, ``registerfile.values`` for values exactly as entered), so a page, a document and the
command line write the same number the same way:

- ``eur``: rounded to whole euros, ``1234567.4`` → ``€ 1.234.567`` (non-breaking space);
- ``euro``: an entered amount exactly, cents only when there are any (``12.5`` → ``€ 12,50``);
- ``eur_json``: a frozen snapshot amount (a Decimal string such as ``"1250000.00"``) as ``eur``;
- ``percent``: a fraction rounded to ``decimals`` (default 0): ``0.125|percent:1`` → ``12,5%``;
- ``probability``: a kans exactly as entered: ``0.305`` → ``30,5%``;
- ``ratio``: two decimals, ``1.4537`` → ``1,45``; ``number``: Dutch notation without rounding.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language, gettext

from risicokompas.engine import present
from risicokompas.engine.capacity import NormStatus
from risicokompas.ui import display

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
def eur_json(value) -> str:
    """``"1250000.00"`` → ``'€ 1.250.000'``; None or empty → ``'–'``."""
    if isinstance(value, str):
        try:
            value = Decimal(value) if value else None
        except InvalidOperation:
            return value
    return eur(value)


@register.filter
def percent(value, decimals: int = 0) -> str:
    """A fraction as a Dutch percentage, ``0.125|percent:1`` → ``'12,5%'``."""
    return present.format_percent(_number(value), int(decimals))


@register.filter
def ratio(value) -> str:
    """Two decimals with a comma, ``1.4537`` → ``'1,45'``; None → ``'–'``."""
    return present.format_ratio(_number(value))


@register.filter
def euro(value) -> str:
    return display.euro(value)


@register.filter
def probability(value) -> str:
    return display.probability(value)


@register.filter
def number(value) -> str:
    return display.number(value)


def _field(record, name):
    return record.get(name) if isinstance(record, dict) else getattr(record, name, None)


@register.filter
def norm_message(check, ratio_value=None) -> str:
    """The verdict of the ratio against the norm in the reader's language.

    ``check`` is the engine's ``NormCheck`` or a snapshot's stored ``norm`` (a dict without the ratio: pass
    it, ``result.norm|norm_message:result.ratio``). In Dutch this is the engine's own message, unchanged
    (a snapshot shows what was frozen); in another language the same sentence is built from the status and
    the bounds, with the numbers in the same notation.
    """
    if not check:
        return ""
    message = _field(check, "message") or ""
    if (get_language() or "nl").startswith("nl"):
        return message
    minimum, maximum = _field(check, "minimum"), _field(check, "maximum")
    status = _field(check, "status")
    value = _field(check, "ratio")
    if value is None:
        value = ratio_value
    if minimum is None and maximum is None:
        return gettext("Er is geen norm voor de ratio vastgesteld.")
    if status is None or value is None:
        return gettext(
            "Geen oordeel over de norm: er is geen benodigde weerstandscapaciteit, dus geen ratio."
        )
    bounds = {"minimum": ratio(minimum), "maximum": ratio(maximum), "ratio": ratio(value)}
    if minimum is not None and maximum is not None:
        norm = gettext("de norm van %(minimum)s tot en met %(maximum)s") % bounds
    elif minimum is not None:
        norm = gettext("de norm van minimaal %(minimum)s") % bounds
    else:
        norm = gettext("de norm van maximaal %(maximum)s") % bounds
    sentences = {
        NormStatus.BELOW: gettext("De ratio van %(ratio)s ligt onder %(norm)s."),
        NormStatus.ABOVE: gettext("De ratio van %(ratio)s ligt boven %(norm)s."),
        NormStatus.WITHIN: gettext("De ratio van %(ratio)s voldoet aan %(norm)s."),
    }
    sentence = sentences.get(NormStatus(status)) if status in set(NormStatus) else None
    return message if sentence is None else sentence % {"ratio": bounds["ratio"], "norm": norm}


@register.filter
def get(mapping, key):
    """``mapping|get:key`` for dict keys that are not valid template variable names ("t+1")."""
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (empty value: removed), for sort/page links."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    if "page" not in changes:
        params.pop("page", None)  # a new sort order starts at the first page
    return "?" + params.urlencode()
