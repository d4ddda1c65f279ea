# SPDX-License-Identifier: EUPL-1.2
"""The platform operator reads the whole security log in Django's admin; nobody changes it there."""

from risicokompas.security.models import SecurityEvent, SessionCutoff
from risicokompas.ui.admin import register

register(
    SecurityEvent,
    display=("at", "kind", "outcome", "actor", "organisation_id", "ip", "object_type", "object_repr"),
    search=("actor", "object_repr", "ip"),
    filters=("kind", "outcome"),
    record=True,
)

# Who was signed out everywhere and from when (deactivation, second-factor reset, SSO unlink); the events
# themselves are in the security log.
register(
    SessionCutoff, display=("user", "not_before"), search=("user__username",), record=True, raw_ids=("user",)
)
