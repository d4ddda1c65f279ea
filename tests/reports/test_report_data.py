# SPDX-License-Identifier: EUPL-1.2
"""Building the paragraph's data: the total requirement, the ratio on it, and a snapshot's JSON."""

from __future__ import annotations

import pytest
from tests.reports.fixtures import snapshot

from risicokompas.engine.capacity import classify_ratio
from risicokompas.reports.capacityfile import CapacityFileError, read_capacity
from risicokompas.reports.snapshot import from_snapshot_dict


def test_the_ratio_is_available_over_simulated_plus_separately_computed_requirement(paragraph, result):
    sim = paragraph.simulation
    assert sim.required == result.required_capacity
    assert sim.total_required == pytest.approx(result.required_capacity + 250_000.5)
    assert sim.available == pytest.approx(2_649_999.9)
    assert sim.ratio == pytest.approx(sim.available / sim.total_required)
    assert sim.class_letter == classify_ratio(sim.ratio).letter
    assert sim.norm_message.startswith("De ratio van")


def test_with_separate_groups_the_exceedance_chance_uses_what_is_left_for_the_simulated_risks(paragraph):
    sim = paragraph.simulation
    left = sim.available - sim.separate_total
    curve = dict(zip(sim.exceedance_amounts, sim.exceedance_probabilities, strict=True))
    below = max(a for a in curve if a <= left)
    assert sim.p_exceed <= curve[below] + 1e-12


def test_the_top_ten_carries_each_risks_measures_and_excluded_risks_are_named(paragraph):
    by_id = {d.risk_id: d for d in paragraph.simulation.drivers}
    assert by_id["R1"].measures == "Sturen op toegang via het wijkteam."
    assert "R4" not in by_id
    assert paragraph.excluded == ("R4 Aansprakelijkheid wegen",)
    assert paragraph.risk_map.total == 3


def test_capacity_totals_per_year_and_nature(paragraph):
    assert paragraph.capacity_years == (2027, 2028)
    assert paragraph.capacity_total(1) == 2_450_000
    assert paragraph.capacity_total(0, "structureel") == 149_999.5
    assert paragraph.capacity_total(2) is None


def test_a_snapshot_dict_becomes_the_same_kind_of_paragraph(result):
    inputs, data = snapshot(result)
    approval = {
        "approved_by": "Burgemeester",
        "approved_at": "2026-11-05T10:00:00+00:00",
        "decision_reference": "RB-7",
        "content_hash": "f" * 64,
    }
    paragraph = from_snapshot_dict(
        inputs,
        data,
        {"beleid": "Beleid.", "samenhang": "Samen.", "conclusies": ""},
        approval,
        title="Begroting 2027",
        year=2027,
        reference_date="2026-09-15",
    )
    assert paragraph.organisation == "Gemeente Bedorp"
    assert paragraph.structural_years == 2
    assert paragraph.simulation.ratio == pytest.approx(2_000_000 / result.required_capacity)
    assert paragraph.simulation.norm_min == 1.0
    assert paragraph.unquantified == ("R9 Imago",)
    assert paragraph.approval.approved_on.isoformat() == "2026-11-05"
    assert paragraph.awareness == {"measures_completed": 1}
    assert [q.value for q in paragraph.simulation.quantiles] == [q.value for q in result.quantiles]
    by_id = {d.risk_id: d for d in paragraph.simulation.drivers}
    assert by_id["R1"].measures == "Wijkteam; Monitor (uitgevoerd)"


def write_csv(tmp_path, text: str):
    path = tmp_path / "capaciteit.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_capacity_file_is_read_with_dutch_amounts_and_optional_years(tmp_path):
    path = write_csv(
        tmp_path,
        "Naam;Soort;Aard;Bedrag;Bedrag_t1;Toelichting\n"
        "Algemene reserve;algemene reserve;incidenteel;€ 1.250.000;1.000.000;Saldo\n"
        "Onvoorzien;post onvoorzien;Structureel;150000;150.000;\n",
    )
    rows = read_capacity(path)
    assert [r.amounts for r in rows] == [(1_250_000, 1_000_000, None, None), (150_000, 150_000, None, None)]
    assert rows[1].nature == "structureel" and rows[0].explanation == "Saldo"


def test_a_capacity_file_reports_every_problem_with_row_and_column(tmp_path):
    path = write_csv(
        tmp_path,
        "naam;soort;aard;bedrag;bedrag_t1\n"
        "Algemene reserve;algemene reserve;eenmalig;veel;1\n"
        "Onvoorzien;post onvoorzien;structureel;-5;\n"
        "algemene reserve;x;incidenteel;1;1\n",
    )
    with pytest.raises(CapacityFileError) as error:
        read_capacity(path)
    messages = error.value.messages
    assert "Rij 2, kolom aard: 'eenmalig' is geen bekende aard; kies incidenteel of structureel" in messages
    assert any(m.startswith("Rij 2, kolom bedrag: 'veel' is geen geldig bedrag") for m in messages)
    assert "Rij 3, kolom bedrag: bedrag -5 mag niet negatief zijn" in messages
    assert "Rij 3, kolom bedrag_t1: dit veld is verplicht" in messages
    assert "Rij 4, kolom naam: 'algemene reserve' staat ook al op rij 2" in messages
    assert str(error.value).startswith("Het capaciteitsbestand bevat 5 problemen; er is niets ingelezen.")


def test_a_pm_capacity_item_is_listed_and_not_counted(tmp_path):
    path = write_csv(
        tmp_path,
        "naam;soort;aard;bedrag;bedrag_t1;toelichting\n"
        "Algemene reserve;algemene reserve;incidenteel;1.000.000;900.000;\n"
        "Stille reserves;stille reserve;incidenteel;PM;p.m.;Verkoopwaarde panden\n"
        "Onvoorzien;post onvoorzien;structureel;150.000;onbekend;\n",
    )
    rows = read_capacity(path)

    assert [r.name for r in rows] == ["Algemene reserve", "Stille reserves", "Onvoorzien"]
    assert [r.amounts for r in rows] == [
        (1_000_000, 900_000, None, None),
        (None, None, None, None),
        (150_000, None, None, None),
    ]
    assert sum(r.amount for r in rows) == 1_150_000
    assert rows[1].explanation == "PM: nog niet gekwantificeerd, telt niet mee; Verkoopwaarde panden"
    assert rows[2].explanation == "PM: nog niet gekwantificeerd, telt niet mee"
    assert rows[0].explanation == ""


def test_an_empty_capacity_amount_is_still_a_problem_not_a_pm(tmp_path):
    with pytest.raises(CapacityFileError, match="Rij 2, kolom bedrag: dit veld is verplicht"):
        read_capacity(write_csv(tmp_path, "naam;soort;aard;bedrag\nReserve;reserve;incidenteel;\n"))


def test_a_capacity_file_without_a_required_column_names_it(tmp_path):
    with pytest.raises(CapacityFileError, match="de kolom 'aard' ontbreekt"):
        read_capacity(write_csv(tmp_path, "naam;soort;bedrag\nA;b;1\n"))


def test_an_empty_or_missing_capacity_file_is_an_error(tmp_path):
    with pytest.raises(CapacityFileError, match="geen onderdelen"):
        read_capacity(write_csv(tmp_path, "naam;soort;aard;bedrag\n"))
    with pytest.raises(CapacityFileError, match="bestaat niet"):
        read_capacity(tmp_path / "nergens.csv")
