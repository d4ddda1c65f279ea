# SPDX-License-Identifier: EUPL-1.2
"""The organisation's part of the security log, for its beheerder: on a page and as CSV.

The organisation's part is every event recorded in the organisation (``organisation_id``) and the events
without an organisation (logins, logouts, failed logins, second-factor events) of its members. The rest
(failed logins for unknown names, other organisations) is for the platform operator, in Django's admin.
"""

from __future__ import annotations

import csv

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from risicokompas.organisations.access import current_membership, require
from risicokompas.organisations.models import Membership, Organisation
from risicokompas.organisations.rules import may
from risicokompas.security.log import Kind, record
from risicokompas.security.models import SecurityEvent

PAGE_SIZE = 100
CSV_COLUMNS = (
    "tijdstip",
    "gebeurtenis",
    "uitkomst",
    "wie",
    "ip",
    "object",
    "objectnummer",
    "soort",
    "toelichting",
)


def organisation_events(organisation: Organisation) -> QuerySet[SecurityEvent]:
    members = Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True)
    return SecurityEvent.objects.filter(
        Q(organisation_id=organisation.pk) | Q(organisation_id__isnull=True, actor_id__in=list(members))
    ).order_by("-at", "-pk")


def _filtered(request: HttpRequest, organisation: Organisation) -> QuerySet[SecurityEvent]:
    events = organisation_events(organisation)
    kind = request.GET.get("gebeurtenis", "")
    if kind in Kind.values:
        events = events.filter(kind=kind)
    return events


def _require_reader(request: HttpRequest) -> Membership:
    membership = current_membership(request)
    require(may(membership, "read_security_log"))
    return membership


@login_required
def security_log(request):
    membership = _require_reader(request)
    events = _filtered(request, membership.organisation)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {
        "page": page,
        "kinds": Kind.choices,
        "kind": request.GET.get("gebeurtenis", ""),
        "retention_days": settings.SECURITY_LOG_RETENTION_DAYS,
        "section": "security",
    }
    return render(request, "beheer/security_log.html", context)


@login_required
def security_log_csv(request):
    membership = _require_reader(request)
    organisation = membership.organisation
    events = _filtered(request, organisation)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"beveiligingslog-{organisation.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = content_disposition_header(True, name)
    response.write("\ufeff")  # Excel reads UTF-8 with a byte order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for event in events.iterator():
        writer.writerow(
            [
                timezone.localtime(event.at).isoformat(timespec="seconds"),
                event.get_kind_display(),
                event.get_outcome_display(),
                event.actor,
                event.ip or "",
                event.object_repr,
                event.object_id,
                event.object_type,
                _detail_text(event.detail),
            ]
        )
        count += 1
    record(Kind.LOG_EXPORTED, request=request, object_type="security_log", rows=count)
    return response


def _detail_text(detail: dict) -> str:
    return "; ".join(f"{key}={value}" for key, value in sorted(detail.items()))
