# SPDX-License-Identifier: EUPL-1.2
"""Switching organisation."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from risicokompas.organisations.access import (
    SESSION_KEY,
    memberships_of,
)


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
    return redirect("home")
