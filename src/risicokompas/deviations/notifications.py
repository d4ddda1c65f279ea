# SPDX-License-Identifier: EUPL-1.2
"""E-mail about deviations (Django's mail framework; console backend unless SMTP is configured).

A deviation decided outside the mandate is put before the required level: the team lead (risico-eigenaar
of the team), the managers (controller, beheerder) or the bestuur. A rule owner hears when their rule was
set aside often enough to ask for a decision. Mails name the rule and the team, never a citizen.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from risicokompas.deviations.models import Deviation, Mandate, Rule
from risicokompas.organisations.models import Membership
from risicokompas.organisations.rules import role_q
from risicokompas.ui.language import in_organisation_language

logger = logging.getLogger(__name__)
Role = Membership.Role


def _send(messages: list[tuple]) -> int:
    """Send, but never let a mail server problem undo a recorded deviation."""
    if not messages:
        return 0
    try:
        return send_mass_mail(messages, fail_silently=False)
    except Exception:
        logger.exception("Mail over een afwijking kon niet worden verstuurd")
        return 0


def routing_addresses(deviation: Deviation) -> list[str]:
    """Who holds the required mandate; managers stand in when a team has no team lead."""
    level = deviation.routed_to_level or Mandate.PROFESSIONAL
    if level >= Mandate.COLLEGE:
        query = role_q(Role.BESTUUR)
    elif level == Mandate.MANAGER:
        query = role_q(Role.CONTROLLER, Role.BEHEERDER)
    else:
        query = role_q(Role.RISK_OWNER) & Q(team__iexact=deviation.team.strip() or "\0")
        query |= role_q(Role.CONTROLLER, Role.BEHEERDER)
    members = Membership.objects.filter(query, organisation=deviation.organisation).select_related("user")
    return sorted({m.user.email for m in members if m.user.email})


@in_organisation_language
def notify_routed(deviation: Deviation, base_url: str) -> int:
    subject = _("Afwijking voorgelegd: %s") % deviation.rule.title[:80]
    body = "\n".join(
        [
            _("Er is afgeweken van een regel buiten het mandaat; de afwijking wordt aan u voorgelegd."),
            "",
            _("Regel: %s") % deviation.rule.title,
            _("Team: %s") % (deviation.team or "—"),
            _("Vereist mandaat: %s") % deviation.rule.get_mandate_display(),
            "",
            _("Bekijk de afwijking: %s") % (base_url + reverse("deviations:detail", args=[deviation.pk])),
        ]
    )
    addresses = routing_addresses(deviation)
    return _send([(subject, body, settings.DEFAULT_FROM_EMAIL, [a]) for a in addresses])


@in_organisation_language
def notify_rule_owner(rule: Rule, count: int, base_url: str) -> int:
    if rule.owner is None or not rule.owner.user.email:
        return 0
    subject = _("Beslissing gevraagd over regel: %s") % rule.title[:80]
    body = "\n".join(
        [
            _("Van de regel ‘%(rule)s’ is %(count)s keer afgeweken. Beslis wat er met de regel gebeurt.")
            % {"rule": rule.title, "count": count},
            "",
            _("Bekijk de regel: %s") % (base_url + reverse("deviations:rule", args=[rule.pk])),
        ]
    )
    return _send([(subject, body, settings.DEFAULT_FROM_EMAIL, [rule.owner.user.email])])
