# SPDX-License-Identifier: EUPL-1.2
"""Reading registers: headers, sheets, rows and the mapping onto engine risks."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from risicokompas.engine.distributions import Fixed, LogNormal, Pert, Triangular, Uniform
from risicokompas.engine.model import Nature, Profile, Risk
from risicokompas.registerfile import Register, read_register, read_register_bytes
from risicokompas.registerfile.values import ValueProblem

HEADER = ["Id", "Risico", "Kans", "Maximaal financieel gevolg (€)"]
FULL_HEADER = [
    "Id",
    "Risico",
    "Omschrijving",
    "Kans",
    "Maximaal financieel gevolg (€)",
    "Minimaal gevolg (€)",
    "Meest waarschijnlijk gevolg (€)",
    "Verdeling",
    "Aard",
    "Aantal jaren (structureel)",
    "Groep (correlatie)",
    "Uitgesloten (voorziening/verzekering)",
    "Programma",
    "Risico-eigenaar",
    "Beheersmaatregelen",
]


def test_it_reads_every_column_of_a_row(make_xlsx) -> None:
    path = make_xlsx(
        [
            FULL_HEADER,
            [
                *(
                    "G1",
                    "Grondexploitatie Noord",
                    "Afzet stagneert",
                    "30%",
                    "€ 1.250.000",
                    "€ 250.000",
                    500_000,
                ),
                *("driehoek", "structureel", 3, "grex", "nee", "Ruimte", "J. Jansen", "Fasering"),
            ],
        ]
    )

    register = read_register(path)

    (row,) = register.rows
    assert row.risk == Risk(
        id="G1",
        name="Grondexploitatie Noord",
        probability=0.3,
        impact=Triangular(250_000, 500_000, 1_250_000),
        nature=Nature.STRUCTURAL,
        years=3,
        group="grex",
        excluded=False,
    )
    assert (row.description, row.programme, row.owner, row.measures) == (
        "Afzet stagneert",
        "Ruimte",
        "J. Jansen",
        "Fasering",
    )
    assert row.row_number == 2
    assert row.notes == {}


@pytest.mark.parametrize(
    "header",
    [
        ["id", "risico", "kans", "gevolg_max"],
        ["ID", "RISICO", "KANS", "GEVOLG MAX"],
        [" Id ", "Risico", "Kans (%)", "Maximaal financieel gevolg (€)"],
        ["Id", "Risico", "Kans", "maximaal_financieel_gevolg"],
        ["Id", "Naam", "Kans per jaar", "Maximaal gevolg"],
        ["Id", "Risico *", "kans", "gevolg max (€)"],
    ],
)
def test_it_recognises_header_label_variants(make_xlsx, header: list[str]) -> None:
    path = make_xlsx([header, ["R1", "Brand", 0.1, 100]])

    assert read_register(path).risks[0] == Risk("R1", "Brand", 0.1, Uniform(0, 100))


def test_it_recognises_every_friendly_label_in_any_case(make_xlsx) -> None:
    header = [label.upper().replace(" ", "_") for label in FULL_HEADER]
    path = make_xlsx([header, ["R1", "Brand", "", 0.1, 100, 10, "", "uniform", "", "", "", "ja", "", "", ""]])

    assert read_register(path).risks[0] == Risk("R1", "Brand", 0.1, Uniform(10, 100), excluded=True)


def test_it_finds_the_header_below_a_title_row(make_xlsx) -> None:
    path = make_xlsx([["Risicoregister gemeente Voorbeeld 2025"], [], HEADER, ["R1", "Brand", 0.1, 100]])

    (row,) = read_register(path).rows
    assert row.row_number == 4


def test_it_reads_the_sheet_named_risicos_before_other_sheets(make_xlsx) -> None:
    path = make_xlsx(
        sheets={
            "Overzicht": [HEADER, ["X", "Ander blad", 0.1, 1]],
            "Risico's": [HEADER, ["R1", "Brand", 0.1, 5]],
        }
    )

    assert [risk.id for risk in read_register(path).risks] == ["R1"]


def test_it_reads_the_sheet_named_register(make_xlsx) -> None:
    path = make_xlsx(sheets={"Blad1": [["iets anders"]], "Register": [HEADER, ["R1", "Brand", 0.1, 5]]})

    assert [risk.id for risk in read_register(path).risks] == ["R1"]


def test_it_ignores_the_instructions_sheet(make_xlsx) -> None:
    path = make_xlsx(
        sheets={"Instructies": [HEADER, ["X", "Uitleg", 0.1, 1]], "Blad1": [HEADER, ["R1", "Brand", 0.1, 5]]}
    )

    assert [risk.id for risk in read_register(path).risks] == ["R1"]


def test_it_keeps_unknown_columns_as_notes(make_xlsx) -> None:
    path = make_xlsx([[*HEADER, "Categorie", "Opmerking"], ["R1", "Brand", 0.1, 100, "Veiligheid", None]])

    assert read_register(path).rows[0].notes == {"Categorie": "Veiligheid"}


def test_it_skips_empty_rows(make_xlsx) -> None:
    path = make_xlsx([HEADER, ["R1", "Brand", 0.1, 100], [None, "  ", None, ""], ["R2", "Storm", 0.2, 50]])

    assert [row.row_number for row in read_register(path).rows] == [2, 4]


def test_it_skips_example_rows(make_xlsx) -> None:
    path = make_xlsx(
        [
            HEADER,
            ["VOORBEELD", "Voorbeeld", "veel", "fout"],
            ["voorbeeld 2", "", "", ""],
            ["R1", "Brand", 0.1, 100],
        ]
    )

    assert [risk.id for risk in read_register(path).risks] == ["R1"]


def test_it_gives_rows_without_an_id_one_from_their_row_number(make_xlsx) -> None:
    path = make_xlsx([["Titel"], HEADER, [None, "Brand", 0.1, 100], ["", "Storm", 0.2, 50]])

    assert [risk.id for risk in read_register(path).risks] == ["R3", "R4"]


def test_it_reads_a_numeric_id_as_text(make_xlsx) -> None:
    path = make_xlsx([HEADER, [7, "Brand", 0.1, 100]])

    assert read_register(path).risks[0].id == "7"


@pytest.mark.parametrize(
    ("shape", "minimum", "mode", "maximum", "impact"),
    [
        ("vast", None, None, 100, Fixed(100)),
        ("uniform", None, None, 100, Uniform(0, 100)),
        ("uniform", 20, None, 100, Uniform(20, 100)),
        ("driehoek", None, 30, 100, Triangular(0, 30, 100)),
        ("driehoek", 10, 30, 100, Triangular(10, 30, 100)),
        ("pert", 10, 30, 100, Pert(10, 30, 100)),
        ("lognormaal", None, 30, 100, LogNormal(median=30, p90=100)),
        ("Driehoek ", 10, 30, 100, Triangular(10, 30, 100)),
        ("LOGNORMAAL", None, 30, 100, LogNormal(30, 100)),
    ],
)
def test_it_maps_each_distribution_onto_its_engine_impact(
    make_xlsx, shape, minimum, mode, maximum, impact
) -> None:
    path = make_xlsx(
        [
            ["Risico", "Kans", "Gevolg_max", "Gevolg_min", "Gevolg_modus", "Verdeling"],
            ["Brand", 0.1, maximum, minimum, mode, shape],
        ]
    )

    assert read_register(path).risks[0].impact == impact


def test_an_empty_distribution_takes_the_default_shape(make_xlsx) -> None:
    path = make_xlsx([[*HEADER, "Verdeling"], ["R1", "Brand", 0.1, 100, None]])

    assert read_register(path).risks[0].impact == Uniform(0, 100)
    assert read_register(path, default_shape="vast").risks[0].impact == Fixed(100)
    assert read_register(path, default_shape="fixed").default_shape == "vast"


def test_it_refuses_a_bad_default_shape_or_number_of_years(make_xlsx) -> None:
    path = make_xlsx([HEADER, ["R1", "Brand", 0.1, 100]])

    with pytest.raises(ValueProblem, match="onbekende standaardverdeling 'normaal'"):
        read_register(path, default_shape="normaal")
    with pytest.raises(ValueProblem, match="moet een geheel getal ≥ 1 zijn"):
        read_register(path, structural_years=0)


def test_an_empty_nature_is_incidental_and_empty_years_follow_the_policy(make_xlsx) -> None:
    path = make_xlsx(
        [
            [*HEADER, "Aard", "Jaren"],
            ["R1", "Brand", 0.1, 100, None, None],
            ["R2", "Subsidie", 0.5, 10, "Structureel", ""],
        ]
    )

    register = read_register(path, structural_years=4)

    first, second = register.risks
    assert (first.nature, first.years) == (Nature.INCIDENTAL, None)
    assert (second.nature, second.years) == (Nature.STRUCTURAL, None)
    assert register.profile() == Profile(risks=(first, second), structural_years=4)
    assert second.multiplier(register.profile().structural_years) == 4


@pytest.mark.parametrize(
    ("typed", "excluded"), [("ja", True), ("x", True), ("1", True), (None, False), ("n", False)]
)
def test_it_reads_the_excluded_flag(make_xlsx, typed: object, excluded: bool) -> None:
    path = make_xlsx([[*HEADER, "Uitgesloten"], ["R1", "Brand", 0.1, 100, typed]])

    assert read_register(path).risks[0].excluded is excluded


def test_it_reads_probabilities_in_every_format(make_xlsx) -> None:
    typed = ["30%", "30", "0,3", "0.3", 0.3, 30, "1", 1]
    path = make_xlsx([HEADER] + [[f"R{i}", "Risico", value, 100] for i, value in enumerate(typed)])

    assert [risk.probability for risk in read_register(path).risks] == [0.3] * 6 + [1.0, 1.0]


def test_it_reads_amounts_in_every_format(make_xlsx) -> None:
    typed = ["€ 1.250.000", "1250000", "1.250.000,00", "1,250,000.00", 1_250_000, 1_250_000.0, "1,25 mln"]
    path = make_xlsx([HEADER] + [[f"R{i}", "Risico", 0.1, value] for i, value in enumerate(typed)])

    assert [risk.impact for risk in read_register(path).risks] == [Uniform(0, 1_250_000)] * 7


def test_it_reads_an_excel_percentage_cell_as_its_fraction(tmp_path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["R1", "Brand", 0.3, 100])
    sheet.append(["R2", "Storm", 1, 100])
    sheet["C2"].number_format = "0%"
    sheet["C3"].number_format = "0.0%"
    workbook.save(tmp_path / "procent.xlsx")

    assert [risk.probability for risk in read_register(tmp_path / "procent.xlsx").risks] == [0.3, 1.0]


def test_it_strips_the_quote_that_protects_formula_text(make_xlsx) -> None:
    path = make_xlsx([[*HEADER, "Programma"], ["R1", "'=1+1", 0.1, 100, "'s-Hertogenbosch"]])

    row = read_register(path).rows[0]
    assert (row.risk.name, row.programme) == ("=1+1", "'s-Hertogenbosch")


def test_it_reads_bytes_and_file_objects(make_xlsx, make_csv) -> None:
    xlsx = make_xlsx([HEADER, ["R1", "Brand", 0.1, 100]]).read_bytes()
    text = make_csv([HEADER, ["R1", "Brand", "10%", "100"]]).read_bytes()
    expected = (Risk("R1", "Brand", 0.1, Uniform(0, 100)),)

    assert read_register(xlsx).risks == expected
    assert read_register(io.BytesIO(xlsx)).risks == expected
    assert read_register(io.BytesIO(text)).risks == expected
    assert read_register_bytes(text, filename="upload.csv").risks == expected
    assert read_register_bytes(text, format="csv").risks == expected


def test_an_uploaded_file_object_is_recognised_by_its_name(tmp_path, make_csv, problems_of) -> None:
    path = make_csv([HEADER, ["R1", "Brand", "10%", "100"]])
    named_xlsx = tmp_path / "upload.xlsx"
    named_xlsx.write_bytes(path.read_bytes())

    with path.open("rb") as upload:
        register = read_register(upload)
    with named_xlsx.open("rb") as upload:
        problems = problems_of(upload)

    assert isinstance(register, Register)
    assert register.risks[0].name == "Brand"
    # The same bytes under an .xlsx name are held to the name: a CSV is no workbook.
    assert problems == ["Het bestand is geen geldig Excel-bestand (.xlsx) of het is beschadigd"]


def test_the_register_keeps_its_settings(make_xlsx) -> None:
    register = read_register(make_xlsx([HEADER, ["R1", "Brand", 0.1, 100]]), structural_years=2)

    assert (register.structural_years, register.default_shape) == (2, "uniform")
    assert register.profile().structural_years == 2
