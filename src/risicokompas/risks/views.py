# SPDX-License-Identifier: EUPL-1.2
"""Register views (list, detail, create, edit, measures). Placeholder bodies: being built."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from risicokompas.organisations.access import current_membership


@login_required
def risk_list(request):
    membership = current_membership(request)
    return render(request, "risks/list.html", {"risks": membership.organisation.risks.all()})


def _todo(request, pk=None):
    return HttpResponse(status=501)


risk_create = risk_detail = risk_edit = measure_create = measure_edit = login_required(_todo)
