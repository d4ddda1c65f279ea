# SPDX-License-Identifier: EUPL-1.2
"""Collecting the benchmark's values: one plain number (or class letter) per opted-in organisation.

Sources and proxies (DESIGN C8):

- only members with status *deelnemer* count, and only for the indicators they opted in to;
- snapshot figures come from each organisation's *latest published* snapshot: the one with the most
  recent ``SnapshotApproval`` (vaststelling) — never a draft, so work in progress is never shown;
- "begroting" for the required capacity's share is the snapshot's frozen H *totale baten* of the
  snapshot's year (there is no separate begroting total);
- kengetallen are computed by ``engine.indicators`` from the snapshot's frozen ``indicator_years`` row of
  the snapshot's year (its realisatie for jaarstukken, its begroting otherwise, when that kind was frozen);
- "number of risks per category": the open risks in the snapshot, in total and per BBV programme; a
  programme is only shown when at least ``MIN_GROUP`` organisations have risks under that name, so a name
  used by one organisation cannot identify it;
- the share of risks discussed is live data (conversations are not frozen): the share of the snapshot's
  open risks with a decided agenda item in a held conversation in the 12 months before today;
- signals and deviations are live counts of the last 12 months per 100 employees, where "employees" is the
  organisation's number of user memberships (the only headcount the platform has).

**Releases against differencing.** The page is never computed from the values of the moment. Live values
(and, more slowly, snapshot values) can be changed by a member at will: a controller who raises its own
value and reloads could otherwise watch the deterministic quartiles move and solve them for the others'
values. So the page shows a stored ``BenchmarkRelease`` (``released``), renewed by the pooled calibration's
rule (``pooled_calibration.may_follow``): a new release only when the current values differ from *every*
earlier release in at least ``MIN_CHANGED`` (3) organisations, or in none. One member changing its own
values, as often as it likes, never makes a new release: the figures it sees do not depend on what it does.
Its own values and their position are live (its own data), placed against the released figures.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from risicokompas.deviations.models import Deviation
from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.indicators import Indicator, IndicatorInputs, compute_indicators
from risicokompas.network.benchmark import MIN_GROUP
from risicokompas.network.models import BenchmarkRelease, NetworkMember
from risicokompas.network.pooled_calibration import changed, may_follow
from risicokompas.paragraph.models import Snapshot
from risicokompas.signals.models import Signal
from risicokompas.snapshot import IndicatorYearRow


@dataclass(frozen=True)
class Spec:
    key: str
    label: str
    kind: str = "numeric"  # or "category"
    unit: float = 0.01
    style: str = "percent"
    live: bool = False  # True: from current data, not from the snapshot


SPECS: tuple[Spec, ...] = (
    Spec("ratio", "Ratio weerstandsvermogen", unit=0.1, style="number"),
    Spec("class", "Klasse weerstandsvermogen", kind="category"),
    Spec("required_share", "Benodigde weerstandscapaciteit als aandeel van de begroting", unit=0.001),
    *(Spec(indicator.value, indicator.label) for indicator in Indicator),
    Spec("risk_count", "Aantal open risico's (totaal en per programma)", unit=1, style="number"),
    Spec("discussed_share", "Aandeel risico's besproken in de afgelopen 12 maanden", live=True),
    Spec(
        "signals_per_100",
        "Meldingen per 100 medewerkers (afgelopen 12 maanden)",
        unit=1,
        style="number",
        live=True,
    ),
    Spec(
        "deviations_per_100",
        "Afwijkingen per 100 medewerkers (afgelopen 12 maanden)",
        unit=1,
        style="number",
        live=True,
    ),
)
SPEC_BY_KEY = {spec.key: spec for spec in SPECS}


def latest_published(organisation_ids: Iterable[int]) -> dict[int, Snapshot]:
    """Organisation id → its most recently approved snapshot (organisations without one are absent)."""
    found: dict[int, Snapshot] = {}
    snapshots = (
        Snapshot.objects.filter(organisation_id__in=list(organisation_ids), approval__isnull=False)
        .select_related("approval")
        .order_by("organisation_id", "-approval__approved_at", "-pk")
    )
    for snapshot in snapshots:
        found.setdefault(snapshot.organisation_id, snapshot)
    return found


def _float(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def _year_row(snapshot: Snapshot) -> IndicatorYearRow | None:
    """The snapshot's kengetallen of its year t: the realisatie for jaarstukken, else the begroting (another
    kind of that year when that one was not recorded)."""
    kind = "realisatie" if snapshot.document == Snapshot.Document.ACCOUNTS else "begroting"
    return snapshot.frozen_inputs.indicator_year(snapshot.year, kind)


def _kengetal(snapshot: Snapshot, key: str) -> float | None:
    row = _year_row(snapshot)
    if row is None:
        return None
    try:
        inputs = IndicatorInputs(**{name: _float(value) for name, value in row.amounts().items()})
    except EngineInputError:
        return None
    return compute_indicators(inputs)[key].value


def _programme(name: str) -> str:
    return " ".join((name or "").split()).capitalize()


def programme_counts(snapshot: Snapshot) -> dict[str, int]:
    counts: dict[str, int] = {}
    for risk in snapshot.frozen_inputs.risks:
        name = _programme(risk.programme)
        if name:
            counts[name] = counts.get(name, 0) + 1
    return counts


def _year_ago(today: datetime.date) -> datetime.date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def _discussed_share(snapshot: Snapshot, today: datetime.date) -> float | None:
    codes = {risk.code for risk in snapshot.frozen_inputs.risks}
    if not codes:
        return None
    organisation = snapshot.organisation
    discussed = organisation.risks.filter(
        code__in=codes, last_discussed_on__gte=_year_ago(today), last_discussed_on__lte=today
    ).values_list("code", flat=True)
    return len(set(discussed)) / len(codes)


def _per_100(organisation, model, today: datetime.date) -> float | None:
    employees = organisation.memberships.count()
    if not employees:
        return None
    start = timezone.make_aware(datetime.datetime.combine(_year_ago(today), datetime.time.min))
    count = model.objects.filter(organisation=organisation, created_at__gte=start).count()
    return 100 * count / employees


def value(key: str, organisation, snapshot: Snapshot | None, today: datetime.date):
    """The organisation's value for one indicator; ``None`` when it cannot be given.

    ``risk_count`` gives a dict: ``{"": total, programme: count, …}``.
    """
    if key in ("signals_per_100", "deviations_per_100"):
        model = Signal if key == "signals_per_100" else Deviation
        return _per_100(organisation, model, today)
    if snapshot is None:
        return None
    result = snapshot.frozen_result
    if key == "ratio":
        return _float(result.ratio)
    if key == "class":
        return result.ratio_class or None
    if key == "required_share":
        row = _year_row(snapshot)
        revenue = _float(row.total_revenue) if row else None
        required = _float(result.total_required)
        return None if not revenue or required is None else required / revenue
    if key in {indicator.value for indicator in Indicator}:
        return _kengetal(snapshot, key)
    if key == "risk_count":
        counts = programme_counts(snapshot)
        return {"": len(snapshot.frozen_inputs.risks), **counts}
    if key == "discussed_share":
        return _discussed_share(snapshot, today)
    raise KeyError(key)


def collect(network, today: datetime.date | None = None) -> dict[str, dict[int, object]]:
    """Indicator key → {organisation id → value} over the active, opted-in members of ``network``."""
    today = today or timezone.localdate()
    members = list(
        NetworkMember.objects.filter(network=network, status=NetworkMember.Status.ACTIVE)
        .select_related("organisation")
        .prefetch_related("benchmark_opt_ins")
    )
    snapshots = latest_published(m.organisation_id for m in members)
    values: dict[str, dict[int, object]] = {spec.key: {} for spec in SPECS}
    for member in members:
        opted = {opt.indicator for opt in member.benchmark_opt_ins.all()}
        snapshot = snapshots.get(member.organisation_id)
        for key in opted & SPEC_BY_KEY.keys():
            found = value(key, member.organisation, snapshot, today)
            if found is not None:
                values[key][member.organisation_id] = found
    return values


def own_values(organisation, today: datetime.date | None = None) -> dict[str, object]:
    """The viewer organisation's own values (its own data, shown only to it), opted in or not."""
    today = today or timezone.localdate()
    snapshot = latest_published([organisation.pk]).get(organisation.pk)
    return {spec.key: value(spec.key, organisation, snapshot, today) for spec in SPECS}


def shared_programmes(risk_counts: dict[int, dict[str, int]]) -> list[str]:
    """Programmes with risks at at least ``MIN_GROUP`` organisations (names of a few are never shown)."""
    seen: dict[str, int] = {}
    for counts in risk_counts.values():
        for name in counts:
            if name:
                seen[name] = seen.get(name, 0) + 1
    return sorted(name for name, count in seen.items() if count >= MIN_GROUP)


# --- releases ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Released:
    """The values a benchmark page is computed from: a release, and whether newer data waits."""

    values: dict[str, dict[int, object]]
    published_at: datetime.datetime
    current: bool  # False: some organisations have newer values that wait for the next release


def _fingerprints(collected: dict[str, dict[int, object]]) -> dict[str, str]:
    by_org: dict[int, dict[str, object]] = {}
    for key, per_org in collected.items():
        for org_id, found in per_org.items():
            by_org.setdefault(org_id, {})[key] = found
    return {
        str(org_id): hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:32]
        for org_id, values in sorted(by_org.items())
    }


def _stored(collected: dict[str, dict[int, object]]) -> dict[str, dict[str, object]]:
    return {
        key: {str(org_id): found for org_id, found in per_org.items()} for key, per_org in collected.items()
    }


def _loaded(stored: dict[str, dict[str, object]]) -> dict[str, dict[int, object]]:
    values: dict[str, dict[int, object]] = {spec.key: {} for spec in SPECS}
    for key, per_org in stored.items():
        if key in values:
            values[key] = {int(org_id): found for org_id, found in per_org.items()}
    return values


def released(network, today: datetime.date | None = None) -> Released:
    """The values to show for ``network``: the last release, or a new one when the rule allows."""
    collected = collect(network, today)
    prints = _fingerprints(collected)
    releases = list(network.benchmark_releases.all())  # newest first
    latest = releases[0] if releases else None
    if latest is not None and changed(latest.fingerprints, prints) == 0:
        return Released(_loaded(latest.values), latest.published_at, True)
    if all(may_follow(release.fingerprints, prints) for release in releases):
        release = BenchmarkRelease.objects.create(
            network=network, fingerprints=prints, values=_stored(collected)
        )
        return Released(_loaded(release.values), release.published_at, True)
    assert latest is not None, "without any release every state may be published"
    return Released(_loaded(latest.values), latest.published_at, False)
