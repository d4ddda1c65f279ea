# SPDX-License-Identifier: EUPL-1.2
"""The versions django-simple-history keeps, as rows a page shows: when, who, what changed (old → new)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from risicokompas.ui.people import person_name


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class VersionRow:
    when: datetime.datetime
    who: str
    what: str  # the record's name, e.g. "Sociaal domein: Open"
    action: str  # "toegevoegd", "gewijzigd", "verwijderd"
    reason: str
    changes: tuple[FieldChange, ...]


ACTIONS = {"+": "toegevoegd", "~": "gewijzigd", "-": "verwijderd"}


def _shown(field: Any, value: Any) -> str:
    if value in (None, "", []):
        return "—"
    if field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    choices = dict(getattr(field, "flatchoices", None) or ())
    return str(choices.get(value, value))


def version_rows(versions: Any, limit: int = 20) -> list[VersionRow]:
    """The newest ``limit`` versions of a historical queryset, each compared with the one before it."""
    rows = []
    for version in versions.select_related("history_user").order_by("-history_date", "-history_id")[:limit]:
        previous = version.prev_record
        changes: list[FieldChange] = []
        if previous is not None and version.history_type == "~":
            for change in version.diff_against(previous).changes:
                field = version.instance._meta.get_field(change.field)
                changes.append(
                    FieldChange(str(field.verbose_name), _shown(field, change.old), _shown(field, change.new))
                )
        user = version.history_user
        rows.append(
            VersionRow(
                when=version.history_date,
                who=person_name(user),
                what=str(version.instance),
                action=ACTIONS.get(version.history_type, version.history_type),
                reason=version.history_change_reason or "",
                changes=tuple(changes),
            )
        )
    return rows
