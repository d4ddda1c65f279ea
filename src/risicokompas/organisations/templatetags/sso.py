# SPDX-License-Identifier: EUPL-1.2
"""``{% sso_providers as providers %}``: the single sign-on providers for the login page (none unconfigured)."""

from django import template

from risicokompas.organisations import sso

register = template.Library()


@register.simple_tag
def sso_providers() -> list[sso.Provider]:
    return sso.providers()
