# SPDX-License-Identifier: EUPL-1.2
"""The risk register: list, risk page, create and edit, measures.

Views stay thin: ``risks.access`` decides who may see or change what, ``risks.services`` makes every change
and writes its history, ``risks.forms`` turns Dutch input into values.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from risicokompas.engine.riskmap import impact_class, probability_class, score
from risicokompas.organisations.access import current_membership
from risicokompas.risks import display, services
from risicokompas.risks.access import (
    get_measure_for,
    get_risk_for,
    may_create_risks,
    may_edit_risk,
    require_create,
)
from risicokompas.risks.appetite import appetite_exceeded, exceeded_by_pk
from risicokompas.risks.filters import RegisterFilter, score_colour, sort_order, with_classes
from risicokompas.risks.forms import MeasureForm, RiskForm
from risicokompas.risks.models import Risk

PAGE_SIZE = 50

#: Columns of the register table: (sort key, header, numeric).
COLUMNS = (
    ("code", gettext_lazy("Id"), False),
    ("naam", gettext_lazy("Risico"), False),
    ("programma", gettext_lazy("Programma"), False),
    ("eigenaar", gettext_lazy("Risico-eigenaar"), False),
    ("kans", gettext_lazy("Kans"), True),
    ("gevolg", gettext_lazy("Maximaal gevolg"), True),
    ("score", gettext_lazy("Score"), True),
    ("status", gettext_lazy("Status"), False),
    ("herbeoordeling", gettext_lazy("Herbeoordelen vóór"), False),
)


@login_required
def risk_list(request):
    membership = current_membership(request)
    organisation = membership.organisation
    today = timezone.localdate()
    filters = RegisterFilter(request.GET, organisation)
    sort, order = sort_order(request.GET.get("sort"))
    risks = with_classes(organisation.risks.select_related("owner__user"), organisation)
    risks = filters.apply(risks, today).order_by(*order)
    page = Paginator(risks, PAGE_SIZE).get_page(request.GET.get("page"))
    for risk in page:
        risk.colour = score_colour(risk.score)
        risk.overdue = risk.review_date is not None and risk.review_date < today
    columns = [
        {
            "key": key,
            "label": label,
            "numeric": numeric,
            "direction": "ascending" if sort == key else "descending" if sort == f"-{key}" else "",
            "next": f"-{key}" if sort == key else key,
        }
        for key, label, numeric in COLUMNS
    ]
    context = {
        "filters": filters,
        "page": page,
        "columns": columns,
        "sort": sort,
        "may_create": may_create_risks(membership),
        "may_import": membership.can_edit_all_risks,
        "outside_appetite": exceeded_by_pk(page, organisation),
    }
    return render(request, "risks/list.html", context)


@login_required
def risk_detail(request, pk: int):
    risk = get_risk_for(request, pk)
    membership = current_membership(request)
    organisation = risk.organisation
    today = timezone.localdate()
    classes: dict[str, int | None] = {"kansklasse": None, "gevolgklasse": None, "score": None}
    if risk.probability is not None and risk.impact_max is not None:  # quantified
        kansklasse = probability_class(float(risk.probability))
        gevolgklasse = impact_class(float(risk.impact_max), organisation.bands)
        classes = {
            "kansklasse": kansklasse,
            "gevolgklasse": gevolgklasse,
            "score": score(kansklasse, gevolgklasse),
        }
    context = {
        "risk": risk,
        "classes": classes,
        "colour": score_colour(classes["score"]),
        "shape_label": risk.get_shape_display() if risk.shape else organisation.get_default_shape_display(),
        "shape_is_default": not risk.shape,
        "overdue": risk.review_date is not None and risk.review_date < today,
        "measures": risk.measures.all(),
        "history": display.history(risk),
        "may_edit": may_edit_risk(membership, risk),
        "appetite_exceeded": appetite_exceeded(risk),
    }
    return render(request, "risks/detail.html", context)


def _add_service_errors(form, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@login_required
def risk_create(request):
    membership = require_create(request)
    organisation = membership.organisation
    may_choose_owner = membership.can_edit_all_risks
    instance = Risk(organisation=organisation, owner=None if may_choose_owner else membership)
    form = RiskForm(
        request.POST or None, instance=instance, organisation=organisation, may_choose_owner=may_choose_owner
    )
    if request.method == "POST" and form.is_valid():
        values = form.values()
        if not may_choose_owner:
            values["owner"] = membership  # a risico-eigenaar's new risk is theirs
        try:
            risk = services.create_risk(organisation, request.user, values)
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Risico %s is toegevoegd.") % risk.code)
            return redirect("risks:detail", pk=risk.pk)
    return render(request, "risks/form.html", {"form": form, "risk": None})


def _comparison(form: RiskForm, current: Risk) -> list[dict]:
    """The user's values beside the version someone else saved meanwhile, field by field."""
    rows = []
    values = form.values()
    for name, value in values.items():
        if name == "owner_label":
            continue  # one row for the owner: the member or the function
        if name == "owner":
            mine = Risk(owner=value, owner_label=values.get("owner_label", ""))
            mine_text, theirs_text = display.owner_name(mine), display.owner_name(current)
        else:
            mine_text = display.format_value(name, services.stored_text(value))
            theirs_text = display.format_value(name, services.stored_text(getattr(current, name)))
        rows.append(
            {
                "label": form.fields[name].label,
                "mine": mine_text,
                "theirs": theirs_text,
                "differs": mine_text != theirs_text,
            }
        )
    return rows


@login_required
def risk_edit(request, pk: int):
    risk = get_risk_for(request, pk, write=True)
    membership = current_membership(request)
    organisation = risk.organisation
    may_choose_owner = membership.can_edit_all_risks
    form = RiskForm(
        request.POST or None, instance=risk, organisation=organisation, may_choose_owner=may_choose_owner
    )
    comparison = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.update_risk(
                risk,
                request.user,
                form.values(),
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except services.ConcurrentEdit as conflict:
            comparison = _comparison(form, conflict.current)
            data = request.POST.copy()
            data["version"] = conflict.current.version  # saving again is a deliberate choice
            form = RiskForm(
                data, instance=conflict.current, organisation=organisation, may_choose_owner=may_choose_owner
            )
            form.is_valid()
            form.add_error(None, str(conflict))
        except services.ChangeRefused as refusal:
            form.add_error("reason", str(refusal))
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            if result.change is None:
                messages.info(request, _("Er is niets gewijzigd."))
            else:
                messages.success(request, _("Risico %s is opgeslagen.") % result.risk.code)
            return redirect("risks:detail", pk=risk.pk)
    context = {"form": form, "risk": Risk.objects.get(pk=risk.pk), "comparison": comparison}
    return render(request, "risks/form.html", context)


def _measure_form(request, risk: Risk, measure=None):
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        saved = services.save_measure(risk, request.user, form.values(), measure=measure)
        messages.success(request, _("Maatregel opgeslagen: %s") % str(saved))
        return redirect("risks:detail", pk=risk.pk)
    return render(request, "risks/measure_form.html", {"form": form, "risk": risk, "measure": measure})


@login_required
def measure_create(request, pk: int):
    risk = get_risk_for(request, pk, write=True)
    return _measure_form(request, risk)


@login_required
def measure_edit(request, pk: int):
    measure = get_measure_for(request, pk, write=True)
    return _measure_form(request, measure.risk, measure)
