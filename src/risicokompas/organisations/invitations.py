# SPDX-License-Identifier: EUPL-1.2
"""One-time links to set a password: for the first beheerder of an organisation and for every invitation.

The link carries Django's password-reset token (``PasswordResetTokenGenerator``). It is valid for
``PASSWORD_RESET_TIMEOUT`` seconds (72 hours) and for one use only: the token is derived from the
password hash, so setting the password makes every earlier link invalid. A mail never contains a password.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from risicokompas.organisations.models import Organisation
from risicokompas.ui.language import in_organisation_language

#: How long a link stays valid, in hours, for the texts that mention it.
LINK_VALID_HOURS = 72


def invitation_link(user, base_url: str | None = None) -> str:
    """An absolute one-time link where ``user`` sets a password (``RISICOKOMPAS_BASE_URL`` by default)."""
    base = (base_url or settings.RISICOKOMPAS_BASE_URL).rstrip("/")
    path = reverse(
        "account:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{base}{path}"


@in_organisation_language
def send_invitation(user, organisation: Organisation, base_url: str | None = None, invited_by=None) -> str:
    """Mail ``user`` a one-time link to set a password for ``organisation``; returns the link."""
    link = invitation_link(user, base_url)
    inviter = (invited_by.get_full_name() or invited_by.username) if invited_by is not None else ""
    greeting = _("Beste %(name)s,") % {"name": user.get_full_name() or user.email or user.username}
    if inviter:
        reason = _("%(inviter)s nodigt u uit voor Risicokompas van %(organisation)s.") % {
            "inviter": inviter,
            "organisation": organisation.name,
        }
    else:
        reason = _("U bent uitgenodigd voor Risicokompas van %(organisation)s.") % {
            "organisation": organisation.name
        }
    body = "\n\n".join(
        [
            greeting,
            reason,
            _("Kies via deze link uw wachtwoord:"),
            link,
            _(
                "De link werkt %(hours)s uur en maar één keer. Daarna logt u in met uw e-mailadres "
                "(%(username)s) en het wachtwoord dat u zelf kiest."
            )
            % {"hours": LINK_VALID_HOURS, "username": user.get_username()},
            _(
                "Is de link verlopen of al gebruikt? Vraag de beheerder van %(organisation)s om een "
                "nieuwe uitnodiging."
            )
            % {"organisation": organisation.name},
        ]
    )
    subject = _("Uitnodiging voor Risicokompas – %(organisation)s") % {"organisation": organisation.name}
    send_mail(subject, body, None, [user.email])
    return link
