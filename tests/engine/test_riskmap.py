# SPDX-License-Identifier: EUPL-1.2
"""Kansklasse, gevolgklasse, score, colours and the risicokaart."""

import math

import pytest

from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.riskmap import (
    DEFAULT_BANDS,
    GevolgBands,
    RiskColour,
    ScoreColours,
    colour,
    impact_class,
    probability_class,
    risk_map,
    score,
)

# --- probability_class -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        (0.0, 1),
        (0.10, 1),
        (0.1000001, 2),
        (0.30, 2),
        (0.3000001, 3),
        (0.50, 3),
        (0.5000001, 4),
        (0.70, 4),
        (0.7000001, 5),
        (1.0, 5),
    ],
)
def test_probability_class_boundaries(p, expected):
    assert probability_class(p) == expected


@pytest.mark.parametrize(("kansklasse", "p"), [(1, 0.10), (2, 0.30), (3, 0.50), (4, 0.70), (5, 0.90)])
def test_calculation_value_of_each_class_falls_in_that_class(kansklasse, p):
    assert probability_class(p) == kansklasse


@pytest.mark.parametrize("p", [-0.01, 1.01])
def test_it_rejects_a_probability_outside_zero_and_one(p):
    with pytest.raises(EngineInputError, match="ligt niet tussen 0 en 1") as info:
        probability_class(p)
    assert info.value.field == "kans"


@pytest.mark.parametrize("p", [math.nan, "0.5", None])
def test_it_rejects_a_probability_that_is_not_a_number(p):
    with pytest.raises(EngineInputError, match="geen geldig getal"):
        probability_class(p)


# --- impact_class and GevolgBands ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, 1),
        (50_000, 1),
        (50_000.01, 2),
        (200_000, 2),
        (200_000.01, 3),
        (500_000, 3),
        (500_000.01, 4),
        (1_000_000, 4),
        (1_000_000.01, 5),
        (25_000_000, 5),
    ],
)
def test_impact_class_boundaries_with_default_bands(amount, expected):
    assert impact_class(amount) == expected


def test_default_bands_are_the_design_bands():
    assert DEFAULT_BANDS.upper_bounds == (50_000, 200_000, 500_000, 1_000_000)


def test_impact_class_uses_the_organisations_bands():
    bands = GevolgBands((10_000, 20_000, 30_000, 40_000))
    assert impact_class(10_000, bands) == 1
    assert impact_class(10_001, bands) == 2
    assert impact_class(40_000, bands) == 4
    assert impact_class(40_001, bands) == 5


def test_impact_class_rejects_a_negative_amount():
    with pytest.raises(EngineInputError, match="mag niet negatief zijn") as info:
        impact_class(-1)
    assert info.value.field == "gevolg"


def test_bands_must_ascend():
    with pytest.raises(EngineInputError, match="moeten oplopen"):
        GevolgBands((50_000, 200_000, 200_000, 1_000_000))


def test_bands_must_be_positive():
    with pytest.raises(EngineInputError, match="groter zijn dan 0") as info:
        GevolgBands((0, 200_000, 500_000, 1_000_000))
    assert info.value.field == "gevolgklassen"


def test_bands_need_four_bounds():
    with pytest.raises(EngineInputError, match="4 bovengrenzen nodig, niet 3"):
        GevolgBands((50_000, 200_000, 500_000))


def test_bands_reject_non_numbers():
    with pytest.raises(EngineInputError, match="geen geldig getal"):
        GevolgBands((50_000, math.inf, 500_000, 1_000_000))


def test_bands_given_as_a_list_are_stored_as_a_tuple():
    assert GevolgBands([1, 2, 3, 4]).upper_bounds == (1.0, 2.0, 3.0, 4.0)


# --- score and colour ------------------------------------------------------------------------------------


def test_score_is_the_product_of_the_classes():
    assert score(3, 4) == 12
    assert score(5, 5) == 25
    assert score(1, 1) == 1


@pytest.mark.parametrize(("k", "g"), [(0, 3), (6, 3), (3, 0), (3, 6), (2.0, 3), (True, 3)])
def test_score_rejects_a_class_outside_one_to_five(k, g):
    with pytest.raises(EngineInputError, match=r"bestaat niet \(1 t/m 5\)"):
        score(k, g)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, "groen"), (4, "groen"), (5, "oranje"), (12, "oranje"), (15, "rood"), (13, "rood"), (25, "rood")],
)
def test_default_colour_thresholds(value, expected):
    assert colour(value) == expected


def test_colours_of_all_possible_scores_match_the_design():
    products = sorted({k * g for k in range(1, 6) for g in range(1, 6)})
    by_colour = {c: [s for s in products if colour(s) is c] for c in RiskColour}
    assert by_colour[RiskColour.GREEN] == [1, 2, 3, 4]
    assert by_colour[RiskColour.ORANGE] == [5, 6, 8, 9, 10, 12]
    assert by_colour[RiskColour.RED] == [15, 16, 20, 25]


def test_colour_thresholds_are_configurable():
    strict = ScoreColours(green_max=2, orange_max=6)
    assert colour(2, strict) is RiskColour.GREEN
    assert colour(3, strict) is RiskColour.ORANGE
    assert colour(6, strict) is RiskColour.ORANGE
    assert colour(8, strict) is RiskColour.RED


def test_an_organisation_may_have_no_red():
    assert colour(25, ScoreColours(green_max=4, orange_max=25)) is RiskColour.ORANGE


def test_green_threshold_must_be_below_orange_threshold():
    with pytest.raises(EngineInputError, match="lager zijn dan die voor oranje"):
        ScoreColours(green_max=12, orange_max=12)


def test_colour_thresholds_must_be_scores():
    with pytest.raises(EngineInputError, match="geen score van 1 t/m 25") as info:
        ScoreColours(green_max=0, orange_max=30)
    assert info.value.field == "kleurgrenzen"


@pytest.mark.parametrize("bad", [0, 26, 4.5])
def test_colour_rejects_an_impossible_score(bad):
    with pytest.raises(EngineInputError, match="geen score van 1 t/m 25"):
        colour(bad)


# --- risk_map --------------------------------------------------------------------------------------------


def test_empty_map_has_all_25_cells_with_score_and_colour():
    rmap = risk_map([])
    assert len(rmap.cells) == 25
    assert rmap.total == 0
    assert rmap.cell(3, 4).score == 12
    assert rmap.cell(3, 4).colour is RiskColour.ORANGE
    assert rmap.cell(3, 5).colour is RiskColour.RED
    assert rmap.cell(1, 4).colour is RiskColour.GREEN
    assert all(cell.count == 0 and cell.risk_ids == () for cell in rmap.cells.values())


def test_risks_land_in_their_cell_in_input_order():
    rmap = risk_map(
        [
            ("R1", 0.10, 50_000),  # (1, 1)
            ("R2", 0.90, 2_000_000),  # (5, 5)
            ("R3", 0.05, 10_000),  # (1, 1)
            ("R4", 0.50, 300_000),  # (3, 3)
        ]
    )
    assert rmap.cells[(1, 1)].risk_ids == ("R1", "R3")
    assert rmap.cells[(1, 1)].count == 2
    assert rmap.cells[(5, 5)].risk_ids == ("R2",)
    assert rmap.cells[(3, 3)].risk_ids == ("R4",)
    assert rmap.total == 4


def test_map_uses_the_given_bands_and_colours():
    rmap = risk_map(
        [("R1", 0.2, 15_000)],
        bands=GevolgBands((10_000, 20_000, 30_000, 40_000)),
        colours=ScoreColours(green_max=3, orange_max=8),
    )
    cell = rmap.cell(2, 2)
    assert cell.risk_ids == ("R1",)
    assert cell.score == 4
    assert cell.colour is RiskColour.ORANGE


def test_rows_put_kansklasse_five_at_the_top():
    rows = risk_map([("R1", 0.9, 10_000)]).rows()
    assert len(rows) == 5
    assert [row[0].kansklasse for row in rows] == [5, 4, 3, 2, 1]
    assert [cell.gevolgklasse for cell in rows[0]] == [1, 2, 3, 4, 5]
    assert rows[0][0].risk_ids == ("R1",)
    assert rows[0][4].score == 25
    assert rows[4][0].score == 1


def test_map_rejects_duplicate_risk_ids():
    with pytest.raises(EngineInputError, match="R1 komt meer dan eens voor") as info:
        risk_map([("R1", 0.1, 1), ("R1", 0.2, 2)])
    assert info.value.field == "id"


def test_map_error_names_the_risk():
    with pytest.raises(EngineInputError, match=r"risico R7: kans 1\.5 ligt niet tussen 0 en 1") as info:
        risk_map([("R1", 0.1, 1), ("R7", 1.5, 2)])
    assert info.value.field == "kans"


def test_map_cells_cannot_be_changed():
    rmap = risk_map([])
    with pytest.raises(TypeError):
        rmap.cells[(1, 1)] = None


def test_cell_lookup_rejects_a_class_outside_the_map():
    with pytest.raises(EngineInputError, match="kansklasse 6"):
        risk_map([]).cell(6, 1)
