# SPDX-License-Identifier: EUPL-1.2
"""The paragraph as PDF: WeasyPrint renders the full HTML document (A4, page numbers in the footer).

When the paragraph is approved, the approval line is set as a running string in the page footer, so it
appears on every page (see ``report.css``: ``string-set`` on ``.rk-approval``); a concept says so instead.
"""

from __future__ import annotations

from risicokompas.reports.compose import compose
from risicokompas.reports.data import ParagraphData
from risicokompas.reports.document import Document
from risicokompas.reports.html import TEMPLATES, render_document


def render_pdf(data: ParagraphData | Document) -> bytes:
    """The PDF bytes of the paragraph."""
    from weasyprint import HTML  # imported late: loading Pango takes a moment and the web rarely needs it

    document = data if isinstance(data, Document) else compose(data)
    html = render_document(document)
    pdf: bytes = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    return pdf
