# SPDX-License-Identifier: EUPL-1.2
"""Later years: a year without every amount is "niet geraamd", with no total, ratio or class."""

from __future__ import annotations

import dataclasses

import pytest

from risicokompas.engine.present import format_eur, format_ratio
from risicokompas.reports import compose
from risicokompas.reports.data import CapacityRow
from risicokompas.reports.html import render_fragment

ROWS = (
    CapacityRow(
        "Algemene reserve", "algemene reserve", "incidenteel", (2_500_000, 2_400_000, 2_300_000, None)
    ),
    CapacityRow("Post onvoorzien", "post onvoorzien", "structureel", (150_000, 150_000, None, None)),
    CapacityRow(
        "Onbenutte belastingcapaciteit (berekend)",
        "onbenutte belastingcapaciteit",
        "structureel",
        (400_000,) * 4,
        carried=True,
    ),
)


@pytest.fixture(scope="module")
def planned(paragraph):
    return dataclasses.replace(paragraph, capacity_rows=ROWS)


def table(document, key):
    return next(b for s in document.sections for b in s.blocks if getattr(b, "key", "") == key)


def test_only_years_with_an_estimate_are_shown_and_a_carried_row_adds_none(planned):
    assert planned.capacity_years == (2027, 2028, 2029)


def test_a_year_total_needs_every_component(planned):
    assert planned.capacity_total(1) == 2_400_000 + 150_000 + 400_000
    assert planned.capacity_total(2) is None
    assert planned.capacity_total(2, "incidenteel") == 2_300_000


def test_the_capacity_table_says_niet_geraamd_never_zero(planned):
    capacity = table(compose(planned), "capaciteit")
    onvoorzien = next(row for row in capacity.rows if row[0].text == "Post onvoorzien")
    assert [c.text for c in onvoorzien[2:]] == [format_eur(150_000), format_eur(150_000), "niet geraamd"]
    total = capacity.foot[-1]
    assert total[-1].text == "niet geraamd"
    assert all(c.text != format_eur(0) for row in (*capacity.rows, *capacity.foot) for c in row)


def test_a_ratio_and_class_only_for_a_year_with_both_sides(planned):
    rows = table(compose(planned), "meerjarig").rows
    required = planned.simulation.total_required  # the ratio uses the unrounded requirement
    assert rows[1][3].text == format_ratio((2_400_000 + 150_000 + 400_000) / required)
    assert rows[1][4].text != "–"
    assert [c.text for c in rows[2][1:]] == ["niet geraamd", rows[0][2].text, "–", "–"]


def test_the_text_says_what_the_later_years_assume(planned):
    html = " ".join(render_fragment(planned).split())
    assert (
        "Voor 2028–2029 is aangenomen dat de benodigde weerstandscapaciteit gelijk blijft aan die van 2027"
        in html
    )
    assert "onbenutte belastingcapaciteit (berekend) is voor die jaren gelijk gehouden aan 2027" in html
