# SPDX-License-Identifier: EUPL-1.2
"""The demo municipality Voorbeeldrecht: plausible, well-formed data and readable register files."""

from __future__ import annotations

import csv
import re

import pytest
from openpyxl import load_workbook

from risicokompas.demo.register import (
    CANONICAL_KEYS,
    DEMO_CAPACITY,
    DEMO_ORGANISATION,
    DEMO_RISKS,
    demo_capacity_total,
    demo_sum_of_maxima,
    write_demo_register,
)
from risicokompas.registerfile.columns import COLUMNS

# The register file's own column list is the contract the demo must follow.
CANONICAL = {column.key for column in COLUMNS}
SHAPES = {"vast", "uniform", "driehoek", "pert", "lognormaal"}
CAPACITY_KINDS = {
    "algemene reserve",
    "vrij besteedbare bestemmingsreserves",
    "stille reserves",
    "begrotingsruimte",
    "post onvoorzien",
    "onbenutte belastingcapaciteit",
}


def test_canonical_keys_are_the_register_columns():
    assert set(CANONICAL_KEYS) == CANONICAL
    assert len(CANONICAL_KEYS) == len(CANONICAL)


def test_ids_are_unique_and_numbered_from_r01():
    ids = [risk["id"] for risk in DEMO_RISKS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"R\d{2}", i) for i in ids)
    assert ids == [f"R{n:02d}" for n in range(1, len(ids) + 1)]


def test_size_and_spread_over_programmas():
    assert 55 <= len(DEMO_RISKS) <= 65
    assert len({risk["programma"] for risk in DEMO_RISKS}) >= 6


@pytest.mark.parametrize("risk", DEMO_RISKS, ids=lambda r: r["id"])
def test_each_risk_is_well_formed(risk):
    assert set(risk) <= CANONICAL
    for key in ("id", "risico", "omschrijving", "kans", "gevolg_max", "programma", "eigenaar"):
        assert key in risk
    for key, value in risk.items():
        assert value is not None and value != "", key
    assert isinstance(risk["kans"], int | float) and 0 <= risk["kans"] <= 1
    for key in ("gevolg_max", "gevolg_min", "gevolg_modus"):
        if key in risk:
            assert isinstance(risk[key], int | float) and risk[key] >= 0
    assert risk["gevolg_max"] > 0
    low = risk.get("gevolg_min", 0)
    mode = risk.get("gevolg_modus", low)
    assert low <= mode <= risk["gevolg_max"]
    shape = risk.get("verdeling")
    assert shape is None or shape in SHAPES
    if shape in {"driehoek", "pert", "lognormaal"}:
        assert "gevolg_modus" in risk
    if shape == "lognormaal":
        assert 0 < risk["gevolg_modus"] < risk["gevolg_max"]
        assert "gevolg_min" not in risk
    assert risk.get("aard", "incidenteel") in {"incidenteel", "structureel"}
    if "jaren" in risk:
        assert risk.get("aard") == "structureel"
        assert isinstance(risk["jaren"], int) and risk["jaren"] >= 1
    assert risk.get("uitgesloten", "ja") == "ja"


def test_mix_of_natures_shapes_groups_and_exclusions():
    structural = [r for r in DEMO_RISKS if r.get("aard") == "structureel"]
    assert 8 <= len(structural) <= 16
    assert any("jaren" in r for r in structural)
    shapes = {r.get("verdeling") for r in DEMO_RISKS}
    assert {None, "driehoek", "pert", "vast", "lognormaal"} <= shapes
    assert sum(1 for r in DEMO_RISKS if "verdeling" not in r) > len(DEMO_RISKS) / 2
    groups = {r["groep"] for r in DEMO_RISKS if "groep" in r}
    assert groups == {"grondexploitaties", "sociaal domein"}
    assert sum(1 for r in DEMO_RISKS if r.get("uitgesloten") == "ja") == 2


def test_sum_of_maxima_is_municipal_scale():
    years = DEMO_ORGANISATION["structural_years"]
    total = sum(
        r["gevolg_max"] * (r.get("jaren", years) if r.get("aard") == "structureel" else 1)
        for r in DEMO_RISKS
        if r.get("uitgesloten") != "ja"
    )
    assert total == demo_sum_of_maxima()
    assert 35_000_000 <= total <= 70_000_000


def test_capacity_items_and_total():
    for item in DEMO_CAPACITY:
        assert set(item) == {"naam", "soort", "aard", "bedrag", "toelichting"}
        assert item["soort"] in CAPACITY_KINDS
        assert item["aard"] in {"incidenteel", "structureel"}
        assert item["bedrag"] > 0
    assert demo_capacity_total() == sum(item["bedrag"] for item in DEMO_CAPACITY)
    # Against the usual 20–28% of Σ max as required capacity the ratio lands around 1,4–1,8.
    share = demo_capacity_total() / demo_sum_of_maxima()
    assert 0.2 * 1.4 <= share <= 0.28 * 1.8


def test_organisation_settings():
    assert DEMO_ORGANISATION["kind"] == "gemeente"
    assert DEMO_ORGANISATION["certainty"] == 0.9
    assert DEMO_ORGANISATION["default_shape"] == "uniform"
    assert DEMO_ORGANISATION["structural_years"] == 1
    assert DEMO_ORGANISATION["norm_min_ratio"] == 1.0


def test_xlsx_reads_back(tmp_path):
    path = write_demo_register(tmp_path / "demo.xlsx")
    assert path == tmp_path / "demo.xlsx"
    rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    assert list(rows[0]) == list(CANONICAL_KEYS)
    assert len(rows) == len(DEMO_RISKS) + 1
    for row, risk in zip(rows[1:], DEMO_RISKS, strict=True):
        record = dict(zip(CANONICAL_KEYS, row, strict=True))
        assert {k: v for k, v in record.items() if v is not None} == risk


def test_csv_reads_back_as_dutch_excel_export(tmp_path):
    path = write_demo_register(tmp_path / "demo.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == list(CANONICAL_KEYS)
    assert len(rows) == len(DEMO_RISKS) + 1
    for row, risk in zip(rows[1:], DEMO_RISKS, strict=True):
        record = dict(zip(CANONICAL_KEYS, row, strict=True))
        assert record["id"] == risk["id"]
        assert record["kans"].endswith("%")
        assert float(record["kans"][:-1].replace(",", ".")) == pytest.approx(risk["kans"] * 100)
        assert record["gevolg_max"] == str(risk["gevolg_max"])
        assert record["gevolg_modus"] == str(risk.get("gevolg_modus", ""))
        assert record["omschrijving"] == risk["omschrijving"]


def test_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(ValueError):
        write_demo_register(tmp_path / "demo.ods")


def test_the_shipped_register_is_a_register_file_the_reader_accepts():
    # The demo's risks live in a register file (data/risicoregister.csv), so the demo also shows the format.
    from importlib.resources import as_file

    from risicokompas.demo.files import DATA
    from risicokompas.registerfile.reader import read_register

    with as_file(DATA / "risicoregister.csv") as path:
        register = read_register(path)
    assert [row.risk.id for row in register.rows] == [risk["id"] for risk in DEMO_RISKS]
    assert [row.risk.probability for row in register.rows] == [risk["kans"] for risk in DEMO_RISKS]


def test_the_written_csv_is_the_shipped_register_file(tmp_path):
    from risicokompas.demo.files import DATA

    written = write_demo_register(tmp_path / "demo.csv").read_bytes()
    assert written == (DATA / "risicoregister.csv").read_bytes()


def test_every_risk_has_a_cause_an_event_and_a_consequence():
    from risicokompas.demo.register import DEMO_BOWTIES

    assert set(DEMO_BOWTIES) == {risk["id"] for risk in DEMO_RISKS}
    for code, bowtie in DEMO_BOWTIES.items():
        assert set(bowtie) == {"cause", "event", "consequence"}, code
        assert all(text.strip() for text in bowtie.values()), code


def test_every_data_file_is_package_data():
    # A wheel carries only what pyproject's package-data names: every demo data file must match a pattern.
    import fnmatch
    import tomllib
    from pathlib import Path

    import risicokompas.demo

    root = Path(__file__).resolve().parents[1]
    package_data = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    patterns = package_data["risicokompas.demo"]  # "*" globs do not reach into data/
    folder = Path(risicokompas.demo.__file__).parent
    names = [path.relative_to(folder).as_posix() for path in (folder / "data").iterdir()]
    assert len(names) >= 11
    unmatched = [name for name in names if not any(fnmatch.fnmatch(name, p) for p in patterns)]
    assert unmatched == []
