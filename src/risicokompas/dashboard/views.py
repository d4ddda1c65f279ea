# SPDX-License-Identifier: EUPL-1.2
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from risicokompas.organisations.access import current_membership


@login_required
def home(request):
    membership = current_membership(request)
    return render(request, "dashboard/home.html", {"organisation": membership.organisation})
