# SPDX-License-Identifier: EUPL-1.2
"""Rule library, the rule owner's overview and decision, moresprudentie search, risk appetite, settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from risicokompas.deviations import access, services
from risicokompas.deviations.forms import RuleForm, RuleReviewForm, SettingsForm
from risicokompas.deviations.models import DeviationSettings, Rule, Value
from risicokompas.organisations.access import current_membership
from risicokompas.ui.history import version_rows


@login_required
def rule_list(request):
    membership = current_membership(request)
    rules = Rule.objects.filter(organisation=membership.organisation).select_related("owner__user")
    context = {"rules": rules, "may_manage": access.may_manage_rules(membership)}
    return render(request, "deviations/rules.html", context)


@login_required
def rule_edit(request, pk: int | None = None):
    membership = current_membership(request)
    if pk is None:
        access.require(access.may_manage_rules(membership))
        rule = Rule(organisation=membership.organisation)
    else:
        rule = access.get_rule_for(request, pk, write=True)
    form = RuleForm(request.POST or None, instance=rule, organisation=membership.organisation)
    if request.method == "POST" and form.is_valid():
        rule = form.save()
        messages.success(request, _("De regel is opgeslagen."))
        return redirect("deviations:rule", pk=rule.pk)
    return render(request, "deviations/rule_form.html", {"form": form, "rule": rule})


@login_required
def rule_detail(request, pk: int):
    """The rule for everyone; for its owner and the managers also how often and why it was set aside."""
    rule = access.get_rule_for(request, pk)
    membership = current_membership(request)
    show_overview = access.may_see_rule_overview(membership, rule)
    review_form = None
    if show_overview:
        review_form = RuleReviewForm(request.POST or None)
        if request.method == "POST" and review_form.is_valid():
            services.record_review(rule, request.user, **review_form.cleaned_data)
            messages.success(request, _("Uw beslissing over de regel is vastgelegd."))
            return redirect("deviations:rule", pk=rule.pk)
    elif request.method == "POST":
        access.require(False)
    context = {
        "rule": rule,
        "risks": rule.risks.order_by("code"),
        "may_edit": access.may_edit_rule(membership, rule),
        "overview": services.rule_overview(rule) if show_overview else None,
        "reviews": rule.reviews.all() if show_overview else [],
        "review_form": review_form,
        "precedents": services.published_precedents(membership.organisation, rule=rule),
        "versions": version_rows(rule.history.all()),
    }
    return render(request, "deviations/rule_detail.html", context)


@login_required
def precedent_list(request):
    membership = current_membership(request)
    organisation = membership.organisation
    rules = Rule.objects.filter(organisation=organisation)
    rule_id = request.GET.get("regel", "")
    rule = rules.filter(pk=rule_id).first() if rule_id.isdigit() else None
    value = request.GET.get("waarde", "")
    value = value if value in Value.values else ""
    text = request.GET.get("q", "")[:200]
    context = {
        "precedents": services.published_precedents(organisation, rule=rule, value=value, text=text),
        "rules": rules,
        "rule": rule,
        "values": Value.choices,
        "value": value,
        "q": text,
        "searched": bool(rule or value or text.strip()),
    }
    return render(request, "deviations/precedents.html", context)


@login_required
def precedent_detail(request, pk: int):
    precedent = access.get_precedent_for(request, pk)
    membership = current_membership(request)
    deviation = precedent.deviation
    may_publish = (
        not precedent.published
        and deviation is not None
        and access.may_lead_deliberation(membership, deviation)
    )
    if request.method == "POST":
        access.require(may_publish)
        services.publish(precedent, request.user)
        messages.success(request, _("De moresprudentie is gepubliceerd voor de hele organisatie."))
        return redirect("deviations:precedent", pk=precedent.pk)
    show_deviation = deviation is not None and access.may_see_deviation(membership, deviation, request.user)
    context = {"precedent": precedent, "may_publish": may_publish, "show_deviation": show_deviation}
    return render(request, "deviations/precedent_detail.html", context)


@login_required
def settings_edit(request):
    membership = access.require_membership(request, access.may_manage_rules)
    settings = DeviationSettings.for_organisation(membership.organisation)
    form = SettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De drempel is opgeslagen."))
        return redirect("deviations:settings")
    return render(request, "deviations/settings.html", {"form": form})
