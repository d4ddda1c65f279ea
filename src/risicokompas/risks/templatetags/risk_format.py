# SPDX-License-Identifier: EUPL-1.2
"""Template filters for the register: euros, percentages and owner names in Dutch notation."""

from django import template

from risicokompas.risks import display

register = template.Library()

register.filter("euro", display.euro)
register.filter("percent", display.percent)
register.filter("owner_name", display.owner_name)
register.filter("number", display.number)


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
