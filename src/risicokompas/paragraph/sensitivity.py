# SPDX-License-Identifier: EUPL-1.2
"""How much a snapshot's required capacity depends on method choices, and what-if on its inputs.

The sensitivity panel recomputes the frozen inputs under other reasonable assumptions: every risk
without its own shape at the maximum amount or uniform between 0 and the maximum; certainty 80, 90, 95
and 99%; correlation within named groups on (ρ = 0,5) or off. The correlation rows both use Monte Carlo
with the same seed and iterations, so their difference is the correlation and not the method.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from risicokompas.engine import Risk as EngineRisk
from risicokompas.engine import Settings
from risicokompas.engine.conventional import required_capacity
from risicokompas.engine.whatif import what_if as engine_what_if
from risicokompas.paragraph.freeze import (
    SNAPSHOT_SEED,
    Inputs,
    assessment,
    capacity_summary,
    frozen_profile,
    separate_total,
    simulate_inputs,
    standing,
)
from risicokompas.risks.simulation import simulate_cached
from risicokompas.snapshot import SnapshotInputs, SnapshotResult, given, inputs_of, result_of

CERTAINTIES = (0.80, 0.90, 0.95, 0.99)
GROUP_CORRELATION = 0.5
CORRELATION_ITERATIONS = 100_000


@dataclass(frozen=True)
class SensitivityRow:
    key: str
    assumption: str
    required: float | None  # total: simulated quantile + separately computed groups (None: not stored)
    ratio: float | None
    ratio_class: str | None
    is_frozen: bool = False


def _row(
    key: str, label: str, quantile: float, inputs: SnapshotInputs, *, is_frozen: bool = False
) -> SensitivityRow:
    separate = float(separate_total(inputs))
    available = float(given(capacity_summary(inputs).available, "capacity.available"))
    verdict = standing(available, quantile, separate, inputs.policy)
    return SensitivityRow(key, label, quantile + separate, verdict.ratio, verdict.class_letter, is_frozen)


def group_names(inputs: Inputs) -> tuple[str, ...]:
    return inputs_of(inputs).group_names()


def sensitivity(inputs: Inputs, result: SnapshotResult | Mapping) -> tuple[SensitivityRow, ...]:
    """The panel's rows; ``result`` is the snapshot's stored result (the "as frozen" row)."""
    inputs, result = inputs_of(inputs), result_of(result)
    certainty = float(given(inputs.policy.certainty, "inputs.organisation.certainty"))
    rows = [
        SensitivityRow(
            "frozen", "Zoals vastgelegd", result.total_required, result.ratio, result.ratio_class, True
        )
    ]
    for shape, label in (
        ("vast", "Gevolg vast op het maximum"),
        ("uniform", "Gevolg uniform tussen 0 en maximum"),
    ):
        quantile = simulate_inputs(inputs, default_shape=shape, drivers=False).required_capacity
        rows.append(_row(f"shape-{shape}", label, quantile, inputs))
    levels = simulate_inputs(inputs, drivers=False)
    for level in CERTAINTIES:
        label = f"Zekerheid {round(level * 100)}%"
        rows.append(_row(f"certainty-{round(level * 100)}", label, levels.quantile(level).value, inputs))
    groups = group_names(inputs)
    for on in (True, False):
        correlations = {g: GROUP_CORRELATION for g in groups} if on else None
        quantile = (
            simulate_inputs(
                inputs,
                correlations=correlations,
                method="montecarlo",
                iterations=CORRELATION_ITERATIONS,
                drivers=False,
            )
            .quantile(certainty)
            .value
        )
        label = "Correlatie binnen groepen aan (ρ = 0,5)" if on else "Correlatie binnen groepen uit"
        rows.append(_row("correlation-on" if on else "correlation-off", label, quantile, inputs))
    # Every method a nota may prescribe, each as its plain sum (the frozen row holds the organisation's own
    # method with its factor), so the panel shows what each would give for this register.
    profile = frozen_profile(inputs).profile
    sums = required_capacity(profile, levels.quantile(certainty).value).conventional
    for key, label, value in (
        ("method-simulation", f"Simulatie ({round(certainty * 100)}% zekerheid)", sums.simulated),
        ("method-kans-maal-maximum", "Σ kans × maximum", sums.probability_times_max),
        ("method-kans-maal-gemiddeld", "Σ kans × gemiddeld gevolg", sums.probability_times_mean),
        ("method-som-maxima", "Som van de maxima", sums.sum_max),
    ):
        rows.append(_row(key, label, value, inputs))
    return tuple(rows)


@dataclass(frozen=True)
class WhatIfOutcome:
    base_required: float
    variant_required: float
    base_available: float
    variant_available: float
    base: dict  # assessment(): ratio, class, class_label, norm
    variant: dict
    applied_measures: tuple[int, ...]
    removed: tuple[str, ...]

    @property
    def required_change(self) -> float:
        return self.variant_required - self.base_required


def what_if(
    inputs: Inputs,
    measures: Iterable[int] = (),
    remove: Iterable[str] = (),
    capacity_delta: Decimal | float = 0,
) -> WhatIfOutcome:
    """Apply planned measures (by id), remove risks (by code) and/or change the capacity.

    A measure sets the probability to ``probability_after`` (when given) and multiplies the impact by
    ``impact_factor`` (when given); several measures on one risk apply in turn. Measures on a removed
    or uncounted risk have no effect. The capacity never goes below zero.
    """
    inputs = inputs_of(inputs)
    profile = frozen_profile(inputs).profile
    counted = {r.id for r in profile.risks}
    remove = tuple(code for code in remove if code in counted)
    wanted = {int(m) for m in measures}
    changed: dict[str, EngineRisk] = {}
    applied: list[int] = []
    for row in inputs.risks:
        for measure in row.measures:
            if (
                measure.id is None
                or measure.id not in wanted
                or row.code not in counted
                or row.code in remove
            ):
                continue
            risk = changed.get(row.code, profile.get(row.code))
            after, factor = measure.probability_after, measure.impact_factor
            changed[row.code] = risk.with_measure(
                probability=None if after is None else float(after),
                impact_factor=1.0 if factor is None else float(factor),
            )
            applied.append(measure.id)
    base_available = float(given(capacity_summary(inputs).available, "capacity.available"))
    variant_available = max(base_available + float(capacity_delta), 0.0)
    settings = Settings(
        certainty=float(given(inputs.policy.certainty, "inputs.organisation.certainty")),
        capacity=base_available,
        seed=SNAPSHOT_SEED,
        drivers=False,
    )
    comparison = engine_what_if(
        profile,
        settings,
        remove=remove,
        replace_risks=changed.values(),
        capacity=variant_available,
        simulator=simulate_cached,
    )
    separate = float(separate_total(inputs))
    base_total = comparison.base.required_capacity + separate
    variant_total = comparison.variant.required_capacity + separate
    policy = inputs.policy
    return WhatIfOutcome(
        base_required=base_total,
        variant_required=variant_total,
        base_available=base_available,
        variant_available=variant_available,
        base=assessment(base_available, comparison.base.required_capacity, separate, policy),
        variant=assessment(variant_available, comparison.variant.required_capacity, separate, policy),
        applied_measures=tuple(applied),
        removed=remove,
    )


@dataclass(frozen=True)
class WhatIfStep:
    """One change of a what-if on its own: what it alone does to the required capacity and the ratio."""

    label: str
    required_change: float  # variant − base total requirement, this change alone
    available_change: float
    ratio: float | None  # the ratio with only this change


def what_if_steps(
    inputs: Inputs,
    measures: Iterable[int] = (),
    remove: Iterable[str] = (),
    capacity_delta: Decimal | float = 0,
    *,
    capacity_label: str = "Capaciteitspost gewijzigd",
) -> tuple[WhatIfStep, ...]:
    """Each change of ``what_if`` applied alone, in the order measures, removals, capacity, so a
    controller sees which change did what. (Together they need not add up: the required capacity is a
    quantile, not a sum.)"""
    inputs = inputs_of(inputs)
    described = {m.id: f"{r.code}: {m.description.strip()[:80]}" for r in inputs.risks for m in r.measures}
    names = {r.code: f"{r.code} {r.name}" for r in inputs.risks}
    changes: list[tuple[str, dict]] = [
        (f"Maatregel {described.get(m, m)}", {"measures": (m,)}) for m in measures
    ]
    changes += [(f"Weglaten: {names.get(code, code)}", {"remove": (code,)}) for code in remove]
    if capacity_delta:
        changes.append((capacity_label, {"capacity_delta": capacity_delta}))
    steps = []
    for label, change in changes:
        outcome = what_if(inputs, **change)
        if not (outcome.applied_measures or outcome.removed or "capacity_delta" in change):
            continue  # a measure on an uncounted risk changes nothing: not a step
        steps.append(
            WhatIfStep(
                label=label,
                required_change=outcome.required_change,
                available_change=outcome.variant_available - outcome.base_available,
                ratio=outcome.variant["ratio"],
            )
        )
    return tuple(steps)
