# SPDX-License-Identifier: EUPL-1.2
"""Build ``ParagraphData`` from an engine result (CLI) or from a stored snapshot's JSON (web).

Both builders end in the same ``simulation_figures``, so the total requirement (simulated quantile plus
separately computed groups), the ratio on that total, its class and the norm verdict are derived by one
rule whatever the source. Nothing here reads a database or a file.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from risicokompas.engine.capacity import RatioScale, check_norm
from risicokompas.engine.conventional import CalculationMethod
from risicokompas.engine.indicators import (
    IndicatorInputs,
    Indicators,
    SignalThresholds,
    compute_indicators,
    compute_series,
)
from risicokompas.engine.model import Profile
from risicokompas.engine.result import SimulationResult
from risicokompas.engine.riskmap import DEFAULT_BANDS, DEFAULT_COLOURS, GevolgBands, ScoreColours, risk_map
from risicokompas.engine.standing import assess_standing
from risicokompas.reports.data import (
    Approval,
    CapacityRow,
    DriverRow,
    Kengetallen,
    KengetalLine,
    ParagraphData,
    QuantileRow,
    RiskMapData,
    SeparateRequirement,
    Simulation,
    TaxCapacity,
)


def simulation_figures(
    *,
    method: str,
    certainty: float,
    quantiles: Sequence[QuantileRow],
    mean: float | None,
    sum_max: float | None,
    exceedance: tuple[Sequence[float], Sequence[float]],
    drivers: Sequence[DriverRow],
    available: float | None,
    separate_total: float = 0.0,
    norm_min: float | None = None,
    norm_max: float | None = None,
    p_exceed_available: float | None = None,
    risk_count: int = 0,
    active_count: int = 0,
    iterations: int | None = None,
    seed: int | None = None,
    grid_size: int | None = None,
    calculation: CalculationMethod | None = None,
    official_required: float | None = None,
    scale: RatioScale | None = None,
) -> Simulation:
    """The simulation block with the derived figures.

    total required = quantile at ``certainty`` + Σ separate groups; ratio = available / total required
    (class and norm from the unrounded ratio). P(loss > capacity) compares the simulated loss with what
    is left for it: available − separate groups. ``p_exceed_available`` (the engine's own figure for
    exactly ``available``) is used when there are no separate groups, so the report agrees with
    ``risicokompas simulate``; otherwise the value is read off the exceedance curve.
    """
    rows = tuple(quantiles)
    required = next(q.value for q in rows if abs(q.level - certainty) < 1e-12)
    amounts, probabilities = (tuple(float(x) for x in seq) for seq in exceedance)
    calculation = calculation or CalculationMethod()
    if calculation.is_simulation:
        official_required = None  # the quantile is the figure
    official = required if official_required is None else official_required
    standing = None
    if available is not None:
        standing = assess_standing(available, official, separate_total, norm_min, norm_max, scale)
    total = official + separate_total
    ratio = standing.ratio if standing else None
    norm = standing.norm if standing else check_norm(None, norm_min, norm_max)
    p_exceed = None
    if available is not None:
        if separate_total == 0 and p_exceed_available is not None:
            p_exceed = p_exceed_available
        elif amounts:
            left = available - separate_total
            p_exceed = 1.0 if left < 0 else float(np.interp(left, amounts, probabilities, right=0.0))
    return Simulation(
        method=method,
        certainty=certainty,
        quantiles=rows,
        mean=mean,
        sum_max=sum_max,
        required=required,
        separate_total=separate_total,
        total_required=total,
        available=available,
        ratio=ratio,
        class_letter=standing.class_letter if standing else None,
        class_label=standing.class_label if standing else None,
        norm_min=norm_min,
        norm_max=norm_max,
        norm_message=norm.message,
        p_exceed=p_exceed,
        exceedance_amounts=amounts,
        exceedance_probabilities=probabilities,
        drivers=tuple(drivers),
        risk_count=risk_count,
        active_count=active_count,
        iterations=iterations,
        seed=seed,
        grid_size=grid_size,
        calculation=calculation.description,
        official_required=official_required,
        scale=scale,
    )


def risk_map_data(
    items: Iterable[tuple[str, float, float]],
    bands: GevolgBands = DEFAULT_BANDS,
    colours: ScoreColours = DEFAULT_COLOURS,
) -> RiskMapData:
    """Counts per cell of the risicokaart of (id, kans, maximaal gevolg), as the dashboard places them."""
    placed = risk_map(items, bands, colours)
    counts = tuple(tuple(placed.cell(k, g).count for g in range(1, 6)) for k in range(1, 6))
    return RiskMapData(counts, bands.upper_bounds, colours.green_max, colours.orange_max)


def kengetallen_from_inputs(
    year: int,
    inputs_by_year: Mapping[int, IndicatorInputs],
    thresholds: SignalThresholds | None = None,
    reading: str = "",
    kinds: Mapping[int, str] | None = None,
) -> Kengetallen:
    """The kengetallen table (years × six kengetallen, with signal category) from the BBV letters, one set of
    letters per year (the command line's figures); ``kinds`` optionally names each year's kind."""
    series = compute_series(year, inputs_by_year)
    columns = [(y, (kinds or {}).get(y, ""), series.by_year[y]) for y in series.years]
    return _kengetallen(columns, thresholds, reading, with_kinds=bool(kinds))


def kengetallen_from_rows(
    rows: Iterable[tuple[int, str, IndicatorInputs]],
    thresholds: SignalThresholds | None = None,
    reading: str = "",
) -> Kengetallen:
    """The kengetallen table from (year, kind of figures, BBV letters) rows: a year may come with several
    kinds (the begroting and the realisatie of the same year), each its own column, by year and then
    realisatie, begroting, meerjarenraming."""
    order = {"realisatie": 0, "begroting": 1, "meerjarenraming": 2}
    ordered = sorted(rows, key=lambda row: (row[0], order.get(row[1], len(order))))
    columns = [(y, kind, compute_indicators(inputs)) for y, kind, inputs in ordered]
    return _kengetallen(columns, thresholds, reading, with_kinds=True)


def _kengetallen(
    columns: Sequence[tuple[int, str, Indicators]],
    thresholds: SignalThresholds | None,
    reading: str,
    *,
    with_kinds: bool,
) -> Kengetallen:
    per_column = [values for _year, _kind, values in columns]
    categories = [values.categories(thresholds) for values in per_column]
    lines = []
    for index, first in enumerate(per_column[0] if per_column else ()):
        indicator = first.indicator
        lines.append(
            KengetalLine(
                label=first.label,
                values=tuple(list(values)[index].value for values in per_column),
                categories=tuple(None if (cat := c[indicator]) is None else cat.value for c in categories),
            )
        )
    return Kengetallen(
        years=tuple(year for year, _kind, _values in columns),
        lines=tuple(lines),
        reading=reading,
        kinds=tuple(kind for _year, kind, _values in columns) if with_kinds else (),
    )


def from_simulation(
    profile: Profile,
    result: SimulationResult,
    *,
    organisation: str,
    title: str,
    year: int,
    reference_date: datetime.date | None = None,
    organisation_kind: str = "gemeente",
    capacity_rows: Sequence[CapacityRow] = (),
    measures: Mapping[str, str] | None = None,
    default_shape: str = "uniform",
    policy_text: str = "",
    coherence_text: str = "",
    conclusions_text: str = "",
    tax_capacity: TaxCapacity | None = None,
    separate: Sequence[SeparateRequirement] = (),
    unquantified: Sequence[str] = (),
    kengetallen: Kengetallen | None = None,
    history: Sequence[tuple[str, float | None]] = (),
    awareness: Mapping[str, object] | None = None,
    approval: Approval | None = None,
    norm_min: float | None = None,
    norm_max: float | None = None,
    bands: GevolgBands = DEFAULT_BANDS,
    colours: ScoreColours = DEFAULT_COLOURS,
    content_hash: str = "",
) -> ParagraphData:
    """The paragraph of one simulated profile (the CLI's path).

    The available capacity is Σ ``capacity_rows`` in year t, or the result's capacity without rows.
    ``measures`` maps a risk id to its beheersmaatregelen (text), shown with the top 10.
    """
    measures = measures or {}
    available = sum(r.amount for r in capacity_rows) if capacity_rows else result.capacity
    separate_total = float(sum(s.amount for s in separate))
    drivers = [
        DriverRow(
            d.risk_id, d.name, d.contribution, d.share, d.marginal, d.expected, measures.get(d.risk_id, "")
        )
        for d in result.top_drivers(10)
    ]
    simulation = simulation_figures(
        method=result.method,
        certainty=result.certainty,
        quantiles=[
            QuantileRow(q.level, q.value, q.lower, q.upper, q.standard_error) for q in result.quantiles
        ],
        mean=result.mean,
        sum_max=result.sum_max,
        exceedance=(result.exceedance.amounts, result.exceedance.probabilities),
        drivers=drivers,
        available=available,
        separate_total=separate_total,
        norm_min=norm_min,
        norm_max=norm_max,
        p_exceed_available=result.p_exceed_capacity if result.capacity == available else None,
        risk_count=result.risk_count,
        active_count=result.active_count,
        iterations=result.iterations,
        seed=result.seed,
        grid_size=result.grid_size,
    )
    names = {r.id: r.name for r in profile.risks}
    return ParagraphData(
        organisation=organisation,
        organisation_kind=organisation_kind,
        title=title,
        year=year,
        reference_date=reference_date or datetime.date.today(),
        simulation=simulation,
        capacity_rows=tuple(capacity_rows),
        risk_map=risk_map_data(
            ((r.id, r.probability, r.impact.nominal_max) for r in profile.active), bands, colours
        ),
        default_shape=default_shape,
        structural_years=profile.structural_years,
        policy_text=policy_text,
        coherence_text=coherence_text,
        conclusions_text=conclusions_text,
        tax_capacity=tax_capacity,
        separate=tuple(separate),
        unquantified=tuple(unquantified),
        excluded=tuple(f"{i} {names.get(i, '')}".strip() for i in result.excluded_ids),
        kengetallen=kengetallen,
        history=tuple(history),
        awareness=awareness,
        approval=approval,
        content_hash=content_hash,
        input_hash=result.input_hash,
        engine_version=result.engine_version,
    )
