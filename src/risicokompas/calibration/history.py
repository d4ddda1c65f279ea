# SPDX-License-Identifier: EUPL-1.2
"""The engine's calibration input built from the database: per year the register of that year's approved
snapshot (its frozen risks) and the events of that year.

- A frozen risk occurred in a year when an event of that year realises it; its amount is the sum of those
  events' amounts (an event that realises several risks is shared equally between them).
- An event without risks, or the share of an event whose risk was not in that year's register, is a loss
  outside the register: a surprise.
- Years without an approved snapshot have no register to check and are left out (their events counted
  in ``skipped_events``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from risicokompas.calibration.models import Event
from risicokompas.engine.calibration import History, Outcome
from risicokompas.engine.model import Settings
from risicokompas.organisations.models import Organisation
from risicokompas.paragraph.freeze import frozen_profile
from risicokompas.paragraph.models import Snapshot

DEFAULT_CERTAINTY = 0.9


@dataclass(frozen=True)
class BuiltHistory:
    history: History
    settings: Settings
    snapshots: dict[int, Snapshot]  # year → the approved snapshot whose register was checked
    programmes: tuple[str, ...]  # every programme in the snapshots and events, for the filter
    skipped_events: int  # events in years without an approved snapshot


def approved_snapshots(organisation: Organisation) -> dict[int, Snapshot]:
    """Per year the approved snapshot whose register was the estimate for that year: the begroting's
    (latest peildatum first); only without one another approved snapshot of the year (never the
    jaarstukken', which were made after the year's events)."""
    chosen: dict[int, Snapshot] = {}
    approved = organisation.snapshots.filter(approval__isnull=False).exclude(
        document=Snapshot.Document.ACCOUNTS
    )
    for snapshot in approved.order_by("-reference_date", "-created_at"):
        current = chosen.get(snapshot.year)
        if current is None or (
            current.document != Snapshot.Document.BUDGET and snapshot.document == Snapshot.Document.BUDGET
        ):
            chosen[snapshot.year] = snapshot
    return dict(sorted(chosen.items()))


def build_history(
    organisation: Organisation, *, programme: str = "", years: tuple[int, ...] | None = None
) -> BuiltHistory:
    """The history of ``organisation``, optionally only for one programme or some years."""
    snapshots = approved_snapshots(organisation)
    events = list(Event.objects.filter(organisation=organisation).prefetch_related("risks"))
    programmes: set[str] = {e.programme for e in events if e.programme}
    outcomes: list[Outcome] = []
    structural_years, certainty = 1, DEFAULT_CERTAINTY
    this_year = datetime.date.today().year
    # A year that has not begun has no outcome yet: its begroting is not checked (nor shown as "not exceeded").
    snapshots = {year: s for year, s in snapshots.items() if year <= this_year}
    for year, snapshot in snapshots.items():
        inputs = snapshot.frozen_inputs
        policy = inputs.policy
        if policy.structural_years:
            structural_years = int(policy.structural_years)
        if policy.certainty is not None:
            certainty = float(policy.certainty)
        programme_of = {risk.code: risk.programme for risk in inputs.risks}
        programmes.update(p for p in programme_of.values() if p)
        if years is not None and year not in years:
            continue
        profile = frozen_profile(inputs).profile
        in_register = {risk.id for risk in profile.risks}
        realised: dict[str, float] = defaultdict(float)
        for event in events:
            if event.date.year != year:
                continue
            codes = [risk.code for risk in event.risks.all()]
            share = float(event.amount) / len(codes) if codes else 0.0
            outside = float(event.amount) if not codes else 0.0
            for code in codes:
                if code in in_register:
                    realised[code] += share
                else:
                    outside += share
            if (outside > 0 or not codes) and (not programme or event.programme == programme):
                outcomes.append(Outcome(year, None, True, outside, name=event.description[:80]))
        for risk in profile.risks:
            if programme and programme_of.get(risk.id, "") != programme:
                continue
            occurred = risk.id in realised
            outcomes.append(Outcome(year, risk, occurred, realised.get(risk.id, 0.0)))
    skipped = sum(1 for e in events if e.date.year not in snapshots)
    return BuiltHistory(
        history=History(tuple(outcomes), structural_years=structural_years),
        settings=Settings(certainty=certainty),
        snapshots=snapshots,
        programmes=tuple(sorted(programmes)),
        skipped_events=skipped,
    )
