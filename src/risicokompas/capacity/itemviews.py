# SPDX-License-Identifier: EUPL-1.2
"""Adding, changing and deleting a named amount (a capacity item, a separately computed risk group) with its
history row: one implementation that the views of both call with what differs between them."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from risicokompas.capacity.history import delete_with_history, save_with_history
from risicokompas.capacity.models import CapacityItem, SeparateRequirement
from risicokompas.organisations.models import Organisation


@dataclass(frozen=True)
class ItemKind:
    form: type[forms.ModelForm]
    subject: str  # PolicyChange.Subject of its history rows
    list_url: str
    form_template: str
    delete_template: str
    new_reason: str  # the reason kept when a new item is added without one
    added: str  # success messages, with %(name)s
    changed: str
    deleted: str


def create(request: HttpRequest, kind: ItemKind, organisation: Organisation) -> HttpResponse:
    form = kind.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"] or kind.new_reason
        item = save_with_history(form, organisation, request.user, reason, subject=kind.subject, label="")
        messages.success(request, kind.added % {"name": item.name})
        return redirect(kind.list_url)
    return render(request, kind.form_template, {"form": form, "item": None})


def edit(request: HttpRequest, kind: ItemKind, item: CapacityItem | SeparateRequirement) -> HttpResponse:
    form = kind.form(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        save_with_history(
            form,
            item.organisation,
            request.user,
            form.cleaned_data["reason"],
            subject=kind.subject,
            label=item.name,
        )
        messages.success(request, kind.changed % {"name": item.name})
        return redirect(kind.list_url)
    return render(request, kind.form_template, {"form": form, "item": item})


def delete(request: HttpRequest, kind: ItemKind, item: CapacityItem | SeparateRequirement) -> HttpResponse:
    error = None
    if request.method == "POST":
        reason = request.POST.get("reason", "").strip()
        if reason:
            name = item.name
            delete_with_history(item, request.user, reason, subject=kind.subject)
            messages.success(request, kind.deleted % {"name": name})
            return redirect(kind.list_url)
        error = _("Geef een reden voor het verwijderen; die wordt bewaard in de geschiedenis.")
    return render(request, kind.delete_template, {"item": item, "error": error})
