# SPDX-License-Identifier: EUPL-1.2
"""The paragraph of a snapshot as a download: DOCX (editable), PDF, a full HTML page or an HTML fragment.

Built only from the snapshot's frozen JSON, so every export of a snapshot shows the same numbers, and the
approval (who, when, decision, content hash) whenever there is one.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from risicokompas.jobs import services as jobs
from risicokompas.organisations.models import Membership
from risicokompas.paragraph import jobs as paragraph_jobs
from risicokompas.paragraph.access_snapshots import get_snapshot_for
from risicokompas.paragraph.compare import ratio_history
from risicokompas.reports import from_snapshot_dict, render
from risicokompas.security.log import Kind, record

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "fragment": "text/html; charset=utf-8",
}
SUFFIXES = {"docx": "docx", "pdf": "pdf", "html": "html", "fragment": "fragment.html"}


def approver_text(user, organisation) -> str:
    """The approver as the paragraph prints them: full name and, when recorded, the function they hold in
    the snapshot's organisation ("J. de Vries, wethouder Financiën"); the username only without a name."""
    if user is None:
        return ""
    name = user.get_full_name() or user.get_username()
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    function = membership.function.strip() if membership is not None else ""
    return f"{name}, {function}" if function else name


def paragraph_data(snapshot):
    """ParagraphData for a snapshot: its frozen JSON plus its approval and the ratio history up to it."""
    approval = getattr(snapshot, "approval", None)
    approval_data = None
    if approval is not None:
        approval_data = {
            "approved_by": approver_text(approval.approved_by, snapshot.organisation),
            "approved_at": approval.approved_at.date().isoformat(),
            "decision_reference": approval.decision_reference,
            "content_hash": approval.content_hash,
        }
    points = ratio_history(snapshot.organisation)
    # Only the snapshots before this one: the paragraph adds its own ratio as the last line itself.
    earlier = next((points[:i] for i, point in enumerate(points) if point.snapshot.pk == snapshot.pk), points)
    history = [
        (f"{point.snapshot.title} ({point.reference_date:%d-%m-%Y})", point.ratio) for point in earlier
    ]
    return from_snapshot_dict(
        snapshot.frozen_inputs,
        snapshot.frozen_result,
        snapshot.texts,
        approval_data,
        title=snapshot.title,
        year=snapshot.year,
        reference_date=snapshot.reference_date,
        content_hash=snapshot.content_hash,
        history=history,
        edition=snapshot.document,
    )


@login_required
@require_GET
def snapshot_report(request, pk, format):
    snapshot = get_snapshot_for(request, pk)
    if format not in CONTENT_TYPES:
        raise Http404
    body = render(paragraph_data(snapshot), format)
    response = HttpResponse(body, content_type=CONTENT_TYPES[format])
    if format in ("docx", "pdf"):
        name = f"paragraaf-weerstandsvermogen-{snapshot.organisation.slug}-{snapshot.year}.{SUFFIXES[format]}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        record(Kind.EXPORTED, request=request, obj=snapshot, file=name)
    return response


@login_required
@require_POST
def snapshot_report_job(request, pk, format):
    """The buttons "PDF maken" and "Word maken": the document is made in a job, whose page offers it."""
    snapshot = get_snapshot_for(request, pk)
    if format not in paragraph_jobs.FORMATS:
        raise Http404
    job = jobs.start(
        paragraph_jobs.REPORT,
        organisation=snapshot.organisation,
        user=request.user,
        title=paragraph_jobs.report_title(snapshot, format),
        params={"snapshot": snapshot.pk, "format": format},
    )
    return redirect("jobs:detail", job.pk)
