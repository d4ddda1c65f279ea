# SPDX-License-Identifier: EUPL-1.2
"""Recording an event. A risk it realises gets the status "opgetreden" and a history row saying why."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from risicokompas.calibration.models import Event
from risicokompas.organisations.models import Organisation
from risicokompas.risks.models import Risk
from risicokompas.risks.services import update_risk


@transaction.atomic
def record_event(organisation: Organisation, user, values: dict, risks: Sequence[Risk] = ()) -> Event:
    """Create the event; without risks it is a surprise (a loss that was not in the register)."""
    for risk in risks:
        if risk.organisation_id != organisation.pk:
            raise ValueError("risico van een andere organisatie")
    event = Event.objects.create(organisation=organisation, recorded_by=user, surprise=not risks, **values)
    event.risks.set(risks)
    reason = f"Opgetreden: gebeurtenis van {event.date:%d-%m-%Y} ({event.description[:80]})"
    for risk in risks:
        if risk.status != Risk.Status.OCCURRED:
            update_risk(risk, user, {"status": Risk.Status.OCCURRED}, reason=reason)
    return event
