# SPDX-License-Identifier: EUPL-1.2
"""API keys and their use log in the platform admin (/beheer/): read-only; the beheerder manages keys."""

from risicokompas.api.models import ApiKey, ApiKeyUse
from risicokompas.ui.admin import register

register(
    ApiKey,
    display=("name", "prefix", "scope", "organisation", "created_at", "revoked_at", "last_used_at"),
    search=("name", "prefix", "organisation__name"),
    filters=("scope", "organisation"),
    raw_ids=("membership", "created_by", "revoked_by"),
    record=True,
)
register(
    ApiKeyUse,
    display=("key", "at", "method", "path", "status"),
    search=("path", "key__name", "key__organisation__name"),
    filters=("method", "status"),
    raw_ids=("key",),
    record=True,
)
