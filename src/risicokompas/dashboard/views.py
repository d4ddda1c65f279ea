# SPDX-License-Identifier: EUPL-1.2
"""The dashboard: the organisation's risk profile at a glance. Every member may read it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from risicokompas.dashboard.compute import (
    CHART_KINDS,
    build_dashboard,
    charts_for_organisation,
    not_discussed,
)
from risicokompas.organisations.access import current_membership
from risicokompas.organisations.models import Membership


def dashboard_context(membership: Membership) -> dict:
    """What ``dashboard/home.html`` needs; the home page (web) shows the same dashboard with a panel above."""
    dashboard = build_dashboard(membership.organisation)
    return {
        "organisation": membership.organisation,
        "dash": dashboard,
        "membership": membership,
        "not_discussed": not_discussed(dashboard),
    }


@login_required
def home(request):
    return render(request, "dashboard/home.html", dashboard_context(current_membership(request)))


@login_required
@require_GET
def chart(request, kind: str):
    """One chart of the dashboard, drawn after the page: for htmx the inline SVG that replaces the page's
    placeholder, otherwise an SVG image (the placeholder's link without JavaScript). The page's address
    carries the input hash (``?v=``) only so that a browser never reuses the chart of an earlier register."""
    if kind not in CHART_KINDS:
        raise Http404
    svg = charts_for_organisation(current_membership(request).organisation)[CHART_KINDS.index(kind)]
    if request.headers.get("HX-Request"):
        return HttpResponse(svg)
    return HttpResponse('<?xml version="1.0" encoding="utf-8"?>\n' + svg, content_type="image/svg+xml")
