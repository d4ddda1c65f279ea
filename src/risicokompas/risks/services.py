# SPDX-License-Identifier: EUPL-1.2
"""Changing the register. Every change goes through here, and here its history row is written."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from risicokompas.risks.models import Risk, RiskChange

#: Fields whose change alters the numbers: a reason is required for each change of these.
ESTIMATE_FIELDS = (
    "probability",
    "shape",
    "impact_min",
    "impact_mode",
    "impact_max",
    "nature",
    "years",
    "group",
    "excluded",
    "status",
)
TRACKED_FIELDS = (
    "code",
    "name",
    "cause",
    "event",
    "consequence",
    "description",
    "programme",
    "owner_id",
    "owner_label",
    *ESTIMATE_FIELDS,
    "measures_text",
    "review_date",
)


class ChangeRefused(Exception):
    """A change that may not be saved, with a message for the user."""


class ConcurrentEdit(ChangeRefused):
    """Someone else saved the risk after this user opened it."""

    def __init__(self, current: Risk) -> None:
        super().__init__(_("Iemand anders heeft dit risico intussen gewijzigd. Bekijk de nieuwe versie."))
        self.current = current


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


@dataclass(frozen=True)
class ChangeResult:
    risk: Risk
    change: RiskChange | None


@transaction.atomic
def create_risk(
    organisation, user, values: dict, *, reason: str = "", source=RiskChange.Source.MANUAL
) -> Risk:
    risk = Risk(organisation=organisation, **values)
    risk.full_clean()
    risk.save()
    changes = {
        field: [None, _text(getattr(risk, field))]
        for field in TRACKED_FIELDS
        if getattr(risk, field) not in (None, "")
    }
    RiskChange.objects.create(
        risk=risk,
        changed_by=user,
        reason=reason or _("Risico aangemaakt"),
        source=source,
        created=True,
        changes=changes,
    )
    return risk


@transaction.atomic
def update_risk(
    risk: Risk,
    user,
    values: dict,
    *,
    reason: str,
    expected_version: int | None = None,
    source=RiskChange.Source.MANUAL,
) -> ChangeResult:
    """Apply ``values`` to ``risk``; refuse when the version moved on or a reason is missing.

    The row is locked for the duration of the transaction, so two simultaneous saves cannot both pass the
    version check.
    """
    current = Risk.objects.select_for_update().get(pk=risk.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConcurrentEdit(current)
    changes = {}
    for field, new in values.items():
        old = getattr(current, field)
        if _text(old) != _text(new):
            changes[field] = [_text(old), _text(new)]
            setattr(current, field, new)
    if not changes:
        return ChangeResult(current, None)
    if any(field in ESTIMATE_FIELDS for field in changes) and not reason.strip():
        raise ChangeRefused(_("Geef een reden voor deze wijziging van de inschatting."))
    current.version += 1
    current.full_clean()
    current.save()
    change = RiskChange.objects.create(
        risk=current,
        changed_by=user,
        reason=reason.strip() or _("Gegevens bijgewerkt"),
        source=source,
        changes=changes,
    )
    return ChangeResult(current, change)
