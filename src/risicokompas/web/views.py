# SPDX-License-Identifier: EUPL-1.2
"""The home page (``/``, also where a login lands) and the "Aan de slag" checklist."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from risicokompas.organisations.access import require_settings_manager
from risicokompas.paragraph.checklist import checklist_for
from risicokompas.web.home import home_for


@login_required
def home(request):
    page = home_for(request.user, getattr(request, "membership", None))
    if page.redirect_to:
        return redirect(page.redirect_to)
    return render(request, page.template, page.context)


@login_required
def getting_started(request):
    """The checklist itself, also after it is done (the home page shows it only until then)."""
    membership = require_settings_manager(request)
    return render(request, "web/home_start.html", {"checklist": checklist_for(membership.organisation)})
