# SPDX-License-Identifier: EUPL-1.2
"""The one rule for a row's shape and amounts (``shapes.impact_from_fields``) and the one rule for a
probability (``values.parse_probability``), as the file, the web form and the API all use them."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from risicokompas.engine.distributions import Fixed, LogNormal, Pert, Triangular, Uniform
from risicokompas.engine.errors import EngineInputError
from risicokompas.registerfile import read_register, register_to_bytes, write_template
from risicokompas.registerfile.shapes import MISSING_MODE_RULE, impact_from_fields
from risicokompas.registerfile.values import ValueProblem, is_not_quantified, parse_probability

# --- shapes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "maximum", "minimum", "mode", "impact", "assumed"),
    [
        ("vast", 100, None, None, Fixed(100), False),
        ("uniform", 100, None, None, Uniform(0, 100), False),
        ("uniform", 100, 20, 70, Uniform(20, 100), False),
        ("driehoek", 100, None, 30, Triangular(0, 30, 100), False),
        ("driehoek", 100, None, None, Triangular(0, 50, 100), True),
        ("driehoek", 100, 20, None, Triangular(20, 60, 100), True),
        ("pert", 100, None, None, Pert(0, 50, 100), True),
        ("Beta-PERT", 100, 10, 30, Pert(10, 30, 100), False),
        ("lognormaal", 100, None, 30, LogNormal(30, 100), False),
    ],
)
def test_impact_from_fields_follows_the_documented_rule(shape, maximum, minimum, mode, impact, assumed):
    shaped = impact_from_fields(shape, maximum, minimum, mode)

    assert shaped.impact == impact
    assert shaped.assumed_mode is assumed


def test_the_missing_mode_rule_keeps_the_mean_of_uniform():
    shaped = impact_from_fields("driehoek", 900_000, 300_000)
    assert shaped.impact.mean() == pytest.approx(Uniform(300_000, 900_000).mean())


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        (("normaal", 100), "verdeling", "'normaal' is geen bekende verdeling; kies vast, uniform, driehoek"),
        (("uniform", None), "gevolg_max", "het maximale financiële gevolg ontbreekt"),
        (("lognormaal", None), "gevolg_max", "bij verdeling lognormaal hoort in deze kolom de 90%-waarde"),
        (("uniform", 100, 200), "gevolg_min", "het minimale gevolg (€ 200) is groter dan het maximale"),
        (("lognormaal", 100), "gevolg_modus", "bij verdeling lognormaal is de mediaan nodig"),
        (("lognormaal", 100, None, 100), "gevolg_modus", "de mediaan (€ 100) groter zijn dan 0 en kleiner"),
        (
            ("driehoek", 100, 20, 10),
            "gevolg_modus",
            "het meest waarschijnlijke gevolg (€ 10) ligt niet tussen",
        ),
        (("pert", 100, 100, 100), "gevolg_max", "het maximum moet groter zijn dan het minimum"),
    ],
)
def test_impact_from_fields_names_the_column_at_fault_in_dutch(args, field, message):
    with pytest.raises(EngineInputError) as info:
        impact_from_fields(*args)
    assert info.value.field == field
    assert message in info.value.message


@pytest.mark.parametrize("default_shape", ["driehoek", "pert"])
def test_a_default_three_point_shape_works_for_rows_with_only_a_maximum(make_csv, default_shape):
    path = make_csv([["risico", "kans", "gevolg_max"], ["Brand", "10%", "1.000.000"]])

    register = read_register(path, default_shape=default_shape)

    cls = Triangular if default_shape == "driehoek" else Pert
    assert register.risks[0].impact == cls(0, 500_000, 1_000_000)
    assert register.rows[0].assumed_mode
    assert register.assumed_mode_ids == ("R2",)


def test_a_row_with_a_stated_mode_is_not_marked_as_assumed(make_csv):
    path = make_csv([["risico", "kans", "gevolg_max", "gevolg_modus"], ["Brand", "10%", "100", "20"]])

    register = read_register(path, default_shape="driehoek")

    assert register.assumed_mode_ids == ()


@pytest.mark.parametrize("format", ["xlsx", "csv"])
def test_an_assumed_mode_is_written_as_empty_so_the_rule_applies_again(make_csv, format):
    register = read_register(
        make_csv([["risico", "kans", "gevolg_max", "verdeling"], ["Brand", "10%", "100", "pert"]])
    )

    again = read_register(register_to_bytes(register, format=format))

    assert again.risks == register.risks
    assert again.assumed_mode_ids == register.assumed_mode_ids == ("R2",)


def test_the_rule_is_stated_in_dutch():
    assert MISSING_MODE_RULE.startswith("bij verdeling driehoek of pert zonder meest waarschijnlijk gevolg")


# --- probability -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "fraction"),
    [
        ("0,3", 0.3),
        ("0.3", 0.3),
        ("30", 0.3),
        ("30%", 0.3),
        ("30 %", 0.3),
        ("0,3%", 0.003),
        ("12,5", 0.125),
        ("1", 1.0),
        ("1%", 0.01),
        ("100", 1.0),
        ("0", 0.0),
        (0.3, 0.3),
        (30, 0.3),
        (1, 1.0),
    ],
)
def test_one_probability_rule_for_form_file_and_api(typed, fraction):
    assert parse_probability(typed) == pytest.approx(fraction)


def test_the_probability_rule_is_documented_with_how_one_is_read():
    doc = parse_probability.__doc__
    assert '"1" is 1 as a fraction: 100%' in doc
    assert '"30" is 30%' in doc


@pytest.mark.parametrize(
    ("typed", "message"), [("101", "101% ligt niet tussen 0% en 100%"), ("PM", "'PM' is")]
)
def test_a_bad_probability_is_refused_in_dutch(typed, message):
    with pytest.raises(ValueProblem, match=message):
        parse_probability(typed)


@pytest.mark.parametrize(
    ("value", "unquantified"),
    [
        ("PM", True),
        ("p.m.", True),
        (" P.M ", True),
        ("nog  niet bekend", True),
        ("Onbekend", True),
        ("", True),
        (None, True),
        ("0", False),
        (0, False),
        ("n.v.t.", False),
        ("30%", False),
    ],
)
def test_what_counts_as_not_quantified(value, unquantified):
    assert is_not_quantified(value) is unquantified


# --- template ----------------------------------------------------------------------------------------


def test_the_template_lets_a_user_type_pm_in_kans_and_maximum(tmp_path):
    path = tmp_path / "sjabloon.xlsx"
    write_template(path)
    workbook = load_workbook(path)
    rules = {
        str(rule.sqref).split(":")[0].rstrip("0123456789"): rule
        for rule in workbook["Risico's"].data_validations.dataValidation
    }

    assert rules["D"].errorStyle == "warning" and "PM" in rules["D"].error
    assert rules["E"].errorStyle == "warning" and "PM" in rules["E"].error
    instructions = " ".join(
        str(c.value) for row in workbook["Instructies"].iter_rows() for c in row if c.value
    )
    assert "Vul PM in" in instructions
    assert "in het midden tussen minimum en maximum" in instructions
