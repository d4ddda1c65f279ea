# SPDX-License-Identifier: EUPL-1.2
"""Meetings: the coordinator plans them (programme, notes, attendance); members prepare contributions.

``meeting_ics`` exports a meeting as iCalendar for any calendar program.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from risicokompas.network.access import NetworkAccess, require_active, require_coordinator, require_member
from risicokompas.network.forms import AttendanceForm, ContributionForm, MeetingForm
from risicokompas.network.ics import meeting_calendar
from risicokompas.network.models import Attendance, Meeting, NetworkMember


def _meeting(access: NetworkAccess, meeting_pk: int) -> Meeting:
    try:
        return access.network.meetings.get(pk=meeting_pk)
    except Meeting.DoesNotExist:
        raise Http404("Bijeenkomst niet gevonden") from None


@login_required
def meeting_create(request, pk):
    access = require_coordinator(request, pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.network = access.network
        meeting.save()
        messages.success(request, _("De bijeenkomst is gepland."))
        return redirect("network:meeting", pk=pk, meeting_pk=meeting.pk)
    context = {
        "form": form,
        "network": access.network,
        "title": _("Nieuwe bijeenkomst"),
        "submit": _("Opslaan"),
    }
    return render(request, "network/form.html", context)


@login_required
def meeting_edit(request, pk, meeting_pk):
    access = require_coordinator(request, pk)
    meeting = _meeting(access, meeting_pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De bijeenkomst is bijgewerkt."))
        return redirect("network:meeting", pk=pk, meeting_pk=meeting.pk)
    context = {
        "form": form,
        "network": access.network,
        "title": _("Bijeenkomst bewerken"),
        "submit": _("Opslaan"),
    }
    return render(request, "network/form.html", context)


@login_required
def meeting_detail(request, pk, meeting_pk):
    access = require_active(request, pk)
    meeting = _meeting(access, meeting_pk)
    form = ContributionForm(request.POST or None) if access.may_act_as_member else None
    if request.method == "POST":
        access = require_member(request, pk)
        if form is not None and form.is_valid():  # require_member: the form was made for a member
            contribution = form.save(commit=False)
            contribution.meeting = meeting
            contribution.member = access.member
            contribution.prepared_by = request.user
            contribution.save()
            messages.success(request, _("Uw bijdrage is opgeslagen."))
            return redirect("network:meeting", pk=pk, meeting_pk=meeting.pk)
    context = {
        "access": access,
        "network": access.network,
        "meeting": meeting,
        "programme": [line for line in meeting.programme.splitlines() if line.strip()],
        "contributions": meeting.contributions.select_related("member__organisation", "prepared_by"),
        "attendance": meeting.attendance.select_related("member__organisation"),
        "form": form,
    }
    return render(request, "network/meeting.html", context)


@login_required
def attendance(request, pk, meeting_pk):
    access = require_coordinator(request, pk)
    meeting = _meeting(access, meeting_pk)
    members = access.network.members.filter(status=NetworkMember.Status.ACTIVE).select_related("organisation")
    existing = {a.member_id: a for a in meeting.attendance.all()}
    rows = []
    for member in members:
        record = existing.get(member.pk)
        initial = {"present": record.present, "names": record.names} if record else {}
        rows.append((member, AttendanceForm(request.POST or None, prefix=f"m{member.pk}", initial=initial)))
    if request.method == "POST" and all(form.is_valid() for _member, form in rows):
        for member, form in rows:
            Attendance.objects.update_or_create(meeting=meeting, member=member, defaults=form.cleaned_data)
        messages.success(request, _("De aanwezigheid is opgeslagen."))
        return redirect("network:meeting", pk=pk, meeting_pk=meeting.pk)
    context = {"network": access.network, "meeting": meeting, "rows": rows}
    return render(request, "network/attendance.html", context)


@login_required
def meeting_ics(request, pk, meeting_pk):
    access = require_active(request, pk)
    meeting = _meeting(access, meeting_pk)
    body = meeting_calendar(meeting, request.get_host().split(":")[0] or "risicokompas")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{meeting.pk}.ics"'
    return response
