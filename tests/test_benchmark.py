# SPDX-License-Identifier: EUPL-1.2
"""The anonymised benchmark's pure statistics: suppression, k-anonymous bins, outliers, determinism."""

from __future__ import annotations

import pytest

from risicokompas.network.benchmark import (
    MIN_BIN,
    OTHER,
    BenchmarkSummary,
    Suppressed,
    summarise,
    summarise_categories,
)

RATIOS = [0.8, 1.1, 1.3, 1.4, 1.6, 1.9, 2.2]


def shown_numbers(summary: BenchmarkSummary) -> set[float]:
    """Every number the summary shows (except the viewer's own value and the counts)."""
    numbers = {summary.p25, summary.median, summary.p75}
    for item in summary.bins:
        numbers |= {x for x in (item.lower, item.upper) if x is not None}
    return numbers


@pytest.mark.parametrize("n", [0, 1, 4])
def test_fewer_than_five_organisations_show_nothing_not_even_the_count(n):
    result = summarise(RATIOS[:n], own=1.2)
    assert isinstance(result, Suppressed)
    assert result.reason == "minder dan 5 organisaties"
    assert str(n) not in repr(result).replace("5", "")


def test_five_organisations_give_quartiles_and_bins():
    result = summarise(RATIOS[:5])
    assert isinstance(result, BenchmarkSummary) and result.n == 5
    assert result.p25 <= result.median <= result.p75
    assert sum(b.count for b in result.bins) == 5


def test_the_categories_need_five_too():
    assert isinstance(summarise_categories(["A", "A", "B", "C"]), Suppressed)


def test_no_minimum_maximum_or_single_value_is_shown():
    values = [0.53, 0.97, 1.21, 1.47, 1.88, 2.61, 3.34]
    result = summarise(values)
    shown = shown_numbers(result)
    assert not any(value in shown for value in values)
    assert min(values) not in shown and max(values) not in shown


@pytest.mark.parametrize("values", [RATIOS, RATIOS[:5], [1.0] * 6, [0.1 * i for i in range(40)]])
def test_every_bin_holds_at_least_three_organisations(values):
    result = summarise(values)
    assert all(b.count >= MIN_BIN for b in result.bins)
    assert sum(b.count for b in result.bins) == len(values)
    assert result.bins[0].lower is None and result.bins[-1].upper is None


def test_a_single_outlier_is_not_revealed_and_only_changes_counts_nearby():
    base = [1.1, 1.2, 1.3, 1.4, 1.5, 1.6]
    outlier = 48.7
    before = summarise(base)
    after = summarise([*base, outlier])
    texts = repr(after) + " ".join(b.label for b in after.bins) + " ".join(after.quartiles_display)
    assert "48" not in texts and "48,7" not in texts
    assert all(x < 10 for x in shown_numbers(after))
    # It lands in the open-ended top bin: the shown range does not grow with it.
    assert after.bins[-1].upper is None
    assert max(shown_numbers(after)) <= max(shown_numbers(before)) + 0.2
    # Differencing the two answers reveals a count, not a value.
    assert sum(b.count for b in after.bins) - sum(b.count for b in before.bins) == 1


@pytest.mark.parametrize(("near", "far"), [(1.7, 1000.0), (1.7, 48.7), (1.0, -1000.0), (1.0, -3.2)])
def test_quartiles_and_edges_never_move_with_the_size_of_an_extreme_value(near, far):
    base = [1.1, 1.2, 1.3, 1.4, 1.5, 1.6]
    a, b = summarise([*base, near]), summarise([*base, far])
    assert (a.p25, a.median, a.p75) == (b.p25, b.median, b.p75)
    assert [(x.lower, x.upper, x.count) for x in a.bins] == [(x.lower, x.upper, x.count) for x in b.bins]


def test_the_quartiles_are_smoothed_not_one_organisations_value():
    values = [1.0, 2.0, 4.0, 8.0, 16.0]
    result = summarise(values, unit=0.01)
    assert result.median not in values and result.p25 not in values and result.p75 not in values


def test_repeated_queries_give_identical_answers_in_any_order():
    first = summarise(RATIOS, own=1.35)
    assert all(summarise(list(reversed(RATIOS)), own=1.35) == first for _ in range(20))


def test_own_position_is_placed_but_does_not_change_the_statistics():
    mine = summarise(RATIOS, own=2.1)
    theirs = summarise(RATIOS)
    assert (mine.p25, mine.median, mine.p75, mine.bins) == (
        theirs.p25,
        theirs.median,
        theirs.p75,
        theirs.bins,
    )
    assert mine.own_quartile == 4 and theirs.own_quartile is None
    assert mine.bins[mine.own_bin].upper is None


def test_shares_are_rounded_to_whole_percents():
    result = summarise([0.1234, 0.2345, 0.3456, 0.4567, 0.5678, 0.61], unit=0.01, style="percent")
    assert all(round(x * 100, 6).is_integer() for x in shown_numbers(result))
    assert result.quartiles_display[1].endswith("%")


def test_small_classes_are_merged_into_overig():
    result = summarise_categories(["A", "A", "A", "B", "B", "B", "C", "D"], own="C")
    # "overig" would hold only 2, so the smallest shown class (A) joins it.
    assert [(c.label, c.count) for c in result.categories] == [("B", 3), (OTHER, 5)]
    assert all(c.count >= MIN_BIN for c in result.categories)
    assert result.own_category == OTHER


def test_a_single_class_outlier_is_never_its_own_category():
    result = summarise_categories(["B"] * 5 + ["E"], own="B")
    assert [(c.label, c.count) for c in result.categories] == [(OTHER, 6)]
    assert "E" not in [c.label for c in result.categories]
