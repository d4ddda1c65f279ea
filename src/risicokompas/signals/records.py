# SPDX-License-Identifier: EUPL-1.2
"""The signals' part of the paragraph's "Risicobeheersing en risicobewustzijn": counts only."""

from __future__ import annotations

import datetime

from django.db.models import F

from risicokompas.organisations.models import Organisation
from risicokompas.signals.models import Signal


def paragraph_facts(organisation: Organisation, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """Signals received, answered, answered in time and taken into the register in (start, end]."""
    signals = Signal.objects.filter(organisation=organisation)
    received = signals.filter(created_at__date__gt=start, created_at__date__lte=end)
    answered = signals.filter(handled_at__date__gt=start, handled_at__date__lte=end)
    return {
        "signals_reported": received.count(),
        "signals_handled": answered.count(),
        "signals_in_time": answered.filter(handled_at__date__lte=F("due_date")).count(),
        "signals_to_register": answered.filter(
            status__in=(Signal.Status.NEW_RISK, Signal.Status.MERGED)
        ).count(),
    }


def paragraph_examples(organisation: Organisation, start: datetime.date, end: datetime.date) -> list[str]:
    """Signals of the period that were taken into the register (their subject, never who reported it)."""
    taken = Signal.objects.filter(
        organisation=organisation,
        handled_at__date__gt=start,
        handled_at__date__lte=end,
        status__in=(Signal.Status.NEW_RISK, Signal.Status.MERGED),
    ).select_related("risk")
    return [
        f"Een medewerker meldde ‘{s.title.strip()}’; de melding is "
        + (f"opgenomen als risico {s.risk.code}." if s.risk is not None else "in het register verwerkt.")
        for s in taken
    ]
