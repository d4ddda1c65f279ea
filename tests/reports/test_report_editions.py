# SPDX-License-Identifier: EUPL-1.2
"""The kengetallen in the columns the BBV asks of the begroting and of the jaarstukken."""

from __future__ import annotations

import dataclasses

from tests.reports.fixtures import indicator_inputs

from risicokompas.reports import compose
from risicokompas.reports.build import kengetallen_from_inputs

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
