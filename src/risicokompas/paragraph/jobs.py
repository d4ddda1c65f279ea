# SPDX-License-Identifier: EUPL-1.2
"""The paragraph's background jobs: the PDF or DOCX of a snapshot (registered in ``ParagraphConfig.ready``).

A snapshot is frozen, so the same snapshot gives the same document again: a retry is harmless.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from risicokompas.jobs.registry import JobFailed, Outcome
from risicokompas.paragraph.models import Snapshot

REPORT = "paragraph.report"
FORMATS = ("pdf", "docx")


def report_title(snapshot: Snapshot, file_format: str) -> str:
    name = "PDF" if file_format == "pdf" else "Word-bestand"
    return _("%(name)s van de paragraaf: %(title)s") % {"name": name, "title": snapshot.title}


def report_filename(snapshot: Snapshot, file_format: str) -> str:
    return f"paragraaf-weerstandsvermogen-{snapshot.organisation.slug}-{snapshot.year}.{file_format}"


def make_report(job, progress) -> Outcome:
    # Imported here: the views module imports the reports (WeasyPrint) only when a document is made.
    from risicokompas.paragraph.views_reports import CONTENT_TYPES, paragraph_data
    from risicokompas.reports import render

    file_format = job.params.get("format")
    if file_format not in FORMATS:
        raise JobFailed(_("Onbekend bestandsformaat: %(format)s.") % {"format": file_format})
    snapshot = (
        Snapshot.objects.select_related("organisation").filter(
            pk=job.params.get("snapshot"), organisation=job.organisation
        )
    ).first()
    if snapshot is None:
        raise JobFailed(_("De momentopname bestaat niet meer; er is geen paragraaf gemaakt."))
    progress(10, _("De gegevens van de momentopname worden gelezen."))
    data = paragraph_data(snapshot)
    progress(40, _("Het document wordt opgemaakt."))
    body = render(data, file_format)
    return Outcome(
        message=_("De paragraaf is gemaakt."),
        file=body,
        filename=report_filename(snapshot, file_format),
        content_type=CONTENT_TYPES[file_format],
        data={"snapshot": snapshot.pk},
    )


SENSITIVITY = "paragraph.sensitivity"


def sensitivity_params(snapshot: Snapshot) -> dict:
    # The engine version is part of the inputs: a newer engine computes the panel again.
    from risicokompas.engine import ENGINE_VERSION

    return {"snapshot": snapshot.pk, "engine": ENGINE_VERSION}


def compute_sensitivity(job, progress) -> Outcome:
    """The sensitivity panel of a snapshot (several simulations, two Monte Carlo runs with and without
    correlation): the rows as JSON on the job. The snapshot is frozen, so a retry gives the same rows."""
    import dataclasses

    from django.urls import reverse

    from risicokompas.paragraph.sensitivity import sensitivity

    snapshot = Snapshot.objects.filter(pk=job.params.get("snapshot"), organisation=job.organisation).first()
    if snapshot is None:
        raise JobFailed(_("De momentopname bestaat niet meer; er is niets berekend."))
    progress(5, _("De vastgelegde gegevens worden doorgerekend onder andere aannames."))
    rows = sensitivity(snapshot.frozen_inputs, snapshot.frozen_result)
    return Outcome(
        message=_("De gevoeligheid is berekend."),
        data={
            "rows": [dataclasses.asdict(row) for row in rows],
            "link": reverse("paragraph:snapshot_sensitivity", args=[snapshot.pk]),
            "link_text": _("Bekijk de gevoeligheid"),
        },
    )
