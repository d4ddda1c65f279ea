# SPDX-License-Identifier: EUPL-1.2
"""The dashboard: the organisation's risk profile at a glance. Every member may read it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from risicokompas.dashboard.compute import build_dashboard, not_discussed
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
