# SPDX-License-Identifier: EUPL-1.2
"""Saving policy settings, capacity items, tax-capacity inputs, separate groups and kengetallen together with
their history row (who, when, why, old → new): every change in this app goes through these functions."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db import models, transaction

from risicokompas.capacity.models import CapacityItem, PolicyChange, SeparateRequirement
from risicokompas.organisations.models import Organisation


def _text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def model_changes(before, after) -> dict[str, list[str | None]]:
    """{field label: [old, new]} between a stored row (or None) and the instance about to be saved."""
    changes = {}
    for field in after._meta.concrete_fields:
        if field.primary_key or field.is_relation:
            continue
        old = None if before is None else getattr(before, field.attname)
        new = getattr(after, field.attname)
        if _text(old) != _text(new):
            changes[str(field.verbose_name)] = [_text(old), _text(new)]
    return changes


@transaction.atomic
def save_with_history(
    form: forms.ModelForm, organisation: Organisation, user, reason: str, *, subject: str, label: str
):
    """Save a bound, valid form and record what it changed. Returns the saved instance."""
    creating = form.instance.pk is None
    before = None if creating else type(form.instance).objects.get(pk=form.instance.pk)
    instance = form.save(commit=False)
    if instance is not organisation and getattr(instance, "organisation_id", None) is None:
        instance.organisation = organisation
    changes = model_changes(before, instance)
    instance.save()
    form.save_m2m()
    if creating or changes:
        PolicyChange.objects.create(
            organisation=organisation,
            subject=subject,
            label=label or str(instance),
            action=PolicyChange.Action.CREATED if creating else PolicyChange.Action.CHANGED,
            changes=changes,
            reason=reason,
            changed_by=user,
        )
    return instance


@transaction.atomic
def delete_with_history(
    item: CapacityItem | SeparateRequirement,
    user,
    reason: str,
    *,
    subject: str = PolicyChange.Subject.CAPACITY,
) -> None:
    """Delete a capacity item or separate group and record its amount going away (PM for a capacity item
    whose amount was not known), with the reason."""
    amount = "PM" if getattr(item, "amount_unknown", False) else _text(item.amount)
    PolicyChange.objects.create(
        organisation=item.organisation,
        subject=subject,
        label=item.name,
        action=PolicyChange.Action.DELETED,
        changes={str(type(item)._meta.get_field("amount").verbose_name): [amount, None]},
        reason=reason,
        changed_by=user,
    )
    item.delete()


def record(organisation: Organisation, user, reason: str, *, subject: str, label: str, changes: dict) -> None:
    """A history row for a change that is not one form's save (an import, a reset to defaults)."""
    PolicyChange.objects.create(
        organisation=organisation,
        subject=subject,
        label=label,
        action=PolicyChange.Action.CHANGED,
        changes=changes,
        reason=reason,
        changed_by=user,
    )


@transaction.atomic
def change_policy(organisation: Organisation, user, reason: str, values: dict, *, label: str) -> None:
    """Set policy fields of the organisation that no form edits directly (e.g. the ratio scale), with a
    history row: the field's label, old → new."""
    changes = {}
    for name, new in values.items():
        old = getattr(organisation, name)
        if old != new:
            field = Organisation._meta.get_field(name)
            assert isinstance(field, models.Field), "policy values are columns, not relations"
            changes[str(field.verbose_name)] = [_json_text(old), _json_text(new)]
            setattr(organisation, name, new)
    if not changes:
        return
    organisation.save(update_fields=list(values))
    PolicyChange.objects.create(
        organisation=organisation,
        subject=PolicyChange.Subject.SETTINGS,
        label=label,
        action=PolicyChange.Action.CHANGED,
        changes=changes,
        reason=reason,
        changed_by=user,
    )


def _json_text(value) -> str | None:
    if value in (None, "", {}, []):
        return None
    if isinstance(value, dict) and "bands" in value:
        return "; ".join(
            f"{band['letter']} ({band['label']}) vanaf {band['lower']}"
            if band.get("lower") is not None
            else f"{band['letter']} ({band['label']})"
            for band in value["bands"]
        )
    return _text(value)
