# SPDX-License-Identifier: EUPL-1.2
"""Changing the register. Every change goes through here, and here its history row is written."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from risicokompas.risks.fields import ESTIMATE_FIELDS, TRACKED_FIELDS
from risicokompas.risks.models import Measure, Risk, RiskChange


class ChangeRefused(Exception):
    """A change that may not be saved, with a message for the user."""


class ConcurrentEdit(ChangeRefused):
    """Someone else saved the risk after this user opened it."""

    def __init__(self, current: Risk) -> None:
        super().__init__(_("Iemand anders heeft dit risico intussen gewijzigd. Bekijk de nieuwe versie."))
        self.current = current


def stored_text(value) -> str | None:
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
        field: [None, stored_text(getattr(risk, field))]
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


#: New risks an import writes per INSERT (create_risks).
BATCH_SIZE = 1000


def create_risks(
    organisation,
    user,
    rows: list[dict],
    *,
    reason: str,
    source=RiskChange.Source.IMPORT,
    progress: Callable[[int], None] | None = None,
) -> list[Risk]:
    """Many new risks at once (a large import): every risk validated as ``create_risk`` validates it and
    given the same history row, written in batches. The caller holds the transaction and has made sure the
    codes are new (``importing.build_plan`` under lock); a code twice in ``rows`` is refused here.
    ``progress(done)`` is told after every batch."""
    twice = [code for code, count in Counter(values["code"] for values in rows).items() if count > 1]
    if twice:
        raise ChangeRefused(_("Het id %(code)s komt meer dan één keer voor.") % {"code": twice[0]})
    created: list[Risk] = []
    for start in range(0, len(rows), BATCH_SIZE):
        batch = []
        for values in rows[start : start + BATCH_SIZE]:
            risk = Risk(organisation=organisation, **values)
            # The uniqueness of the code is the check above and the database's constraint; the organisation
            # and the owner (a member, from owners.Directory) are known to exist: no query per row for them.
            risk.full_clean(
                exclude=["organisation", "owner"], validate_unique=False, validate_constraints=False
            )
            batch.append(risk)
        Risk.objects.bulk_create(batch)
        RiskChange.objects.bulk_create(
            RiskChange(
                risk=risk,
                changed_by=user,
                reason=reason or _("Risico aangemaakt"),
                source=source,
                created=True,
                changes={
                    field: [None, stored_text(getattr(risk, field))]
                    for field in TRACKED_FIELDS
                    if getattr(risk, field) not in (None, "")
                },
            )
            for risk in batch
        )
        created += batch
        if progress is not None:
            progress(len(created))
    return created


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
        if stored_text(old) != stored_text(new):
            changes[field] = [stored_text(old), stored_text(new)]
            setattr(current, field, new)
    if not changes:
        return ChangeResult(current, None)
    if any(field in ESTIMATE_FIELDS for field in changes) and not reason.strip():
        raise ChangeRefused(_("Geef een reden voor deze wijziging van de inschatting."))
    _move_review_date(current, values, changes)
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


def _move_review_date(risk: Risk, values: dict, changes: dict) -> None:
    """A reassessed estimate is a review: the next review date moves to today + the organisation's
    interval, unless the change moves the review date itself or closes the risk."""
    reassessed = any(field in ESTIMATE_FIELDS and field != "status" for field in changes)
    if not reassessed or "review_date" in changes or risk.status != Risk.Status.OPEN:
        return
    new = timezone.localdate() + datetime.timedelta(days=risk.organisation.review_interval_days)
    if risk.review_date != new:
        changes["review_date"] = [stored_text(risk.review_date), stored_text(new)]
        risk.review_date = new


#: Measure fields kept in a risk's history, under the key ``measure.<field>``.
MEASURE_FIELDS = ("description", "status", "owner_label", "due_date", "probability_after", "impact_factor")
MEASURE_PREFIX = "measure."


@transaction.atomic
def save_measure(
    risk: Risk,
    user,
    values: dict,
    *,
    measure: Measure | None = None,
    reason: str = "",
    source=RiskChange.Source.MANUAL,
) -> Measure:
    """Add a measure to ``risk`` (or change ``measure``) and write the change into the risk's history.

    A measure changes what is expected of the risk, so its history sits with the risk's: the reason names
    the measure, the changes list its fields as ``measure.<field>``.
    """
    adding = measure is None
    if measure is None:
        measure = Measure(risk=risk)
    else:  # compare with what is stored, not with an instance a form may have changed already
        measure = Measure.objects.select_for_update().get(pk=measure.pk, risk=risk)
    changes = {}
    for field in MEASURE_FIELDS:
        if field not in values:
            continue
        old = None if adding else getattr(measure, field)
        new = values[field]
        if stored_text(old) != stored_text(new) and not (adding and new in (None, "")):
            changes[MEASURE_PREFIX + field] = [stored_text(old), stored_text(new)]
        setattr(measure, field, new)
    if not changes:
        return measure
    measure.full_clean()
    measure.save()
    summary = measure.description.strip().splitlines()[0][:120]
    what = (_("Maatregel toegevoegd: %s") if adding else _("Maatregel gewijzigd: %s")) % summary
    reason = f"{reason.strip()}: {what}" if reason.strip() else what
    RiskChange.objects.create(risk=risk, changed_by=user, reason=reason, source=source, changes=changes)
    return measure
