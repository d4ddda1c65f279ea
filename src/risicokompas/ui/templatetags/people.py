# SPDX-License-Identifier: EUPL-1.2
"""``{{ user|person }}``: a person's name, with "(inactief)" once deactivated."""

from django import template

from risicokompas.ui.people import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    return person_name(user)
