# SPDX-License-Identifier: EUPL-1.2
"""The generated reading of the kengetallen: categories, trends and the relation between the groups."""

from risicokompas.engine.indicator_reading import indicator_reading
from risicokompas.engine.indicators import IndicatorInputs, SignalThresholds, compute_series

H = 100_000_000


def year(net_debt=0.8, solvency=0.3, land=0.1, margin=0.01, tax=0.9) -> IndicatorInputs:
    """A year whose kengetallen are exactly the given fractions."""
    return IndicatorInputs(
        long_term_debt=net_debt * H,
        net_floating_debt=0,
        accrued_liabilities=0,
        long_term_investments=0,
        short_term_investments=0,
        cash=0,
        accrued_assets=0,
        total_revenue=H,
        equity=solvency * 1_000,
        balance_sheet_total=1_000,
        land_not_in_development=0,
        land_in_development=land * H,
        structural_revenue=H + margin * H,
        structural_expenses=H,
        structural_reserve_withdrawals=0,
        structural_reserve_additions=0,
        property_tax=tax * 1_000,
        sewage_charge=0,
        waste_charge=0,
        tax_discount=0,
        national_average_housing_costs=1_000,
    )


def test_it_names_value_category_and_trend_for_the_budget_year():
    series = compute_series(
        2025, {2024: year(net_debt=0.95), 2025: year(net_debt=0.85), 2028: year(net_debt=0.7)}
    )
    text = indicator_reading(series)
    assert "Netto schuldquote: 85,0% (categorie A, minst risicovol)" in text
    assert "daalt van 95,0% in 2024 naar 70,0% in 2028 (een verbetering)" in text


def test_a_falling_solvency_is_a_deterioration():
    series = compute_series(2025, {2025: year(solvency=0.4), 2026: year(solvency=0.3)})
    assert "daalt van 40,0% in 2025 naar 30,0% in 2026 (een verslechtering)" in indicator_reading(series)


def test_a_weak_balance_with_a_healthy_exploitation_reads_as_such():
    series = compute_series(2025, {2025: year(net_debt=1.5, solvency=0.6, margin=0.02, tax=0.9)})
    text = indicator_reading(series)
    assert "Balans (2025): het beeld is kwetsbaar" in text
    assert "Exploitatie (2025): het beeld is sterk" in text
    assert "De balanspositie is kwetsbaar, maar de exploitatie is gezond" in text


def test_both_groups_weak():
    series = compute_series(2025, {2025: year(net_debt=1.5, margin=-0.01)})
    text = indicator_reading(series)
    assert "categorie C, meest risicovol" in text
    assert "Zowel de balans als de exploitatie" in text


def test_thresholds_change_the_categories_in_the_reading():
    series = compute_series(2025, {2025: year(net_debt=0.85)})
    text = indicator_reading(series, SignalThresholds(net_debt=(0.5, 0.8)))
    assert "Netto schuldquote: 85,0% (categorie C" in text


def test_a_missing_budget_year_asks_for_its_figures():
    series = compute_series(2025, {2024: year()})
    assert "geen kengetallen voor het begrotingsjaar 2025" in indicator_reading(series)


def test_missing_kengetallen_are_named_and_do_not_break_the_reading():
    series = compute_series(2025, {2025: IndicatorInputs(equity=30, balance_sheet_total=100)})
    text = indicator_reading(series)
    assert "Netto schuldquote: niet te berekenen voor 2025" in text
    assert "Exploitatie (2025): geen kengetallen bekend" in text
    assert "vraagt kengetallen van beide groepen" in text
