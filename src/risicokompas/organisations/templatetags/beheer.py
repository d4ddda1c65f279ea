# SPDX-License-Identifier: EUPL-1.2
"""``{{ membership|role_labels }}``: every role of a person, the main role first."""

from django import template

from risicokompas.organisations.people import role_labels as _role_labels

register = template.Library()


@register.filter
def role_labels(membership) -> str:
    return _role_labels(membership)
