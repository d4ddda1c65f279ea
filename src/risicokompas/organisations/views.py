# SPDX-License-Identifier: EUPL-1.2
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from risicokompas.organisations.access import SESSION_KEY, current_membership, memberships_of, require


@login_required
@require_POST
def switch(request):
    try:
        organisation_id = int(request.POST.get("organisation", ""))
    except ValueError:
        raise Http404 from None
    if organisation_id not in {m.organisation_id for m in memberships_of(request.user)}:
        raise Http404
    request.session[SESSION_KEY] = organisation_id
    return redirect("dashboard:home")


@login_required
def settings_view(request):
    membership = current_membership(request)
    require(membership.can_manage_settings)
    return render(request, "organisations/settings.html", {"organisation": membership.organisation})


def _todo(request, pk=None):
    from django.http import HttpResponse

    return HttpResponse(status=501)


capacity_list = capacity_create = capacity_edit = capacity_delete = login_required(_todo)
