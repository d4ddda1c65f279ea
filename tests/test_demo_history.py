# SPDX-License-Identifier: EUPL-1.2
"""The demo history of Gemeente Voorbeeldrecht: deterministic, readable, the same in .xlsx and .csv."""

import pytest

from risicokompas.demo.history import DEMO_HISTORY_YEARS, demo_history_rows, write_demo_history
from risicokompas.demo.register import DEMO_RISKS
from risicokompas.registerfile.history import read_history


def test_the_same_seed_gives_the_same_history_and_another_seed_another():
    assert demo_history_rows(seed=7) == demo_history_rows(seed=7)
    assert demo_history_rows(seed=7) != demo_history_rows(seed=8)


def test_every_demo_risk_appears_once_a_year_and_surprises_have_no_kans():
    rows = demo_history_rows()
    for year in DEMO_HISTORY_YEARS:
        ids = [row["id"] for row in rows if row["jaar"] == year and "kans" in row]
        assert ids == [risk["id"] for risk in DEMO_RISKS]
    surprises = [row for row in rows if "kans" not in row]
    assert surprises, "the demo should show losses outside the register"
    assert all(row["opgetreden"] == "ja" and row["werkelijk_bedrag"] > 0 for row in surprises)
    occurred = [row for row in rows if row["opgetreden"] == "ja"]
    assert all("werkelijk_bedrag" in row for row in occurred)


def test_xlsx_and_csv_read_back_as_the_same_history(tmp_path):
    from_xlsx = read_history(write_demo_history(tmp_path / "g.xlsx"))
    from_csv = read_history(write_demo_history(tmp_path / "g.csv"))
    assert from_xlsx.to_engine() == from_csv.to_engine()
    assert from_xlsx.years == DEMO_HISTORY_YEARS
    assert len(from_xlsx.rows) == len(demo_history_rows())


def test_an_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(ValueError, match="onbekend bestandstype"):
        write_demo_history(tmp_path / "g.ods")
