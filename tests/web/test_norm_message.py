# SPDX-License-Identifier: EUPL-1.2
"""The norm verdict follows the reader's language; in Dutch it is the engine's (or the snapshot's) own text."""

from __future__ import annotations

import pytest
from django.utils import translation

from risicokompas.engine.capacity import check_norm
from risicokompas.ui.templatetags.nl import norm_message

CASES = [
    (1.2, 1.0, None),  # within a minimum
    (0.8, 1.0, None),  # below
    (2.6, 1.0, 2.5),  # above a range
    (1.5, 1.0, 2.5),  # within a range
    (0.5, None, 1.0),  # within a maximum only
    (1.2, None, None),  # no norm
    (None, 1.0, None),  # no ratio
]


@pytest.mark.parametrize(("ratio", "minimum", "maximum"), CASES)
def test_in_dutch_the_filter_gives_the_engines_message_unchanged(ratio, minimum, maximum):
    check = check_norm(ratio, minimum, maximum)
    with translation.override("nl"):
        assert norm_message(check) == check.message


@pytest.mark.parametrize(("ratio", "minimum", "maximum"), CASES)
def test_in_english_the_same_verdict_is_written_in_english(ratio, minimum, maximum):
    check = check_norm(ratio, minimum, maximum)
    with translation.override("en"):
        text = norm_message(check)
    assert text and text != check.message
    assert "ratio" in text.lower() and "standard" in text.lower()
    if check.status is not None:
        assert "1,00" in text or "2,50" in text  # the bounds, in the same notation as the figures


def test_a_snapshots_stored_norm_takes_the_ratio_from_the_result():
    check = check_norm(0.8, 1.0)
    stored = {"minimum": 1.0, "maximum": None, "status": "onder norm", "message": check.message}
    with translation.override("nl"):
        assert norm_message(stored, 0.8) == check.message  # what was frozen, as frozen
    with translation.override("en"):
        assert norm_message(stored, 0.8) == "The ratio of 0,80 is below the standard of at least 1,00."
