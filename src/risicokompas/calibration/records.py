# SPDX-License-Identifier: EUPL-1.2
"""The jaarstukken figures of a year: what happened (events, the capacity used) next to what the approved
begroting of that year expected, and the calibration over every checked year up to it."""

from __future__ import annotations

from risicokompas.calibration.history import approved_snapshots, build_history
from risicokompas.calibration.models import Event
from risicokompas.engine.calibration import calibrate
from risicokompas.organisations.models import Organisation
from risicokompas.reports.figures import shown_required_of
from risicokompas.snapshot import OccurredEvent, YearAccount


def _risks_text(event: Event) -> str:
    return "; ".join(f"{r.code} {r.name}".strip() for r in event.risks.order_by("code"))


def year_account(organisation: Organisation, year: int) -> YearAccount:
    """Events of ``year``, their total, the approved begroting snapshot of the year (when there is one) and
    the calibration over all years up to ``year`` that have an approved snapshot."""
    events = list(
        Event.objects.filter(organisation=organisation, date__year=year)
        .prefetch_related("risks")
        .order_by("date", "pk")
    )
    occurred = tuple(
        OccurredEvent(
            date=e.date.isoformat(),
            risks=_risks_text(e),
            description=e.description.strip().splitlines()[0][:160] if e.description.strip() else "",
            amount=float(e.amount),
        )
        for e in events
    )
    realised = float(sum((e.amount for e in events), start=0))
    budget = approved_snapshots(organisation).get(year)
    checked = tuple(y for y in approved_snapshots(organisation) if y <= year)
    calibration = None
    check = None
    if checked:
        built = build_history(organisation, years=checked)
        outcome = calibrate(built.history, built.settings)
        calibration = {**outcome.to_dict(), "reading": outcome.exceedance.reading}
        check = next((y for y in outcome.years if y.year == year), None)
    result = budget.frozen_result if budget is not None else None
    shown = shown_required_of(result) if result is not None else None
    return YearAccount(
        year=year,
        events=occurred,
        realised=realised,
        budget_snapshot=budget.title if budget is not None else "",
        expected_mean=result.mean if result is not None else None,
        # The figure the raad adopted (rounded as that paragraph showed it); exceeded compares unrounded.
        expected_required=shown.total.value if shown is not None else None,
        certainty=result.certainty if result is not None else None,
        exceeded=None
        if result is None or result.total_required is None
        else realised > result.total_required,
        pit=check.pit if check is not None else None,
        calibration=calibration,
    )
