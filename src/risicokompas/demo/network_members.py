# SPDX-License-Identifier: EUPL-1.2
"""Five more fictional gemeenten for the demo learning network, so its benchmark has figures to show.

The benchmark shows nothing below five organisations (``network.benchmark.MIN_GROUP``). Each member here
has a small register taken from Voorbeeldrecht's, scaled to its size, a general reserve, the begroting
kengetallen of the budget year and an adopted begroting snapshot; all opt in to every benchmark indicator.
Everything is invented and derived deterministically from ``data/netwerk.toml`` (no randomness), so two
runs give the same network; that file also holds the network's name, meeting and story. Plain data:
``load_network_demo`` stores it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from risicokompas.demo.files import read_toml
from risicokompas.demo.register import DEMO_RISKS

NETWORK: dict[str, Any] = read_toml("netwerk.toml")


@dataclass(frozen=True)
class DemoMember:
    name: str
    username: str  # the member's controller (demo password)
    full_name: str
    function: str  # the controller's function
    unit: str  # the controller's team
    scale: float  # size relative to Voorbeeldrecht (45.000 inhabitants)
    reserve: int  # algemene reserve (€)
    every: int  # takes every n-th risk of Voorbeeldrecht's register
    offset: int  # starting at this one
    probability_shift: float  # added to each kans, then kept within 5–90%


MEMBERS: tuple[DemoMember, ...] = tuple(DemoMember(**member) for member in NETWORK["members"])


def _round(amount: float, step: int = 10_000) -> Decimal:
    return Decimal(max(step, round(amount / step) * step))


def member_risks(member: DemoMember) -> list[dict]:
    """The member's register: a selection of Voorbeeldrecht's quantified risks, amounts scaled to its size."""
    rows = [row for row in DEMO_RISKS if row.get("kans") is not None and row.get("gevolg_max") is not None]
    chosen = rows[member.offset :: member.every]
    risks = []
    for number, row in enumerate(chosen, start=1):
        probability = min(0.9, max(0.05, float(row["kans"]) + member.probability_shift))
        risks.append(
            {
                "code": f"R{number:02d}",
                "name": row["risico"],
                "programme": row["programma"],
                "probability": Decimal(str(round(probability, 2))),
                "impact_max": _round(float(row["gevolg_max"]) * member.scale),
            }
        )
    return risks
