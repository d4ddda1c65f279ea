# SPDX-License-Identifier: EUPL-1.2
"""The organisation's policy settings and its capacity items, each change saved with its history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from risicokompas.capacity import itemviews
from risicokompas.capacity.access import get_capacity_item_for
from risicokompas.capacity.forms import (
    CapacityItemForm,
    OrganisationSettingsForm,
    RatioBandFormSet,
    ScaleReasonForm,
    scale_from_formset,
)
from risicokompas.capacity.history import change_policy, save_with_history
from risicokompas.capacity.models import PolicyChange, available_capacity
from risicokompas.capacity.services import capacity_table, tax_capacity_use
from risicokompas.engine.capacity import RatioScale
from risicokompas.engine.errors import EngineInputError
from risicokompas.organisations.access import current_membership, require, require_settings_manager


@login_required
def settings_view(request):
    organisation = require_settings_manager(request).organisation
    form = OrganisationSettingsForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        save_with_history(
            form,
            organisation,
            request.user,
            form.cleaned_data["reason"],
            subject=PolicyChange.Subject.SETTINGS,
            label=str(_("Instellingen")),
        )
        messages.success(request, _("De instellingen zijn opgeslagen."))
        return redirect("capacity:settings")
    context = {
        "organisation": organisation,
        "form": form,
        "available": available_capacity(organisation),
        "item_count": organisation.capacity_items.count(),
        "history": organisation.policy_changes.filter(subject=PolicyChange.Subject.SETTINGS)[:20],
    }
    return render(request, "capacity/settings.html", context)


@login_required
def capacity_list(request):
    """The capacity items over t … t+3 with totals; bestuur reads it, controllers change it."""
    membership = current_membership(request)
    require(membership.can_read_paragraph)
    organisation = membership.organisation
    context = {
        "organisation": organisation,
        "membership": membership,
        "table": capacity_table(organisation),
        "available": available_capacity(organisation),
        "tax_use": tax_capacity_use(organisation),
        "history": organisation.policy_changes.filter(subject=PolicyChange.Subject.CAPACITY)[:20],
    }
    return render(request, "capacity/capacity_list.html", context)


def _capacity_kind() -> itemviews.ItemKind:
    return itemviews.ItemKind(
        form=CapacityItemForm,
        subject=PolicyChange.Subject.CAPACITY,
        list_url="capacity:capacity",
        form_template="capacity/capacity_form.html",
        delete_template="capacity/capacity_confirm_delete.html",
        new_reason=_("Nieuwe capaciteitspost"),
        added=_("Capaciteitspost „%(name)s” is toegevoegd."),
        changed=_("Capaciteitspost „%(name)s” is gewijzigd."),
        deleted=_("Capaciteitspost „%(name)s” is verwijderd."),
    )


@login_required
def capacity_create(request):
    organisation = require_settings_manager(request).organisation
    return itemviews.create(request, _capacity_kind(), organisation)


@login_required
def capacity_edit(request, pk):
    return itemviews.edit(request, _capacity_kind(), get_capacity_item_for(request, pk))


@login_required
def capacity_delete(request, pk):
    return itemviews.delete(request, _capacity_kind(), get_capacity_item_for(request, pk))


def _initial_rows(scale: RatioScale) -> list[dict]:
    return [
        {
            "letter": band.letter,
            "label": band.label,
            "lower": band.lower,
            "includes_lower": band.includes_lower,
        }
        for band in scale.bands
    ]


@login_required
def scale_view(request):
    """The organisation's own ratio scale from its nota (or the NAR table); every change with a reason."""
    membership = current_membership(request)
    require(membership.can_read_paragraph)
    organisation = membership.organisation
    may_edit = membership.can_manage_settings
    if request.method == "POST":
        require(may_edit)
    data = request.POST if request.method == "POST" else None
    formset = RatioBandFormSet(data, initial=_initial_rows(organisation.scale), prefix="klasse")
    reason_form = ScaleReasonForm(data)
    scale_error = None
    if request.method == "POST" and request.POST.get("action") == "reset":
        if reason_form.is_valid():
            change_policy(
                organisation,
                request.user,
                reason_form.cleaned_data["reason"],
                {"ratio_scale": {}},
                label=str(_("Schaal voor de ratio")),
            )
            messages.success(request, _("De tabel van het NAR en de Universiteit Twente geldt weer."))
            return redirect("capacity:scale")
    elif request.method == "POST" and formset.is_valid() and reason_form.is_valid():
        try:
            scale = scale_from_formset(formset)
        except EngineInputError as error:
            scale_error = error.message[:1].upper() + error.message[1:] + "."
        else:
            change_policy(
                organisation,
                request.user,
                reason_form.cleaned_data["reason"],
                {"ratio_scale": scale.to_dict()},
                label=str(_("Schaal voor de ratio")),
            )
            messages.success(
                request,
                _("De eigen schaal met %(count)s klassen is opgeslagen.") % {"count": len(scale.bands)},
            )
            return redirect("capacity:scale")
    context = {
        "organisation": organisation,
        "scale": organisation.scale,
        "own": bool(organisation.ratio_scale),
        "formset": formset,
        "reason_form": reason_form,
        "scale_error": scale_error,
        "may_edit": may_edit,
        "history": organisation.policy_changes.filter(
            subject=PolicyChange.Subject.SETTINGS, label=_("Schaal voor de ratio")
        )[:20],
    }
    return render(request, "capacity/scale.html", context)
