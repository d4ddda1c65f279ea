# SPDX-License-Identifier: EUPL-1.2
"""Network views: the list, creating a network, its page, inviting and accepting, naming participants.

Access is decided by ``network.access`` from ``request.user`` (a coordinator may belong to no organisation);
every change goes through ``network.services``. Meetings, stories and change assignments have their own
view modules.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from risicokompas.network import services
from risicokompas.network.access import (
    MANAGER_ROLES,
    is_coordinator,
    network_access,
    networks_for,
    require_coordinator,
    require_member_manager,
)
from risicokompas.network.forms import InviteForm, NetworkForm, ParticipantForm
from risicokompas.network.models import Application, NetworkMember


@login_required
def network_list(request):
    networks = networks_for(request.user).prefetch_related("members__organisation")
    context = {"networks": networks, "is_coordinator": is_coordinator(request.user)}
    membership = getattr(request, "membership", None)
    if membership is not None and membership.has_role(*MANAGER_ROLES):
        context["may_apply"] = True
        context["open_count"] = services.applicable_networks(membership.organisation).count()
    return render(request, "network/list.html", context)


@login_required
def network_create(request):
    if not is_coordinator(request.user):
        raise PermissionDenied("Alleen een netwerkcoördinator maakt netwerken")
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        network = services.create_network(request.user.coordinator, form.cleaned_data)
        messages.success(request, _("Het netwerk is aangemaakt. Nodig nu organisaties uit."))
        return redirect("network:detail", pk=network.pk)
    context = {"form": form, "title": _("Nieuw leernetwerk"), "submit": _("Netwerk aanmaken")}
    return render(request, "network/form.html", context)


@login_required
def network_detail(request, pk):
    access = network_access(request, pk)
    network = access.network
    if access.is_invited_only:
        return render(request, "network/invitation.html", {"access": access, "network": network})
    members = network.members.select_related("organisation").prefetch_related("participants__user")
    context = {
        "access": access,
        "network": network,
        "members": members,
        "meetings": network.meetings.all(),
        "items": network.shared_items.select_related("member__organisation")[:5],
    }
    if access.is_coordinator:
        context["pending_applications"] = network.applications.filter(
            status=Application.Status.PENDING
        ).count()
    return render(request, "network/detail.html", context)


@login_required
def network_edit(request, pk):
    access = require_coordinator(request, pk)
    form = NetworkForm(request.POST or None, instance=access.network)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Het netwerk is bijgewerkt."))
        return redirect("network:detail", pk=pk)
    context = {
        "form": form,
        "network": access.network,
        "title": _("Netwerk bewerken"),
        "submit": _("Opslaan"),
    }
    return render(request, "network/form.html", context)


@login_required
def invite(request, pk):
    access = require_coordinator(request, pk)
    form = InviteForm(request.POST or None, network=access.network)
    if request.method == "POST" and form.is_valid():
        member = services.invite(access.network, form.cleaned_data["organisation"])
        messages.success(request, _("%(org)s is uitgenodigd.") % {"org": member.organisation.name})
        return redirect("network:detail", pk=pk)
    context = {
        "form": form,
        "network": access.network,
        "title": _("Organisatie uitnodigen"),
        "submit": _("Uitnodigen"),
    }
    return render(request, "network/form.html", context)


@require_POST
@login_required
def accept(request, pk):
    access = network_access(request, pk)
    if access.member is None:
        raise Http404("Netwerk niet gevonden")
    if not access.manages_member:
        raise PermissionDenied("Alleen de controller of beheerder van de organisatie accepteert")
    if access.member.status != NetworkMember.Status.INVITED:
        return redirect("network:detail", pk=pk)
    services.accept(access.member, request.user)
    messages.success(request, _("Uw organisatie neemt nu deel aan het netwerk. Noem uw deelnemers."))
    return redirect("network:participants", pk=pk)


@login_required
def participants(request, pk):
    access = require_member_manager(request, pk)
    member = access.acting_member
    form = ParticipantForm(request.POST or None, organisation=member.organisation)
    if request.method == "POST":
        if "remove" in request.POST:
            member.participants.filter(pk=request.POST.get("remove")).exclude(user=request.user).delete()
            messages.success(request, _("De deelnemer is verwijderd."))
            return redirect("network:participants", pk=pk)
        if form.is_valid():
            try:
                services.name_participant(member, form.cleaned_data["user"], form.cleaned_data["role"])
            except ValidationError as error:
                form.add_error("user", error)
            else:
                messages.success(request, _("De deelnemer is opgeslagen."))
                return redirect("network:participants", pk=pk)
    context = {
        "access": access,
        "network": access.network,
        "member": member,
        "participants": member.participants.select_related("user").order_by("user__username"),
        "form": form,
    }
    return render(request, "network/participants.html", context)
