# SPDX-License-Identifier: EUPL-1.2
"""What the organisation did with its risks, and what happened: frozen into a snapshot with its numbers.

A snapshot's paragraph has a section "Risicobeheersing en risicobewustzijn" built from the application's
own records for the period since the previous snapshot: measures completed and what the change of their
risk's estimate did to the required capacity, risk conversations, signals, deviations, pre-mortems. The
jaarstukken edition adds what happened in the year (events, the capacity used, what the begroting
expected). Both are frozen into ``Snapshot.inputs`` (``records``, ``year_account``) when the snapshot is
made, so the approved document never changes afterwards.

Signals, conversations, deviations and events live in apps *above* this one in the layers, so this module
cannot query them. Each of those apps registers a collector here in its ``AppConfig.ready()``:

- ``register_facts(collector)``: ``collector(organisation, start, end) -> dict`` of counts (keys as
  ``reports.data.AWARENESS_LABELS``) and optionally ``"teams"`` (a list of team names);
- ``register_year_account(collector)``: ``collector(organisation, year) -> YearAccount | None``.

Counts and team names only — never a person's name.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from risicokompas.engine import Settings
from risicokompas.engine.conventional import required_capacity
from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.model import Profile
from risicokompas.organisations.models import Organisation
from risicokompas.paragraph.freeze import SNAPSHOT_SEED
from risicokompas.paragraph.models import Snapshot
from risicokompas.risks.models import Risk
from risicokompas.risks.profile import engine_risk
from risicokompas.risks.simulation import simulate_cached
from risicokompas.snapshot import (
    FrozenRisk,
    ManagementRecord,
    MeasureEffect,
    SnapshotInputs,
    SnapshotResult,
    YearAccount,
    given,
)

FactsCollector = Callable[[Organisation, datetime.date, datetime.date], Mapping[str, Any]]
YearAccountCollector = Callable[[Organisation, int], YearAccount | None]
ExamplesCollector = Callable[[Organisation, datetime.date, datetime.date], Sequence[str]]

_FACTS: list[FactsCollector] = []
_YEAR_ACCOUNT: list[YearAccountCollector] = []
_EXAMPLES: list[ExamplesCollector] = []

#: Without a previous snapshot the period is the year up to the peildatum.
DEFAULT_PERIOD = datetime.timedelta(days=365)
#: "Discussed recently": a conversation decided about the risk within this many days of the peildatum.
DISCUSSED_WITHIN = datetime.timedelta(days=365)
DONE = "uitgevoerd"


def register_facts(collector: FactsCollector) -> None:
    """Add a collector of period counts (called from an app's ``ready()``; registering twice is a no-op)."""
    if collector not in _FACTS:
        _FACTS.append(collector)


def register_year_account(collector: YearAccountCollector) -> None:
    """Set the collector of the jaarstukken figures (the calibration app registers it)."""
    if collector not in _YEAR_ACCOUNT:
        _YEAR_ACCOUNT.append(collector)


def register_examples(collector: ExamplesCollector) -> None:
    """Add a source of example texts the controller may pick for section 8 (anonymised, no names)."""
    if collector not in _EXAMPLES:
        _EXAMPLES.append(collector)


def example_suggestions(organisation: Organisation, record: ManagementRecord | None) -> tuple[str, ...]:
    """Candidate examples from the period of ``record`` (the last year without one), for the controller
    to pick from and shorten; suggestions only, nothing is put into the paragraph by itself."""
    if record is not None and record.period_start and record.period_end:
        start = datetime.date.fromisoformat(record.period_start)
        end = datetime.date.fromisoformat(record.period_end)
    else:
        end = datetime.date.today()
        start = end - DEFAULT_PERIOD
    found: list[str] = []
    for collector in _EXAMPLES:
        found.extend(text for text in collector(organisation, start, end) if text.strip())
    return tuple(found)


def previous_snapshot(organisation: Organisation, reference_date: datetime.date) -> Snapshot | None:
    """The organisation's latest snapshot with an earlier peildatum: where the period starts."""
    return (
        Snapshot.objects.filter(organisation=organisation, reference_date__lt=reference_date)
        .order_by("-reference_date", "-created_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class _Required:
    """The official total requirement of a profile (method as the organisation prescribes + groups)."""

    inputs: SnapshotInputs
    separate: float

    def __call__(self, profile: Profile) -> float:
        policy = self.inputs.policy
        settings = Settings(
            certainty=float(given(policy.certainty, "inputs.organisation.certainty")),
            seed=SNAPSHOT_SEED,
            drivers=False,
        )
        simulated = simulate_cached(profile, settings).required_capacity
        return required_capacity(profile, simulated, policy.method).value + self.separate


def _label(risk: FrozenRisk) -> str:
    return f"{risk.code} {risk.name}".strip()


def _done_ids(inputs: SnapshotInputs) -> set[int]:
    return {m.id for r in inputs.risks for m in r.measures if m.status == DONE and m.id is not None}


def completed_measures(inputs: SnapshotInputs, previous: SnapshotInputs | None) -> int:
    """How many measures are done now that were not done (or did not exist) in ``previous``."""
    return len(_done_ids(inputs) - (_done_ids(previous) if previous is not None else set()))


def measure_effects(
    inputs: SnapshotInputs, previous: SnapshotInputs | None, profile: Profile, separate: float
) -> tuple[MeasureEffect, ...]:
    """Per risk with measures completed since ``previous`` (all completed measures without one): the
    required capacity with the risk as estimated in ``previous`` (before) and as estimated now (after).

    The effect is read from the estimates themselves, not from what a measure promised: a measure whose
    risk was not re-estimated shows "ongewijzigd", which is itself worth knowing."""
    done_before = _done_ids(previous) if previous is not None else set()
    required = _Required(inputs, separate)
    counted = {r.id for r in profile.risks}
    now: float | None = None
    effects: list[MeasureEffect] = []
    for risk in inputs.risks:
        completed = [m for m in risk.measures if m.status == DONE and m.id not in done_before]
        if not completed:
            continue
        measure = "; ".join(m.description.strip().splitlines()[0][:160] for m in completed if m.description)
        if risk.code not in counted:
            effects.append(
                MeasureEffect(
                    risk=_label(risk), measure=measure, basis="niet gekwantificeerd", before=None, after=None
                )
            )
            continue
        if now is None:
            now = required(profile)
        earlier = previous.risk(risk.code) if previous is not None else None
        if earlier is None or not earlier.has_estimate or earlier.excluded:
            effects.append(
                MeasureEffect(risk=_label(risk), measure=measure, basis="nieuw", before=None, after=now)
            )
            continue
        try:
            then = engine_risk(earlier, previous.policy.default_shape if previous else "uniform")
        except EngineInputError:
            effects.append(
                MeasureEffect(risk=_label(risk), measure=measure, basis="nieuw", before=None, after=now)
            )
            continue
        if then == profile.get(risk.code):
            effects.append(
                MeasureEffect(risk=_label(risk), measure=measure, basis="ongewijzigd", before=now, after=now)
            )
            continue
        before = required(profile.replacing(then))
        effects.append(
            MeasureEffect(risk=_label(risk), measure=measure, basis="herschat", before=before, after=now)
        )
    return tuple(effects)


def discussed_share(organisation: Organisation, result: SnapshotResult, end: datetime.date) -> float | None:
    """The share of the required capacity (Euler contributions) held by risks that a risk conversation
    decided about in the year up to ``end``; None without contributions."""
    shares = {d.id: d.share for d in result.drivers}
    if not shares or not sum(shares.values()):
        return None
    discussed = set(
        Risk.objects.filter(
            organisation=organisation,
            last_discussed_on__gt=end - DISCUSSED_WITHIN,
            last_discussed_on__lte=end,
        ).values_list("code", flat=True)
    )
    return sum(share for code, share in shares.items() if code in discussed) / sum(shares.values())


def management_record(
    organisation: Organisation,
    reference_date: datetime.date,
    inputs: SnapshotInputs,
    result: SnapshotResult,
    profile: Profile,
    separate: float,
) -> ManagementRecord:
    """The counts of the period ending at ``reference_date``, from this app and every registered app."""
    previous = previous_snapshot(organisation, reference_date)
    start = previous.reference_date if previous is not None else reference_date - DEFAULT_PERIOD
    previous_inputs = previous.frozen_inputs if previous is not None else None
    effects = measure_effects(inputs, previous_inputs, profile, separate)
    facts: dict[str, Any] = {"measures_completed": completed_measures(inputs, previous_inputs)}
    share = discussed_share(organisation, result, reference_date)
    if share is not None:
        facts["discussed_share"] = share
    teams: set[str] = set()
    for collector in _FACTS:
        gathered = dict(collector(organisation, start, reference_date))
        teams.update(str(t) for t in gathered.pop("teams", ()) if str(t).strip())
        facts.update(gathered)
    required_before = None
    if previous is not None:
        required_before = previous.frozen_result.total_required
    return ManagementRecord(
        period_start=start.isoformat(),
        period_end=reference_date.isoformat(),
        previous=previous.title if previous is not None else "",
        required_before=required_before,
        measures=effects,
        facts=facts,
        teams=tuple(sorted(teams)),
    )


def year_account(organisation: Organisation, year: int) -> YearAccount | None:
    """The jaarstukken figures of ``year`` from the registered collector (None when none is registered)."""
    for collector in _YEAR_ACCOUNT:
        account = collector(organisation, year)
        if account is not None:
            return account
    return None
