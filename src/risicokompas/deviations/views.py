# SPDX-License-Identifier: EUPL-1.2
"""Deviation views: record a deviation, follow it through agenda and deliberation, make a precedent, and
the export for the rechtmatigheid review.

``deviations.access`` decides who may see what (team and managers only), ``deviations.services`` makes
every change, ``deviations.notifications`` mails after a change is saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from risicokompas.deviations import access, notifications, services
from risicokompas.deviations.export import workbook_bytes
from risicokompas.deviations.forms import DeliberationForm, DeviationForm, MandateDecisionForm, PrecedentForm
from risicokompas.deviations.models import Deviation, Rule
from risicokompas.organisations.access import current_membership
from risicokompas.risks import appetite
from risicokompas.risks.access import may_create_risks
from risicokompas.security.log import Kind, record

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@login_required
def deviation_list(request):
    membership = current_membership(request)
    deviations = access.visible_deviations(membership, request.user).select_related("rule", "accepted_risk")
    status = request.GET.get("status", "")
    if status in Deviation.Status.values:
        deviations = deviations.filter(status=status)
    context = {
        "deviations": services.mark_deviations(deviations, membership.organisation),
        "statuses": Deviation.Status.choices,
        "status": status,
        "may_record": access.may_record(membership),
        "is_manager": access.is_manager(membership),
        "may_export": access.may_export(membership),
    }
    return render(request, "deviations/list.html", context)


@login_required
def deviation_create(request):
    membership = access.require_membership(request, access.may_record)
    organisation = membership.organisation
    may_create = may_create_risks(membership)
    action = request.POST.get("action", "save") if request.method == "POST" else None
    rule_id = request.POST.get("rule") if action else request.GET.get("regel")
    if action == "save":
        form = DeviationForm(request.POST, organisation=organisation, may_create_risks=may_create)
    else:  # first visit, or "show the rule and its precedents": nothing is validated yet
        initial = {"acted_on": timezone.localdate(), **(request.POST.dict() if action else {})}
        initial["rule"] = rule_id
        form = DeviationForm(initial=initial, organisation=organisation, may_create_risks=may_create)
    if action == "save" and form.is_valid():
        deviation = services.record_deviation(
            organisation,
            request.user,
            membership.team,
            form.values(),
            new_risk_name=form.cleaned_data.get("new_risk_name", ""),
        )
        if deviation.outside_mandate:
            notifications.notify_routed(deviation, _base_url(request))
            messages.warning(
                request,
                _("Vastgelegd. Dit valt buiten het mandaat: de afwijking is voorgelegd aan: %s.")
                % deviation.get_routed_to_level_display(),
            )
        else:
            messages.success(request, _("De afwijking is vastgelegd."))
        if services.crossed_threshold(deviation.rule):
            notifications.notify_rule_owner(
                deviation.rule, services.rule_overview(deviation.rule).count, _base_url(request)
            )
        return redirect("deviations:detail", pk=deviation.pk)
    rule = (
        Rule.objects.filter(organisation=organisation, pk=rule_id).first()
        if str(rule_id or "").isdigit()
        else None
    )
    context = {
        "form": form,
        "rule": rule,
        "precedents": services.published_precedents(organisation, rule=rule)[:10] if rule else [],
        "team": membership.team,
    }
    return render(request, "deviations/create.html", context)


@login_required
def deviation_detail(request, pk: int):
    deviation = access.get_deviation_for(request, pk)
    membership = current_membership(request)
    appetites = appetite.appetites_by_programme(membership.organisation)
    context = {
        "deviation": deviation,
        "deliberation": getattr(deviation, "deliberation", None),
        "precedent": getattr(deviation, "precedent", None),
        "outside_appetite": appetite.outside_appetite(deviation.accepted_risk, appetites),
        "may_lead": access.may_lead_deliberation(membership, deviation),
        "may_decide_mandate": deviation.awaits_mandate and access.may_decide_mandate(membership, deviation),
        "mandate_form": MandateDecisionForm(),
        "next_step": services.MANUAL_STEPS.get(Deviation.Status(deviation.status)),
        "rule_precedents": services.published_precedents(membership.organisation, rule=deviation.rule)[:5],
        "history": deviation.changes.select_related("changed_by"),
    }
    return render(request, "deviations/detail.html", context)


@require_POST
@login_required
def deviation_advance(request, pk: int):
    """Voorgenomen → uitgevoerd (the team), besproken → afgesloten (team lead or managers)."""
    deviation = access.get_deviation_for(request, pk)
    membership = current_membership(request)
    if deviation.status == Deviation.Status.DISCUSSED:
        access.require(access.may_lead_deliberation(membership, deviation))
    else:
        access.require(access.may_record(membership))
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        deviation = services.advance(deviation, expected_version=version, user=request.user)
        messages.success(request, _("Status gewijzigd in: %s.") % deviation.get_status_display())
    except services.ChangeRefused as refused:
        messages.error(request, str(refused))
    return redirect("deviations:detail", pk=deviation.pk)


@require_POST
@login_required
def deviation_mandate(request, pk: int):
    deviation = access.get_deviation_for(request, pk)
    membership = current_membership(request)
    access.require(access.may_decide_mandate(membership, deviation))
    form = MandateDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_mandate(
                deviation,
                request.user,
                confirmed=form.cleaned_data["confirmed"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Uw besluit is vastgelegd."))
        except services.ChangeRefused as refused:
            messages.error(request, str(refused))
    else:
        messages.error(request, _("Kies of u de afwijking bekrachtigt."))
    return redirect("deviations:detail", pk=deviation.pk)


@login_required
def agenda(request):
    """The team's next deliberation: its executed deviations not yet discussed, oldest first."""
    membership = current_membership(request)
    access.require(access.may_record(membership))
    teams = []
    if access.is_manager(membership):
        teams = sorted(
            set(
                Deviation.objects.filter(organisation=membership.organisation)
                .exclude(team="")
                .values_list("team", flat=True)
            ),
            key=str.casefold,
        )
        team = request.GET.get("team") or membership.team or (teams[0] if teams else "")
    else:
        team = membership.team
    deviations = services.deviations_for_agenda(membership.organisation, team) if team.strip() else []
    context = {
        "team": team,
        "teams": teams,
        "deviations": services.mark_deviations(deviations, membership.organisation),
        "may_lead": access.is_manager(membership) or access.is_team_lead(membership, team),
    }
    return render(request, "deviations/agenda.html", context)


@login_required
def deliberate(request, pk: int):
    deviation = access.get_deviation_for(request, pk, lead=True)
    if deviation.status != Deviation.Status.DONE:
        messages.info(
            request, _("Alleen een uitgevoerde afwijking die nog niet besproken is, kan worden besproken.")
        )
        return redirect("deviations:detail", pk=deviation.pk)
    form = DeliberationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.deliberate(deviation, request.user, form.cleaned_data)
        except services.ChangeRefused as refused:
            messages.error(request, str(refused))
            return redirect("deviations:detail", pk=deviation.pk)
        messages.success(request, _("Het oordeel van het team is vastgelegd."))
        return redirect("deviations:detail", pk=deviation.pk)
    return render(request, "deviations/deliberate.html", {"deviation": deviation, "form": form})


@login_required
def precedent_create(request, pk: int):
    deviation = access.get_deviation_for(request, pk, lead=True)
    deliberation = getattr(deviation, "deliberation", None)
    if deliberation is None or hasattr(deviation, "precedent"):
        messages.info(request, _("Moresprudentie kan alleen van een besproken afwijking, en maar één keer."))
        return redirect("deviations:detail", pk=deviation.pk)
    initial = {"values": deliberation.values, "conditions": deliberation.conditions}
    form = PrecedentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        precedent = services.make_precedent(
            deviation, request.user, form.values_dict(), publish=form.cleaned_data["publish"]
        )
        messages.success(request, _("De moresprudentie is vastgelegd."))
        return redirect("deviations:precedent", pk=precedent.pk)
    context = {"deviation": deviation, "deliberation": deliberation, "form": form}
    return render(request, "deviations/precedent_form.html", context)


@login_required
def export(request):
    """Deviations with a financial effect, for the annual rechtmatigheid review (managers only)."""
    membership = access.require_membership(request, access.may_export)
    deviations = (
        Deviation.objects.filter(organisation=membership.organisation, financial_effect__isnull=False)
        .select_related("rule", "deliberation")
        .order_by("acted_on", "pk")
    )
    response = HttpResponse(workbook_bytes(deviations), content_type=XLSX)
    name = f"afwijkingen-financieel-effect-{timezone.localdate():%Y-%m-%d}.xlsx"
    record(Kind.EXPORTED, request=request, object_type="deviations", file=name)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report(request):
    """The organisation-wide overview of the last twelve months (managers only): counts, never people."""
    membership = access.require_membership(request, access.is_manager)
    context = {"report": services.organisation_report(membership.organisation)}
    return render(request, "deviations/report.html", context)
