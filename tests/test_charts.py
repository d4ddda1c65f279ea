# SPDX-License-Identifier: EUPL-1.2
"""The SVG charts: accessible, Dutch, deterministic, and true to the result they draw."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from risicokompas import charts
from risicokompas.engine import Fixed, Profile, Risk, Settings, Uniform, simulate


@pytest.fixture(scope="module")
def result():
    risks = tuple(
        Risk(f"R{i:02d}", f"Risico {i}", 0.1 + (i % 8) / 10, Uniform(0, 100_000 * (1 + i % 7)))
        for i in range(20)
    )
    return simulate(Profile(risks=risks), Settings(certainty=0.9, capacity=2_500_000))


def _root(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_the_exceedance_chart_is_an_image_with_a_title_and_a_label_for_screen_readers(result):
    svg = charts.exceedance_svg(result)
    root = _root(svg)
    assert root.get("role") == "img"
    assert "Benodigde weerstandscapaciteit bij 90% zekerheid" in root.get("aria-label")
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "Overschrijdingskans van het verlies"
    assert not svg.startswith("<?xml")  # ready to inline in HTML


def test_the_exceedance_chart_names_required_and_available_capacity_in_dutch(result):
    svg = charts.exceedance_svg(result)
    label = _root(svg).get("aria-label")
    assert "Beschikbare weerstandscapaciteit: € 2.500.000" in label
    assert "benodigd (90%)" in svg
    assert "beschikbaar: € 2,5 mln" in svg
    assert "jaarlijks verlies (€)" in svg


def test_the_exceedance_chart_without_capacity_marks_only_the_required_capacity():
    res = simulate(Profile(risks=(Risk("R1", "Eén", 0.5, Fixed(1_000_000)),)), Settings(certainty=0.9))
    svg = charts.exceedance_svg(res)
    assert "benodigd (90%)" in svg
    assert "beschikbaar" not in svg


def test_a_chart_of_the_same_result_is_byte_identical(result):
    assert charts.exceedance_svg(result) == charts.exceedance_svg(result)
    assert charts.drivers_svg(result.drivers) == charts.drivers_svg(result.drivers)
    assert "<dc:date>" not in charts.exceedance_svg(result)


def test_different_charts_never_share_element_ids(result):
    ids_of = lambda svg: set(re.findall(r'\bid="([^"]+)"', svg))  # noqa: E731
    assert not ids_of(charts.exceedance_svg(result)) & ids_of(charts.drivers_svg(result.drivers))


def test_the_drivers_chart_shows_the_ten_largest_shares_with_dutch_percentages(result):
    svg = charts.drivers_svg(result.drivers)
    top = result.top_drivers(10)
    label = _root(svg).get("aria-label")
    for driver in top:
        assert f"{driver.risk_id} {driver.name}" in label
    smallest = min(result.drivers, key=lambda d: d.contribution)
    assert f"{smallest.risk_id} {smallest.name}:" not in label
    assert re.search(r"\d,\d%", svg)  # decimal comma


def test_charts_of_an_empty_profile_still_render():
    res = simulate(Profile(risks=()), Settings(certainty=0.9))
    assert _root(charts.exceedance_svg(res)).get("role") == "img"
    assert "geen risico's" in _root(charts.drivers_svg(res.drivers)).get("aria-label")


def test_the_table_equivalent_gives_the_exceedance_chance_of_each_quantile_and_the_capacity(result):
    points = charts.exceedance_points(result)
    assert [p.amount for p in points] == sorted(p.amount for p in points)
    ninety = next(p for p in points if p.label == "90%-kwantiel")
    assert ninety.amount == result.required_capacity
    assert ninety.probability == pytest.approx(0.10)
    capacity = next(p for p in points if p.label == "beschikbare weerstandscapaciteit")
    assert capacity.probability == pytest.approx(result.p_exceed_capacity, abs=0.01)


@pytest.mark.parametrize(
    ("amount", "text"),
    [(1_500_000, "€ 1,5 mln"), (2_000_000, "€ 2 mln"), (250_000, "€ 250.000"), (0, "€ 0")],
)
def test_axis_amounts_are_written_the_dutch_way(amount, text):
    assert charts.compact_eur(amount) == text


def test_the_benchmark_range_chart_draws_only_the_released_figures():
    from risicokompas.network.benchmark import summarise

    values = [1.52, 1.55, 1.61, 1.63, 1.84, 1.97]
    summary = summarise(values, 1.56, unit=0.1, style="number")
    groups = [(b.lower, b.upper, b.count, b.label) for b in summary.bins]
    quartiles = (summary.p25, summary.median, summary.p75)
    svg = charts.benchmark_range_svg(
        groups, quartiles, summary.display, 1.56, unit=0.1, title="Ratio", id_prefix="t"
    )
    ET.fromstring(svg)  # well-formed
    assert 'role="img"' in svg and "<title>Ratio</title>" in svg
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert any(t.startswith("25%") and t.endswith(summary.display(summary.p25)) for t in texts)
    assert f"75%: {summary.display(summary.p75)}" in texts and "uw organisatie" in texts
    # The scale carries no tick values: no other organisation's value (nor the own one) as bare text.
    for value in values:
        assert summary.display(value) not in texts
    assert svg == charts.benchmark_range_svg(
        groups, quartiles, summary.display, 1.56, unit=0.1, title="Ratio", id_prefix="t"
    )
