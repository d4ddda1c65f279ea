# SPDX-License-Identifier: EUPL-1.2
"""Applying to a network that is open for applications, and the coordinator's decision.

An organisation's controller or beheerder sees the open networks and applies with a short motivation;
the network's coordinators see the applications and accept or decline (with a reason). Accepting makes the
organisation a member as an accepted invitation would. Other organisations never see an application:
the apply page lists only the current organisation's own applications, and the coordinator pages are
behind ``require_coordinator``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from risicokompas.network import services
from risicokompas.network.access import MANAGER_ROLES, require_coordinator
from risicokompas.network.forms import ApplicationForm, DecisionForm
from risicokompas.network.models import Application


def _applying_membership(request):
    membership = getattr(request, "membership", None)
    if membership is None or not membership.has_role(*MANAGER_ROLES):
        raise PermissionDenied("Alleen de controller of beheerder van een organisatie meldt haar aan")
    return membership


@login_required
def apply(request):
    """The open networks, the organisation's own applications and the form to apply to one."""
    organisation = _applying_membership(request).organisation
    networks = services.applicable_networks(organisation)
    form = ApplicationForm(request.POST if request.method == "POST" else None, networks=networks)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply(
                form.cleaned_data["network"], organisation, request.user, form.cleaned_data["motivation"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(org)s heeft zich aangemeld voor %(network)s. De netwerkcoördinator beslist.")
                % {"org": organisation.name, "network": application.network.name},
            )
            return redirect("network:apply")
    context = {
        "form": form,
        "organisation": organisation,
        "networks": networks,
        "applications": organisation.network_applications.select_related("network"),
        "crumbs": [(reverse("network:list"), _("Leernetwerk"))],
    }
    return render(request, "network/apply.html", context)


@login_required
@require_GET
def applications(request, pk):
    access = require_coordinator(request, pk)
    network = access.network
    context = {
        "network": network,
        "pending": network.applications.filter(status=Application.Status.PENDING).select_related(
            "organisation", "applied_by"
        ),
        "decided": network.applications.exclude(status=Application.Status.PENDING).select_related(
            "organisation", "decided_by"
        ),
        "crumbs": [
            (reverse("network:list"), _("Leernetwerk")),
            (reverse("network:detail", args=[pk]), network.name),
        ],
    }
    return render(request, "network/applications.html", context)


@login_required
def application(request, pk, application_pk):
    """One application with the decision form: accept, or decline with a reason."""
    access = require_coordinator(request, pk)
    network = access.network
    try:
        record = network.applications.select_related("organisation", "applied_by").get(pk=application_pk)
    except Application.DoesNotExist:
        raise Http404("Aanmelding niet gevonden") from None
    pending = record.status == Application.Status.PENDING
    form = DecisionForm(request.POST if request.method == "POST" else None) if pending else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Over deze aanmelding is al beslist."))
            return redirect("network:applications", pk=pk)
        if form.is_valid():
            name = record.organisation.name
            try:
                if form.cleaned_data["decision"] == "aannemen":
                    services.accept_application(record, request.user, form.cleaned_data["reason"])
                    text = _("%(org)s is aangenomen en neemt nu deel aan %(network)s.")
                else:
                    services.decline_application(record, request.user, form.cleaned_data["reason"])
                    text = _("De aanmelding van %(org)s is afgewezen; de organisatie ziet de reden.")
            except ValidationError as error:
                form.add_error(None, error)
            else:
                left = network.applications.filter(status=Application.Status.PENDING).count()
                messages.success(
                    request,
                    text % {"org": name, "network": network.name}
                    + " "
                    + ngettext(
                        "Er wacht nog %(count)d aanmelding.", "Er wachten nog %(count)d aanmeldingen.", left
                    )
                    % {"count": left},
                )
                return redirect("network:applications", pk=pk)
    context = {
        "network": network,
        "application": record,
        "form": form,
        "crumbs": [
            (reverse("network:list"), _("Leernetwerk")),
            (reverse("network:detail", args=[pk]), network.name),
            (reverse("network:applications", args=[pk]), _("Aanmeldingen")),
        ],
    }
    return render(request, "network/application.html", context)
