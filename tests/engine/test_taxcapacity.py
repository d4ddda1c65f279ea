# SPDX-License-Identifier: EUPL-1.2
"""Onbenutte belastingcapaciteit against hand-computed cases, missing inputs and clamping at 0."""

import pytest

from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.taxcapacity import TaxCapacityInputs, unused_tax_capacity


def full_inputs(**changes) -> TaxCapacityInputs:
    values = dict(
        norm_rate=0.1,  # 0,1000% of the WOZ value
        own_rate_dwellings=0.08,
        woz_dwellings=4_000_000_000,
        own_rate_non_dwellings=0.09,
        woz_non_dwellings=1_000_000_000,
        sewage_revenue=4_500_000,
        sewage_costs=5_000_000,
        waste_revenue=6_000_000,
        waste_costs=6_250_000,
    )
    values.update(changes)
    return TaxCapacityInputs(**values)


def test_it_computes_each_part_by_hand():
    result = unused_tax_capacity(full_inputs())
    # (0,10 − 0,08) / 100 × 4.000.000.000 = 800.000
    assert result.ozb_dwellings.value == pytest.approx(800_000)
    # (0,10 − 0,09) / 100 × 1.000.000.000 = 100.000
    assert result.ozb_non_dwellings.value == pytest.approx(100_000)
    assert result.sewage.value == 500_000
    assert result.waste.value == 250_000
    assert result.total == pytest.approx(1_650_000)
    assert result.complete


def test_decimal_arithmetic_gives_exact_amounts():
    result = unused_tax_capacity(full_inputs(norm_rate=0.3, own_rate_dwellings=0.1, woz_dwellings=1_000_000))
    assert result.ozb_dwellings.value == 2_000.0  # 0,2 / 100 × 1.000.000, no 1999.9999…


def test_an_own_rate_above_the_norm_gives_zero_not_a_negative_amount():
    result = unused_tax_capacity(full_inputs(own_rate_dwellings=0.12))
    assert result.ozb_dwellings.value == 0.0
    assert "boven de norm" in result.ozb_dwellings.note


def test_a_levy_already_covering_its_costs_gives_zero():
    result = unused_tax_capacity(full_inputs(sewage_revenue=5_200_000))
    assert result.sewage.value == 0.0
    assert result.sewage.note


def test_missing_inputs_make_only_that_part_unknown_with_a_reason():
    result = unused_tax_capacity(full_inputs(woz_non_dwellings=None, waste_costs=None))
    assert result.ozb_non_dwellings.value is None
    assert "WOZ-waarde niet-woningen" in result.ozb_non_dwellings.reason
    assert result.waste.value is None
    assert "kosten afvalinzameling" in result.waste.reason
    assert result.total == pytest.approx(800_000 + 500_000)
    assert not result.complete


def test_a_missing_norm_makes_both_ozb_parts_unknown():
    result = unused_tax_capacity(full_inputs(norm_rate=None))
    assert result.ozb_dwellings.value is None and result.ozb_non_dwellings.value is None
    assert "artikel-12-norm" in result.ozb_dwellings.reason


def test_no_inputs_at_all_give_no_total():
    assert unused_tax_capacity(TaxCapacityInputs()).total is None


@pytest.mark.parametrize("value", [-1, float("nan"), True, "10"])
def test_it_rejects_invalid_inputs_naming_the_field(value):
    with pytest.raises(EngineInputError) as error:
        TaxCapacityInputs(sewage_costs=value)
    assert error.value.field == "sewage_costs"
    assert "kosten riolering" in error.value.message
