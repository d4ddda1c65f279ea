# SPDX-License-Identifier: EUPL-1.2
"""Recording events, one at a time or a whole file at once.

A risk an event realises gets the status "opgetreden" and a history row saying why. A file is recorded in
full or not at all: every row is checked first (``read_event_upload``), then all rows are saved in one
transaction (``import_events``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from risicokompas.calibration.access import may_record_surprise, recordable_risks
from risicokompas.calibration.models import Event
from risicokompas.organisations.models import Membership, Organisation
from risicokompas.registerfile.errors import Problem
from risicokompas.registerfile.events import EventFile, EventFileError, Recordable, read_events_bytes
from risicokompas.risks.models import Risk, RiskChange
from risicokompas.risks.services import update_risk


@transaction.atomic
def record_event(
    organisation: Organisation,
    user,
    values: dict,
    risks: Sequence[Risk] = (),
    *,
    source: str = RiskChange.Source.MANUAL,
    occasion: str = "",
) -> Event:
    """Create the event; without risks it is a surprise (a loss that was not in the register).

    ``source`` and ``occasion`` (e.g. "risicogesprek ‘…’") go into the history of each risk it realises.
    """
    for risk in risks:
        if risk.organisation_id != organisation.pk:
            raise ValueError("risico van een andere organisatie")
    event = Event.objects.create(organisation=organisation, recorded_by=user, surprise=not risks, **values)
    event.risks.set(risks)
    reason = f"Opgetreden: gebeurtenis van {event.date:%d-%m-%Y} ({event.description[:80]})"
    if occasion:
        reason = f"{reason}; {occasion}"
    for risk in risks:
        if risk.status != Risk.Status.OCCURRED:
            update_risk(risk, user, {"status": Risk.Status.OCCURRED}, reason=reason, source=source)
    return event


def read_event_upload(data: bytes, filename: str | None, membership: Membership) -> EventFile:
    """Check a whole events file for ``membership``: its codes must be risks of their organisation that
    they may record events for. Raises ``EventFileError`` listing every problem."""
    codes = Risk.objects.filter(organisation=membership.organisation).values_list("code", flat=True)
    allowed = None
    if not membership.can_edit_all_risks:
        allowed = set(recordable_risks(membership).values_list("code", flat=True))
    recordable = Recordable(known=set(codes), allowed=allowed, surprises=may_record_surprise(membership))
    return read_events_bytes(data, filename=filename, today=timezone.localdate(), recordable=recordable)


@dataclass(frozen=True)
class ImportResult:
    recorded: int
    surprises: int


@transaction.atomic
def import_events(membership: Membership, user, events: EventFile, *, filename: str = "") -> ImportResult:
    """Record every event of a checked file, or none: any failure rolls the whole file back.

    An event without a programme gets its risks' programme when they share one.
    """
    risks = {risk.code: risk for risk in recordable_risks(membership)}
    occasion = f"ingelezen uit {filename}" if filename else "ingelezen uit een bestand"
    for row in events.rows:
        missing = [code for code in row.risk_codes if code not in risks]
        if missing:  # only when the register or the owners changed after the file was checked
            listed = ", ".join(f"'{code}'" for code in missing)
            problem = Problem(
                row.row_number, "risico", f"risico {listed} kan hier niet (meer) worden gekozen"
            )
            raise EventFileError([problem])
        chosen = [risks[code] for code in row.risk_codes]
        programmes = {risk.programme for risk in chosen}
        programme = row.programme or (programmes.pop() if len(programmes) == 1 else "")
        values = {
            "date": row.date,
            "amount": row.amount,
            "description": row.description,
            "programme": programme,
        }
        record_event(
            membership.organisation, user, values, chosen, source=RiskChange.Source.IMPORT, occasion=occasion
        )
        for risk in chosen:  # record_event saved a newer version of it
            risk.status = Risk.Status.OCCURRED
    return ImportResult(recorded=len(events.rows), surprises=events.surprises)


def already_recorded(organisation: Organisation, events: EventFile) -> set[int]:
    """The row numbers of events that look recorded already: same date, amount and description."""
    days = {row.date for row in events.rows}
    existing = set(
        Event.objects.filter(organisation=organisation, date__in=days).values_list(
            "date", "amount", "description"
        )
    )
    return {row.row_number for row in events.rows if (row.date, row.amount, row.description) in existing}
