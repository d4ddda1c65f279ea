# SPDX-License-Identifier: EUPL-1.2
"""The pooled calibration of a learning network (DESIGN C10, "pooled across a learning network").

Members that opt in (a ``BenchmarkOptIn`` with indicator ``OPT_IN``, set by their controller/beheerder)
add their calibration to one figure for the network: were the estimates of all these organisations
together any good?

**What an organisation contributes.** Only its ``engine.calibration.CalibrationCounts``: the number of
organisation-years checked and how many of them exceeded the required capacity (with its certainty), the
number of risk-years, how many occurred, and Σ (kans − uitkomst)². No risk, name, amount or year leaves
the organisation; the numbers come from ``calibration.history.build_history`` like its own page.

**Which years count.** A year counts when the organisation has an approved snapshot for it, the year has
ended (before the current calendar year: a running year's loss so far says nothing about exceeding), and
at least one event was recorded in it. The last rule is the only sign the platform has that the year's
events were recorded at all: a year without any event is far more often "not recorded" than "nothing
happened", and counting it would count a year without loss that may not have been one.

**What is shown.** ``engine.calibration.pool`` over the contributing organisations: organisation-years,
exceedances, the expected number Σ (1 − zekerheid) × years, Kupiec's p-value, and the Brier score, its
reference and the skill over every risk-year. Rounded: Brier, reference, skill and p-value to two
decimals, the expected number to one, the base rate to a whole percent; counts are whole numbers.

**Suppression and differencing.** With fewer than ``MIN_GROUP`` (5) contributing organisations nothing is
shown, not even how many. Above that the counts are exact (rounding small counts enough to hide one
organisation's 0–3 exceedances would leave nothing to read), so the protection against differencing comes
from *when* the figures change, not from blurring them:

- the figures shown are a stored ``PooledCalibrationRelease``, with a fingerprint of each contributing
  organisation's counts. When the current counts differ from the last release, a new release is made only
  if they differ from *every* earlier release in at least ``MIN_CHANGED`` (3) organisations (joined,
  left, opted out, or with new counts) — or in none. Until then the last release stays on the page, with
  its date and a note that newer data waits;
- so two releases anyone can compare differ by at least three organisations' contributions: the
  difference is a sum over three organisations (two, for a member that subtracts its own), never one
  organisation's exceedances or Brier sums. The typical case — one organisation leaves, or approves its
  next snapshot — changes nothing on the page until two others have new data too. Comparing with every
  earlier release, not only the last, stops "three out, two back and one new" from isolating one;
- this is deterministic (nothing random to average away by asking again). It does not protect against
  several members coordinating opt-ins and opt-outs to isolate a third, nor against combining many
  releases in a linear system; both need collusion over a long time, and the figures are exact counts of
  documents (approved paragraphs) that are largely public anyway. The coordinator sees the same as
  members; an organisation sees its own current counts beside the network's, and only its own;
- a consequence the opt-in page states: after opting out, an organisation's counts stay in the published
  release until the figures are next renewed (they are gone at once if fewer than five remain). Renewing
  at once would publish exactly the difference that reveals its figures.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from risicokompas.calibration.history import approved_snapshots, build_history
from risicokompas.calibration.links import PageLink
from risicokompas.calibration.models import Event
from risicokompas.engine.calibration import (
    CalibrationCounts,
    PooledCalibration,
    calibration_counts,
    pool,
)
from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.present import MISSING, format_number, format_percent
from risicokompas.network.access import members_of
from risicokompas.network.benchmark import MIN_BIN, MIN_GROUP, Suppressed
from risicokompas.network.models import BenchmarkOptIn, Network, NetworkMember, PooledCalibrationRelease
from risicokompas.organisations.models import Organisation

#: The ``BenchmarkOptIn.indicator`` of the pooled calibration.
OPT_IN = "kalibratie"
#: A new release needs this many organisations changed against every earlier release.
MIN_CHANGED = MIN_BIN
#: The anchor of the section on the benchmark page.
ANCHOR = "gezamenlijke-kalibratie"


# --- one organisation ------------------------------------------------------------------------------------


def counted_years(organisation: Organisation, today: datetime.date) -> tuple[int, ...]:
    """Ended years with an approved snapshot and at least one recorded event (see the module docstring)."""
    with_events = {d.year for d in Event.objects.filter(organisation=organisation).dates("date", "year")}
    return tuple(y for y in approved_snapshots(organisation) if y < today.year and y in with_events)


def contribution(organisation: Organisation, today: datetime.date) -> CalibrationCounts | None:
    """The organisation's counts over its counted years; None without any (or when they cannot be
    computed: one organisation's unusable register must not take the network's figures down)."""
    years = counted_years(organisation, today)
    if not years:
        return None
    built = build_history(organisation, years=years)
    if not built.history.years:
        return None
    try:
        return calibration_counts(built.history, built.settings)
    except EngineInputError:
        return None


def fingerprint(counts: CalibrationCounts) -> str:
    """A stable fingerprint of the counts, to tell whether an organisation's contribution changed."""
    text = "|".join(
        (
            repr(float(counts.certainty)),
            str(counts.years),
            str(counts.exceeded),
            str(counts.risk_years),
            str(counts.occurred),
            f"{counts.squared_error:.12g}",
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# --- the network -----------------------------------------------------------------------------------------


def opted_in_members(network: Network):
    """Active members of ``network`` that opted in to the pooled calibration."""
    return (
        NetworkMember.objects.filter(
            network=network, status=NetworkMember.Status.ACTIVE, benchmark_opt_ins__indicator=OPT_IN
        )
        .select_related("organisation")
        .distinct()
    )


def contributions(network: Network, today: datetime.date) -> dict[int, CalibrationCounts]:
    """Organisation id → counts, over the opted-in active members with at least one counted year."""
    found: dict[int, CalibrationCounts] = {}
    for member in opted_in_members(network):
        counts = contribution(member.organisation, today)
        if counts is not None:
            found[member.organisation_id] = counts
    return found


def changed(before: Mapping[str, str], after: Mapping[str, str]) -> int:
    """How many organisations joined, left, or have other counts between two fingerprint maps."""
    return sum(1 for key in before.keys() | after.keys() if before.get(key) != after.get(key))


def may_follow(before: Mapping[str, str], after: Mapping[str, str]) -> bool:
    """A state may be published after ``before`` when it is the same or differs in ≥ ``MIN_CHANGED``."""
    count = changed(before, after)
    return count == 0 or count >= MIN_CHANGED


def totals(counts: Iterable[CalibrationCounts]) -> dict[str, float | int]:
    """The sums a release stores (the pooled figures follow from them with ``pooled_from``)."""
    items = list(counts)
    pooled = pool(items)
    return {
        "organisations": len(items),
        "years": pooled.exceedance.years,
        "exceeded": pooled.exceedance.exceeded,
        "expected": pooled.exceedance.expected,
        "risk_years": sum(c.risk_years for c in items),
        "occurred": sum(c.occurred for c in items),
        "squared_error": math.fsum(c.squared_error for c in items),
    }


def pooled_from(stored: Mapping[str, float | int]) -> PooledCalibration:
    """The pooled calibration of a release's sums: the sums as one contribution at the mean certainty."""
    years = int(stored["years"])
    single = CalibrationCounts(
        certainty=1 - float(stored["expected"]) / years,
        years=years,
        exceeded=int(stored["exceeded"]),
        risk_years=int(stored["risk_years"]),
        occurred=int(stored["occurred"]),
        squared_error=float(stored["squared_error"]),
    )
    result = pool([single])
    return PooledCalibration(int(stored["organisations"]), result.brier, result.exceedance)


@dataclass(frozen=True)
class Shown:
    """What the page shows: a release and whether newer data waits for it to be renewed."""

    release: PooledCalibrationRelease
    pooled: PooledCalibration
    current: bool  # False: some organisations have newer counts that wait for the next release


def current_release(network: Network, found: Mapping[int, CalibrationCounts]) -> Shown | Suppressed:
    """The release to show for the current counts ``found``, publishing a new one when allowed."""
    if len(found) < MIN_GROUP:
        return Suppressed()
    prints = {str(org_id): fingerprint(counts) for org_id, counts in sorted(found.items())}
    releases = list(network.calibration_releases.all())  # newest first
    latest = releases[0] if releases else None
    if latest is not None and changed(latest.fingerprints, prints) == 0:
        return Shown(latest, pooled_from(latest.totals), True)
    if all(may_follow(r.fingerprints, prints) for r in releases):
        release = PooledCalibrationRelease.objects.create(
            network=network, fingerprints=prints, totals=totals(found.values())
        )
        return Shown(release, pooled_from(release.totals), True)
    assert latest is not None, "without any release every state may be published"
    return Shown(latest, pooled_from(latest.totals), False)


# --- display ---------------------------------------------------------------------------------------------


def _number(value: float | None, decimals: int) -> str:
    return MISSING if value is None else format_number(value, decimals)


def _p_value(value: float | None) -> str:
    if value is None:
        return MISSING
    return "< 0,01" if value < 0.005 else format_number(value, 2)


def figures(pooled: PooledCalibration) -> dict[str, object]:
    """The shown, rounded figures of a pooled (or an organisation's own) calibration."""
    test, brier = pooled.exceedance, pooled.brier
    verdict = ""
    if test.p_value is not None and test.p_value < 0.05:
        verdict = "te laag" if test.exceeded > test.expected else "te ruim"
    p_shown = _p_value(test.p_value)
    p_text = f"p {p_shown}" if p_shown.startswith("<") else f"p = {p_shown}"
    return {
        "organisations": pooled.contributors,
        "years": test.years,
        "exceeded": test.exceeded,
        "expected": _number(test.expected if test.years else None, 1),
        "level": format_percent(test.level, 0 if round(test.level * 100, 6).is_integer() else 1),
        "p_value": _p_value(test.p_value),
        "p_text": p_text,
        "verdict": verdict,
        "risk_years": brier.n,
        "base_rate": format_percent(brier.base_rate) if brier.base_rate is not None else MISSING,
        "brier": _number(brier.score, 2),
        "brier_reference": _number(brier.reference, 2),
        "brier_skill": _number(brier.skill, 2),
    }


def is_opted_in(member: NetworkMember | None) -> bool:
    return member is not None and member.benchmark_opt_ins.filter(indicator=OPT_IN).exists()


def section(network: Network, member: NetworkMember | None, today: datetime.date | None = None) -> dict:
    """The context of the "Gezamenlijke kalibratie" section of the benchmark page.

    ``member`` is the viewer's own organisation (None for a coordinator): its own current figures are
    shown to it beside the network's, opted in or not.
    """
    today = today or timezone.localdate()
    found = contributions(network, today)
    shown = current_release(network, found)
    context: dict[str, object] = {"anchor": ANCHOR, "opted_in": is_opted_in(member)}
    if isinstance(shown, Suppressed):
        context["suppressed"] = True
        return context
    context.update(
        suppressed=False,
        figures=figures(shown.pooled),
        published_on=timezone.localtime(shown.release.published_at).date(),
        current=shown.current,
    )
    if member is not None:
        own = found.get(member.organisation_id) or contribution(member.organisation, today)
        context["own"] = None if own is None else figures(pool([own]))
    return context


# --- the link on the organisation's own calibration page -------------------------------------------------


def calibration_page_links(request, organisation: Organisation) -> list[PageLink]:
    """A link "Vergelijk met het netwerk" for each network in which ``organisation`` takes part in the
    pooled calibration and whose benchmark the signed-in user may see (participant, controller/beheerder)."""
    members = (
        members_of(request.user)
        .filter(
            organisation=organisation,
            status=NetworkMember.Status.ACTIVE,
            pk__in=BenchmarkOptIn.objects.filter(indicator=OPT_IN).values("member_id"),
        )
        .order_by("network__name")
    )
    return [
        PageLink(
            text=_("Vergelijk met het netwerk: %(name)s") % {"name": member.network.name},
            url=f"{reverse('network:benchmark', args=[member.network_id])}#{ANCHOR}",
        )
        for member in members
    ]
