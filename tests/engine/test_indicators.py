# SPDX-License-Identifier: EUPL-1.2
"""BBV kengetallen: formulas against hand-computed cases, missing inputs and signal categories."""

import math

import pytest

from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.indicators import (
    DEFAULT_THRESHOLDS,
    Indicator,
    IndicatorInputs,
    SignalCategory,
    SignalThresholds,
    YearKind,
    compute_indicators,
    compute_series,
    signal_category,
)

H = 120_000_000  # totale baten exclusief mutaties reserves


def full_inputs(**changes):
    """A complete, plausible year; keyword arguments replace single amounts."""
    amounts = dict(
        long_term_debt=80_000_000,  # A
        net_floating_debt=10_000_000,  # B
        accrued_liabilities=5_000_000,  # C
        long_term_investments=3_000_000,  # D (1a)
        loans_granted=12_000_000,  # added to D in 1b
        short_term_investments=1_000_000,  # E
        cash=500_000,  # F
        accrued_assets=4_500_000,  # G
        total_revenue=H,  # H
        equity=45_000_000,
        balance_sheet_total=150_000_000,
        land_not_in_development=2_000_000,
        land_in_development=10_000_000,
        structural_revenue=118_000_000,
        structural_expenses=117_000_000,
        structural_reserve_withdrawals=2_000_000,
        structural_reserve_additions=1_400_000,
        property_tax=350,
        sewage_charge=220,
        waste_charge=310,
        tax_discount=80,
        national_average_housing_costs=860,
    )
    amounts.update(changes)
    return IndicatorInputs(**amounts)


# --- formulas --------------------------------------------------------------------------------------------


def test_net_debt_ratio_formula():
    # (A + B + C − D − E − F − G) / H
    # = (80 + 10 + 5 − 3 − 1 − 0,5 − 4,5) mln / 120 mln = 86 / 120 = 0,71667
    result = compute_indicators(full_inputs()).net_debt_ratio
    assert result.value == pytest.approx(86 / 120)
    assert result.reason is None


def test_corrected_net_debt_ratio_also_subtracts_all_loans_granted():
    # D = 3 mln uitzettingen + 12 mln verstrekte leningen: (95 − 15 − 1 − 0,5 − 4,5) / 120 = 74 / 120
    result = compute_indicators(full_inputs()).net_debt_ratio_corrected
    assert result.value == pytest.approx(74 / 120)


def test_corrected_net_debt_ratio_equals_plain_one_without_loans():
    indicators = compute_indicators(full_inputs(loans_granted=0))
    assert indicators.net_debt_ratio_corrected.value == indicators.net_debt_ratio.value


def test_net_debt_ratio_can_be_negative():
    # more financial assets than debts: (1 + 0 + 0 − 0 − 0 − 7 − 0) / 10 = −0,6
    inputs = full_inputs(
        long_term_debt=1,
        net_floating_debt=0,
        accrued_liabilities=0,
        long_term_investments=0,
        short_term_investments=0,
        cash=7,
        accrued_assets=0,
        total_revenue=10,
    )
    assert compute_indicators(inputs).net_debt_ratio.value == pytest.approx(-0.6)


def test_solvency_ratio_formula():
    # eigen vermogen / balanstotaal = 45 / 150 = 0,30
    assert compute_indicators(full_inputs()).solvency_ratio.value == pytest.approx(0.30)


def test_negative_equity_gives_negative_solvency():
    # −15 / 150 = −0,10
    result = compute_indicators(full_inputs(equity=-15_000_000)).solvency_ratio
    assert result.value == pytest.approx(-0.10)


def test_land_development_formula():
    # (niet in exploitatie 2 mln + in exploitatie 10 mln) / 120 mln = 0,10
    assert compute_indicators(full_inputs()).land_development.value == pytest.approx(0.10)


def test_structural_margin_formula():
    # ((118 − 117) + (2 − 1,4)) / 120 = 1,6 / 120 = 0,013333
    assert compute_indicators(full_inputs()).structural_margin.value == pytest.approx(1.6 / 120)


def test_structural_margin_with_deficit():
    # ((118 − 119) + (0 − 0,2)) / 120 = −1,2 / 120 = −0,01
    inputs = full_inputs(
        structural_expenses=119_000_000,
        structural_reserve_withdrawals=0,
        structural_reserve_additions=200_000,
    )
    assert compute_indicators(inputs).structural_margin.value == pytest.approx(-0.01)


def test_tax_capacity_formula():
    # (OZB 350 + riool 220 + afval 310 − korting 80) / landelijk gemiddeld 860 = 800 / 860 = 0,930233
    assert compute_indicators(full_inputs()).tax_capacity.value == pytest.approx(800 / 860)


def test_balanced_structural_budget_in_cents_is_exactly_zero():
    # 100,10 − 100,00 + 0 − 0,10 is 0 in decimals (in binary floats it would be about 1e-14)
    inputs = full_inputs(
        structural_revenue=100.10,
        structural_expenses=100.00,
        structural_reserve_withdrawals=0,
        structural_reserve_additions=0.10,
    )
    result = compute_indicators(inputs).structural_margin
    assert result.value == 0.0
    assert signal_category(Indicator.STRUCTURAL_MARGIN, result.value) is SignalCategory.B


def test_exact_ninety_percent_from_amounts_is_b():
    # (90 + 0 + 0 − 0 ...) / 100 = 0,90 exactly → B
    inputs = full_inputs(
        long_term_debt=90,
        net_floating_debt=0,
        accrued_liabilities=0,
        long_term_investments=0,
        short_term_investments=0,
        cash=0,
        accrued_assets=0,
        total_revenue=100,
    )
    value = compute_indicators(inputs).net_debt_ratio.value
    assert value == 0.90
    assert signal_category(Indicator.NET_DEBT, value) is SignalCategory.B


def test_indicators_are_iterated_in_bbv_order_with_dutch_labels():
    labels = [item.label for item in compute_indicators(full_inputs())]
    assert labels == [
        "Netto schuldquote",
        "Netto schuldquote gecorrigeerd voor alle verstrekte leningen",
        "Solvabiliteitsratio",
        "Grondexploitatie",
        "Structurele exploitatieruimte",
        "Belastingcapaciteit",
    ]


def test_indicators_can_be_looked_up_by_name():
    indicators = compute_indicators(full_inputs())
    assert indicators["solvency_ratio"].value == pytest.approx(0.30)
    assert indicators[Indicator.LAND_DEVELOPMENT] is indicators.land_development


# --- missing inputs and zero denominators ----------------------------------------------------------------


def test_no_inputs_at_all_gives_no_kengetallen_and_no_crash():
    indicators = compute_indicators(IndicatorInputs())
    assert all(item.value is None for item in indicators)
    assert all(item.reason.startswith("Niet te berekenen: ontbreekt:") for item in indicators)


def test_missing_input_is_named_in_the_reason():
    result = compute_indicators(full_inputs(cash=None)).net_debt_ratio
    assert result.value is None
    assert result.reason == "Niet te berekenen: ontbreekt: liquide middelen (F)."


def test_missing_input_only_affects_the_kengetallen_that_need_it():
    indicators = compute_indicators(full_inputs(equity=None))
    assert indicators.solvency_ratio.value is None
    assert indicators.net_debt_ratio.value == pytest.approx(86 / 120)
    assert indicators.tax_capacity.value == pytest.approx(800 / 860)


def test_missing_loans_granted_leaves_only_the_corrected_ratio_empty():
    indicators = compute_indicators(full_inputs(loans_granted=None))
    assert indicators.net_debt_ratio.value == pytest.approx(86 / 120)
    assert indicators.net_debt_ratio_corrected.value is None
    assert "verstrekte leningen" in indicators.net_debt_ratio_corrected.reason


def test_zero_total_revenue_gives_none_with_a_reason():
    indicators = compute_indicators(full_inputs(total_revenue=0))
    for item in (
        indicators.net_debt_ratio,
        indicators.net_debt_ratio_corrected,
        indicators.land_development,
        indicators.structural_margin,
    ):
        assert item.value is None
        assert item.reason == "Niet te berekenen: totale baten exclusief mutaties reserves (H) is 0."
    assert indicators.solvency_ratio.value == pytest.approx(0.30)


def test_zero_balance_sheet_total_gives_none_with_a_reason():
    result = compute_indicators(full_inputs(balance_sheet_total=0)).solvency_ratio
    assert result.value is None
    assert result.reason == "Niet te berekenen: balanstotaal is 0."


def test_zero_national_average_gives_none():
    result = compute_indicators(full_inputs(national_average_housing_costs=0)).tax_capacity
    assert result.value is None
    assert "landelijk gemiddelde woonlasten" in result.reason


# --- input validation ------------------------------------------------------------------------------------


def test_it_rejects_a_negative_amount_that_cannot_be_negative():
    with pytest.raises(EngineInputError) as info:
        IndicatorInputs(cash=-5)
    assert info.value.field == "cash"
    assert info.value.message == "liquide middelen (F): bedrag -5 mag niet negatief zijn"


def test_it_rejects_negative_total_revenue():
    with pytest.raises(EngineInputError, match="mag niet negatief zijn") as info:
        IndicatorInputs(total_revenue=-1.0)
    assert info.value.field == "total_revenue"


@pytest.mark.parametrize("bad", [math.nan, math.inf, "1000", True])
def test_it_rejects_what_is_not_an_amount(bad):
    with pytest.raises(EngineInputError, match=r"eigen vermogen: .* is geen geldig bedrag"):
        IndicatorInputs(equity=bad)


def test_land_book_values_may_be_negative():
    # (−3 mln + 0) / 120 mln = −0,025 → A
    inputs = full_inputs(land_not_in_development=0, land_in_development=-3_000_000)
    value = compute_indicators(inputs).land_development.value
    assert value == pytest.approx(-0.025)
    assert signal_category(Indicator.LAND_DEVELOPMENT, value) is SignalCategory.A


# --- signal categories: every boundary -------------------------------------------------------------------

EPS = 1e-9


@pytest.mark.parametrize("indicator", [Indicator.NET_DEBT, Indicator.NET_DEBT_CORRECTED])
@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.0, "A"), (0.90 - EPS, "A"), (0.90, "B"), (1.10, "B"), (1.30, "B"), (1.30 + EPS, "C"), (2.5, "C")],
)
def test_net_debt_categories(indicator, value, expected):
    assert signal_category(indicator, value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.80, "A"), (0.50 + EPS, "A"), (0.50, "B"), (0.35, "B"), (0.20, "B"), (0.20 - EPS, "C"), (-0.1, "C")],
)
def test_solvency_categories(value, expected):
    assert signal_category(Indicator.SOLVENCY, value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.0, "A"), (0.20 - EPS, "A"), (0.20, "B"), (0.30, "B"), (0.35, "B"), (0.35 + EPS, "C"), (0.9, "C")],
)
def test_land_development_categories(value, expected):
    assert signal_category(Indicator.LAND_DEVELOPMENT, value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(0.02, "A"), (EPS, "A"), (0.0, "B"), (-EPS, "C"), (-0.02, "C")]
)
def test_structural_margin_categories(value, expected):
    assert signal_category(Indicator.STRUCTURAL_MARGIN, value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.80, "A"), (0.95 - EPS, "A"), (0.95, "B"), (1.00, "B"), (1.05, "B"), (1.05 + EPS, "C"), (1.3, "C")],
)
def test_tax_capacity_categories(value, expected):
    assert signal_category(Indicator.TAX_CAPACITY, value) == expected


def test_category_is_a_signal_category_member():
    assert signal_category("solvency_ratio", 0.6) is SignalCategory.A


def test_missing_value_has_no_category():
    assert signal_category(Indicator.SOLVENCY, None) is None


def test_unknown_kengetal_is_rejected():
    with pytest.raises(EngineInputError, match="onbekend kengetal 'schuld'") as info:
        signal_category("schuld", 0.5)
    assert info.value.field == "kengetal"


def test_category_rejects_nan():
    with pytest.raises(EngineInputError, match="Solvabiliteitsratio: nan is geen geldige waarde"):
        signal_category(Indicator.SOLVENCY, math.nan)


def test_categories_of_a_year():
    # 0,717 → A; 0,617 → A; 0,30 → B; 0,10 → A; 0,0133 → A; 0,930 → A
    categories = compute_indicators(full_inputs()).categories()
    assert categories == {
        Indicator.NET_DEBT: "A",
        Indicator.NET_DEBT_CORRECTED: "A",
        Indicator.SOLVENCY: "B",
        Indicator.LAND_DEVELOPMENT: "A",
        Indicator.STRUCTURAL_MARGIN: "A",
        Indicator.TAX_CAPACITY: "A",
    }


def test_categories_of_missing_kengetallen_are_none():
    categories = compute_indicators(IndicatorInputs()).categories()
    assert set(categories.values()) == {None}


# --- overridable thresholds ------------------------------------------------------------------------------


def test_default_thresholds():
    assert DEFAULT_THRESHOLDS.net_debt == (0.90, 1.30)
    assert DEFAULT_THRESHOLDS.solvency == (0.20, 0.50)
    assert DEFAULT_THRESHOLDS.land_development == (0.20, 0.35)
    assert DEFAULT_THRESHOLDS.structural_margin == (0.0, 0.0)
    assert DEFAULT_THRESHOLDS.tax_capacity == (0.95, 1.05)


def test_organisation_can_override_thresholds():
    own = SignalThresholds(net_debt=(1.00, 1.50), structural_margin=(-0.01, 0.01))
    assert signal_category(Indicator.NET_DEBT, 0.95, own) is SignalCategory.A
    assert signal_category(Indicator.NET_DEBT_CORRECTED, 1.50, own) is SignalCategory.B
    assert signal_category(Indicator.NET_DEBT, 1.51, own) is SignalCategory.C
    assert signal_category(Indicator.STRUCTURAL_MARGIN, 0.005, own) is SignalCategory.B
    assert signal_category(Indicator.STRUCTURAL_MARGIN, -0.02, own) is SignalCategory.C
    # untouched kengetallen keep the defaults
    assert signal_category(Indicator.SOLVENCY, 0.20, own) is SignalCategory.B


def test_overridden_thresholds_apply_to_a_whole_year():
    own = SignalThresholds(solvency=(0.35, 0.60))
    assert compute_indicators(full_inputs()).categories(own)[Indicator.SOLVENCY] is SignalCategory.C


def test_thresholds_reject_a_lower_bound_above_the_upper_bound():
    with pytest.raises(EngineInputError, match="solvency: de ondergrens is hoger dan de bovengrens") as info:
        SignalThresholds(solvency=(0.5, 0.2))
    assert info.value.field == "signaalgrenzen"


def test_thresholds_need_two_numbers():
    with pytest.raises(EngineInputError, match="geen ondergrens en bovengrens"):
        SignalThresholds(tax_capacity=(0.95,))


# --- multi-year series -----------------------------------------------------------------------------------


def test_series_over_realisation_budget_and_forecast_years():
    series = compute_series(
        2026,
        {
            2027: full_inputs(equity=30_000_000),  # 30 / 150 = 0,20
            2025: full_inputs(),  # 45 / 150 = 0,30
            2026: full_inputs(equity=None),
        },
    )
    assert series.years == (2025, 2026, 2027)
    assert [series.kind(year) for year in series.years] == [
        YearKind.REALISATION,
        YearKind.BUDGET,
        YearKind.FORECAST,
    ]
    row = series.row(Indicator.SOLVENCY)
    assert row[0].value == pytest.approx(0.30)
    assert row[1].value is None
    assert row[2].value == pytest.approx(0.20)


def test_year_kinds_have_dutch_names():
    assert [kind.value for kind in YearKind] == ["realisatie", "begroting", "meerjarenraming"]
