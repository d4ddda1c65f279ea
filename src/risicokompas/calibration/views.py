# SPDX-License-Identifier: EUPL-1.2
"""Events (what happened) and the calibration page (were the estimates any good?)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from risicokompas.calibration import charts, services
from risicokompas.calibration.access import (
    get_event_for,
    may_record,
    may_record_surprise,
    recordable_risks,
    require_record,
)
from risicokompas.calibration.forms import CalibrationFilterForm, EventForm
from risicokompas.calibration.history import build_history
from risicokompas.calibration.links import links_for
from risicokompas.calibration.models import Event
from risicokompas.engine.calibration import calibrate
from risicokompas.engine.present import MISSING, format_number
from risicokompas.organisations.access import current_membership


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    events = Event.objects.filter(organisation=membership.organisation).prefetch_related("risks")
    context = {"events": events, "may_record": may_record(membership)}
    return render(request, "calibration/events.html", context)


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for(request, pk)
    return render(request, "calibration/event_detail.html", {"event": event})


def _initial(request: HttpRequest, risks) -> dict:
    """Prefill from a risk (``?risico=<pk>``) or from a signal's link (``?melding=<pk>`` with its text)."""
    initial: dict = {}
    risk_pk = request.GET.get("risico", "")
    if risk_pk.isdigit():
        risk = risks.filter(pk=int(risk_pk)).first()
        if risk is not None:
            initial.update(risks=[risk], programme=risk.programme, description=risk.event or risk.name)
    if request.GET.get("omschrijving"):
        initial["description"] = request.GET["omschrijving"][:1000]
    if request.GET.get("programma"):
        initial["programme"] = request.GET["programma"][:200]
    signal = request.GET.get("melding", "")
    if signal.isdigit():
        initial["description"] = (
            f"{initial.get('description', '')}\n(Naar aanleiding van melding {signal})".strip()
        )
    return initial


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    membership = require_record(request)
    risks = recordable_risks(membership)
    form = EventForm(
        request.POST or None,
        initial=_initial(request, risks),
        risks=risks,
        allow_surprise=may_record_surprise(membership),
    )
    if request.method == "POST" and form.is_valid():
        event = services.record_event(
            membership.organisation, request.user, form.values(), list(form.cleaned_data["risks"])
        )
        messages.success(request, _("De gebeurtenis is vastgelegd."))
        return redirect("calibration:event_detail", pk=event.pk)
    return render(request, "calibration/event_form.html", {"form": form})


@login_required
def calibration_page(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    organisation = membership.organisation
    everything = build_history(organisation)
    filters = CalibrationFilterForm(
        request.GET or None, years=tuple(everything.snapshots), programmes=everything.programmes
    )
    years, programme = filters.selection()
    built = (
        build_history(organisation, programme=programme, years=years) if years or programme else everything
    )
    result = calibrate(built.history, built.settings) if built.history.outcomes else None
    rows = []
    if result is not None:
        for check in result.years:
            frozen = built.snapshots[check.year].frozen_result
            rows.append(
                {
                    "check": check,
                    "snapshot": built.snapshots[check.year],
                    "frozen_required": None if programme else frozen.required_capacity,
                }
            )
    brier = result.brier if result else None
    context = {
        "result": result,
        "rows": rows,
        "filters": filters,
        "programme": programme,
        "skipped_events": built.skipped_events,
        "estimates": len(built.history.estimates),
        "brier_score": _number(brier.score if brier else None, 3),
        "brier_reference": _number(brier.reference if brier else None, 3),
        "brier_skill": _number(brier.skill if brier else None, 2),
        "expected": _number(result.exceedance.expected if result else None, 1),
        "p_value": _number(result.exceedance.p_value if result else None, 2),
        "reliability_svg": charts.reliability_svg(result.bands) if result else "",
        "years_svg": charts.years_svg(result.years) if result and result.years else "",
        "may_record": may_record(membership),
        "related_links": links_for(request, organisation),
    }
    return render(request, "calibration/page.html", context)


def _number(value: float | None, decimals: int) -> str:
    return MISSING if value is None else format_number(value, decimals)
