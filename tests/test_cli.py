# SPDX-License-Identifier: EUPL-1.2
"""The command line, called in-process: output, exit codes, help texts."""

import csv
import io
import json
import re

import openpyxl
import pytest

from risicokompas.cli import build_parser, main
from risicokompas.engine import Profile, Risk, Settings, Uniform, simulate
from risicokompas.engine.present import format_eur, format_ratio, round_amount_for_display

ROWS = [
    ["id", "risico", "kans", "gevolg_max", "programma", "aard", "jaren"],
    ["R1", "Jeugdzorg open einde", "30%", "€ 1.500.000", "Sociaal domein", "", ""],
    ["R2", "Grondexploitatie Stationsgebied", "0,5", "2.000.000", "Ruimte", "", ""],
    ["R3", "Cyberaanval", "10", "800000", "Bestuur", "", ""],
    ["R4", "Energieprijzen vastgoed", "70%", "250.000", "Vastgoed", "structureel", "3"],
]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def register(tmp_path):
    path = tmp_path / "register.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows(ROWS)
    return path


def expected_profile() -> Profile:
    return Profile(
        (
            Risk("R1", "Jeugdzorg open einde", 0.3, Uniform(0, 1_500_000)),
            Risk("R2", "Grondexploitatie Stationsgebied", 0.5, Uniform(0, 2_000_000)),
            Risk("R3", "Cyberaanval", 0.1, Uniform(0, 800_000)),
            Risk("R4", "Energieprijzen vastgoed", 0.7, Uniform(0, 250_000), nature="structureel", years=3),
        )
    )


def test_simulate_prints_the_quantile_table_ratio_class_and_drivers_in_dutch(register):
    code, out, err = run("simulate", str(register), "--capaciteit", "€ 3.000.000")
    assert code == 0, err
    reference = simulate(expected_profile(), Settings(capacity=3_000_000))
    assert "Benodigde weerstandscapaciteit (90%)" in out
    assert "€ 3.000.000" in out
    assert f"klasse {reference.ratio_class.letter} ({reference.ratio_class.label})" in out
    assert "Grootste risico's" in out
    assert out.index("Grondexploitatie Stationsgebied") < out.index("Cyberaanval")
    for level in ("50%", "70%", "75%", "80%", "85%", "90%", "95%", "99%"):
        assert f"\n{level}" in out


def test_simulate_json_has_the_documented_keys_and_the_engine_numbers(register):
    code, out, _ = run("simulate", str(register), "--capaciteit", "3000000", "--json")
    assert code == 0
    data = json.loads(out)
    for key in (
        "method",
        "certainty",
        "required_capacity",
        "quantiles",
        "mean",
        "sum_max",
        "capacity",
        "ratio",
        "class",
        "p_exceed_capacity",
        "drivers",
        "seed",
        "iterations",
        "input_hash",
    ):
        assert key in data
    assert sorted(data["quantiles"], key=int) == ["50", "70", "75", "80", "85", "90", "95", "99"]
    reference = simulate(expected_profile(), Settings(capacity=3_000_000))
    assert data["required_capacity"] == pytest.approx(reference.required_capacity, rel=1e-12)
    assert data["quantiles"]["90"] == data["required_capacity"]
    assert data["sum_max"] == pytest.approx(1_500_000 + 2_000_000 + 800_000 + 750_000)
    assert data["class"] == reference.ratio_class.letter
    assert set(data["drivers"][0]) >= {"id", "name", "contribution", "share"}
    assert data["method"] == "exact" and data["seed"] is None


def test_montecarlo_with_a_seed_is_repeatable_and_reports_seed_and_iterations(register):
    args = (
        "simulate",
        str(register),
        "--methode",
        "montecarlo",
        "--seed",
        "42",
        "--iteraties",
        "20000",
        "--json",
    )
    first = json.loads(run(*args)[1])
    second = json.loads(run(*args)[1])
    assert first == second
    assert first["seed"] == 42 and first["iterations"] == 20_000


def test_certainty_and_correlation_options_reach_the_engine(register):
    _, out95, _ = run("simulate", str(register), "--zekerheid", "95%", "--json")
    assert json.loads(out95)["certainty"] == pytest.approx(0.95)
    code, out, err = run(
        "simulate", str(register), "--correlatie", "g=0,5", "--seed", "1", "--iteraties", "5000", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["method"] == "exact"  # no risk is in group g, so nothing is dependent


def test_a_broken_register_exits_2_with_the_row_and_column_on_stderr(tmp_path):
    path = tmp_path / "kapot.csv"
    rows = [*ROWS, ["R5", "Te grote kans", "140%", "100000", "", "", ""]]
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    code, out, err = run("simulate", str(path))
    assert code == 2
    assert out == ""
    assert "Rij 6" in err and "140%" in err
    assert "Traceback" not in err


def test_a_missing_file_and_a_bad_option_value_exit_2_without_a_traceback(tmp_path, register):
    code, _, err = run("simulate", str(tmp_path / "bestaat-niet.xlsx"))
    assert code == 2 and "Traceback" not in err and err.startswith("risicokompas:")
    code, _, err = run("simulate", str(register), "--zekerheid", "140")
    assert code == 2 and "140" in err
    code, _, err = run("simulate", str(register), "--capaciteit", "veel")
    assert code == 2 and "veel" in err
    code, _, err = run("simulate", str(register), "--correlatie", "zonderwaarde")
    assert code == 2 and "GROEP=WAARDE" in err


def test_template_writes_an_xlsx_and_refuses_to_overwrite(tmp_path):
    path = tmp_path / "register.xlsx"
    assert run("template", str(path))[0] == 0
    workbook = openpyxl.load_workbook(path)
    assert len(workbook.sheetnames) >= 2
    code, _, err = run("template", str(path))
    assert code == 2 and "--overschrijven" in err
    assert run("template", str(path), "--overschrijven")[0] == 0


def test_demo_writes_the_example_register_and_simulates_it(tmp_path):
    code, out, err = run("demo", "--map", str(tmp_path))
    assert code == 0, err
    assert (tmp_path / "voorbeeldrecht-register.xlsx").exists()
    assert "Ratio weerstandsvermogen" in out


def test_every_command_has_help_text(capsys):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert set(commands) == {"simulate", "report", "template", "calibrate", "demo"}
    for name in commands:
        with pytest.raises(SystemExit) as exit_:
            parser.parse_args([name, "--help"])
        assert exit_.value.code == 0
        text = capsys.readouterr().out
        assert len(text) > 100 and "usage" in text.lower()
    for action in parser._subparsers._group_actions[0]._choices_actions:
        assert action.help


def test_no_command_is_a_usage_error():
    code, _, _ = run()
    assert code == 2


def test_the_progress_bar_draws_percentages_on_one_line():
    from risicokompas.cli import _ProgressBar

    stream = io.StringIO()
    bar = _ProgressBar(stream, width=10)
    bar(50_000, 100_000)
    bar(50_000, 100_000)  # the same percentage is not drawn twice
    bar(100_000, 100_000)
    bar.finish()
    text = stream.getvalue()
    assert text.count("\r") == 2
    assert " 50%" in text and "100%" in text and text.endswith("\n")


@pytest.fixture
def demo_history_file(tmp_path):
    from risicokompas.demo.history import write_demo_history

    return write_demo_history(tmp_path / "geschiedenis.xlsx")


def test_calibrate_json_on_the_demo_history_gives_the_engines_numbers(demo_history_file):
    from risicokompas.demo.history import DEMO_HISTORY_YEARS, demo_history_rows
    from risicokompas.engine.calibration import calibrate
    from risicokompas.registerfile.history import read_history

    code, out, err = run("calibrate", str(demo_history_file), "--json")
    assert code == 0, err
    data = json.loads(out)
    engine = calibrate(read_history(demo_history_file).to_engine(), Settings(certainty=0.9))
    assert data == json.loads(json.dumps(engine.to_dict()))
    # And against the generator's rows directly, without the reader or the engine in between.
    rows = demo_history_rows()
    assert [y["year"] for y in data["years"]] == list(DEMO_HISTORY_YEARS)
    for year in data["years"]:
        realised = sum(
            row["werkelijk_bedrag"] * (row.get("jaren", 1) if row.get("aard") == "structureel" else 1)
            for row in rows
            if row["jaar"] == year["year"] and row["opgetreden"] == "ja" and row.get("uitgesloten") != "ja"
        )
        assert year["realised"] == realised
        assert year["exceeded"] == (year["realised"] > year["required_capacity"])
    surprises = [row for row in rows if "kans" not in row]
    assert data["surprises"]["count"] == len(surprises)
    assert data["surprises"]["amount"] == sum(row["werkelijk_bedrag"] for row in surprises)
    estimates = [row for row in rows if "kans" in row]
    assert sum(band["n"] for band in data["calibration"]) == len(estimates)
    occurred = [row for row in estimates if row["opgetreden"] == "ja"]
    assert data["amounts"]["occurred"] == len(occurred)
    brier = sum((row["kans"] - (row["opgetreden"] == "ja")) ** 2 for row in estimates) / len(estimates)
    assert data["brier"] == pytest.approx(brier)
    assert data["exceedance"]["years"] == 5
    assert data["exceedance"]["expected"] == pytest.approx(0.5)


def test_calibrate_prints_dutch_tables_with_each_year_and_the_reading(demo_history_file):
    code, out, err = run("calibrate", str(demo_history_file))
    assert code == 0, err
    for heading in (
        "Kansen",
        "Kansklasse",
        "Benodigde weerstandscapaciteit bij 90% zekerheid",
        "Bedragen",
        "Verrassingen",
    ):
        assert heading in out
    for year in range(2021, 2026):
        assert f"\n  {year} " in out
    for band in ("≤ 10%", "10–30%", "30–50%", "50–70%", "> 70%"):
        assert f"\n  {band} " in out
    assert "In 5 jaar is de benodigde weerstandscapaciteit" in out
    assert "Kupiec-toets" in out


def test_calibrate_passes_the_certainty_to_each_years_simulation(demo_history_file):
    from risicokompas.registerfile.history import read_history

    code, out, _ = run("calibrate", str(demo_history_file), "--zekerheid", "95%", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["exceedance"]["level"] == 0.95
    history = read_history(demo_history_file).to_engine()
    first = simulate(history.profile(2021), Settings(certainty=0.95, drivers=False))
    assert data["years"][0]["required_capacity"] == first.required_capacity


def test_calibrate_a_bad_history_exits_2_with_row_and_column(tmp_path):
    path = tmp_path / "geschiedenis.csv"
    path.write_text("jaar;risico;kans;gevolg_max;opgetreden;werkelijk_bedrag\n2024;Cyber;30%;1000;ja;\n")
    code, out, err = run("calibrate", str(path))
    assert code == 2
    assert out == ""
    assert err == (
        "risicokompas: Rij 2, kolom werkelijk_bedrag: het werkelijke bedrag ontbreekt; vul in wat het risico "
        "in dit jaar heeft gekost\n"
    )
    code, _, err = run("calibrate", str(tmp_path / "bestaat-niet.xlsx"))
    assert code == 2 and "bestaat niet" in err and "Traceback" not in err


# --- the official calculation method -------------------------------------------------------------------

SUM_MAX = 1_500_000 + 2_000_000 + 800_000 + 3 * 250_000
SUM_P_MAX = 0.3 * 1_500_000 + 0.5 * 2_000_000 + 0.1 * 800_000 + 0.7 * 3 * 250_000


@pytest.mark.parametrize("typed", ["0,7", "0.7", "70%"])
def test_seventy_percent_of_the_sum_of_maxima_is_the_required_capacity(register, typed):
    code, out, err = run(
        "simulate",
        str(register),
        "--rekenmethode",
        "som-maxima",
        "--factor",
        typed,
        "--capaciteit",
        "3000000",
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    reference = simulate(expected_profile(), Settings(capacity=3_000_000))

    assert data["calculation"] == "som-maxima"
    assert data["factor"] == pytest.approx(0.7)
    assert data["required_capacity"] == pytest.approx(0.7 * SUM_MAX)
    assert data["simulated_required_capacity"] == pytest.approx(reference.required_capacity, rel=1e-12)
    assert data["conventional"] == {
        "kans_maal_maximum": pytest.approx(SUM_P_MAX),
        "kans_maal_gemiddeld": pytest.approx(reference.mean),
        "som_maxima": pytest.approx(SUM_MAX),
    }
    assert data["ratio"] == pytest.approx(3_000_000 / (0.7 * SUM_MAX))
    assert (data["class"], data["class_label"]) == ("D", "matig")  # 3.000.000 / 3.535.000 = 0,85


def test_the_json_of_the_default_method_has_the_new_keys(register):
    data = json.loads(run("simulate", str(register), "--json")[1])

    assert (data["calculation"], data["factor"]) == ("simulatie", 1.0)
    assert data["required_capacity"] == data["quantiles"]["90"]
    assert set(data["conventional"]) == {"kans_maal_maximum", "kans_maal_gemiddeld", "som_maxima"}
    assert data["unquantified"] == []


def test_weighted_amounts_times_a_factor_with_two_structural_years(tmp_path):
    """ "0,9 × (incidenteel + 2 × structureel)" over already weighted amounts: kans 100%, vast."""
    path = tmp_path / "gewogen.csv"
    path.write_text(
        "risico;kans;gevolg_max;verdeling;aard\n"
        "Claim;100%;250.000;vast;incidenteel\n"
        "Grond;100%;50.000;vast;incidenteel\n"
        "Jeugdzorg;100%;100.000;vast;structureel\n",
        encoding="utf-8",
    )
    code, out, err = run(
        "simulate",
        str(path),
        "--rekenmethode",
        "kans-maal-maximum",
        "--factor",
        "0,9",
        "--structurele-jaren",
        "2",
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["required_capacity"] == pytest.approx(0.9 * (250_000 + 50_000 + 2 * 100_000))


def test_the_text_shows_the_chosen_figure_with_the_simulation_beside_it(register):
    code, out, err = run(
        "simulate", str(register), "--rekenmethode", "kans-maal-maximum", "--capaciteit", "3.000.000"
    )
    assert code == 0, err
    reference = simulate(expected_profile(), Settings(capacity=3_000_000))

    assert "Rekenmethode" in out and "Σ kans × maximum" in out
    assert re.search(rf"\nBenodigde weerstandscapaciteit +{format_eur(SUM_P_MAX)}\n", out)
    simulated = round_amount_for_display(
        reference.required_capacity, reference.quantile(0.9).relative_uncertainty
    ).text
    assert f"De simulatie komt uit op {simulated} bij 90% zekerheid" in out
    assert "1,46 — klasse B (ruim voldoende)" in out  # 3.000.000 / 2.055.000
    assert format_ratio(reference.ratio) != "1,46"  # the simulated ratio is another number


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--factor", "0,7"), "factor: bij de simulatie hoort geen factor"),
        (("--rekenmethode", "som-maxima", "--factor", "veel"), "--factor 'veel' is geen getal"),
        (("--rekenmethode", "som-maxima", "--factor", "0"), "factor: de factor moet groter zijn dan 0"),
    ],
)
def test_a_bad_factor_exits_2_with_a_dutch_line(register, options, message):
    code, out, err = run("simulate", str(register), *options)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_an_unknown_method_is_a_usage_error(register, capsys):
    code, _, _ = run("simulate", str(register), "--rekenmethode", "gevoel")
    assert code == 2
    assert "kans-maal-gemiddeld" in capsys.readouterr().err


# --- unquantified rows, the shape rule, drivers, intervals -------------------------------------------


@pytest.fixture
def register_with_pm(tmp_path):
    path = tmp_path / "register-pm.csv"
    rows = [
        *ROWS,
        ["R5", "Rechtszaak Haven", "PM", "400.000", "Ruimte", "", ""],
        ["R6", "Nieuwe wet", "", "", "Bestuur", "", ""],
    ]
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    return path


def test_unquantified_risks_are_listed_and_not_counted(register, register_with_pm):
    code, out, err = run("simulate", str(register_with_pm))
    assert code == 0, err

    assert "2 niet gekwantificeerd" in out
    section = out[out.index("Niet gekwantificeerd (2 risico's; tellen niet mee in de berekening):") :]
    assert "R5      Rechtszaak Haven" in section and "Ruimte" in section and "kans\n" in section
    assert "R6      Nieuwe wet" in section and "kans en maximaal gevolg" in section
    with_pm = json.loads(run("simulate", str(register_with_pm), "--json")[1])
    without = json.loads(run("simulate", str(register), "--json")[1])
    assert with_pm["unquantified"] == [
        {"id": "R5", "name": "Rechtszaak Haven"},
        {"id": "R6", "name": "Nieuwe wet"},
    ]
    assert with_pm["required_capacity"] == without["required_capacity"]
    assert with_pm["sum_max"] == without["sum_max"]


def test_a_pm_row_in_an_xlsx_register_is_listed(tmp_path):
    path = tmp_path / "register.xlsx"
    workbook = openpyxl.Workbook()
    for row in [ROWS[0], *ROWS[1:3], ["R9", "Bodemverontreiniging", "p.m.", 1_000_000, "Ruimte", "", ""]]:
        workbook.active.append(row)
    workbook.save(path)

    code, out, err = run("simulate", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["unquantified"] == [{"id": "R9", "name": "Bodemverontreiniging"}]


def test_the_midpoint_rule_is_stated_when_it_applied(register):
    _, plain, _ = run("simulate", str(register))
    code, out, err = run("simulate", str(register), "--standaardverdeling", "driehoek", "--json")
    assert code == 0, err
    assert "Aanname" not in plain
    assert json.loads(out)["assumed_mode"]["ids"] == ["R1", "R2", "R3", "R4"]

    _, text, _ = run("simulate", str(register), "--standaardverdeling", "pert")
    assert (
        "Aanname (R1, R2, R3, R4): bij verdeling driehoek of pert zonder meest waarschijnlijk gevolg ligt"
        in text
    )


def test_the_drivers_table_labels_euler_share_influence_and_kans_times_mean(register):
    out = run("simulate", str(register))[1]
    header = next(line for line in out.splitlines() if line.lstrip().startswith("#"))

    for label in ("Bijdrage", "Aandeel", "Invloed", "Effect weglaten", "Kans × gemiddeld gevolg"):
        assert label in header
    assert "Kans × gevolg" not in out
    assert "Euler-toerekening" in out and "Invloed: kans × maximum" in out
    data = json.loads(run("simulate", str(register), "--json")[1])
    r2 = next(d for d in data["drivers"] if d["id"] == "R2")
    assert r2["influence"] == pytest.approx(0.5 * 2_000_000 / SUM_P_MAX)
    assert r2["probability_times_max"] == pytest.approx(1_000_000)


def test_a_monte_carlo_interval_is_printed_as_its_two_bounds(register):
    code, out, err = run(
        "simulate", str(register), "--methode", "montecarlo", "--seed", "5", "--iteraties", "20000"
    )
    assert code == 0, err
    reference = simulate(expected_profile(), Settings(method="montecarlo", seed=5, iterations=20_000))
    q = reference.quantile(0.9)

    assert "±" not in out
    assert f"(95%-interval {format_eur(q.lower)} – {format_eur(q.upper)})" in out
