# SPDX-License-Identifier: EUPL-1.2
"""The dashboard: the organisation's risk profile at a glance. Every member may read it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from risicokompas.dashboard.compute import build_dashboard, not_discussed
from risicokompas.organisations.access import current_membership


@login_required
def home(request):
    membership = current_membership(request)
    dashboard = build_dashboard(membership.organisation)
    return render(
        request,
        "dashboard/home.html",
        {
            "organisation": membership.organisation,
            "dash": dashboard,
            "membership": membership,
            "not_discussed": not_discussed(dashboard),
        },
    )
