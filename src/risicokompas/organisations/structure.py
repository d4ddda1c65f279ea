# SPDX-License-Identifier: EUPL-1.2
"""The organisation's structure as the beheerder keeps it: units, the programma's in order, functions.

Every change is a save of a model with django-simple-history, so each keeps who, when and old → new.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from risicokompas.organisations.models import Function, Membership, Organisation, Programme, Unit


def _ordered(units: list[Unit]) -> list[tuple[Unit, int]]:
    children: dict[int | None, list[Unit]] = {}
    ids = {unit.pk for unit in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in ids else None
        children.setdefault(parent, []).append(unit)
    rows: list[tuple[Unit, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in sorted(children.get(parent, []), key=lambda u: u.name.casefold()):
            rows.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return rows


def units_in_order(organisation: Organisation) -> list[tuple[Unit, int]]:
    return _ordered(list(Unit.objects.filter(organisation=organisation)))


def unit_in_use(unit: Unit) -> str | None:
    """Why ``unit`` cannot be deleted (Dutch), or None."""
    if unit.children.exists():
        return "er vallen nog onderdelen onder"
    if unit.memberships.exists():
        return "er horen nog mensen bij"
    return None


def save_unit(unit: Unit) -> Unit:
    """Save a unit and keep the free-text team of its members in step with its name."""
    with transaction.atomic():
        unit.save()
        for membership in unit.memberships.exclude(team=unit.name):
            membership.team = unit.name
            membership.save()
    return unit


def add_programme(organisation: Organisation, name: str) -> Programme:
    """A new programma, last in the order."""
    last = Programme.objects.filter(organisation=organisation).aggregate(Max("position"))["position__max"]
    return Programme.objects.create(organisation=organisation, name=name, position=(last or 0) + 1)


def move_programme(programme: Programme, step: int) -> bool:
    """Move a programma one place up (step -1) or down (+1); False when it is already first or last.
    Positions are renumbered 1, 2, 3 … so the order is always unambiguous."""
    with transaction.atomic():
        ordered = list(Programme.objects.select_for_update().filter(organisation=programme.organisation))
        index = next(i for i, p in enumerate(ordered) if p.pk == programme.pk)
        target = index + step
        if not 0 <= target < len(ordered):
            return False
        ordered[index], ordered[target] = ordered[target], ordered[index]
        for position, item in enumerate(ordered, start=1):
            if item.position != position:
                item.position = position
                item.save()
    return True


def function_users(function: Function) -> int:
    """How many members hold this function, plus anything else that refers to it (e.g. a risk owned by
    the function), counted through the model's reverse relations."""
    count = Membership.objects.filter(
        organisation=function.organisation, function__iexact=function.name
    ).count()
    for relation in function._meta.related_objects:
        if relation.one_to_many or relation.one_to_one:
            model = relation.related_model
            if model.__name__.startswith("Historical"):
                continue
            count += model._default_manager.filter(**{relation.field.name: function}).count()
    return count


def rename_function(function: Function, name: str) -> int:
    """Rename a function and the members who hold it; returns the number of members renamed."""
    old = function.name
    renamed = 0
    with transaction.atomic():
        function.name = name
        function.save()
        for membership in Membership.objects.filter(organisation=function.organisation, function__iexact=old):
            membership.function = name
            membership.save()
            renamed += 1
    return renamed
