# SPDX-License-Identifier: EUPL-1.2
"""Importing events from Excel or CSV: upload → overview → confirm, and the empty file to fill in.

The checked file waits in the session between the overview and the confirmation (base64, with its SHA-256)
and is read and checked again when confirmed, so what is recorded is what the overview showed, against the
register as it is then. Recording is all-or-nothing (``services.import_events``).
"""

from __future__ import annotations

import base64
import hashlib
import io
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from risicokompas.calibration import services
from risicokompas.calibration.access import require_record
from risicokompas.registerfile.errors import RegisterFileError
from risicokompas.registerfile.events import EventFile, write_events_template
from risicokompas.risks.models import Risk
from risicokompas.security.log import Kind, record

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SESSION_KEY = "event_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    membership = require_record(request)
    problems: list[str] = []
    request.session.pop(SESSION_KEY, None)  # starting over drops a file waiting for confirmation
    if request.method == "POST":
        upload = request.FILES.get("bestand")
        if upload is None:
            problems = [_("Kies een bestand om in te lezen.")]
        elif upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            problems = [_("Het bestand is groter dan 5 MB. Splits het bestand in delen.")]
        else:
            data = upload.read()
            try:
                services.read_event_upload(data, upload.name, membership)
            except RegisterFileError as error:
                problems = error.messages
            else:
                request.session[SESSION_KEY] = {
                    "organisation": membership.organisation_id,
                    "user": request.user.pk,
                    "filename": upload.name,
                    "data": base64.b64encode(data).decode("ascii"),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
                return redirect("calibration:event_import_confirm")
    return render(request, "calibration/event_import.html", {"problems": problems})


def _pending(request: HttpRequest, membership) -> tuple[bytes, str] | None:
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("organisation") != membership.organisation_id:
        return None
    if pending.get("user") != request.user.pk:
        return None
    data = base64.b64decode(pending["data"])
    if hashlib.sha256(data).hexdigest() != pending["sha256"]:
        return None
    return data, pending["filename"]


@login_required
@require_http_methods(["GET", "POST"])
def import_confirm(request: HttpRequest) -> HttpResponse:
    membership = require_record(request)
    pending = _pending(request, membership)
    if pending is None:
        messages.info(request, _("Er staat geen bestand klaar om in te lezen. Kies eerst een bestand."))
        return redirect("calibration:event_import")
    data, filename = pending
    try:
        # Checked again: the register or the person's risks may have changed since the upload.
        events = services.read_event_upload(data, filename, membership)
    except RegisterFileError as error:
        del request.session[SESSION_KEY]
        return render(request, "calibration/event_import.html", {"problems": error.messages})
    if request.method == "POST":
        try:
            result = services.import_events(membership, request.user, events, filename=filename)
        except RegisterFileError as error:
            del request.session[SESSION_KEY]
            return render(request, "calibration/event_import.html", {"problems": error.messages})
        del request.session[SESSION_KEY]
        record(Kind.IMPORTED, request=request, object_type="events", file=filename, rows=result.recorded)
        messages.success(request, result_text(result))
        return redirect("calibration:events")
    return render(request, "calibration/event_import_preview.html", _preview(membership, events, filename))


def result_text(result: services.ImportResult) -> str:
    """ "12 gebeurtenissen vastgelegd, waarvan 3 niet in het register." """
    text = ngettext(
        "%(count)d gebeurtenis vastgelegd", "%(count)d gebeurtenissen vastgelegd", result.recorded
    ) % {"count": result.recorded}
    if result.surprises:
        text += _(", waarvan %(count)d niet in het register") % {"count": result.surprises}
    return text + "."


def _preview(membership, events: EventFile, filename: str) -> dict:
    codes = {code for row in events.rows for code in row.risk_codes}
    names = dict(
        Risk.objects.filter(organisation=membership.organisation, code__in=codes).values_list("code", "name")
    )
    seen = services.already_recorded(membership.organisation, events)
    rows = [
        {
            "row": row,
            "risks": [f"{code} {names.get(code, '')}".strip() for code in row.risk_codes],
            "seen": row.row_number in seen,
        }
        for row in events.rows
    ]
    return {
        "filename": filename,
        "rows": rows,
        "count": len(events.rows),
        "surprises": events.surprises,
        "total": sum((row.amount for row in events.rows), Decimal(0)),
        "seen": len(seen),
    }


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    require_record(request)
    buffer = io.BytesIO()
    write_events_template(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, "gebeurtenissen-sjabloon.xlsx")
    return response
