# SPDX-License-Identifier: EUPL-1.2
"""The paragraph as HTML: a full document with print CSS (for WeasyPrint) or a fragment for publishing.

Rendered with Django's template engine used standalone (``django.template.Engine``), so it works from
the CLI without Django settings and inside the web app alike. Every value handed to the templates is
already formatted text (no numbers, dates or translations), which keeps rendering independent of
settings such as ``USE_L10N``; configuring settings here would change the process for everyone else.

Accessibility: one heading hierarchy, captions and ``th scope`` on every table, charts as inline SVG
with ``role="img"`` and a label, each followed by a table with the same numbers.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.template import Context, Engine
from django.utils.safestring import mark_safe

from risicokompas.reports.compose import compose
from risicokompas.reports.data import ParagraphData
from risicokompas.reports.document import Block, Cell, Chart, Document, Facts, Subheading, Table, Text

TEMPLATES = Path(__file__).parent / "templates"
CSS_PATH = TEMPLATES / "reports" / "report.css"


@cache
def _engine() -> Engine:
    return Engine(dirs=[str(TEMPLATES)], autoescape=True)


def render_document(data: ParagraphData | Document) -> str:
    """A complete HTML page (``<html lang="nl">``, print CSS for A4): headings h1 → h2 → h3."""
    document = _document(data)
    context = {
        **_context(document, first_level=1),
        "css": mark_safe(CSS_PATH.read_text(encoding="utf-8")),  # our own file, not user input
    }
    return _engine().get_template("reports/document.html").render(Context(context, autoescape=True))


def render_fragment(data: ParagraphData | Document, *, heading_level: int = 2) -> str:
    """The paragraph as one ``<section>`` for a begroting publishing platform: no ``<html>``/``<head>``,
    no styles, headings starting at ``heading_level`` (the platform's page has its own h1)."""
    if not 1 <= heading_level <= 4:
        raise ValueError("heading_level ligt tussen 1 en 4")
    document = _document(data)
    return (
        _engine()
        .get_template("reports/fragment.html")
        .render(Context(_context(document, first_level=heading_level), autoescape=True))
    )


def _document(data: ParagraphData | Document) -> Document:
    return data if isinstance(data, Document) else compose(data)


def _context(document: Document, *, first_level: int) -> dict[str, Any]:
    return {
        "document": document,
        "h_title": f"h{first_level}",
        "h_section": f"h{first_level + 1}",
        "h_sub": f"h{first_level + 2}",
        "sections": [
            {
                "anchor": section.anchor,
                "heading": section.heading,
                "blocks": [
                    _block(block, f"{section.anchor}-{index}") for index, block in enumerate(section.blocks)
                ],
            }
            for section in document.all_sections
        ],
    }


def _cell(cell: Cell) -> dict[str, str]:
    classes = " ".join(
        c for c in ("rk-num" if cell.numeric else "", f"rk-tone-{cell.tone}" if cell.tone else "") if c
    )
    # "WOZ € 1.000.000" never breaks after the euro sign in a narrow text column (amounts never wrap).
    text = cell.text if cell.numeric else cell.text.replace("€ ", "€\u00a0")
    return {"text": text, "css": classes}


def _table(table: Table) -> dict[str, Any]:
    numeric = table.numeric_columns
    return {
        "type": "table",
        "key": table.key,
        "caption": table.caption,
        "wide": table.wide,
        "head": [
            {"text": label, "numeric": index < len(numeric) and numeric[index] and index > 0}
            for index, label in enumerate(table.head)
        ],
        "rows": [[_cell(c) for c in row] for row in table.rows],
        "foot": [[_cell(c) for c in row] for row in table.foot],
    }


def _block(block: Block, id_prefix: str) -> dict[str, Any]:
    if isinstance(block, Text):
        return {"type": "text", "text": block.text, "kind": block.kind}
    if isinstance(block, Subheading):
        return {"type": "subheading", "text": block.text}
    if isinstance(block, Facts):
        return {"type": "facts", "items": list(block.items)}
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        # matplotlib's SVG, made by our own code from numbers: safe to inline.
        return {
            "type": "chart",
            "title": block.title,
            "svg": mark_safe(block.svg(id_prefix)),
            "table": _table(block.table),
        }
    raise TypeError(f"onbekend blok {type(block).__name__}")
