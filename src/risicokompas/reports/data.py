# SPDX-License-Identifier: EUPL-1.2
"""Everything one paragraph weerstandsvermogen en risicobeheersing shows, as frozen plain data.

``ParagraphData`` holds numbers, not formatted text: the renderers (HTML, PDF, DOCX) format them through
``engine.present`` so the three formats show the same figures. It is built from an engine result (CLI,
see ``build.from_simulation``) or from a stored snapshot (web, see ``build.from_snapshot_dict``); it
never touches a database, so a report can be rendered anywhere.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from risicokompas.engine.capacity import RatioScale, year_total
from risicokompas.snapshot import ManagementRecord, YearAccount

#: How many years of capacity the paragraph shows: t, t+1, t+2, t+3.
CAPACITY_YEARS = 4


@dataclass(frozen=True)
class CapacityRow:
    """One component of the available weerstandscapaciteit, with its amount in t and (optionally) t+1..t+3."""

    name: str
    kind: str
    nature: str  # "incidenteel" or "structureel"
    amounts: tuple[float | None, ...]  # t, t+1, t+2, t+3; None = not estimated for that year
    explanation: str = ""
    #: The later years repeat year t by assumption (the computed onbenutte belastingcapaciteit): they do
    #: not make a year "geraamd" on their own, and the paragraph names the assumption.
    carried: bool = False
    #: The years (0 = t … 3 = t+3) whose amount is "PM": named but not known yet. Such a year shows "PM",
    #: is never counted (not € 0) and does not make the year's total "niet geraamd". A capacity item
    #: entered as PM on the web is PM in every year; a capacity file may say PM for one year only.
    pm_years: frozenset[int] = frozenset()

    @property
    def amount(self) -> float:
        """The amount in year t, the one the ratio uses (0 for a PM amount: not counted)."""
        return self.amounts[0] or 0.0

    def is_pm(self, offset: int = 0) -> bool:
        """Whether the amount of year t+offset is PM."""
        return offset in self.pm_years


@dataclass(frozen=True)
class TaxCapacityLine:
    """One part of the onbenutte belastingcapaciteit with the inputs it was computed from."""

    label: str
    inputs: str
    amount: float | None
    note: str = ""
    #: The components, formatted: the norm, the current tariff or revenue, and its base (WOZ, costs).
    norm: str = ""
    current: str = ""
    base: str = ""


@dataclass(frozen=True)
class TaxCapacity:
    lines: tuple[TaxCapacityLine, ...]
    total: float | None
    explanation: str = ""


@dataclass(frozen=True)
class SeparateRequirement:
    """A risk group computed outside the simulation (e.g. grondexploitaties), added to the requirement."""

    name: str
    kind: str
    amount: float
    explanation: str = ""


@dataclass(frozen=True)
class QuantileRow:
    level: float
    value: float
    lower: float
    upper: float
    standard_error: float | None = None


@dataclass(frozen=True)
class DriverRow:
    """A risk among the ten largest contributions to the required capacity, with its measures."""

    risk_id: str
    name: str
    contribution: float
    share: float
    marginal: float
    expected: float
    measures: str = ""


@dataclass(frozen=True)
class Simulation:
    """The engine's figures, plus what the paragraph derives from them (total requirement, ratio, norm)."""

    method: str  # "exact" or "montecarlo"
    certainty: float
    quantiles: tuple[QuantileRow, ...]
    mean: float | None  # None only for a hand-written snapshot result without it
    sum_max: float | None
    required: float  # the simulated quantile at ``certainty``
    separate_total: float
    total_required: float  # required + separate_total
    available: float | None
    ratio: float | None  # available / total_required, unrounded
    class_letter: str | None
    class_label: str | None
    norm_min: float | None
    norm_max: float | None
    norm_message: str
    p_exceed: float | None  # P(simulated loss > available − separate_total)
    exceedance_amounts: tuple[float, ...]
    exceedance_probabilities: tuple[float, ...]
    drivers: tuple[DriverRow, ...]
    risk_count: int
    active_count: int
    iterations: int | None = None
    seed: int | None = None
    grid_size: int | None = None
    #: The rekenmethode volgens de nota, e.g. "0,9 × Σ kans × maximum"; "simulatie" when the quantile is it.
    calculation: str = "simulatie"
    #: The prescribed figure when the nota prescribes a sum (then ``total_required`` = it + separate groups).
    official_required: float | None = None
    #: The organisation's own ratio scale as frozen; None: the NAR/Universiteit Twente table.
    scale: RatioScale | None = None

    @property
    def uses_simulation(self) -> bool:
        return self.official_required is None

    def quantile(self, level: float) -> QuantileRow:
        for row in self.quantiles:
            if abs(row.level - level) < 1e-12:
                return row
        raise KeyError(level)


@dataclass(frozen=True)
class RiskMapData:
    """Counts of the 5×5 risicokaart: ``counts[k - 1][g - 1]`` for kansklasse k and gevolgklasse g."""

    counts: tuple[tuple[int, ...], ...]
    bands: tuple[float, float, float, float] = (50_000, 200_000, 500_000, 1_000_000)
    green_max: int = 4
    orange_max: int = 12

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.counts)


@dataclass(frozen=True)
class KengetalLine:
    """One kengetal over the years of ``Kengetallen.years``: fractions and signal categories (A/B/C)."""

    label: str
    values: tuple[float | None, ...]
    categories: tuple[str | None, ...]


@dataclass(frozen=True)
class Kengetallen:
    years: tuple[int, ...]
    lines: tuple[KengetalLine, ...]
    reading: str = ""  # the controller's duiding of the kengetallen
    #: The kind of each year's figures ("realisatie", "begroting", "meerjarenraming"), as ``years``;
    #: empty when unknown (then the columns are the years as given).
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Approval:
    approved_by: str
    approved_on: datetime.date
    decision_reference: str
    content_hash: str


#: Dutch labels of the awareness facts that the paragraph knows; other keys are shown as written.
AWARENESS_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "register_changes": "Wijzigingen in het risicoregister",
        "risks_reviewed": "Risico's opnieuw beoordeeld",
        "measures_completed": "Beheersmaatregelen uitgevoerd",
        "conversations": "Risicogesprekken gevoerd",
        "signals_reported": "Signalen gemeld",
        "signals_handled": "Signalen afgehandeld",
        "deviations_discussed": "Afwijkingen van regels besproken",
        # Frozen with the snapshot (``snapshot.ManagementRecord.facts``):
        "premortems": "Pre-mortems gehouden",
        "discussed_share": "Deel van de benodigde capaciteit in de afgelopen twaalf maanden besproken",
        "signals_in_time": "Signalen op tijd beantwoord",
        "signals_to_register": "Signalen opgenomen in het risicoregister",
        "deviations_recorded": "Afwijkingen volgens de bedoeling vastgelegd",
        "precedents": "Precedenten vastgelegd",
        "rules_changed": "Regels aangepast na afwijkingen",
    }
)

#: The facts section 8 expects; those not given are named as "nog niet vastgelegd".
EXPECTED_AWARENESS: tuple[str, ...] = ("conversations", "signals_handled", "deviations_discussed")


@dataclass(frozen=True)
class ParagraphData:
    """All a paragraph shows, in the order of DESIGN §6. Texts are the controller's own (plain text)."""

    organisation: str
    organisation_kind: str
    title: str
    year: int
    reference_date: datetime.date
    simulation: Simulation
    capacity_rows: tuple[CapacityRow, ...]
    risk_map: RiskMapData
    default_shape: str = "uniform"
    structural_years: int = 1
    policy_text: str = ""
    coherence_text: str = ""  # beoordeling in samenhang
    conclusions_text: str = ""
    tax_capacity: TaxCapacity | None = None
    separate: tuple[SeparateRequirement, ...] = ()
    unquantified: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    kengetallen: Kengetallen | None = None
    history: tuple[tuple[str, float | None], ...] = ()
    awareness: Mapping[str, object] | None = None
    approval: Approval | None = None
    #: "begroting" or "jaarstukken" (``Snapshot.document``): which kengetallen columns the paragraph shows.
    edition: str = "begroting"
    #: What the organisation did in the period (frozen with the snapshot; None for the command line).
    records: ManagementRecord | None = None
    #: Jaarstukken: what happened in the year and what was expected of it.
    year_account: YearAccount | None = None
    #: Up to three short examples the controller chose for section 8.
    examples: tuple[str, ...] = ()
    content_hash: str = ""
    input_hash: str = ""
    engine_version: str = ""

    @property
    def capacity_years(self) -> tuple[int, ...]:
        """The years with at least one capacity amount: t always, t+1..t+3 where estimated (a row that
        only carries year t forward does not make a year estimated)."""
        years = [self.year]
        for offset in range(1, CAPACITY_YEARS):
            if any(
                len(r.amounts) > offset and r.amounts[offset] is not None
                for r in self.capacity_rows
                if not r.carried
            ):
                years.append(self.year + offset)
        return tuple(years)

    def capacity_total(self, offset: int = 0, nature: str | None = None) -> float | None:
        """Σ capacity in year t+offset (optionally of one nature); a PM amount is not counted.

        None ("niet geraamd") for a later year unless every row (of that nature) that is not PM in that
        year has an amount for it (``engine.capacity.year_total``).
        """
        rows = [r for r in self.capacity_rows if nature in (None, r.nature) and not r.is_pm(offset)]
        amounts = [r.amounts[offset] if len(r.amounts) > offset else None for r in rows]
        if offset and self.year + offset not in self.capacity_years:
            return None
        total = year_total(amounts, 0.0, later_year=offset > 0)
        return None if total is None else float(total)

    def pm_rows(self) -> tuple[CapacityRow, ...]:
        """The rows with a PM amount in a year the paragraph shows: listed, not counted."""
        shown = range(len(self.capacity_years))
        return tuple(r for r in self.capacity_rows if any(r.is_pm(offset) for offset in shown))

    @property
    def carried_rows(self) -> tuple[CapacityRow, ...]:
        return tuple(r for r in self.capacity_rows if r.carried)
