# SPDX-License-Identifier: EUPL-1.2
"""What the dashboard shows, computed from the current register by the engine. No risk maths here.

``build_dashboard(organisation)`` asks the register-simulation service (``risks.simulation``) for the
open register simulated against the organisation's capacity, and gathers the figures the page shows. The
charts are not drawn for the page: it names the result's input hash (``chart_key``), and each chart is
drawn by its own request (``charts_for_organisation``), once per input hash, kept in Django's cache beside
the result. The page is fast; the images follow.
"""

from __future__ import annotations

import datetime
import threading
from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import NamedTuple

from django.core.cache import cache
from django.utils import timezone

from risicokompas import charts
from risicokompas.capacity.services import TaxCapacityUse, pm_capacity_items, tax_capacity_use
from risicokompas.engine import SimulationResult
from risicokompas.engine.capacity import NormCheck, NormStatus, RatioBand, RatioClass
from risicokompas.engine.conventional import (
    PUBLISHED_SHARE_RANGE,
    ConventionalFigures,
    RequiredCapacity,
    conventional_figures,
)
from risicokompas.engine.present import RoundedAmount, round_amount_for_display
from risicokompas.engine.riskmap import RiskMap, risk_map
from risicokompas.organisations.models import Organisation
from risicokompas.reports.figures import ShownRequirement, shown_required
from risicokompas.risks.models import Risk
from risicokompas.risks.profile import RegisterProfile, register_profile
from risicokompas.risks.simulation import CACHE_PREFIX, simulate_register

TOP_DRIVERS = 10
CHART_SECONDS = 24 * 60 * 60
#: Warn early when the ratio is within the norm but less than this fraction above its minimum.
EARLY_WARNING_MARGIN = 0.10


class RiskRow(NamedTuple):
    """One open risk as the dashboard reads it: its estimate, links, review and discussion dates.

    A row of ``values_list``, not a model instance: at 2.000 risks building ``Risk`` instances (and loading
    the texts, JSON columns and timestamps the page never shows) took 35 of the 60 ms of a page whose
    simulation was in the cache. It reads as a ``Risk`` where the page, the engine's input
    (``risks.profile.EstimatedRisk``) and ``not_discussed`` read one.
    """

    pk: int
    code: str
    name: str
    programme: str
    probability: Decimal | None
    shape: str
    impact_min: Decimal | None
    impact_mode: Decimal | None
    impact_max: Decimal | None
    nature: str
    years: int | None
    group: str
    excluded: bool
    status: str
    review_date: datetime.date | None
    last_discussed_on: datetime.date | None

    @property
    def is_quantified(self) -> bool:
        return self.probability is not None and self.impact_max is not None


#: The columns of ``RiskRow``, in its order.
DASHBOARD_FIELDS = RiskRow._fields


def open_risk_rows(organisation: Organisation) -> list[RiskRow]:
    """The organisation's open risks, ordered by code."""
    rows = organisation.risks.filter(status=Risk.Status.OPEN).order_by().values_list(*DASHBOARD_FIELDS)
    return sorted(map(RiskRow._make, rows), key=lambda r: r.code)


#: Per organisation (the most recent few): the rows and settings of its last register profile, and that
#: profile. A page whose register did not change reuses it and its canonical JSON (the input hash), which at
#: 2.000 risks is 30 ms of work; rows are compared whole, so any change to a risk or setting misses.
_PROFILES: OrderedDict[int, tuple[tuple, RegisterProfile[RiskRow]]] = OrderedDict()
_PROFILES_KEPT = 32
_PROFILES_LOCK = threading.Lock()


def dashboard_register(organisation: Organisation, rows: list[RiskRow]) -> RegisterProfile[RiskRow]:
    """``register_profile`` of the rows, reused while neither they nor the organisation's shape and
    structural years changed."""
    inputs = (organisation.default_shape, organisation.structural_years, tuple(rows))
    with _PROFILES_LOCK:
        known = _PROFILES.get(organisation.pk)
    if known is not None and known[0] == inputs:
        return known[1]
    register = register_profile(organisation, rows)
    with _PROFILES_LOCK:
        _PROFILES[organisation.pk] = (inputs, register)
        _PROFILES.move_to_end(organisation.pk)
        while len(_PROFILES) > _PROFILES_KEPT:
            _PROFILES.popitem(last=False)
    return register


PROBABILITY_CLASS_LABELS = {1: "≤ 10%", 2: "10–30%", 3: "30–50%", 4: "50–70%", 5: "> 70%"}


CHART_KINDS = ("overschrijding", "bijdragen")
#: Per organisation: the cache key of the result its dashboard showed last (what its charts draw).
LATEST_PREFIX = "risicokompas:dashboard-charts:"


def charts_for(key: str, result: SimulationResult) -> tuple[str, str]:
    """(exceedance SVG, drivers SVG) of a simulation result, drawn once per input hash (``key``)."""
    drawn = cache.get(key + ":charts")
    if drawn is None:
        drawn = (charts.exceedance_svg(result), charts.drivers_svg(result.drivers, TOP_DRIVERS))
        cache.set(key + ":charts", drawn, CHART_SECONDS)
    return drawn


def charts_for_organisation(organisation: Organisation) -> tuple[str, str]:
    """The charts of the result the organisation's dashboard showed last, or of its register now.

    The key is looked up per organisation, never taken from the request, so a chart address shows no other
    organisation's figures. When the cache no longer holds the result the register is simulated again.
    """
    key = cache.get(f"{LATEST_PREFIX}{organisation.pk}")
    result = cache.get(key) if key else None
    if result is None:
        simulation = simulate_register(organisation)
        key, result = simulation.key, simulation.result
    return charts_for(key, result)


@dataclass(frozen=True)
class DriverRow:
    rank: int
    risk: RiskRow | None  # None only if the register changed between the simulation and the lookup
    code: str
    name: str
    contribution: float
    share: float
    marginal: float
    expected: float
    influence: float | None = None  # kans × maximum as a share of Σ kans × maximum (how NARIS reads it)


@dataclass(frozen=True)
class ProgrammeGroup:
    programme: str
    risks: tuple[RiskRow, ...]


@dataclass(frozen=True)
class QuantileRow:
    level: float
    rounded: RoundedAmount
    lower: float
    upper: float
    is_certainty: bool


@dataclass(frozen=True)
class Dashboard:
    organisation: Organisation
    open_count: int
    register: RegisterProfile[RiskRow]
    result: SimulationResult
    chart_key: str  # the result's cache key (input hash): the chart addresses carry it, so a browser
    # never shows the charts of an earlier register
    available: float  # capacity items (year t) + the computed onbenutte belastingcapaciteit when counted
    available_items: float
    tax_capacity: TaxCapacityUse
    capacity_pm: tuple[str, ...]  # capacity items whose amount is not known yet (PM): not in ``available``
    required: RoundedAmount  # the simulated quantile only
    official: (
        RequiredCapacity  # the organisation's method: the figure the ratio uses, the simulation beside it
    )
    required_margin: RoundedAmount
    separate_required: float  # Σ separately computed risk groups (grondexploitaties, garanties…)
    required_total: float  # official figure + separate_required: the ratio's denominator
    ratio: float | None
    ratio_class: RatioClass | RatioBand | None  # RatioBand: the organisation's own scale
    norm: NormCheck
    conventional: ConventionalFigures
    riskmap: RiskMap
    drivers: tuple[DriverRow, ...]
    overdue: tuple[RiskRow, ...]
    unquantified_by_programme: tuple[ProgrammeGroup, ...]
    open_risks: tuple[RiskRow, ...] = ()  # ordered by code: what ``not_discussed`` reads without a new query

    @property
    def is_empty(self) -> bool:
        """No open risks at all: the page shows an empty state instead of zeros."""
        return self.open_count == 0

    @property
    def has_simulation(self) -> bool:
        return self.result.active_count > 0

    @property
    def unquantified_count(self) -> int:
        return len(self.register.unquantified)

    @property
    def exceedance_points(self) -> tuple[charts.ExceedancePoint, ...]:
        return charts.exceedance_points(self.result)

    @property
    def uses_simulation(self) -> bool:
        """The organisation's nota prescribes the simulation (else a conventional sum is the figure)."""
        return self.official.method.is_simulation

    @property
    def shown_requirement(self) -> ShownRequirement:
        """The required capacity by the one rule the snapshot page and the paragraph use too
        (``reports.figures.shown_required``)."""
        q = self.result.quantile(self.result.certainty)
        official = None if self.uses_simulation else self.official.value
        return shown_required(
            self.result.required_capacity,
            q.lower,
            q.upper,
            official=official,
            separate=self.separate_required,
        )

    @property
    def official_shown(self) -> float:
        """The required capacity as the page shows it: rounded to what the simulation supports, or the
        prescribed sum to the euro (a deterministic sum has no uncertainty to round away)."""
        return self.shown_requirement.official.value

    @property
    def required_total_shown(self) -> float:
        """The shown figure plus the separately computed groups, as the paragraph prints it."""
        return self.shown_requirement.total.value

    @property
    def published_share_range(self) -> tuple[float, float]:
        return PUBLISHED_SHARE_RANGE

    @property
    def below_norm(self) -> bool:
        return self.norm.status is NormStatus.BELOW

    @property
    def near_norm(self) -> bool:
        """Within the norm, but close enough to its minimum to deserve an early warning."""
        norm = self.norm
        return (
            norm.status is NormStatus.WITHIN
            and norm.minimum is not None
            and self.ratio is not None
            and self.ratio < norm.minimum * (1 + EARLY_WARNING_MARGIN)
        )

    @property
    def quantile_rows(self) -> tuple[QuantileRow, ...]:
        return tuple(
            QuantileRow(
                q.level,
                round_amount_for_display(q.value, q.relative_uncertainty),
                q.lower,
                q.upper,
                q.level == self.result.certainty,
            )
            for q in self.result.quantiles
        )

    @property
    def riskmap_columns(self) -> tuple[tuple[int, float | None, float | None], ...]:
        """(gevolgklasse, lower bound, upper bound) in euros for the column headers; None = open."""
        bounds = (None, *self.riskmap.bands.upper_bounds, None)
        return tuple((g, bounds[g - 1], bounds[g]) for g in range(1, 6))

    @property
    def riskmap_rows(self) -> tuple[tuple[int, str, tuple], ...]:
        """(kansklasse, its range, its cells) from kansklasse 5 at the top down to 1."""
        return tuple(
            (row[0].kansklasse, PROBABILITY_CLASS_LABELS[row[0].kansklasse], row)
            for row in self.riskmap.rows()
        )


def build_dashboard(organisation: Organisation, today: datetime.date | None = None) -> Dashboard:
    """Everything the dashboard shows for the organisation's current register."""
    today = today or timezone.localdate()
    open_risks = open_risk_rows(organisation)
    simulation = simulate_register(organisation, register=dashboard_register(organisation, open_risks))
    register, result, standing = simulation.register, simulation.result, simulation.standing
    cache.set(f"{LATEST_PREFIX}{organisation.pk}", simulation.key, CHART_SECONDS)
    by_code = {risk.code: risk for risk in open_risks}
    required_quantile = result.quantile(result.certainty)
    margin = (required_quantile.upper - required_quantile.lower) / 2
    return Dashboard(
        organisation=organisation,
        open_count=len(open_risks),
        register=register,
        result=result,
        chart_key=simulation.key.removeprefix(CACHE_PREFIX),
        available=simulation.available,
        available_items=simulation.available_items,
        tax_capacity=tax_capacity_use(organisation),
        capacity_pm=pm_capacity_items(organisation),
        required=round_amount_for_display(result.required_capacity, required_quantile.relative_uncertainty),
        required_margin=round_amount_for_display(margin, 1.0),
        official=simulation.required,
        separate_required=simulation.separate_required,
        required_total=standing.total_required,
        ratio=standing.ratio,
        ratio_class=standing.ratio_class,
        norm=standing.norm,
        conventional=conventional_figures(register.profile, result.required_capacity),
        riskmap=register_risk_map(organisation, register, by_code),
        drivers=tuple(
            DriverRow(
                rank,
                by_code.get(d.risk_id),
                d.risk_id,
                d.name,
                d.contribution,
                d.share,
                d.marginal,
                d.expected,
                d.influence,
            )
            for rank, d in enumerate(result.top_drivers(TOP_DRIVERS), start=1)
        ),
        overdue=tuple(
            sorted(
                (r for r in open_risks if r.review_date is not None and r.review_date < today),
                key=lambda r: (r.review_date, r.code),
            )
        ),
        unquantified_by_programme=group_by_programme(register.unquantified),
        open_risks=tuple(open_risks),
    )


def register_risk_map(
    organisation: Organisation, register: RegisterProfile[RiskRow], by_code: dict[str, RiskRow]
) -> RiskMap:
    """The risicokaart of the counted risks: kans from the register, gevolg = the maximum amount.

    A risk is placed by ``probability_class(kans)`` and ``impact_class(maximaal gevolg, bands)``, the
    same classes the register list filters on. Unquantified and invalid risks have no place on the map;
    the dashboard lists them separately.
    """
    counted = (by_code[risk.id] for risk in register.profile.risks)
    items = (
        (risk.code, float(risk.probability), float(risk.impact_max))
        for risk in counted
        if risk.probability is not None and risk.impact_max is not None  # always: counted means quantified
    )
    return risk_map(items, organisation.bands)


def group_by_programme(risks: tuple[RiskRow, ...]) -> tuple[ProgrammeGroup, ...]:
    """Risks grouped by programme (alphabetically; risks without a programme last)."""
    ordered = sorted(risks, key=lambda r: (r.programme == "", r.programme.lower(), r.code))
    return tuple(
        ProgrammeGroup(programme, tuple(group))
        for programme, group in groupby(ordered, key=lambda r: r.programme)
    )


@dataclass(frozen=True)
class NotDiscussed:
    """Open risks not discussed in a risk conversation during the last 12 months, and their weight."""

    count: int
    rows: tuple[DriverRow, ...]  # counted risks among them, largest contribution first
    others: tuple[RiskRow, ...]  # not counted in the simulation (unquantified, excluded)
    contribution: float
    share: float | None  # Σ their Euler contributions / the simulated quantile


def not_discussed(
    dash: Dashboard, today: datetime.date | None = None, limit: int = TOP_DRIVERS
) -> NotDiscussed:
    """Which open risks no conversation discussed in the past 365 days, and the share of the required
    capacity they carry (their Euler contributions add up to part of the quantile)."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=365)
    risks = dash.open_risks
    stale = [r for r in risks if r.last_discussed_on is None or r.last_discussed_on < since]
    by_code = {r.code: r for r in stale}
    drivers = sorted((d for d in dash.result.drivers if d.risk_id in by_code), key=lambda d: -d.contribution)
    total = sum(d.contribution for d in drivers)
    required = dash.result.required_capacity
    counted = {d.risk_id for d in drivers}
    return NotDiscussed(
        count=len(stale),
        rows=tuple(
            DriverRow(
                rank, by_code[d.risk_id], d.risk_id, d.name, d.contribution, d.share, d.marginal, d.expected
            )
            for rank, d in enumerate(drivers[:limit], start=1)
        ),
        others=tuple(r for r in stale if r.code not in counted),
        contribution=total,
        share=total / required if required > 0 else None,
    )
