# SPDX-License-Identifier: EUPL-1.2
"""An organisation's own ratio scale: the NAR table as the default, validation in Dutch, classification."""

import numpy as np
import pytest

from risicokompas.engine.capacity import (
    NAR_SCALE,
    RatioBand,
    RatioClass,
    RatioScale,
    assess,
    classify_ratio,
)
from risicokompas.engine.errors import EngineInputError

BOUNDARIES = [2.0, 1.4, 1.0, 0.8, 0.6]


def own_scale() -> RatioScale:
    """A council that wants at least 1,5 and calls everything below 1 insufficient."""
    return RatioScale(
        (
            RatioBand("I", "ruim voldoende", 2.5, includes_lower=False),
            RatioBand("II", "voldoende", 1.5),
            RatioBand("III", "krap", 1.0),
            RatioBand("IV", "onvoldoende", None),
        )
    )


def test_the_nar_scale_classifies_every_ratio_as_the_nar_table_does():
    near = [b + d for b in BOUNDARIES for d in (-1e-9, 0.0, 1e-9)]
    spread = list(np.random.default_rng(7).uniform(0, 3, 500))
    for ratio in [0.0, *near, *spread, 10.0]:
        band, cls = classify_ratio(ratio, NAR_SCALE), classify_ratio(ratio)
        assert (band.letter, band.label) == (cls.letter, cls.label), ratio


def test_the_nar_scale_has_the_bounds_of_the_table():
    assert [NAR_SCALE.bounds(b) for b in NAR_SCALE.bands] == [(cls.lower, cls.upper) for cls in RatioClass]


@pytest.mark.parametrize(
    ("ratio", "letter"),
    [(3.0, "I"), (2.5, "II"), (1.5, "II"), (1.4999, "III"), (1.0, "III"), (0.9999, "IV"), (0.0, "IV")],
)
def test_an_own_scale_classifies_on_its_bounds(ratio, letter):
    assert classify_ratio(ratio, own_scale()).letter == letter


def test_without_a_ratio_there_is_no_class_on_any_scale():
    assert classify_ratio(None, own_scale()) is None


def test_assess_uses_the_given_scale():
    assessment = assess(3_000_000, 2_000_000, own_scale())
    assert assessment.ratio == pytest.approx(1.5)
    assert str(assessment.ratio_class) == "II (voldoende)"


def test_a_scale_survives_a_round_trip_through_its_dict():
    assert RatioScale.from_dict(own_scale().to_dict()) == own_scale()
    assert RatioScale.from_dict(NAR_SCALE.to_dict()) == NAR_SCALE


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ([RatioBand("A", "goed", None)], "een schaal heeft minstens twee klassen"),
        ([RatioBand("A", "goed", 1.0), RatioBand("a", "slecht", None)], "klasse a komt twee keer voor"),
        ([RatioBand(" ", "goed", 1.0), RatioBand("B", "slecht", None)], "klasse 1 heeft geen letter of naam"),
        ([RatioBand("A", "", 1.0), RatioBand("B", "slecht", None)], "klasse A heeft geen omschrijving"),
        (
            [RatioBand("A", "goed", 1.0), RatioBand("B", "slecht", 0.0)],
            "de laagste klasse (B) heeft geen ondergrens: zij vangt elke lagere ratio op",
        ),
        (
            [RatioBand("A", "goed", None), RatioBand("B", "slecht", None)],
            "klasse A heeft geen ondergrens; alleen de laagste klasse mag die missen",
        ),
        (
            [RatioBand("A", "goed", 1.0), RatioBand("B", "matig", 1.2), RatioBand("C", "slecht", None)],
            "klasse B: de ondergrens 1,20 moet lager zijn dan die van klasse A (1,00)",
        ),
        (
            [RatioBand("A", "goed", 1.0), RatioBand("B", "matig", 1.0), RatioBand("C", "slecht", None)],
            "klasse B: de ondergrens 1,00 moet lager zijn dan die van klasse A (1,00)",
        ),
        (
            [RatioBand("A", "goed", -1.0), RatioBand("B", "slecht", None)],
            "klasse A: de ondergrens -1,00 mag niet negatief zijn",
        ),
        ([RatioBand("A", "goed", "1,0"), RatioBand("B", "slecht", None)], "'1,0' is geen geldig getal"),
    ],
)
def test_it_rejects_a_malformed_scale_in_dutch(bands, message):
    with pytest.raises(EngineInputError) as info:
        RatioScale(tuple(bands))
    assert info.value.field == "schaal"
    assert info.value.message == message


def test_it_rejects_an_incomplete_stored_scale():
    with pytest.raises(EngineInputError, match="de schaal is onvolledig"):
        RatioScale.from_dict({"bands": [{"letter": "A"}]})
