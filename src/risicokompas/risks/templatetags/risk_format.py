# SPDX-License-Identifier: EUPL-1.2
"""Template filters of the register that know a risk: its owner's name. Numbers: ``{% load nl %}``."""

from django import template

from risicokompas.risks import display

register = template.Library()

register.filter("owner_name", display.owner_name)
