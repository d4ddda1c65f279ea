# SPDX-License-Identifier: EUPL-1.2
"""Import and export of the register: upload → preview → confirm, the export download and the template.

The uploaded file waits in the session between preview and confirmation (base64, with its SHA-256). At
confirmation it is read and compared again; the preview's fingerprint must still match, so what is applied
is exactly what the user saw.
"""

from __future__ import annotations

import base64
import hashlib
import io
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from risicokompas.engine.present import format_exact_eur
from risicokompas.engine.present import format_exact_percent as format_percent
from risicokompas.jobs import services as jobs
from risicokompas.jobs.access import get_job_for
from risicokompas.jobs.models import Job
from risicokompas.organisations.access import current_membership, require
from risicokompas.registerfile import RegisterFileError, register_to_bytes, write_template
from risicokompas.risks import exporting, importing, reporting
from risicokompas.risks import jobs as risk_jobs
from risicokompas.risks.models import Risk
from risicokompas.risks.services import ChangeRefused
from risicokompas.security.log import Kind, record

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
#: A larger file is checked and applied in the background (risks.jobs): some 5.000 rows and up.
BACKGROUND_BYTES = 512 * 1024
SESSION_KEY = "risk_import"
AMOUNT_FIELDS = ("impact_min", "impact_mode", "impact_max")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _importer(request):
    membership = current_membership(request)
    require(membership.can_edit_all_risks)
    return membership.organisation


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    organisation = _importer(request)
    problems: list[str] = []
    # A pending upload is large and the session is saved on every request: starting over drops it.
    request.session.pop(SESSION_KEY, None)
    if request.method == "POST":
        upload = request.FILES.get("bestand")
        if upload is None:
            problems = [_("Kies een bestand om in te lezen.")]
        elif upload.size > MAX_UPLOAD_BYTES:
            problems = [
                _("Het bestand is groter dan %(mb)d MB. Verklein het bestand of splits het register.")
                % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            ]
        elif upload.size > BACKGROUND_BYTES:
            data = upload.read()
            job = jobs.start(
                risk_jobs.CHECK,
                organisation=organisation,
                user=request.user,
                title=_("Register inlezen: %(name)s controleren") % {"name": upload.name},
                params={"filename": upload.name},
                input_file=data,
                input_name=upload.name,
            )
            return redirect("jobs:detail", job.pk)
        else:
            data = upload.read()
            try:
                importing.read_upload(data, upload.name, organisation)
            except RegisterFileError as error:
                problems = error.messages
            else:
                request.session[SESSION_KEY] = {
                    "organisation": organisation.pk,
                    "filename": upload.name,
                    "data": base64.b64encode(data).decode("ascii"),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
                return redirect("risks:import_confirm")
    return render(request, "risks/import_upload.html", {"problems": problems})


def _pending_upload(request, organisation) -> tuple[bytes, str] | None:
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("organisation") != organisation.pk:
        return None
    data = base64.b64decode(pending["data"])
    if hashlib.sha256(data).hexdigest() != pending["sha256"]:
        return None
    return data, pending["filename"]


@login_required
@require_http_methods(["GET", "POST"])
def import_confirm(request):
    organisation = _importer(request)
    pending = _pending_upload(request, organisation)
    if pending is None:
        messages.info(request, _("Er staat geen bestand klaar om in te lezen. Kies eerst een bestand."))
        return redirect("risks:import")
    data, filename = pending
    try:
        file_risks = importing.read_upload(data, filename, organisation)
        plan = importing.build_plan(organisation, file_risks, exporting.organisation_risks(organisation))
    except RegisterFileError as error:
        # Only possible when the organisation's settings changed since the upload.
        del request.session[SESSION_KEY]
        return render(request, "risks/import_upload.html", {"problems": error.messages})
    context = {
        "filename": filename,
        "reason": _("Import %(name)s") % {"name": filename},
        "close_absent": False,
    }
    if request.method == "POST":
        reason = request.POST.get("reden", "").strip()
        close_absent = request.POST.get("sluit_ontbrekende") == "ja"
        context.update(reason=reason, close_absent=close_absent)
        if not reason:
            context["errors"] = [
                _("Geef een reden voor deze import; die komt in de geschiedenis van elk risico.")
            ]
        else:
            try:
                result = importing.apply_import(
                    organisation,
                    request.user,
                    file_risks,
                    digest=request.POST.get("kenmerk", ""),
                    reason=reason,
                    close_absent=close_absent,
                )
            except importing.StalePreview as stale:
                plan = stale.plan
                context["errors"] = [
                    _(
                        "Het register is gewijzigd sinds dit overzicht werd getoond. Er is niets ingelezen. "
                        "Controleer het nieuwe overzicht en bevestig opnieuw."
                    )
                ]
            except (ChangeRefused, ValidationError) as error:
                context["errors"] = [_("Er is niets ingelezen: %(error)s") % {"error": _error_text(error)}]
            else:
                del request.session[SESSION_KEY]
                record(Kind.IMPORTED, request=request, object_type="register", file=filename)
                messages.success(request, importing.success_text(result))
                return redirect("risks:list")
    context.update(_preview(plan))
    return render(request, "risks/import_preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_large_confirm(request, pk):
    """The overview of a large file checked in the background; confirming applies it in the background."""
    organisation = _importer(request)
    check = get_job_for(request, pk)
    if check.kind != risk_jobs.CHECK or check.status != Job.Status.DONE or check.input_file is None:
        raise Http404("Geen gecontroleerd bestand")
    context = {
        "check": check,
        "counts": {key: risk_jobs.dutch_number(check.result.get(key, 0)) for key in COUNTS},
        "absent": check.result.get("absent", 0),
        "reason": _("Import %(name)s") % {"name": check.input_name},
        "close_absent": False,
    }
    if request.method == "POST":
        reason = request.POST.get("reden", "").strip()
        close_absent = request.POST.get("sluit_ontbrekende") == "ja"
        context.update(reason=reason, close_absent=close_absent)
        if not reason:
            context["errors"] = [
                _("Geef een reden voor deze import; die komt in de geschiedenis van elk risico.")
            ]
        else:
            job = jobs.start(
                risk_jobs.APPLY,
                organisation=organisation,
                user=request.user,
                title=_("Register inlezen: %(name)s") % {"name": check.input_name},
                params={
                    "check_job": check.pk,
                    "digest": check.result["digest"],
                    "reason": reason,
                    "close_absent": close_absent,
                },
                input_file=bytes(check.input_file),
                input_name=check.input_name,
            )
            return redirect("jobs:detail", job.pk)
    return render(request, "risks/import_large_confirm.html", context)


COUNTS = ("rows", "new", "changed", "unchanged", "absent", "not_exportable")


def _preview(plan: importing.ImportPlan) -> dict:
    def summary(values: dict) -> dict:
        return {field: display_value(field, values[field]) for field in ("probability", "impact_max")}

    return {
        "plan": plan,
        "new_rows": [
            {
                "code": item.code,
                "name": item.values["name"],
                "row": item.row_number,
                "owner": display_value("owner", item.owner),
                **summary(item.values),
            }
            for item in plan.new
        ],
        "changed_rows": [
            {
                "risk": update.risk,
                "changes": [
                    {
                        "label": change.label,
                        "old": display_value(change.field, change.old),
                        "new": display_value(change.field, change.new),
                    }
                    for change in update.changes
                ],
            }
            for update in plan.changed
        ],
    }


def display_value(field: str, value) -> str:
    """A compared value as the preview shows it, Dutch style: 30%, € 1.250.000,50, ja/nee."""
    if field == "excluded":
        return "ja" if value else "nee"
    if field == "owner":  # an owners.Owner: says whether the text became a member or stays text
        return str(value) or "—"
    if value is None or value == "" or value == {}:
        return "—"
    if field == "probability":
        return format_percent(value)
    if field in AMOUNT_FIELDS:
        return euro(value)
    if field == "shape":
        return str(Risk.Shape(value).label)
    if field == "nature":
        return str(Risk.Nature(value).label)
    if field == "notes":
        return "; ".join(f"{key}: {text}" for key, text in value.items())
    return str(value)


def euro(amount: Decimal) -> str:
    """An amount in Dutch notation; cents only when there are any: € 1.250.000 or € 1.250.000,50."""
    return format_exact_eur(amount)


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error)


@login_required
@require_GET
def export_xlsx(request):
    """The register as .xlsx (or ``?format=csv``): open risks, or all with ``?status=alle``."""
    organisation = current_membership(request).organisation
    file_format = "csv" if request.GET.get("format") == "csv" else "xlsx"
    risks = exporting.organisation_risks(organisation)
    if request.GET.get("status") != "alle":
        risks = risks.filter(status=Risk.Status.OPEN)
    rows = exporting.export_rows(risks, organisation.default_shape)
    filename = f"risicoregister-{organisation.slug}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    record(Kind.EXPORTED, request=request, object_type="register", file=filename, rows=len(rows))
    return _download(register_to_bytes(rows, format=file_format), filename, CONTENT_TYPES[file_format])


@login_required
@require_GET
def report_xlsx(request):
    """The register as a report (every open risk with score, status, review date, owner and measures, and
    the subtotals per programma): for reading, not for importing back."""
    organisation = current_membership(request).organisation
    today = timezone.localdate()
    filename = f"risicorapportage-{organisation.slug}-{today:%Y-%m-%d}.xlsx"
    data = reporting.report_workbook(organisation, today)
    record(Kind.EXPORTED, request=request, object_type="register-rapportage", file=filename)
    return _download(data, filename, CONTENT_TYPES["xlsx"])


@login_required
@require_GET
def template_xlsx(request):
    current_membership(request)
    buffer = io.BytesIO()
    write_template(buffer)
    return _download(buffer.getvalue(), "risicoregister-sjabloon.xlsx", CONTENT_TYPES["xlsx"])


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
