# SPDX-License-Identifier: EUPL-1.2
"""A PM component of the capacity (amount not known yet) in the paragraph: shown as "PM", never counted."""

from __future__ import annotations

import dataclasses

import pytest

from risicokompas.engine.present import format_eur
from risicokompas.reports import compose
from risicokompas.reports.capacityfile import read_capacity
from risicokompas.reports.data import CapacityRow
from risicokompas.reports.html import render_fragment

ROWS = (
    CapacityRow("Algemene reserve", "algemene reserve", "incidenteel", (2_000_000, 1_800_000, None, None)),
    CapacityRow(
        "Stille reserves", "stille reserves", "incidenteel", (None,) * 4, pm_years=frozenset(range(4))
    ),
    CapacityRow("Post onvoorzien", "post onvoorzien", "structureel", (150_000, 150_000, None, None)),
)


@pytest.fixture(scope="module")
def with_pm(paragraph):
    return dataclasses.replace(paragraph, capacity_rows=ROWS)


def capacity_table(document):
    return next(b for s in document.sections for b in s.blocks if getattr(b, "key", "") == "capaciteit")


def test_a_pm_row_counts_in_no_year_and_does_not_make_a_year_niet_geraamd(with_pm):
    assert with_pm.capacity_years == (2027, 2028)
    assert with_pm.capacity_total(0) == 2_150_000
    assert with_pm.capacity_total(1) == 1_950_000
    assert with_pm.capacity_total(1, "incidenteel") == 1_800_000
    assert [r.name for r in with_pm.pm_rows()] == ["Stille reserves"]


def test_the_capacity_table_shows_pm_and_the_totals_without_it(with_pm):
    table = capacity_table(compose(with_pm))
    stille = next(row for row in table.rows if row[0].text == "Stille reserves")
    assert [c.text for c in stille[2:]] == ["PM", "PM"]
    total = table.foot[-1]
    assert [c.text for c in total[2:]] == [format_eur(2_150_000), format_eur(1_950_000)]
    assert all(c.text not in (format_eur(0), "niet geraamd") for c in stille)


def test_the_paragraph_says_the_pm_item_is_not_counted_in_html(with_pm):
    html = " ".join(render_fragment(with_pm).split())
    assert (
        "PM-posten tellen niet mee: van 1 onderdeel is het bedrag nog niet bekend (PM): Stille reserves. Het "
        "staat in de tabel, maar telt niet mee in de totalen en de ratio; dat betekent niet dat het nul is."
    ) in html
    assert ">PM<" in html


def test_without_pm_rows_the_paragraph_says_nothing_about_pm(paragraph):
    assert "PM-posten" not in render_fragment(paragraph)


def test_a_pm_in_a_capacity_file_reads_as_the_web_pm_and_gives_the_same_paragraph(tmp_path, paragraph):
    path = tmp_path / "capaciteit.csv"
    path.write_text(
        "naam;soort;aard;bedrag;bedrag_t1\n"
        "Algemene reserve;algemene reserve;incidenteel;2.000.000;1.800.000\n"
        "Stille reserves;stille reserves;incidenteel;PM;p.m.\n"
        "Post onvoorzien;post onvoorzien;structureel;150.000;150.000\n",
        encoding="utf-8",
    )
    rows = read_capacity(path)
    assert rows[1].pm_years == {0, 1} and rows[1].amounts == (None, None, None, None)
    data = dataclasses.replace(paragraph, capacity_rows=rows)
    assert data.capacity_total(0) == 2_150_000 and data.capacity_total(1) == 1_950_000
    stille = next(row for row in capacity_table(compose(data)).rows if row[0].text == "Stille reserves")
    assert [c.text for c in stille[2:]] == ["PM", "PM"]


def test_a_pm_for_one_later_year_in_a_file_is_listed_not_counted_and_the_others_total(tmp_path, paragraph):
    path = tmp_path / "capaciteit.csv"
    path.write_text(
        "naam;soort;aard;bedrag;bedrag_t1\n"
        "Algemene reserve;algemene reserve;incidenteel;2.000.000;1.800.000\n"
        "Post onvoorzien;post onvoorzien;structureel;150.000;onbekend\n",
        encoding="utf-8",
    )
    data = dataclasses.replace(paragraph, capacity_rows=read_capacity(path))
    assert data.capacity_total(1) == 1_800_000
    onvoorzien = next(row for row in capacity_table(compose(data)).rows if row[0].text == "Post onvoorzien")
    assert [c.text for c in onvoorzien[2:]] == [format_eur(150_000), "PM"]
    assert [r.name for r in data.pm_rows()] == ["Post onvoorzien"]
