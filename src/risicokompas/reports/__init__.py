# SPDX-License-Identifier: EUPL-1.2
"""The paragraph weerstandsvermogen en risicobeheersing as HTML, PDF and DOCX (DESIGN §6, C4).

    data = from_simulation(profile, result, organisation="Gemeente X", title="Begroting 2027", year=2027)
    render_docx(data) / render_pdf(data) / render_document(data) / render_fragment(data)

No database: ``ParagraphData`` is plain frozen data, built from an engine result (CLI) or a snapshot's
JSON (web, ``from_snapshot_dict``). ``compose`` orders the content once; each format only lays it out.
"""

from risicokompas.reports.build import from_simulation
from risicokompas.reports.compose import SECTION_TITLES, compose
from risicokompas.reports.data import ParagraphData
from risicokompas.reports.snapshot import from_snapshot_dict

__all__ = ["SECTION_TITLES", "ParagraphData", "compose", "from_simulation", "from_snapshot_dict", "render"]

FORMATS = ("docx", "pdf", "html")


def render(data: ParagraphData, format: str) -> bytes:
    """The paragraph in ``format`` ("docx", "pdf", "html" for a full page or "fragment") as bytes."""
    document = compose(data)
    if format == "docx":
        from risicokompas.reports.docx import render_docx

        return render_docx(document)
    if format == "pdf":
        from risicokompas.reports.pdf import render_pdf

        return render_pdf(document)
    from risicokompas.reports.html import render_document, render_fragment

    if format == "html":
        return render_document(document).encode("utf-8")
    if format == "fragment":
        return render_fragment(document).encode("utf-8")
    raise ValueError(f"onbekend formaat {format!r}; kies docx, pdf, html of fragment")
