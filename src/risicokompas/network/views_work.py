# SPDX-License-Identifier: EUPL-1.2
"""Change assignments (veranderopgave) and their monthly progress log: kept by the member, seen by the network."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from risicokompas.network import services
from risicokompas.network.access import get_member_in, require_active
from risicokompas.network.forms import ChangeAssignmentForm, ProgressEntryForm
from risicokompas.network.models import NetworkMember


@login_required
def assignment(request, pk, member_pk):
    access = require_active(request, pk)
    member = get_member_in(access, member_pk)
    if member.status != NetworkMember.Status.ACTIVE:
        raise Http404("Deelnemer niet gevonden")
    record = services.assignment_of(member)
    may_edit = access.member is not None and access.member.pk == member.pk and access.may_act_as_member
    form = progress_form = None
    if may_edit:
        form = ChangeAssignmentForm(
            request.POST if request.POST.get("action") == "assignment" else None, instance=record, prefix="a"
        )
        progress_form = ProgressEntryForm(
            request.POST if request.POST.get("action") == "progress" else None, prefix="p"
        )
        if request.method == "POST" and request.POST.get("action") == "assignment" and form.is_valid():
            saved = form.save(commit=False)
            saved.updated_by = request.user
            saved.save()
            messages.success(request, _("De veranderopgave is opgeslagen."))
            return redirect("network:assignment", pk=pk, member_pk=member_pk)
        if request.method == "POST" and request.POST.get("action") == "progress" and progress_form.is_valid():
            entry = progress_form.save(commit=False)
            entry.assignment = record
            entry.author = request.user
            entry.save()
            messages.success(request, _("De voortgang is toegevoegd."))
            return redirect("network:assignment", pk=pk, member_pk=member_pk)
    context = {
        "access": access,
        "network": access.network,
        "member": member,
        "assignment": record,
        "progress": record.progress.select_related("author"),
        "form": form,
        "progress_form": progress_form,
        "may_edit": may_edit,
    }
    return render(request, "network/assignment.html", context)
