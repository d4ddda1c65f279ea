# SPDX-License-Identifier: EUPL-1.2
"""What moved the required capacity between two snapshots, and the ratio over all snapshots.

Attribution is sequential: starting from snapshot A's inputs, apply B's changes in a fixed order and
recompute the total requirement after each step:

1. closed or removed risks leave the profile;
2. the estimates of continuing risks become B's;
3. new risks are added;
4. policy choices become B's (certainty, default impact shape, structural years);
5. the separately computed groups become B's.

Each contribution is the difference between consecutive totals, so the contributions telescope to
B's total minus A's total. The differences are taken in Decimal on the totals as stored (A's and B's
ends are the snapshots' own stored totals), so the sum is exact, not just close. The order matters
(another order gives other contributions, the same total): it is fixed and stated on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from risicokompas.organisations.models import Organisation
from risicokompas.paragraph.freeze import canonical_hash, separate_total, simulate_inputs
from risicokompas.paragraph.models import Snapshot
from risicokompas.snapshot import SnapshotInputs, given

STEPS: tuple[tuple[str, str], ...] = (
    ("closed", "Gesloten of vervallen risico's"),
    ("estimates", "Gewijzigde schattingen van doorlopende risico's"),
    ("new", "Nieuwe risico's"),
    ("policy", "Gewijzigde uitgangspunten (zekerheid, standaardverdeling, structurele jaren)"),
    ("separate", "Apart berekende risicogroepen"),
)
POLICY_KEYS = ("certainty", "default_shape", "structural_years")


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    codes: tuple[str, ...]  # the risks this step touches (empty for policy and separate groups)
    contribution: Decimal
    total_after: Decimal


@dataclass(frozen=True)
class Comparison:
    a: Snapshot
    b: Snapshot
    steps: tuple[Step, ...]
    total_a: Decimal
    total_b: Decimal
    available_a: Decimal
    available_b: Decimal

    @property
    def total_change(self) -> Decimal:
        return self.total_b - self.total_a

    @property
    def capacity_change(self) -> Decimal:
        return self.available_b - self.available_a

    @property
    def ratio_a(self) -> float | None:
        return self.a.frozen_result.ratio

    @property
    def ratio_b(self) -> float | None:
        return self.b.frozen_result.ratio

    @property
    def ratio_change(self) -> float | None:
        if self.ratio_a is None or self.ratio_b is None:
            return None
        return self.ratio_b - self.ratio_a


def _exact(value: float) -> Decimal:
    """The float exactly as stored (its shortest repr), so differences telescope without rounding."""
    return Decimal(repr(float(value)))


def _numbers_key(inputs: SnapshotInputs) -> str:
    """A hash of what the requirement depends on, to skip recomputing a state that did not change."""
    policy = inputs.policy.to_dict()
    return canonical_hash(
        {
            "risks": [risk.to_dict() for risk in inputs.risks],
            "policy": {key: policy.get(key) for key in POLICY_KEYS},
            "separate": [str(s.amount) for s in inputs.separate_requirements],
        }
    )


def total_required(inputs: SnapshotInputs) -> Decimal:
    """Simulated quantile plus the separately computed groups, with the same float arithmetic as
    ``freeze.compute`` (so an unchanged state gives exactly the stored total)."""
    result = simulate_inputs(inputs, drivers=False)
    return _exact(result.required_capacity + float(separate_total(inputs)))


def compare(a: Snapshot, b: Snapshot) -> Comparison:
    """Attribute the change in total required capacity from ``a`` to ``b`` to the five steps."""
    a_inputs, b_inputs = a.frozen_inputs, b.frozen_inputs
    a_risks = {r.code: r for r in a_inputs.risks}
    b_risks = {r.code: r for r in b_inputs.risks}
    closed = tuple(code for code in a_risks if code not in b_risks)
    changed = tuple(code for code in a_risks if code in b_risks and a_risks[code] != b_risks[code])
    new = tuple(code for code in b_risks if code not in a_risks)

    states: list[tuple[str, tuple[str, ...], SnapshotInputs]] = []
    state = replace(a_inputs, risks=tuple(r for r in a_inputs.risks if r.code in b_risks))
    states.append(("closed", closed, state))
    state = replace(state, risks=tuple(b_risks[r.code] for r in state.risks))
    states.append(("estimates", changed, state))
    state = replace(state, risks=b_inputs.risks)
    states.append(("new", new, state))
    b_policy = b_inputs.policy
    policy = replace(state.policy, **{key: getattr(b_policy, key) for key in POLICY_KEYS})
    state = replace(state, organisation=policy)
    states.append(("policy", (), state))
    state = replace(state, separate_requirements=b_inputs.separate_requirements)
    states.append(("separate", (), state))

    a_result, b_result = a.frozen_result, b.frozen_result
    total_a = _exact(given(a_result.total_required, "result.total_required"))
    total_b = _exact(given(b_result.total_required, "result.total_required"))
    labels = dict(STEPS)
    previous_total, previous_key = total_a, _numbers_key(a_inputs)
    steps = []
    for index, (key, codes, inputs) in enumerate(states):
        numbers_key = _numbers_key(inputs)
        if index == len(states) - 1:
            after = total_b  # the end is B itself: its stored total
        elif numbers_key == previous_key:
            after = previous_total  # nothing changed in this step: exactly zero
        else:
            after = total_required(inputs)
        steps.append(Step(key, labels[key], codes, after - previous_total, after))
        previous_total, previous_key = after, numbers_key
    return Comparison(
        a=a,
        b=b,
        steps=tuple(steps),
        total_a=total_a,
        total_b=total_b,
        available_a=_exact(given(a_result.available_capacity, "result.available_capacity")),
        available_b=_exact(given(b_result.available_capacity, "result.available_capacity")),
    )


@dataclass(frozen=True)
class HistoryPoint:
    snapshot: Snapshot
    reference_date: object
    total_required: float | None  # None: an older snapshot that did not store it (shown as "–")
    available: float | None
    ratio: float | None
    ratio_class: str | None
    approved: bool


def ratio_history(organisation: Organisation) -> tuple[HistoryPoint, ...]:
    """Every snapshot of the organisation, oldest peildatum first (ties: oldest created first)."""
    snapshots = (
        Snapshot.objects.filter(organisation=organisation)
        .select_related("approval")
        .order_by("reference_date", "created_at", "pk")
    )
    points = []
    for snapshot in snapshots:
        result = snapshot.frozen_result
        points.append(
            HistoryPoint(
                snapshot=snapshot,
                reference_date=snapshot.reference_date,
                total_required=result.total_required,
                available=result.available_capacity,
                ratio=result.ratio,
                ratio_class=result.ratio_class,
                approved=hasattr(snapshot, "approval"),
            )
        )
    return tuple(points)
