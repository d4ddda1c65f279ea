# SPDX-License-Identifier: EUPL-1.2
"""Risk values as people read them: Dutch numbers, euros, percentages, labels, and the change history.

History rows store each value as plain text (see ``services.stored_text``); this module turns them back into
"kans: 30% → 45%" with the field's Dutch label. Presentation only: nothing here changes data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _

from risicokompas.engine.present import format_exact as format_number
from risicokompas.organisations.models import Membership
from risicokompas.risks import owners
from risicokompas.risks.models import Measure, Risk, RiskChange
from risicokompas.risks.services import MEASURE_PREFIX
from risicokompas.ui.display import EMPTY, euro
from risicokompas.ui.display import probability as percent

PERCENT_FIELDS = {"probability", "probability_after"}
EURO_FIELDS = {"impact_min", "impact_mode", "impact_max"}
DATE_FIELDS = {"review_date", "due_date"}


def person(membership: Membership | None) -> str:
    """A member's name, "(inactief)" once deactivated: as history shows who owned a risk."""
    return "" if membership is None else owners.member_name(membership)


def owner_name(risk: Risk) -> str:
    """The owner: the member with their function, or the function without an account."""
    return owners.owner_label(risk) or EMPTY


def _model_field(key: str):
    if key.startswith(MEASURE_PREFIX):
        return Measure._meta.get_field(key.removeprefix(MEASURE_PREFIX))
    name = key.removesuffix("_id") if key == "owner_id" else key
    return Risk._meta.get_field(name)


def field_label(key: str) -> str:
    """The Dutch label of a history key, taken from the model field's verbose_name."""
    try:
        label = str(_model_field(key).verbose_name)
    except Exception:  # a field that no longer exists still shows in old history
        return key
    return _("maatregel: %s") % label if key.startswith(MEASURE_PREFIX) else label


def format_value(key: str, text: str | None, owners: dict[int, str] | None = None) -> str:
    """One stored history value (text) as a person reads it."""
    if text in (None, ""):
        return EMPTY
    name = key.removeprefix(MEASURE_PREFIX)
    try:
        if name in PERCENT_FIELDS:
            return percent(text)
        if name in EURO_FIELDS:
            return euro(text)
        if name == "impact_factor" or name == "years":
            return format_number(Decimal(text))
    except InvalidOperation:
        return text
    if name in DATE_FIELDS:
        try:
            return formats.date_format(date.fromisoformat(text), "j F Y")
        except ValueError:
            return text
    if name == "owner_id":
        return (owners or {}).get(int(text), _("verwijderd lid"))
    if name == "excluded":
        return _("ja") if text == "True" else _("nee")
    choices = getattr(_model_field(key), "flatchoices", None)
    if choices:
        return str(dict(choices).get(text, text))
    return text


@dataclass(frozen=True)
class ChangeLine:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    change: RiskChange
    who: str
    lines: tuple[ChangeLine, ...]


def history(risk: Risk) -> list[HistoryEntry]:
    """Every change of the risk, newest first, with readable old → new values."""
    changes = list(risk.changes.select_related("changed_by"))
    owner_ids = {
        int(value)
        for change in changes
        for value in change.changes.get("owner_id", [])
        if value not in (None, "")
    }
    owners = {m.pk: person(m) for m in Membership.objects.select_related("user").filter(pk__in=owner_ids)}
    entries = []
    for change in changes:
        user = change.changed_by
        who = (user.get_full_name() or user.get_username()) if user else _("onbekend")
        lines = tuple(
            ChangeLine(field_label(key), format_value(key, old, owners), format_value(key, new, owners))
            for key, (old, new) in change.changes.items()
        )
        entries.append(HistoryEntry(change=change, who=who, lines=lines))
    return entries
