# SPDX-License-Identifier: EUPL-1.2
"""The page of a job: its progress (polled every 2 seconds), then the download or the reason it failed."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from risicokompas.jobs import progress, services
from risicokompas.jobs.access import get_job_for
from risicokompas.jobs.models import Job
from risicokompas.organisations.access import current_membership
from risicokompas.security.log import Kind, record

POLL_SECONDS = 2
#: "Mijn taken" shows this many, newest first; older ones are on the next pages.
PAGE_SIZE = 25


def _context(job: Job) -> dict:
    shown_progress, shown_message = job.progress, job.message
    if job.status == Job.Status.RUNNING:
        live = progress.current(job.pk)
        if live is not None:
            shown_progress, shown_message = live["progress"], live["message"]
    return {
        "job": job,
        "progress": shown_progress,
        "message": shown_message,
        "poll_seconds": POLL_SECONDS,
    }


@login_required
@require_GET
def job_list(request):
    """The jobs this person started in this organisation, newest first, with where each one stands."""
    membership = current_membership(request)
    jobs = Job.objects.filter(organisation=membership.organisation, user=membership.user).only(
        "pk", "title", "status", "progress", "message", "created_at", "finished_at", "result_name"
    )
    page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "jobs/job_list.html",
        {"page": page, "jobs": page.object_list, "retention_days": settings.JOBS_RETENTION_DAYS},
    )


@login_required
@require_GET
def job_detail(request, pk):
    job = get_job_for(request, pk)
    return render(request, "jobs/job_detail.html", _context(job))


@login_required
@require_GET
def job_status(request, pk):
    """The status block alone, for htmx: it replaces itself and stops polling once the job is finished."""
    job = get_job_for(request, pk)
    return render(request, "jobs/job_status.html", _context(job))


@login_required
@require_GET
def job_download(request, pk):
    job = get_job_for(request, pk)
    if not job.has_file:
        return redirect("jobs:detail", job.pk)
    record(Kind.EXPORTED, request=request, obj=job, file=job.result_name)
    response = HttpResponse(bytes(job.result_file or b""), content_type=job.result_content_type)
    response["Content-Disposition"] = content_disposition_header(True, job.result_name)
    return response


@login_required
@require_POST
def job_retry(request, pk):
    job = get_job_for(request, pk)
    services.retry(job)
    return redirect("jobs:detail", job.pk)
