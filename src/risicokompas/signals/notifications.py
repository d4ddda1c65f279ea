# SPDX-License-Identifier: EUPL-1.2
"""E-mail about signals, through Django's mail framework (console backend unless SMTP is configured).

Who hears what: the triagers (controllers, and the risico-eigenaren of the signal's team) hear of every new
signal; a named reporter hears the answer. An anonymous reporter is never mailed (there is nobody to mail),
and a mail about an anonymous signal says only that it was filed anonymously. It is not sent while the
signal is filed: ``announce_pending`` sends it with the daily run (``manage.py announce_signals``), so the
time of the mail says nothing about the time of the filing.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from risicokompas.organisations.models import Membership
from risicokompas.organisations.rules import role_q
from risicokompas.signals.models import Signal
from risicokompas.ui.language import in_organisation_language

logger = logging.getLogger(__name__)


def _send(messages: list[tuple]) -> int:
    """Send, but never let a mail server problem undo or hide a filed signal (or its receipt code)."""
    try:
        return send_mass_mail(messages, fail_silently=False)
    except Exception:
        logger.exception("Mail over een melding kon niet worden verstuurd")
        return 0


def triager_addresses(signal: Signal) -> list[str]:
    wanted = role_q(Membership.Role.CONTROLLER)
    team = signal.programme.strip()
    if team:  # the programme's risk owners too; a signal without a programme goes to control only
        wanted |= role_q(Membership.Role.RISK_OWNER) & Q(team__iexact=team)
    members = Membership.objects.filter(organisation=signal.organisation).filter(wanted)
    return sorted({m.user.email for m in members.select_related("user") if m.user.email})


@in_organisation_language
def notify_new_signal(signal: Signal, base_url: str) -> int:
    """Tell the triagers a named signal came in. Returns the number of mails sent.

    An anonymous signal is not announced here (see ``announce_pending``): 0.
    """
    if signal.reporter is None:
        return 0
    return _announce(signal, base_url)


@in_organisation_language
def announce_pending(base_url: str) -> int:
    """Announce every anonymous signal filed since the last run; returns the number of signals announced."""
    count = 0
    for signal in Signal.objects.filter(announcement_pending=True).select_related("organisation"):
        _announce(signal, base_url)
        Signal.objects.filter(pk=signal.pk).update(announcement_pending=False)
        count += 1
    return count


def _announce(signal: Signal, base_url: str) -> int:
    addresses = triager_addresses(signal)
    if not addresses:
        return 0
    if signal.reporter is None:  # an anonymous signal
        reporter = _("anoniem")
    else:
        reporter = signal.reporter.get_full_name() or signal.reporter.get_username()
    subject = _("Nieuwe melding: %s") % signal.title[:80]
    body = "\n".join(
        [
            _("Er is een nieuwe risicomelding binnengekomen bij %s.") % signal.organisation.name,
            "",
            _("Wat kan er gebeuren: %s") % signal.title,
            _("Team of programma: %s") % (signal.programme or "—"),
            _("Gemeld door: %s") % reporter,
            _("Beantwoorden vóór: %s") % formats.date_format(signal.due_date, "j F Y"),
            "",
            _("Behandel de melding: %s") % (base_url + reverse("signals:triage", args=[signal.pk])),
        ]
    )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    return _send(messages)


@in_organisation_language
def notify_reporter(signal: Signal, base_url: str) -> int:
    """Tell a named reporter the outcome; nothing for an anonymous signal or a reporter without e-mail."""
    if signal.reporter is None or not signal.reporter.email:  # anonymous, or no e-mail
        return 0
    subject = _("Antwoord op uw melding: %s") % signal.title[:80]
    body = "\n".join(
        [
            _("Uw melding ‘%s’ is behandeld.") % signal.title,
            "",
            _("Uitkomst: %s") % signal.get_status_display(),
            _("Antwoord: %s") % signal.answer,
            "",
            _("Bekijk uw meldingen: %s") % (base_url + reverse("signals:mine")),
        ]
    )
    message = (subject, body, settings.DEFAULT_FROM_EMAIL, [signal.reporter.email])
    return _send([message])
