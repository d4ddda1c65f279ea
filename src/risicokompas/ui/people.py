# SPDX-License-Identifier: EUPL-1.2
"""How a person is named on a page: their full name (or user name), with "(inactief)" once deactivated."""

from __future__ import annotations

from django.utils.translation import gettext as _


def person_name(user) -> str:
    """ "Anna de Vries", or "Anna de Vries (inactief)" for a deactivated account; "—" for nobody."""
    if user is None:
        return "—"
    name = user.get_full_name() or user.get_username()
    if not user.is_active:
        return _("%(name)s (inactief)") % {"name": name}
    return name
