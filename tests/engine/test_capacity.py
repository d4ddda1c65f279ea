# SPDX-License-Identifier: EUPL-1.2
"""Ratio weerstandsvermogen: the ratio, its NAR class, the norm check and split ratios."""

import math

import pytest

from risicokompas.engine.capacity import (
    NormStatus,
    RatioClass,
    assess,
    capacity_ratio,
    check_norm,
    classify_ratio,
    split_ratios,
)
from risicokompas.engine.errors import EngineInputError

# --- capacity_ratio ---------------------------------------------------------------------------------


def test_ratio_is_available_divided_by_required():
    assert capacity_ratio(3_000_000, 2_000_000) == pytest.approx(1.5)


def test_ratio_of_zero_available_is_zero():
    assert capacity_ratio(0, 1_000_000) == 0.0


def test_ratio_is_undefined_when_nothing_is_required():
    assert capacity_ratio(5_000_000, 0) is None
    assert capacity_ratio(0, 0) is None


@pytest.mark.parametrize(("available", "required"), [(-1, 100), (100, -1)])
def test_it_rejects_negative_amounts(available, required):
    with pytest.raises(EngineInputError, match="mag niet negatief zijn"):
        capacity_ratio(available, required)


def test_negative_available_names_the_field():
    with pytest.raises(EngineInputError) as info:
        capacity_ratio(-5, 10)
    assert info.value.field == "beschikbare_capaciteit"


def test_negative_required_names_the_field():
    with pytest.raises(EngineInputError) as info:
        capacity_ratio(5, -10)
    assert info.value.field == "benodigde_capaciteit"


@pytest.mark.parametrize("bad", [math.nan, math.inf, "100", None, True])
def test_it_rejects_non_numbers(bad):
    with pytest.raises(EngineInputError, match="geen geldig getal"):
        capacity_ratio(bad, 100)


# --- classify_ratio: every boundary, on it and just beside it -------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (5.0, RatioClass.A),
        (2.0000001, RatioClass.A),
        (2.0, RatioClass.B),
        (1.9999999, RatioClass.B),
        (1.4000001, RatioClass.B),
        (1.4, RatioClass.B),
        (1.3999999, RatioClass.C),
        (1.0000001, RatioClass.C),
        (1.0, RatioClass.C),
        (0.9999999, RatioClass.D),
        (0.8, RatioClass.D),
        (0.7999999, RatioClass.E),
        (0.6, RatioClass.E),
        (0.5999999, RatioClass.F),
        (0.0, RatioClass.F),
    ],
)
def test_class_boundaries(ratio, expected):
    assert classify_ratio(ratio) is expected


def test_ratio_of_exactly_two_is_ruim_voldoende():
    assert classify_ratio(2.0).label == "ruim voldoende"


def test_ratio_just_above_two_is_uitstekend():
    assert classify_ratio(2.0000001).label == "uitstekend"


def test_ratio_of_exactly_one_is_voldoende():
    assert classify_ratio(1.0).label == "voldoende"


def test_ratio_of_exactly_one_point_four_is_ruim_voldoende():
    assert classify_ratio(1.4) is RatioClass.B


def test_ratio_computed_as_one_point_four_is_ruim_voldoende():
    # 1.400.000 / 1.000.000 must land on the same float as the bound 1,4.
    assert classify_ratio(capacity_ratio(1_400_000, 1_000_000)) is RatioClass.B


def test_class_uses_the_unrounded_ratio():
    # 1,3999 shows as "1,40" but is still C; 1,9999 shows as "2,00" but is B, not A.
    assert classify_ratio(1.3999) is RatioClass.C
    assert classify_ratio(1.9999) is RatioClass.B


def test_no_ratio_has_no_class():
    assert classify_ratio(None) is None


def test_classify_rejects_nan():
    with pytest.raises(EngineInputError, match="geen geldig getal"):
        classify_ratio(math.nan)


def test_classes_carry_letter_and_dutch_label():
    assert [(c.letter, c.label) for c in RatioClass] == [
        ("A", "uitstekend"),
        ("B", "ruim voldoende"),
        ("C", "voldoende"),
        ("D", "matig"),
        ("E", "onvoldoende"),
        ("F", "ruim onvoldoende"),
    ]


def test_class_bounds_are_the_nar_table():
    assert [(c.lower, c.upper) for c in RatioClass] == [
        (2.0, None),
        (1.4, 2.0),
        (1.0, 1.4),
        (0.8, 1.0),
        (0.6, 0.8),
        (None, 0.6),
    ]


def test_class_text_shows_letter_and_label():
    assert str(RatioClass.D) == "D (matig)"


# --- check_norm ------------------------------------------------------------------------------------------


def test_ratio_below_minimum_is_onder_norm():
    check = check_norm(0.95, minimum=1.0)
    assert check.status is NormStatus.BELOW
    assert check.status == "onder norm"
    assert check.message == "De ratio van 0,95 ligt onder de norm van minimaal 1,00."


def test_ratio_exactly_at_minimum_meets_the_norm():
    check = check_norm(1.0, minimum=1.0)
    assert check.status == "binnen norm"
    assert check.message == "De ratio van 1,00 voldoet aan de norm van minimaal 1,00."


def test_ratio_just_below_minimum_is_onder_norm_even_if_it_displays_as_the_minimum():
    check = check_norm(0.9999, minimum=1.0)
    assert check.status is NormStatus.BELOW
    assert check.message == "De ratio van 1,00 ligt onder de norm van minimaal 1,00."


def test_ratio_above_maximum_is_boven_norm():
    check = check_norm(2.6, minimum=1.0, maximum=2.0)
    assert check.status == "boven norm"
    assert check.message == "De ratio van 2,60 ligt boven de norm van 1,00 tot en met 2,00."


def test_ratio_exactly_at_maximum_is_binnen_norm():
    assert check_norm(2.0, minimum=1.0, maximum=2.0).status is NormStatus.WITHIN


def test_ratio_within_band_is_binnen_norm():
    check = check_norm(1.5, minimum=1.0, maximum=2.0)
    assert check.status is NormStatus.WITHIN
    assert check.message == "De ratio van 1,50 voldoet aan de norm van 1,00 tot en met 2,00."


def test_only_a_maximum_can_be_set():
    check = check_norm(3.0, minimum=None, maximum=2.0)
    assert check.status is NormStatus.ABOVE
    assert check.message == "De ratio van 3,00 ligt boven de norm van maximaal 2,00."


def test_without_ratio_there_is_no_verdict():
    check = check_norm(None, minimum=1.0)
    assert check.status is None
    assert "geen benodigde weerstandscapaciteit" in check.message


def test_without_norm_there_is_no_verdict():
    check = check_norm(1.2, minimum=None)
    assert check.status is None
    assert check.message == "Er is geen norm voor de ratio vastgesteld."


def test_norm_check_keeps_its_inputs():
    check = check_norm(1.2, minimum=1.0, maximum=1.5)
    assert (check.ratio, check.minimum, check.maximum) == (1.2, 1.0, 1.5)


def test_it_rejects_a_maximum_below_the_minimum():
    with pytest.raises(EngineInputError, match="kleiner dan de minimale ratio") as info:
        check_norm(1.2, minimum=1.5, maximum=1.0)
    assert info.value.field == "norm_maximum"


def test_it_rejects_a_negative_minimum():
    with pytest.raises(EngineInputError) as info:
        check_norm(1.2, minimum=-1.0)
    assert info.value.field == "norm_minimum"


# --- assess and split_ratios -----------------------------------------------------------------------------


def test_assess_gives_ratio_and_class():
    result = assess(1_200_000, 1_000_000)
    assert result.ratio == pytest.approx(1.2)
    assert result.ratio_class is RatioClass.C


def test_assess_without_required_capacity_has_neither_ratio_nor_class():
    result = assess(1_000, 0)
    assert result.ratio is None
    assert result.ratio_class is None


def test_split_ratios_classifies_incidental_and_structural_separately():
    # incidental 3.000.000 / 1.000.000 = 3,0 → A; structural 400.000 / 500.000 = 0,8 → D
    split = split_ratios(3_000_000, 1_000_000, 400_000, 500_000)
    assert split.incidental.ratio == pytest.approx(3.0)
    assert split.incidental.ratio_class is RatioClass.A
    assert split.structural.ratio == pytest.approx(0.8)
    assert split.structural.ratio_class is RatioClass.D


def test_split_ratios_with_no_structural_risks():
    split = split_ratios(1_000_000, 1_000_000, 250_000, 0)
    assert split.incidental.ratio_class is RatioClass.C
    assert split.structural.ratio is None
