# SPDX-License-Identifier: EUPL-1.2
"""Organisations and their people in the platform admin (/beheer/)."""

from risicokompas.organisations.models import (
    ExternalIdentity,
    Function,
    Membership,
    Organisation,
    Programme,
    Unit,
)
from risicokompas.ui.admin import register

register(Organisation, display=("name", "kind", "code"), search=("name", "code", "slug"), filters=("kind",))
register(
    Membership,
    display=("user", "organisation", "role", "unit", "function"),
    search=("user__username", "user__email", "user__first_name", "user__last_name", "organisation__name"),
    filters=("role", "organisation"),
    raw_ids=("user",),
)
register(
    Unit,
    display=("name", "kind", "parent", "organisation"),
    search=("name",),
    filters=("kind", "organisation"),
)
register(Programme, display=("name", "position", "organisation"), search=("name",), filters=("organisation",))
register(Function, display=("name", "organisation"), search=("name",), filters=("organisation",))
register(
    ExternalIdentity,
    display=("user", "provider", "subject", "email", "created_at"),
    search=("user__username", "email", "subject"),
    filters=("provider",),
    record=True,
)
