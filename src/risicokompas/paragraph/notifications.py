# SPDX-License-Identifier: EUPL-1.2
"""Telling the bestuur that a snapshot awaits its approval: a mail to every active bestuur member with an
e-mail address (their home page lists awaiting snapshots too)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from risicokompas.organisations.models import Membership
from risicokompas.organisations.rules import role_q
from risicokompas.paragraph.models import Snapshot
from risicokompas.ui.language import in_organisation_language


def bestuur_members(snapshot: Snapshot) -> list[Membership]:
    memberships = Membership.objects.filter(
        role_q(Membership.Role.BESTUUR), organisation=snapshot.organisation, user__is_active=True
    ).select_related("user")
    return [m for m in memberships if m.user.email]


@in_organisation_language
def offer_for_approval(snapshot: Snapshot, base_url: str, offered_by) -> int:
    """Mail the organisation's bestuur members that ``snapshot`` awaits approval; returns how many."""
    link = base_url.rstrip("/") + reverse("paragraph:snapshot_approve", args=[snapshot.pk])
    sender = (offered_by.get_full_name() or offered_by.get_username()) if offered_by else ""
    recipients = bestuur_members(snapshot)
    for membership in recipients:
        send_mail(
            subject=_("Ter vaststelling: %(title)s") % {"title": snapshot.title},
            message=_(
                "Beste %(name)s,\n\n"
                "%(sender)s biedt de paragraaf weerstandsvermogen en risicobeheersing van %(title)s "
                "(peildatum %(date)s) aan ter vaststelling. U ziet het document zoals het gepubliceerd "
                "wordt, en stelt het vast, op:\n\n%(link)s\n\n"
                "Met vriendelijke groet,\nRisicokompas van %(organisation)s"
            )
            % {
                "name": membership.user.get_full_name() or membership.user.get_username(),
                "sender": sender,
                "title": snapshot.title,
                "date": snapshot.reference_date.strftime("%d-%m-%Y"),
                "link": link,
                "organisation": snapshot.organisation.name,
            },
            from_email=None,
            recipient_list=[membership.user.email],
        )
    return len(recipients)
