# SPDX-License-Identifier: EUPL-1.2
"""Reminders to risk owners whose review date has passed (``manage.py send_reminders``, run by cron).

Each owner — a member of the risk's own organisation, with an active account and an e-mail address — gets
at most one mail a day, listing their open risks whose review date lies before today, each with its link.
Who was mailed about which risk on which day is kept in ``ReminderSent``, written in the same transaction
that sends the mail: running the command twice a day, or twice at once, mails nobody twice. A risk owned by
a function without an account has nobody to mail; the register's "herbeoordeling verlopen" filter shows it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from risicokompas.organisations.models import Membership
from risicokompas.risks.models import ReminderSent, Risk
from risicokompas.ui.language import in_organisation_language

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reminder:
    """One mail to one owner: their overdue open risks of one organisation."""

    membership: Membership
    risks: tuple[Risk, ...]
    subject: str
    body: str

    @property
    def recipient(self) -> str:
        return self.membership.user.email


@dataclass(frozen=True)
class ReminderRun:
    sent: tuple[Reminder, ...]  # in a dry run: what would be sent
    already_reminded: int  # owners mailed earlier today
    failed: int  # mails the mail server refused (tried again on the next run)


def overdue_risks(today: date):
    """Open risks past their review date whose owner can be mailed, grouped by owner."""
    return (
        Risk.objects.filter(
            status=Risk.Status.OPEN,
            review_date__lt=today,
            owner__isnull=False,
            owner__organisation=F("organisation"),  # never someone of another organisation
            owner__user__is_active=True,
        )
        .exclude(owner__user__email="")
        .select_related("owner__user", "organisation")
        .order_by("owner_id", "review_date", "code")
    )


def due_reminders(today: date, base_url: str) -> tuple[list[Reminder], int]:
    """The mails to send today, and how many owners were already mailed today (and are skipped)."""
    reminded = set(ReminderSent.objects.filter(sent_on=today).values_list("membership_id", flat=True))
    reminders, skipped = [], 0
    for _owner_id, group in groupby(overdue_risks(today), key=lambda risk: risk.owner_id):
        risks = tuple(group)
        membership = risks[0].owner
        if membership.pk in reminded:
            skipped += 1
            continue
        subject, body = compose(membership, risks, base_url.rstrip("/"))
        reminders.append(Reminder(membership, risks, subject, body))
    return reminders, skipped


def compose(membership: Membership, risks: tuple[Risk, ...], base_url: str) -> tuple[str, str]:
    """The Dutch subject and text of one reminder, with a link to each risk and to the owner's list."""
    user, organisation = membership.user, membership.organisation
    count = len(risks)
    subject = ngettext(
        "Herbeoordeling verlopen: %(count)d risico van %(organisation)s",
        "Herbeoordeling verlopen: %(count)d risico's van %(organisation)s",
        count,
    ) % {"count": count, "organisation": organisation.name}
    own_list = (
        base_url + reverse("risks:list") + "?" + urlencode({"eigenaar": str(membership.pk), "verlopen": "on"})
    )
    lines = [
        _("Beste %s,") % (user.get_full_name() or user.get_username()),
        "",
        ngettext(
            "U bent eigenaar van dit risico van %(organisation)s. De datum om het opnieuw te beoordelen is "
            "verstreken:",
            "U bent eigenaar van deze risico's van %(organisation)s. De datum om ze opnieuw te beoordelen is "
            "verstreken:",
            count,
        )
        % {"organisation": organisation.name},
        "",
    ]
    for risk in risks:
        due = formats.date_format(risk.review_date, "j F Y") if risk.review_date else ""
        lines.append(
            _("- %(code)s %(name)s (herbeoordelen vóór %(date)s)")
            % {
                "code": risk.code,
                "name": risk.name,
                "date": due,
            }
        )
        lines.append("  " + base_url + reverse("risks:detail", args=[risk.pk]))
    lines += [
        "",
        _(
            "Kijk of de kans, het gevolg en de maatregelen nog kloppen, en zet een nieuwe datum om het "
            "risico opnieuw te beoordelen."
        ),
        "",
        _("Al uw risico's met een verlopen herbeoordeling:"),
        own_list,
        "",
        _("U krijgt dit bericht hoogstens één keer per dag, zolang een herbeoordeling verlopen is."),
    ]
    return subject, "\n".join(lines)


@in_organisation_language
def send_reminders(today: date, *, base_url: str, dry_run: bool = False) -> ReminderRun:
    """Mail every owner with overdue risks who was not mailed today; a dry run sends and records nothing."""
    reminders, skipped = due_reminders(today, base_url)
    if dry_run:
        return ReminderRun(tuple(reminders), skipped, 0)
    sent, failed = [], 0
    for reminder in reminders:
        try:
            with transaction.atomic():
                # The rows first: another run that got here first makes this one fail, not mail twice.
                ReminderSent.objects.bulk_create(
                    ReminderSent(risk=risk, membership=reminder.membership, sent_on=today)
                    for risk in reminder.risks
                )
                message = EmailMessage(
                    reminder.subject, reminder.body, settings.DEFAULT_FROM_EMAIL, [reminder.recipient]
                )
                message.send(fail_silently=False)
        except IntegrityError:
            skipped += 1
        except Exception:  # the mail server: nothing is recorded, so the next run tries again
            logger.exception("Herinnering aan %s kon niet worden verstuurd", reminder.recipient)
            failed += 1
        else:
            sent.append(reminder)
    return ReminderRun(tuple(sent), skipped, failed)
