# SPDX-License-Identifier: EUPL-1.2
"""The kengetallen in the columns the BBV asks of the begroting and of the jaarstukken."""

from __future__ import annotations

import dataclasses

from tests.reports.fixtures import indicator_inputs, snapshot

from risicokompas.engine.present import format_percent
from risicokompas.reports import compose
from risicokompas.reports.build import kengetallen_from_inputs
from risicokompas.reports.snapshot import from_snapshot_dict

KINDS = {2025: "realisatie", 2026: "begroting", 2027: "begroting", 2028: "meerjarenraming"}


def kengetallen_table(paragraph, edition):
    k = kengetallen_from_inputs(2027, {y: indicator_inputs(100_000_000 + y) for y in KINDS}, kinds=KINDS)
    document = compose(dataclasses.replace(paragraph, kengetallen=k, edition=edition))
    return next(b for s in document.sections for b in s.blocks if getattr(b, "key", "") == "kengetallen")


def test_the_begroting_shows_t_minus_2_to_t_plus_3(paragraph):
    table = kengetallen_table(paragraph, "begroting")
    assert table.head == (
        "Kengetal",
        "Jaarrekening 2025",
        "Begroting 2026 (na wijziging)",
        "Begroting 2027",
        "Meerjarenraming 2028",
        "Meerjarenraming 2029",
        "Meerjarenraming 2030",
    )
    first = [c.text for c in table.rows[0][1:]]
    assert all(text != "niet vastgelegd" for text in first[:4])
    assert first[4:] == ["niet vastgelegd", "niet vastgelegd"]


def test_the_jaarstukken_show_last_year_the_budget_and_the_realisation(paragraph):
    table = kengetallen_table(paragraph, "jaarstukken")
    assert table.head == ("Kengetal", "Jaarrekening 2026", "Begroting 2027", "Realisatie 2027")
    # 2026 was recorded as a begroting and 2027 has no realisatie yet: said so, not guessed.
    assert table.rows[0][1].text == "niet vastgelegd"
    assert table.rows[0][3].text == "niet vastgelegd"
    assert table.rows[0][2].text != "niet vastgelegd"


def test_figures_without_their_kind_keep_the_years_as_given(paragraph):
    table = next(
        b for s in compose(paragraph).sections for b in s.blocks if getattr(b, "key", "") == "kengetallen"
    )
    assert table.head == ("Kengetal", "2026 (realisatie)", "2027 (begroting)")


def frozen_row(year: int, kind: str, revenue: int) -> dict:
    """A frozen ``indicator_years`` row as a snapshot stores it (amounts as text)."""
    amounts = dataclasses.asdict(indicator_inputs(revenue))
    return {"year": year, "kind": kind, **{name: str(value) for name, value in amounts.items()}}


def snapshot_table(result, edition: str, year: int, rows: list[dict]):
    inputs, data = snapshot(result)
    inputs["indicator_years"] = rows
    paragraph = from_snapshot_dict(
        inputs,
        data,
        {},
        None,
        title=f"{edition} {year}",
        year=year,
        reference_date="2027-03-01",
        edition=edition,
    )
    # Every frozen row is its own column, also two of the same year.
    columns = zip(paragraph.kengetallen.years, paragraph.kengetallen.kinds, strict=True)
    assert sorted(columns) == sorted((row["year"], row["kind"]) for row in rows)
    document = compose(paragraph)
    return next(b for s in document.sections for b in s.blocks if getattr(b, "key", "") == "kengetallen")


#: One year, two kinds: the begroting 2026 and the jaarrekening 2026 differ (other baten, so other ratios).
BOTH_KINDS = [
    frozen_row(2025, "realisatie", 95_000_000),
    frozen_row(2026, "begroting", 100_000_000),
    frozen_row(2026, "realisatie", 125_000_000),
]


def test_the_jaarstukken_show_the_begroting_and_the_realisatie_of_the_same_year(result):
    table = snapshot_table(result, "jaarstukken", 2026, BOTH_KINDS)
    assert table.head == ("Kengetal", "Jaarrekening 2025", "Begroting 2026", "Realisatie 2026")
    last_year, budget, actual = (cell.text for cell in table.rows[0][1:])
    assert "niet vastgelegd" not in (last_year, budget, actual)
    assert budget != actual  # each column from its own row, not one row of 2026 twice
    expected = kengetallen_from_inputs(2026, {2026: indicator_inputs(125_000_000)}).lines[0].values[0]
    assert actual.startswith(format_percent(expected, 1))


def test_the_begroting_takes_last_years_begroting_not_its_realisatie(result):
    table = snapshot_table(
        result, "begroting", 2027, [*BOTH_KINDS, frozen_row(2027, "begroting", 110_000_000)]
    )
    assert table.head[1:4] == ("Jaarrekening 2025", "Begroting 2026 (na wijziging)", "Begroting 2027")
    budget_2026 = kengetallen_from_inputs(2026, {2026: indicator_inputs(100_000_000)}).lines[0].values[0]
    assert table.rows[0][2].text.startswith(format_percent(budget_2026, 1))
