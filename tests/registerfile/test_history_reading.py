# SPDX-License-Identifier: EUPL-1.2
"""Reading a history file: register columns plus jaar, opgetreden and werkelijk_bedrag, all or nothing."""

import pytest

from risicokompas.engine import Uniform
from risicokompas.registerfile import RegisterFileError
from risicokompas.registerfile.history import HistoryFileError, parse_year, read_history
from risicokompas.registerfile.values import ValueProblem

HEADER = ["jaar", "id", "risico", "kans", "gevolg_max", "opgetreden", "werkelijk_bedrag"]


def rows(*body):
    return [HEADER, *body]


def problems_of(path) -> list[str]:
    with pytest.raises(HistoryFileError) as error:
        read_history(path)
    return error.value.messages


def test_it_reads_estimates_outcomes_and_surprises_from_csv(make_csv):
    path = make_csv(
        rows(
            ["2024", "R1", "Cyberaanval", "30%", "€ 1.000.000", "ja", "€ 250.000"],
            ["2024", "R2", "Grondexploitatie", "0,5", "2.000.000", "nee", ""],
            ["2024", "", "Storm", "", "", "ja", "80.000"],
            ["2025", "R1", "Cyberaanval", "40%", "1.000.000", "nee", "0"],
        )
    )
    history = read_history(path)
    assert history.years == (2024, 2025)
    first, second, storm, later = history.rows
    assert (first.year, first.occurred, first.amount) == (2024, True, 250_000)
    assert first.register_row.risk.impact == Uniform(0, 1_000_000)
    assert (second.occurred, second.amount) == (False, None)
    assert storm.is_surprise and storm.name == "Storm" and storm.amount == 80_000
    assert later.register_row.risk.probability == 0.4
    outcomes = history.to_engine().outcomes
    assert [o.risk is None for o in outcomes] == [False, False, True, False]
    assert [o.amount for o in outcomes] == [250_000, 0.0, 80_000, 0.0]


def test_it_reads_an_xlsx_with_friendly_labels_numeric_years_and_percent_cells(make_xlsx):
    header = [
        "Jaar",
        "Id",
        "Risico",
        "Kans",
        "Maximaal financieel gevolg (€)",
        "Opgetreden",
        "Werkelijk bedrag (€)",
    ]
    path = make_xlsx([header, [2023, "R1", "Datalek", 0.1, 400_000, "Ja", 120_000]], sheet="Geschiedenis")
    (row,) = read_history(path).rows
    assert (row.year, row.occurred, row.amount) == (2023, True, 120_000)
    assert row.register_row.risk.probability == 0.1


def test_the_same_risk_in_different_years_is_fine_but_twice_in_one_year_is_not(make_csv):
    path = make_csv(
        rows(
            ["2024", "R1", "Cyber", "30%", "100", "nee", ""],
            ["2025", "R1", "Cyber", "30%", "100", "nee", ""],
            ["2025", "R1", "Cyber", "30%", "100", "nee", ""],
        )
    )
    assert problems_of(path) == ["Rij 4, kolom id: id 'R1' komt in 2025 al voor in rij 3"]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (["", "R1", "Cyber", "30%", "100", "nee", ""], "Rij 2, kolom jaar: het jaar ontbreekt"),
        (
            ["twintig", "R1", "Cyber", "30%", "100", "nee", ""],
            "Rij 2, kolom jaar: 'twintig' is geen jaartal; vul een jaar in zoals 2024",
        ),
        (
            ["2024", "R1", "Cyber", "30%", "100", "", ""],
            "Rij 2, kolom opgetreden: vul ja of nee in: is het risico in dit jaar opgetreden?",
        ),
        (
            ["2024", "R1", "Cyber", "30%", "100", "misschien", ""],
            "Rij 2, kolom opgetreden: 'misschien' is geen geldige waarde; vul ja of nee in",
        ),
        (
            ["2024", "R1", "Cyber", "30%", "100", "ja", ""],
            "Rij 2, kolom werkelijk_bedrag: het werkelijke bedrag ontbreekt; vul in wat het risico in dit "
            "jaar heeft gekost",
        ),
        (
            ["2024", "", "Storm", "", "", "ja", ""],
            "Rij 2, kolom werkelijk_bedrag: het werkelijke bedrag ontbreekt; vul in wat het verlies in dit "
            "jaar heeft gekost",
        ),
        (
            ["2024", "R1", "Cyber", "30%", "100", "nee", "5.000"],
            "Rij 2, kolom werkelijk_bedrag: er staat een bedrag, maar volgens kolom opgetreden is het "
            "risico niet opgetreden",
        ),
        (
            ["2024", "R1", "Cyber", "30%", "100", "ja", "veel"],
            "Rij 2, kolom werkelijk_bedrag: 'veel' is geen geldig bedrag (bijvoorbeeld € 1.250.000 of "
            "1250000)",
        ),
        (["2024", "", "", "", "", "ja", "5.000"], "Rij 2, kolom risico: de naam van het verlies ontbreekt"),
        (["2024", "R1", "Cyber", "", "100", "nee", ""], "Rij 2, kolom kans: de kans ontbreekt"),
        (
            ["2024", "R1", "Cyber", "150%", "100", "nee", ""],
            "Rij 2, kolom kans: 150% ligt niet tussen 0% en 100%",
        ),
    ],
)
def test_each_problem_names_its_row_and_column_in_dutch(make_csv, cells, message):
    assert problems_of(make_csv(rows(cells))) == [message]


def test_a_file_without_the_history_columns_says_which_are_missing(make_csv):
    path = make_csv([["risico", "kans", "gevolg_max"], ["Cyber", "30%", "100"]])
    assert problems_of(path) == [
        "Rij 1: de verplichte kolom 'Jaar' ontbreekt",
        "Rij 1: de verplichte kolom 'Opgetreden' ontbreekt",
    ]


def test_a_history_column_twice_is_a_problem_of_the_header(make_csv):
    path = make_csv([[*HEADER, "Jaar"], ["2024", "R1", "Cyber", "30%", "100", "nee", "", "2024"]])
    assert problems_of(path) == ["Rij 1, kolom Jaar: de kolom komt twee keer voor (kolom A en H)"]


def test_every_problem_is_reported_and_nothing_is_read(make_csv):
    path = make_csv(
        rows(
            ["2024", "R1", "Cyber", "30%", "100", "ja", "50"],
            ["2024", "R2", "Grond", "30%", "100", "", ""],
            ["2o24", "R3", "Storm", "", "", "ja", "10"],
        )
    )
    with pytest.raises(RegisterFileError) as error:
        read_history(path)
    text = str(error.value)
    assert text.startswith("De geschiedenis bevat 2 problemen; er is niets ingelezen.")
    assert "Rij 3, kolom opgetreden" in text
    assert "Rij 4, kolom jaar" in text


def test_a_file_with_only_a_header_or_no_header_is_refused(make_csv):
    assert problems_of(make_csv([HEADER])) == ["De geschiedenis bevat geen rijen"]
    assert problems_of(make_csv([["a", "b"], ["1", "2"]]))[0].startswith("Geen kopregel gevonden")


def test_the_example_row_of_the_template_is_skipped(make_csv):
    path = make_csv(
        rows(
            ["2024", "VOORBEELD-1", "Voorbeeld", "", "", "", ""],
            ["2024", "R1", "Cyber", "30%", "100", "nee", ""],
        )
    )
    assert [row.name for row in read_history(path).rows] == ["Cyber"]


@pytest.mark.parametrize(("value", "year"), [(2024, 2024), (2024.0, 2024), ("2024", 2024), (" 1999 ", 1999)])
def test_parse_year_accepts_whole_years(value, year):
    assert parse_year(value) == year


@pytest.mark.parametrize("value", [2024.5, "24-25", "1850", 3000, float("nan")])
def test_parse_year_refuses_anything_else(value):
    with pytest.raises(ValueProblem, match="geen jaartal"):
        parse_year(value)
