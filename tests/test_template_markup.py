# SPDX-License-Identifier: EUPL-1.2
"""Markup rules the templates keep: no heading inside a legend, one shared include draws choice groups."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src" / "risicokompas"
TEMPLATES = sorted(ROOT.rglob("templates/**/*.html"))
LEGEND = re.compile(r"<legend\b[^>]*>(.*?)</legend>", re.DOTALL | re.IGNORECASE)
HEADING = re.compile(r"<h[1-6]\b", re.IGNORECASE)
#: A radio or checkbox group drawn by hand: a loop over the options of a field.
OWN_CHOICE_GROUP = re.compile(r"\{\{\s*(choice|option)\.tag\s*\}\}")
SHARED_INCLUDE = Path("web/templates/includes/form_field.html")


def _relative(path: Path) -> Path:
    return path.relative_to(ROOT)


def test_the_templates_are_found():
    assert len(TEMPLATES) > 50


def test_no_legend_holds_a_heading():
    """A heading inside a legend breaks the fieldset's name for screen readers; style the legend instead
    (``class="utrecht-heading-2"``)."""
    offenders = [
        f"{_relative(path)}: {match.group(0)[:80]}"
        for path in TEMPLATES
        for match in LEGEND.finditer(path.read_text(encoding="utf-8"))
        if HEADING.search(match.group(1))
    ]
    assert not offenders, "Een legend met een kop erin:\n" + "\n".join(offenders)


def test_choice_groups_are_drawn_by_the_shared_include_only():
    # The what-if page's options carry their own data attribute for its script.
    allowed = {SHARED_INCLUDE, Path("paragraph/templates/paragraph/snapshot_whatif.html")}
    offenders = [
        str(_relative(path))
        for path in TEMPLATES
        if OWN_CHOICE_GROUP.search(path.read_text(encoding="utf-8")) and _relative(path) not in allowed
    ]
    assert not offenders, "Tekent een eigen keuzegroep in plaats van includes/form_field.html: " + ", ".join(
        offenders
    )
