# SPDX-License-Identifier: EUPL-1.2
"""Views for the paragraph's inputs: onbenutte belastingcapaciteit, separate groups and kengetallen.

Controllers and beheerders change them, bestuur reads them (``paragraph.access``). Each view resolves
access first, then calls a service and renders or redirects.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from risicokompas.capacity import indicator_sheet, itemviews
from risicokompas.capacity.access import (
    get_indicator_year_for,
    get_separate_requirement_for,
    require_paragraph_editor,
    require_paragraph_reader,
)
from risicokompas.capacity.forms import (
    IndicatorImportForm,
    IndicatorReadingForm,
    IndicatorYearForm,
    SeparateRequirementForm,
    SignalThresholdsForm,
    TaxCapacityForm,
)
from risicokompas.capacity.history import record, save_with_history
from risicokompas.capacity.models import IndicatorYear, ParagraphSettings, PolicyChange, TaxCapacityInputs
from risicokompas.capacity.services import (
    KIND_ORDER,
    LETTER_FIELDS,
    IndicatorOverview,
    default_budget_year,
    indicator_overview,
    kind_for,
    paragraph_settings,
    separate_requirements_total,
    tax_breakdown,
    tax_capacity_use,
    thresholds_to_json,
)
from risicokompas.engine.indicators import Indicator, IndicatorSeries, SignalThresholds
from risicokompas.organisations.access import require
from risicokompas.security.log import Kind
from risicokompas.security.log import record as record_security

CATEGORY_LABELS = {"A": "minst risicovol", "B": "neutraal", "C": "meest risicovol"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- onbenutte belastingcapaciteit -------------------------------------------------------------------


@login_required
def capacity_tax(request):
    membership = require_paragraph_reader(request)
    organisation = membership.organisation
    instance = TaxCapacityInputs.objects.filter(organisation=organisation).first()
    form = TaxCapacityForm(request.POST or None, instance=instance)
    if request.method == "POST":
        require(membership.can_manage_settings)
        if form.is_valid():
            save_with_history(
                form,
                organisation,
                request.user,
                form.cleaned_data["reason"] or _("Gegevens ingevoerd"),
                subject=PolicyChange.Subject.TAX_CAPACITY,
                label=str(_("Onbenutte belastingcapaciteit")),
            )
            messages.success(request, _("De gegevens van de onbenutte belastingcapaciteit zijn opgeslagen."))
            return redirect("capacity:capacity_tax")
    context = {
        "organisation": organisation,
        "membership": membership,
        "form": form,
        "inputs": instance,
        "breakdown": tax_breakdown(organisation),
        "use": tax_capacity_use(organisation),
        "history": organisation.policy_changes.filter(subject=PolicyChange.Subject.TAX_CAPACITY)[:20],
    }
    return render(request, "capacity/tax.html", context)


# --- apart berekende risicogroepen ---------------------------------------------------------------------


@login_required
def separate_list(request):
    membership = require_paragraph_reader(request)
    organisation = membership.organisation
    context = {
        "membership": membership,
        "items": organisation.separate_requirements.all(),
        "total": separate_requirements_total(organisation),
        "history": organisation.policy_changes.filter(subject=PolicyChange.Subject.SEPARATE)[:20],
    }
    return render(request, "capacity/separate_list.html", context)


def _separate_kind() -> itemviews.ItemKind:
    return itemviews.ItemKind(
        form=SeparateRequirementForm,
        subject=PolicyChange.Subject.SEPARATE,
        list_url="capacity:separate",
        form_template="capacity/separate_form.html",
        delete_template="capacity/separate_delete.html",
        new_reason=_("Nieuwe risicogroep"),
        added=_("Risicogroep „%(name)s” is toegevoegd."),
        changed=_("Risicogroep „%(name)s” is gewijzigd."),
        deleted=_("Risicogroep „%(name)s” is verwijderd."),
    )


@login_required
def separate_create(request):
    organisation = require_paragraph_editor(request).organisation
    return itemviews.create(request, _separate_kind(), organisation)


@login_required
def separate_edit(request, pk):
    return itemviews.edit(request, _separate_kind(), get_separate_requirement_for(request, pk))


@login_required
def separate_delete(request, pk):
    return itemviews.delete(request, _separate_kind(), get_separate_requirement_for(request, pk))


# --- kengetallen ----------------------------------------------------------------------------------------


def _budget_year(request, organisation) -> int:
    raw = request.GET.get("begrotingsjaar") or request.POST.get("begrotingsjaar")
    if raw is None:
        return default_budget_year(organisation)
    try:
        year = int(raw)
    except ValueError:
        raise Http404("Ongeldig begrotingsjaar") from None
    if not indicator_sheet.MIN_YEAR <= year <= indicator_sheet.MAX_YEAR:
        raise Http404("Ongeldig begrotingsjaar")
    return year


def _indicators_url(budget_year: int) -> str:
    return f"{reverse('capacity:indicators')}?begrotingsjaar={budget_year}"


def _indicator_rows(overview: IndicatorOverview) -> list[dict]:
    """Per kengetal: its label and, per year, value, category letter and category text."""
    series: IndicatorSeries = overview.series
    rows = []
    for indicator in Indicator:
        cells: list[dict[str, object]] = []
        for year in overview.years:
            if year not in series.by_year:
                cells.append({"value": None, "reason": _("Geen gegevens voor dit jaar."), "category": None})
                continue
            item = series.by_year[year][indicator]
            category = series.by_year[year].categories(overview.thresholds)[indicator]
            cells.append(
                {
                    "value": item.value,
                    "reason": item.reason,
                    "category": category.value if category else None,
                    "category_text": CATEGORY_LABELS[category.value] if category else "",
                }
            )
        rows.append({"indicator": indicator, "label": indicator.label, "cells": cells})
    return rows


def _letter_rows(overview: IndicatorOverview) -> list[dict]:
    rows = []
    for name in LETTER_FIELDS:
        values = [
            getattr(overview.entered[y], name) if y in overview.entered else None for y in overview.years
        ]
        rows.append({"name": name, "label": indicator_sheet.letter_label(name), "values": values})
    return rows


def _kind_label(kind: str) -> str:
    return IndicatorYear.Kind(kind).label.lower()


def _columns(overview: IndicatorOverview) -> list[dict]:
    """Per year of the overview: the kind of figures shown (the row chosen, else the kind expected)."""
    columns = []
    for year in overview.years:
        row = overview.entered.get(year)
        kind = row.kind if row is not None else kind_for(year, overview.budget_year)
        columns.append({"year": year, "kind": kind, "kind_label": _kind_label(kind), "row": row})
    return columns


def _editions(overview: IndicatorOverview) -> list[dict]:
    """The paragraph's kengetallen columns of both editions of year t, each recorded or not."""
    titles = {
        "begroting": _("Paragraaf bij de begroting %(year)s"),
        "jaarstukken": _("Paragraaf bij de jaarstukken %(year)s"),
    }
    return [
        {"title": titles[edition] % {"year": overview.budget_year}, "slots": slots}
        for edition, slots in overview.slots.items()
    ]


def _threshold_rows(thresholds: SignalThresholds) -> list[tuple[str, float, float]]:
    from risicokompas.capacity.forms import THRESHOLD_LABELS

    return [(label, *getattr(thresholds, name)) for name, label in THRESHOLD_LABELS]


@login_required
def indicators(request):
    membership = require_paragraph_reader(request)
    organisation = membership.organisation
    budget_year = _budget_year(request, organisation)
    overview = indicator_overview(organisation, budget_year)
    settings = ParagraphSettings.objects.filter(organisation=organisation).first() or ParagraphSettings()
    context = {
        "membership": membership,
        "overview": overview,
        "budget_year": budget_year,
        "columns": _columns(overview),
        "editions": _editions(overview),
        "letter_rows": _letter_rows(overview),
        "indicator_rows": _indicator_rows(overview),
        "threshold_rows": _threshold_rows(overview.thresholds),
        "thresholds_overridden": bool(settings.signal_thresholds),
        "thresholds_form": SignalThresholdsForm(thresholds=overview.thresholds),
        "reading": settings.indicator_reading,
        "reading_form": IndicatorReadingForm(
            initial={"indicator_reading": settings.indicator_reading or overview.proposal}
        ),
        "import_form": IndicatorImportForm(initial={"budget_year": budget_year}),
    }
    return render(request, "capacity/indicators.html", context)


@login_required
def indicator_year(request, year=None, kind=None):
    """Enter or change the figures of one year and kind (``jaar/<year>/<kind>/``). Without the kind: the
    kind that year has seen from budget year t (``kind_for``); without the year: new figures whose year is a
    field of the form. The same year and kind twice is a form error, never a second row."""
    organisation = require_paragraph_editor(request).organisation  # access first, whatever the address
    if year is not None and not indicator_sheet.MIN_YEAR <= year <= indicator_sheet.MAX_YEAR:
        raise Http404("Ongeldig jaar")
    if kind is not None and kind not in IndicatorYear.Kind.values:
        raise Http404("Onbekende soort cijfers")
    budget_year = _budget_year(request, organisation)
    if kind is None:
        kind = kind_for(year, budget_year) if year is not None else IndicatorYear.Kind.BUDGET
    obj = get_indicator_year_for(request, year, kind)
    is_new = obj.pk is None
    heading = obj.label if obj.year is not None else ""
    form = IndicatorYearForm(request.POST or None, instance=obj, with_year=year is None)
    if request.method == "POST" and form.is_valid():
        try:
            save_with_history(
                form,
                organisation,
                request.user,
                form.cleaned_data["reason"] or _("Kengetallen ingevoerd"),
                subject=PolicyChange.Subject.INDICATORS,
                label=str(_("Kengetallen %(label)s") % {"label": obj.label}),
            )
        except IntegrityError:  # the same year and kind stored at the same moment by someone else
            form.add_error("kind", _("Voor dit jaar zijn al kengetallen van deze soort vastgelegd."))
        else:
            messages.success(
                request, _("De kengetallen van %(label)s zijn opgeslagen.") % {"label": obj.label}
            )
            return redirect(_indicators_url(budget_year))
    context = {
        "form": form,
        "year": year,
        "heading": heading,
        "is_new": is_new,
        "budget_year": budget_year,
    }
    return render(request, "capacity/indicator_year.html", context)


@login_required
def indicator_import(request):
    membership = require_paragraph_editor(request)
    organisation = membership.organisation
    form = IndicatorImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"budget_year": _budget_year(request, organisation)},
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        budget_year = form.cleaned_data["budget_year"]
        try:
            content = indicator_sheet.read_indicator_sheet(form.cleaned_data["file"].read(), budget_year)
        except indicator_sheet.SheetProblems as error:
            problems = error.messages
        else:
            with transaction.atomic():
                stored = indicator_sheet.save_indicator_sheet(organisation, content)
                labels = ", ".join(row.label for row in stored)
                record(
                    organisation,
                    request.user,
                    _("Ingelezen uit %(file)s") % {"file": form.cleaned_data["file"].name},
                    subject=PolicyChange.Subject.INDICATORS,
                    label=str(_("Kengetallen")),
                    changes={str(_("ingelezen")): [None, labels]},
                )
                record_security(
                    Kind.IMPORTED,
                    request=request,
                    object_type="indicators",
                    file=form.cleaned_data["file"].name,
                    years=len(stored),
                )
            messages.success(request, _("De kengetallen zijn ingelezen: %(labels)s.") % {"labels": labels})
            return redirect(_indicators_url(budget_year))
    return render(request, "capacity/indicator_import.html", {"form": form, "problems": problems})


@login_required
def indicator_template(request):
    """The sheet to fill in: a column per (year, kind) that a paragraph of budget year t shows (both
    editions), with what is recorded already."""
    organisation = require_paragraph_reader(request).organisation
    overview = indicator_overview(organisation, _budget_year(request, organisation))
    slots = [slot for edition in overview.slots.values() for slot in edition]
    columns = sorted({(slot.year, slot.kind) for slot in slots}, key=lambda c: (c[0], KIND_ORDER.index(c[1])))
    existing = {(slot.year, slot.kind): slot.row for slot in slots if slot.row is not None}
    data = indicator_sheet.template_workbook(columns, existing)
    response = HttpResponse(data, content_type=XLSX)
    filename = f"kengetallen-{overview.budget_year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _record_thresholds(organisation, user, old: dict, new: dict) -> None:
    """History of the signal thresholds: which bands changed (an empty mapping is the default)."""
    changes = {
        name: [str(old.get(name)) if old.get(name) else None, str(new.get(name)) if new.get(name) else None]
        for name in sorted(set(old) | set(new))
        if old.get(name) != new.get(name)
    }
    if changes:
        record(
            organisation,
            user,
            str(_("Signaleringswaarden aangepast")) if new else str(_("Standaard signaleringswaarden")),
            subject=PolicyChange.Subject.INDICATORS,
            label=str(_("Signaleringswaarden")),
            changes=changes,
        )


@login_required
@require_POST
def indicator_settings(request):
    """Signal thresholds (save or reset) and the reading (save or regenerate), chosen by ``action``."""
    organisation = require_paragraph_editor(request).organisation
    budget_year = _budget_year(request, organisation)
    settings = paragraph_settings(organisation)
    overview = indicator_overview(organisation, budget_year)
    action = request.POST.get("action")
    if action == "thresholds":
        form = SignalThresholdsForm(request.POST, thresholds=overview.thresholds)
        if not form.is_valid():
            return render(
                request,
                "capacity/thresholds.html",
                {"form": form, "budget_year": budget_year},
                status=400,
            )
        new = thresholds_to_json(form.cleaned_data["thresholds"])
        _record_thresholds(organisation, request.user, settings.signal_thresholds, new)
        settings.signal_thresholds = new
        settings.save(update_fields=["signal_thresholds"])
        messages.success(request, _("De signaleringswaarden zijn opgeslagen."))
    elif action == "reset_thresholds":
        _record_thresholds(organisation, request.user, settings.signal_thresholds, {})
        settings.signal_thresholds = {}
        settings.save(update_fields=["signal_thresholds"])
        messages.success(request, _("De standaard signaleringswaarden gelden weer."))
    elif action == "reading":
        reading_form = IndicatorReadingForm(request.POST)
        reading_form.is_valid()  # a free text field: always valid
        settings.indicator_reading = reading_form.cleaned_data["indicator_reading"].strip()
        settings.save(update_fields=["indicator_reading"])
        messages.success(request, _("De duiding van de kengetallen is opgeslagen."))
    elif action == "regenerate":
        settings.indicator_reading = overview.proposal
        settings.save(update_fields=["indicator_reading"])
        messages.success(request, _("De duiding is vervangen door een nieuw gegenereerd voorstel."))
    else:
        raise Http404("Onbekende actie")
    return redirect(_indicators_url(budget_year))
