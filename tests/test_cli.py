# SPDX-License-Identifier: EUPL-1.2
"""The command line, called in-process: output, exit codes, help texts."""

import csv
import io
import json

import openpyxl
import pytest

from risicokompas.cli import build_parser, main
from risicokompas.engine import Profile, Risk, Settings, Uniform, simulate

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
    from risicokompas.demo_history import write_demo_history

    return write_demo_history(tmp_path / "geschiedenis.xlsx")


def test_calibrate_json_on_the_demo_history_gives_the_engines_numbers(demo_history_file):
    from risicokompas.demo_history import DEMO_HISTORY_YEARS, demo_history_rows
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
