# SPDX-License-Identifier: EUPL-1.2
"""Events (gebeurtenissen) in the platform admin (/beheer/)."""

from risicokompas.calibration.models import Event
from risicokompas.ui.admin import register

register(
    Event,
    display=("date", "description", "amount", "surprise", "organisation"),
    search=("description", "programme"),
    filters=("surprise", "organisation"),
    raw_ids=("recorded_by",),
)
