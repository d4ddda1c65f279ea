# SPDX-License-Identifier: EUPL-1.2
"""Dutch formatting and honest rounding."""

import datetime
import math

import pytest

from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.present import (
    format_date_nl,
    format_eur,
    format_number,
    format_percent,
    format_ratio,
    round_amount_for_display,
    round_significant,
)

# --- numbers and money -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (1234.5, 1, "1.234,5"),
        (1234567, 0, "1.234.567"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (0.5, 0, "1"),
        (2.5, 0, "3"),  # half away from zero, not banker's rounding
        (-2.5, 0, "-3"),
        (1.005, 2, "1,01"),  # as written, not the binary 1.00499…
        (-0.4, 0, "0"),  # no "-0"
        (-1234.56, 1, "-1.234,6"),
        (12, 2, "12,00"),
    ],
)
def test_format_number(x, decimals, expected):
    assert format_number(x, decimals) == expected


def test_format_eur_whole_euros():
    assert format_eur(1_234_567) == "€ 1.234.567"


def test_format_eur_negative_keeps_the_sign_after_the_symbol():
    assert format_eur(-1_234_567) == "€ -1.234.567"


def test_format_eur_with_cents():
    assert format_eur(1234.5, decimals=2) == "€ 1.234,50"


def test_format_eur_rounds_to_whole_euros_by_default():
    assert format_eur(2_808_016.5) == "€ 2.808.017"


def test_format_eur_uses_a_plain_space():
    assert format_eur(5)[1] == " "


def test_format_eur_of_zero_and_missing():
    assert format_eur(0) == "€ 0"
    assert format_eur(None) == "–"


def test_it_rejects_negative_decimals():
    with pytest.raises(EngineInputError, match="aantal decimalen") as info:
        format_eur(10, decimals=-1)
    assert info.value.field == "decimalen"


@pytest.mark.parametrize("bad", [math.nan, math.inf, "12", True])
def test_it_rejects_what_is_not_a_number(bad):
    with pytest.raises(EngineInputError, match="geen getal"):
        format_number(bad)


# --- ratios and percentages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("r", "expected"),
    [(1.45, "1,45"), (1.4537, "1,45"), (1.455, "1,46"), (2, "2,00"), (1.9999, "2,00"), (None, "–")],
)
def test_format_ratio_has_two_decimals(r, expected):
    assert format_ratio(r) == expected


@pytest.mark.parametrize(
    ("p", "decimals", "expected"),
    [
        (0.9, 0, "90%"),
        (0.125, 1, "12,5%"),
        (0.145, 0, "15%"),  # 14,5% rounds up, although 0.145 * 100 is 14.4999… in floats
        (1.3, 0, "130%"),
        (-0.023, 1, "-2,3%"),
        (0, 0, "0%"),
        (None, 0, "–"),
    ],
)
def test_format_percent(p, decimals, expected):
    assert format_percent(p, decimals) == expected


# --- round_significant -----------------------------------------------------------------------------------


def test_one_percent_uncertainty_rounds_to_ten_thousands():
    # 2.808.017 × 0,01 = 28.080 → 10**4 → 280,8017 → 281 → 2.810.000
    assert round_significant(2_808_017, 0.01) == 2_810_000


def test_one_tenth_percent_uncertainty_rounds_to_thousands():
    # 2.808.017 × 0,001 = 2.808 → 10**3 → 2.808,017 → 2.808 → 2.808.000
    assert round_significant(2_808_017, 0.001) == 2_808_000


def test_ten_percent_uncertainty_rounds_to_hundred_thousands():
    # 2.808.017 × 0,1 = 280.802 → 10**5 → 28,08 → 28 → 2.800.000
    assert round_significant(2_808_017, 0.1) == 2_800_000


def test_zero_uncertainty_keeps_the_amount():
    assert round_significant(2_808_017, 0) == 2_808_017


def test_negative_uncertainty_keeps_the_amount_in_whole_euros():
    assert round_significant(2_808_017.4, -0.05) == 2_808_017


def test_step_changes_exactly_where_the_uncertainty_reaches_a_power_of_ten():
    # 1.000.000 × 1% = 10.000 → step 10.000; 999.999 × 1% = 9.999,99 → step 1.000
    assert round_amount_for_display(1_000_000, 0.01).step == 10_000
    assert round_amount_for_display(999_999, 0.01).step == 1_000
    assert round_significant(999_999, 0.01) == 1_000_000  # 999,999 thousands → 1.000 thousands


def test_rounding_is_half_away_from_zero():
    # 2.805.000 at ±1% → step 10.000 → 280,5 → 281
    assert round_significant(2_805_000, 0.01) == 2_810_000
    assert round_significant(-2_805_000, 0.01) == -2_810_000


def test_small_amounts_are_never_rounded_below_whole_euros():
    # 50 × 1% = 0,5 → step would be 0,1; it stays one euro
    assert round_significant(50.4, 0.01) == 50


def test_zero_amount_stays_zero():
    assert round_significant(0, 0.05) == 0


def test_round_for_display_gives_value_step_and_text():
    rounded = round_amount_for_display(2_808_017, 0.01)
    assert rounded.value == 2_810_000
    assert rounded.step == 10_000
    assert rounded.text == "€ 2.810.000"
    assert str(rounded) == "€ 2.810.000"


def test_round_for_display_without_uncertainty():
    assert round_amount_for_display(2_808_017, 0).text == "€ 2.808.017"


def test_round_significant_rejects_nan_uncertainty():
    with pytest.raises(EngineInputError) as info:
        round_significant(1000, math.nan)
    assert info.value.field == "relatieve_onzekerheid"


# --- dates -----------------------------------------------------------------------------------------------


def test_format_date_nl():
    assert format_date_nl(datetime.date(2026, 11, 27)) == "27 november 2026"


def test_format_date_nl_every_month():
    months = [format_date_nl(datetime.date(2026, m, 1)).split()[1] for m in range(1, 13)]
    assert months == [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]


def test_format_date_nl_has_no_leading_zero_and_accepts_datetimes():
    assert format_date_nl(datetime.datetime(2027, 3, 1, 14, 30)) == "1 maart 2027"


def test_format_date_nl_rejects_a_string():
    with pytest.raises(EngineInputError, match="geen datum"):
        format_date_nl("2026-11-27")
