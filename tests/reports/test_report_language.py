# SPDX-License-Identifier: EUPL-1.2
"""The main text speaks the controller's language; the method's account stands in the appendix."""

from __future__ import annotations

import dataclasses

from risicokompas.engine.present import round_amount_for_display
from risicokompas.reports import compose
from risicokompas.reports.figures import shown_required
from risicokompas.reports.html import render_fragment

TOOL_WORDS = (
    "inhoudshash",
    "invoer-hash",
    "rooster van",
    "startwaarde",
    "rekenkern",
    "convolutie",
    "%-kwantiel",
)


def split(html: str) -> tuple[str, str]:
    main, appendix = html.split('id="rk-bijlage"', 1)
    return main, appendix


def test_tool_words_stand_only_in_the_appendix(paragraph):
    main, appendix = split(render_fragment(paragraph))
    for word in TOOL_WORDS:
        assert word not in main
    assert "inhoudshash" in appendix and "rooster van" in appendix
    assert "Bijlage. Verantwoording van de berekening" in appendix


def test_monte_carlo_seed_is_in_the_appendix_only(paragraph):
    sim = dataclasses.replace(paragraph.simulation, method="montecarlo", iterations=100_000, seed=7)
    main, appendix = split(render_fragment(dataclasses.replace(paragraph, simulation=sim)))
    assert "startwaarde" not in main and "startwaarde 7" in appendix


def test_the_required_capacity_is_rounded_by_the_dashboards_rule(paragraph):
    sim = paragraph.simulation
    q = sim.quantile(sim.certainty)
    simulated = round_amount_for_display(sim.required, (q.upper - q.lower) / 2 / sim.required)
    total = simulated.value + 250_001  # the separate group of 250.000,50, half away from zero
    shown = shown_required(sim.required, q.lower, q.upper, separate=sim.separate_total)
    assert shown.official == simulated and shown.total.value == total
    document = compose(paragraph)
    requirement, assessment = document.sections[3], document.sections[4]
    assert ("Benodigde weerstandscapaciteit", shown.total.text) in requirement.blocks[-1].items
    assert ("Benodigde weerstandscapaciteit", shown.total.text) in assessment.blocks[1].items
    assert f"/ {shown.total.text} = " in assessment.blocks[0].text


def test_a_prescribed_sum_is_shown_to_the_euro():
    shown = shown_required(2_808_017.0, 2_700_000.0, 2_900_000.0, official=1_234_567.4, separate=100_000.5)
    assert shown.official.text == "€ 1.234.567"
    assert shown.total.text == "€ 1.334.568"  # 1.234.567 + 100.001: the figures as printed add up
