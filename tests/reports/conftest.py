# SPDX-License-Identifier: EUPL-1.2
"""A small paragraph with every optional part filled: approval, separate groups, kengetallen, history.

The plain helpers it uses are in ``tests/reports/fixtures.py``.
"""

from __future__ import annotations

import datetime

import pytest
from tests.reports.fixtures import CAPACITY_ROWS, indicator_inputs

from risicokompas.engine import Fixed, Profile, Risk, Settings, Uniform, simulate
from risicokompas.reports.build import from_simulation, kengetallen_from_inputs
from risicokompas.reports.data import (
    Approval,
    SeparateRequirement,
    TaxCapacity,
    TaxCapacityLine,
)


@pytest.fixture(scope="session")
def profile() -> Profile:
    return Profile(
        risks=(
            Risk("R1", "Jeugdzorg open einde", 0.5, Uniform(0, 1_500_000)),
            Risk("R2", "Grondexploitatie Stationsgebied", 0.3, Uniform(0, 2_000_000)),
            Risk("R3", "Cyberaanval", 0.1, Fixed(800_000)),
            Risk("R4", "Aansprakelijkheid wegen", 0.7, Uniform(0, 150_000), excluded=True),
        )
    )


@pytest.fixture(scope="session")
def result(profile):
    return simulate(profile, Settings(capacity=sum(r.amount for r in CAPACITY_ROWS)))


@pytest.fixture(scope="session")
def paragraph(profile, result):
    return from_simulation(
        profile,
        result,
        organisation="Gemeente Aadorp",
        title="Begroting 2027",
        year=2027,
        reference_date=datetime.date(2026, 9, 15),
        capacity_rows=CAPACITY_ROWS,
        measures={"R1": "Sturen op toegang via het wijkteam."},
        policy_text="De raad stelde de nota risicomanagement vast.\n\nDe norm is een ratio van 1,0.",
        coherence_text="De financiële positie is in samenhang voldoende.",
        conclusions_text="De weerstandscapaciteit volstaat.",
        tax_capacity=TaxCapacity(
            (
                TaxCapacityLine(
                    "OZB woningen", "(norm 0,1% − eigen tarief 0,08%) × WOZ € 1.000.000.000", 200_000
                ),
            ),
            200_000,
            "Niet meegeteld.",
        ),
        separate=(SeparateRequirement("Grondexploitaties", "grondexploitaties", 250_000.5, "Per complex"),),
        kengetallen=kengetallen_from_inputs(
            2027, {2026: indicator_inputs(100_000_000), 2027: indicator_inputs(110_000_000)}
        ),
        history=(("Begroting 2026", 1.234),),
        awareness={"register_changes": 42, "conversations": 3},
        approval=Approval(
            "wethouder Financiën", datetime.date(2026, 11, 5), "B&W 2026/123", "ab12cd34ef56" * 5
        ),
        norm_min=1.0,
        content_hash="ab12cd34ef56" * 5,
    )
