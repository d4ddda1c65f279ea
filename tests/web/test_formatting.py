# SPDX-License-Identifier: EUPL-1.2
"""One Dutch formatting module (engine.present): the template filters, the import preview and the register
file write a value the same way, and no other module groups thousands by itself."""

import ast
from decimal import Decimal
from pathlib import Path

import pytest

from risicokompas.engine import present
from risicokompas.registerfile import values
from risicokompas.risks import views_import
from risicokompas.ui import display
from risicokompas.ui.templatetags import nl

SRC = Path(__file__).resolve().parents[2] / "src" / "risicokompas"


@pytest.mark.parametrize("amount", [Decimal("1250000"), Decimal("1250000.5"), Decimal("12.5"), Decimal("0")])
def test_an_entered_amount_reads_the_same_on_every_page(amount):
    expected = present.format_exact_eur(amount)
    assert display.euro(amount) == expected == views_import.euro(amount) == nl.euro(amount)


@pytest.mark.parametrize("fraction", [Decimal("0.3"), Decimal("0.12345"), Decimal("1")])
def test_a_probability_reads_the_same_on_every_page(fraction):
    expected = present.format_exact_percent(fraction)
    assert (
        display.probability(fraction)
        == expected
        == nl.probability(fraction)
        == values.format_percent(fraction)
    )


def test_a_rounded_figure_reads_the_same_in_templates_and_reports():
    assert nl.eur(12_447_597.4) == present.format_eur(12_447_597.4).replace("€ ", "€\u00a0")
    assert nl.percent(0.125, 1) == present.format_percent(0.125, 1) == "12,5%"
    assert nl.ratio(1.4537) == present.format_ratio(1.4537) == "1,45"


def test_no_module_but_the_formatting_module_groups_thousands_itself():
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "present.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
                spec = "".join(
                    part.value for part in node.format_spec.values if isinstance(part, ast.Constant)
                )
                if "," in spec:
                    offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


def test_counts_on_the_pages_have_thousands_separators(cast, login):
    from django.urls import reverse
    from tests.fixtures import make_risk

    make_risk(cast.org, "R01")
    html = login(cast.controller).get(reverse("dashboard:home")).content.decode()
    start = html.index("rooster van ")
    size = html[start + len("rooster van ") : html.index(" punten", start)]
    assert size.replace(".", "").isdigit()
    assert int(size.replace(".", "")) < 1000 or "." in size
