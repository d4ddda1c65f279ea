# SPDX-License-Identifier: EUPL-1.2
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from risicokompas.organisations.access import current_membership


@login_required
def risk_list(request):
    membership = current_membership(request)
    risks = membership.organisation.risks.all()
    return render(request, "risks/list.html", {"risks": risks})
