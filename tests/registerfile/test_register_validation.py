# SPDX-License-Identifier: EUPL-1.2
"""Strict validation: every problem, with row and column, in Dutch; nothing is read when anything is wrong."""

from __future__ import annotations

import pytest

from risicokompas.registerfile import Problem, RegisterFileError, read_register

HEADER = ["Id", "Risico", "Kans", "Maximaal financieel gevolg (€)"]
SHAPE_HEADER = [*HEADER, "Minimaal gevolg (€)", "Meest waarschijnlijk gevolg (€)", "Verdeling"]


def one_row(make_xlsx, row: list[object], header: list[str] = HEADER):
    """A register with a title row, so the data row is row 3 as Excel shows it."""
    return make_xlsx([["Risicoregister"], header, row])


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("140%", "140% ligt niet tussen 0% en 100%"),
        (140, "140% ligt niet tussen 0% en 100%"),
        ("-5%", "-5% ligt niet tussen 0% en 100%"),
        (-0.1, "-10% ligt niet tussen 0% en 100%"),
        ("hoog", "'hoog' is geen geldige kans (bijvoorbeeld 30% of 0,3)"),
        ("#N/B", "de cel bevat een Excel-foutwaarde (#N/B)"),
    ],
)
def test_it_rejects_a_bad_probability(make_xlsx, problems_of, typed: object, message: str) -> None:
    path = one_row(make_xlsx, ["R1", "Brand", typed, 100])

    assert problems_of(path) == [f"Rij 3, kolom Kans: {message}"]


def test_a_row_without_a_risk_text_reports_its_missing_probability_and_maximum(
    make_xlsx, problems_of
) -> None:
    assert problems_of(one_row(make_xlsx, ["R1", None, None, None])) == [
        "Rij 3, kolom Risico: de naam van het risico ontbreekt",
        "Rij 3, kolom Kans: de kans ontbreekt",
        "Rij 3, kolom Maximaal financieel gevolg (€): het maximale financiële gevolg ontbreekt",
    ]


def test_a_pm_without_a_risk_text_is_only_a_missing_name(make_xlsx, problems_of) -> None:
    assert problems_of(one_row(make_xlsx, ["R1", None, "PM", "PM"])) == [
        "Rij 3, kolom Risico: de naam van het risico ontbreekt"
    ]


def test_it_rejects_a_missing_name(make_xlsx, problems_of) -> None:
    assert problems_of(one_row(make_xlsx, ["R1", " ", 0.1, 100])) == [
        "Rij 3, kolom Risico: de naam van het risico ontbreekt"
    ]


def test_it_rejects_a_negative_amount(make_xlsx, problems_of) -> None:
    assert problems_of(one_row(make_xlsx, ["R1", "Brand", 0.1, "-5.000"])) == [
        "Rij 3, kolom Maximaal financieel gevolg (€): bedrag -5.000 mag niet negatief zijn"
    ]


def test_it_rejects_an_amount_that_is_not_a_number(make_xlsx, problems_of) -> None:
    assert problems_of(one_row(make_xlsx, ["R1", "Brand", 0.1, "veel"])) == [
        "Rij 3, kolom Maximaal financieel gevolg (€): 'veel' is geen geldig bedrag "
        "(bijvoorbeeld € 1.250.000 of 1250000)"
    ]


def test_it_rejects_a_minimum_above_the_maximum(make_xlsx, problems_of) -> None:
    path = one_row(make_xlsx, ["R1", "Brand", 0.1, 100_000, 250_000, None, "uniform"], SHAPE_HEADER)

    assert problems_of(path) == [
        "Rij 3, kolom Minimaal gevolg (€): het minimale gevolg (€ 250.000) is groter dan het maximale gevolg "
        "(€ 100.000)"
    ]


def test_it_rejects_a_most_likely_amount_outside_minimum_and_maximum(make_xlsx, problems_of) -> None:
    path = one_row(make_xlsx, ["R1", "Brand", 0.1, 100_000, 20_000, 10_000, "driehoek"], SHAPE_HEADER)

    assert problems_of(path) == [
        "Rij 3, kolom Meest waarschijnlijk gevolg (€): het meest waarschijnlijke gevolg (€ 10.000) ligt niet "
        "tussen het minimale (€ 20.000) en het maximale gevolg (€ 100.000)"
    ]


def test_it_rejects_an_unknown_distribution(make_xlsx, problems_of) -> None:
    path = one_row(make_xlsx, ["R1", "Brand", 0.1, 100, None, None, "normaal"], SHAPE_HEADER)

    assert problems_of(path) == [
        "Rij 3, kolom Verdeling: 'normaal' is geen bekende verdeling; kies vast, uniform, driehoek, pert of "
        "lognormaal"
    ]


def test_it_rejects_an_unknown_nature(make_xlsx, problems_of) -> None:
    path = one_row(make_xlsx, ["R1", "Brand", 0.1, 100, "soms"], [*HEADER, "Aard"])

    assert problems_of(path) == [
        "Rij 3, kolom Aard: 'soms' is geen bekende aard; kies incidenteel of structureel"
    ]


@pytest.mark.parametrize(
    ("typed", "shown"), [("2,5", "2,5"), (0, "0"), (-1, "-1"), ("drie", "drie"), (2.5, "2,5")]
)
def test_it_rejects_years_that_are_not_a_positive_whole_number(make_xlsx, problems_of, typed, shown) -> None:
    path = one_row(make_xlsx, ["R1", "Brand", 0.1, 100, "structureel", typed], [*HEADER, "Aard", "Jaren"])

    assert problems_of(path) == [f"Rij 3, kolom Jaren: '{shown}' is geen positief geheel aantal jaren"]


def test_it_rejects_an_unknown_excluded_value(make_xlsx, problems_of) -> None:
    path = one_row(make_xlsx, ["R1", "Brand", 0.1, 100, "misschien"], [*HEADER, "Uitgesloten"])

    assert problems_of(path) == [
        "Rij 3, kolom Uitgesloten: 'misschien' is geen geldige waarde; vul ja of nee in"
    ]


def test_it_rejects_a_duplicate_id_naming_both_rows(make_xlsx, problems_of) -> None:
    path = make_xlsx([HEADER, ["R1", "Brand", 0.1, 100], ["R2", "Storm", 0.1, 100], ["R1", "Dijk", 0.1, 100]])

    assert problems_of(path) == ["Rij 4, kolom Id: id 'R1' komt al voor in rij 2"]


def test_it_rejects_a_generated_id_that_is_already_taken(make_xlsx, problems_of) -> None:
    path = make_xlsx([HEADER, ["R3", "Brand", 0.1, 100], [None, "Storm", 0.1, 100]])

    assert problems_of(path) == [
        "Rij 3, kolom Id: het automatisch toegekende id 'R3' komt al voor in rij 2; vul een eigen id in"
    ]


@pytest.mark.parametrize(
    ("median", "p90", "shown_median", "shown_p90"),
    [(100, 100, "€ 100", "€ 100"), (200, 100, "€ 200", "€ 100"), (0, 100, "€ 0", "€ 100")],
)
def test_it_rejects_a_lognormal_median_not_between_zero_and_the_p90(
    make_xlsx, problems_of, median, p90, shown_median, shown_p90
) -> None:
    path = one_row(make_xlsx, ["R1", "Brand", 0.1, p90, None, median, "lognormaal"], SHAPE_HEADER)

    assert problems_of(path) == [
        f"Rij 3, kolom Meest waarschijnlijk gevolg (€): bij verdeling lognormaal moet de mediaan ({shown_median}) "
        f"groter zijn dan 0 en kleiner dan de 90%-waarde ({shown_p90})"
    ]


def test_it_rejects_a_lognormal_without_median(make_xlsx, problems_of) -> None:
    path = one_row(make_xlsx, ["R1", "Brand", 0.1, 100, None, None, "lognormaal"], SHAPE_HEADER)

    assert problems_of(path) == [
        "Rij 3, kolom Meest waarschijnlijk gevolg (€): bij verdeling lognormaal is de mediaan nodig",
    ]


def test_an_invalid_shape_and_a_minimum_above_the_maximum_are_reported_together(
    make_xlsx, problems_of
) -> None:
    path = one_row(make_xlsx, ["R1", "Brand", 0.1, 100, 200, None, "normaal"], SHAPE_HEADER)

    assert problems_of(path) == [
        "Rij 3, kolom Minimaal gevolg (€): het minimale gevolg (€ 200) is groter dan het maximale gevolg (€ 100)",
        "Rij 3, kolom Verdeling: 'normaal' is geen bekende verdeling; kies vast, uniform, driehoek, pert of "
        "lognormaal",
    ]


def test_it_turns_an_engine_error_into_a_row_and_column_problem(make_xlsx, problems_of) -> None:
    path = one_row(make_xlsx, ["R1", "Brand", 0.1, 100, 100, 100, "pert"], SHAPE_HEADER)

    assert problems_of(path) == [
        "Rij 3, kolom Maximaal financieel gevolg (€): het maximum moet groter zijn dan het minimum"
    ]


def test_a_problem_names_the_column_as_the_file_writes_it(make_xlsx, problems_of) -> None:
    path = make_xlsx([["id", "risico", "kans (%)", "gevolg_max"], ["R1", "Brand", "140%", 100]])

    assert problems_of(path) == ["Rij 2, kolom kans (%): 140% ligt niet tussen 0% en 100%"]


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        (["Id", "Risico", "Maximaal financieel gevolg (€)"], "Kans"),
        (["Id", "Kans", "Maximaal financieel gevolg (€)"], "Risico"),
        (["Id", "Risico", "Kans"], "Maximaal financieel gevolg (€)"),
    ],
)
def test_it_rejects_a_missing_required_column(make_xlsx, problems_of, header, missing) -> None:
    path = make_xlsx([["Risicoregister"], header, ["R1", "Brand", 100]])

    assert problems_of(path) == [f"Rij 2: de verplichte kolom '{missing}' ontbreekt"]


def test_a_row_that_looks_like_a_header_names_its_missing_columns(make_xlsx, problems_of) -> None:
    path = make_xlsx([["Naam", "Bedrag", "Eigenaar"], ["Brand", 100, "Piet"]])

    assert problems_of(path) == ["Rij 1: de verplichte kolom 'Kans' ontbreekt"]


def test_it_rejects_a_column_that_appears_twice(make_xlsx, problems_of) -> None:
    path = make_xlsx([[*HEADER, "kans"], ["R1", "Brand", 0.1, 100, 0.2]])

    assert problems_of(path) == ["Rij 1, kolom kans: de kolom komt twee keer voor (kolom C en E)"]


def test_it_refuses_amounts_stated_in_thousands(make_xlsx, problems_of) -> None:
    path = make_xlsx([["Risico", "Kans", "Maximaal gevolg (x € 1.000)"], ["Brand", 0.1, 100]])

    assert problems_of(path) == [
        "Rij 1, kolom Maximaal gevolg (x € 1.000): bedragen in duizenden of miljoenen worden niet omgerekend; "
        "vul hele euro's in en noem de kolom 'Maximaal financieel gevolg (€)'"
    ]


def test_it_reports_when_no_header_is_found(make_xlsx, problems_of) -> None:
    path = make_xlsx([["Wat", "Hoeveel"], ["Brand", 100]])

    assert problems_of(path) == [
        "Geen kopregel gevonden: de eerste 10 rijen bevatten geen kolommen 'Risico' en 'Kans'"
    ]


def test_it_does_not_look_for_the_header_below_row_ten(make_xlsx, problems_of) -> None:
    path = make_xlsx([["titel"]] * 10 + [HEADER, ["R1", "Brand", 0.1, 100]])

    assert problems_of(path)[0].startswith("Geen kopregel gevonden")


def test_it_rejects_an_empty_register(make_xlsx, problems_of) -> None:
    path = make_xlsx([HEADER, [None, None, None, None], ["VOORBEELD", "Voorbeeld", 0.1, 100]])

    assert problems_of(path) == ["Het register bevat geen risico's"]


def test_it_reads_nothing_when_one_row_among_twenty_is_bad(make_xlsx) -> None:
    rows = [[f"R{i}", f"Risico {i}", "10%", 1000 * i] for i in range(1, 21)]
    rows.insert(12, ["X", "Fout", "veel", 100])
    path = make_xlsx([HEADER, *rows])

    with pytest.raises(RegisterFileError) as caught:
        read_register(path)

    assert caught.value.problems == (
        Problem(14, "Kans", "'veel' is geen geldige kans (bijvoorbeeld 30% of 0,3)"),
    )


def test_it_reports_every_problem_at_once_in_row_and_column_order(make_xlsx) -> None:
    path = make_xlsx(
        [
            [*HEADER, "Aard"],
            ["R1", None, "140%", "veel", "soms"],
            ["R2", "Goed", 0.1, 100, None],
            ["R1", "Storm", None, -5, None],
        ]
    )

    with pytest.raises(RegisterFileError) as caught:
        read_register(path)

    assert str(caught.value) == "\n".join(
        [
            "Het register bevat 6 problemen; er is niets ingelezen.",
            "- Rij 2, kolom Risico: de naam van het risico ontbreekt",
            "- Rij 2, kolom Kans: 140% ligt niet tussen 0% en 100%",
            "- Rij 2, kolom Maximaal financieel gevolg (€): 'veel' is geen geldig bedrag "
            "(bijvoorbeeld € 1.250.000 of 1250000)",
            "- Rij 2, kolom Aard: 'soms' is geen bekende aard; kies incidenteel of structureel",
            "- Rij 4, kolom Id: id 'R1' komt al voor in rij 2",
            "- Rij 4, kolom Maximaal financieel gevolg (€): bedrag -5 mag niet negatief zijn",
        ]
    )


def test_a_single_problem_reads_as_one_line(make_xlsx) -> None:
    with pytest.raises(RegisterFileError, match=r"^Rij 2, kolom Kans: 140% ligt niet tussen 0% en 100%$"):
        read_register(make_xlsx([HEADER, ["R1", "Brand", "140%", 100]]))
