# SPDX-License-Identifier: EUPL-1.2
"""Cell values as Dutch users type them."""

from __future__ import annotations

import pytest

from risicokompas.registerfile.values import (
    ValueProblem,
    format_number,
    format_percent,
    neutralise,
    parse_amount,
    parse_flag,
    parse_probability,
    parse_years,
    unneutralise,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("30%", 0.3),
        ("30 %", 0.3),
        ("12,5%", 0.125),
        ("30", 0.3),
        ("0,3", 0.3),
        ("0.3", 0.3),
        ("7", 0.07),
        ("1", 1.0),
        ("0", 0.0),
        ("100%", 1.0),
        (0.3, 0.3),
        (30, 0.3),
        (1, 1.0),
        (0, 0.0),
    ],
)
def test_it_reads_probability_as_percentage_or_fraction(typed: object, expected: float) -> None:
    assert parse_probability(typed) == expected


def test_it_reads_a_percentage_formatted_cell_as_the_fraction_excel_stores() -> None:
    assert parse_probability(0.3, percent_format=True) == 0.3
    assert parse_probability(1, percent_format=True) == 1.0


def test_it_rejects_a_percentage_formatted_cell_above_100_percent() -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_probability(1.4, percent_format=True)
    assert caught.value.message == "140% ligt niet tussen 0% en 100%"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("€ 1.250.000", 1_250_000),
        ("€1.250.000,-", 1_250_000),
        ("1250000", 1_250_000),
        ("1.250.000,00", 1_250_000),
        ("1.250.000,50", 1_250_000.5),
        ("1,250,000.00", 1_250_000),
        ("1,250,000", 1_250_000),
        ("1.250", 1_250),
        ("1,5", 1.5),
        ("12.5", 12.5),
        ("1250000.00", 1_250_000),
        ("0.300", 0.3),
        ("€ 1 250 000", 1_250_000),
        ("EUR 500", 500),
        ("250k", 250_000),
        ("1,5 mln", 1_500_000),
        ("2 miljoen", 2_000_000),
        (1_250_000, 1_250_000),
        (1_250_000.5, 1_250_000.5),
        ("0", 0),
    ],
)
def test_it_reads_amounts_in_dutch_and_plain_notation(typed: object, expected: float) -> None:
    assert parse_amount(typed) == expected


@pytest.mark.parametrize("typed", ["1.25.0", "12,5,3", "1 2", "1e5", "veel", "€", "1.2345,6"])
def test_it_refuses_ambiguous_or_junk_amounts(typed: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_amount(typed)
    assert caught.value.message == f"'{typed}' is geen geldig bedrag (bijvoorbeeld € 1.250.000 of 1250000)"


def test_it_names_an_excel_error_value() -> None:
    with pytest.raises(ValueProblem, match=r"^de cel bevat een Excel-foutwaarde \(#DEEL/0!\)$"):
        parse_amount("#DEEL/0!")


@pytest.mark.parametrize(("typed", "expected"), [("3", 3), (3, 3), (3.0, 3), ("1", 1), ("3,0", 3)])
def test_it_reads_whole_years(typed: object, expected: int) -> None:
    assert parse_years(typed) == expected


YES = ["ja", "Ja", "j", "x", "X", "TRUE", "waar", "1", 1, True]
NO = ["nee", "N", "false", "onwaar", "0", 0, None, "", False]


@pytest.mark.parametrize(
    ("typed", "flag"), [(value, True) for value in YES] + [(value, False) for value in NO]
)
def test_it_reads_yes_and_no(typed: object, flag: bool) -> None:
    assert parse_flag(typed) is flag


def test_it_formats_numbers_the_dutch_way() -> None:
    assert format_number(1_250_000.5) == "1.250.000,5"
    assert format_number(-5000) == "-5.000"
    assert format_percent(0.125) == "12,5%"
    assert format_percent(1.4) == "140%"


@pytest.mark.parametrize("text", ["=SUM(A1)", "+31 6", "-korting", "@user", "\tx", "\rx"])
def test_neutralising_prefixes_formula_text_with_a_quote_and_undoes_it(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert unneutralise(neutralise(text)) == text


def test_a_quote_that_protects_nothing_is_kept() -> None:
    assert neutralise("'s-Hertogenbosch") == "'s-Hertogenbosch"
    assert unneutralise("'s-Hertogenbosch") == "'s-Hertogenbosch"
