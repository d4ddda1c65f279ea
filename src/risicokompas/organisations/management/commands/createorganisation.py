# SPDX-License-Identifier: EUPL-1.2
"""``manage.py createorganisation``: a new organisation, its first beheerder and a one-time link.

    python manage.py createorganisation "Gemeente Proefdorp" --type gemeente --code GM9999 \\
        --admin-email beheer@proefdorp.nl [--base-url https://risicokompas.proefdorp.nl]

The link lets the beheerder choose a password; it works 72 hours and once. Give it to them yourself
(it is printed, not mailed). The beheerder then invites the other people from the "Beheer" menu.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from risicokompas.organisations.invitations import LINK_VALID_HOURS, invitation_link
from risicokompas.organisations.onboarding import KINDS, OnboardingError, create_organisation


class Command(BaseCommand):
    help = (
        "Maakt een organisatie aan met haar eerste beheerder en toont een eenmalige link "
        f"({LINK_VALID_HOURS} uur geldig) waarmee de beheerder een wachtwoord kiest."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("name", help='Naam van de organisatie, bijvoorbeeld "Gemeente Proefdorp".')
        parser.add_argument(
            "--type", dest="kind", required=True, choices=list(KINDS), help="Soort organisatie."
        )
        parser.add_argument("--code", default="", help="CBS-code of code uit het register van overheden.")
        parser.add_argument("--admin-email", required=True, help="E-mailadres van de eerste beheerder.")
        parser.add_argument(
            "--base-url",
            default=None,
            help="Adres van Risicokompas voor de link (standaard RISICOKOMPAS_BASE_URL: "
            f"{settings.RISICOKOMPAS_BASE_URL}).",
        )

    def handle(
        self, *args, name: str, kind: str, code: str, admin_email: str, base_url: str | None, **options
    ):
        try:
            created = create_organisation(name, kind, admin_email, code=code)
        except OnboardingError as error:
            raise CommandError(str(error)) from None
        organisation, admin = created.organisation, created.admin
        code_text = f", code {organisation.code}" if organisation.code else ""
        self.stdout.write(f"Organisatie aangemaakt: {organisation.name} ({kind}{code_text}).")
        self.stdout.write(f"Beheerder: {admin.get_username()}")
        if not created.needs_link:
            self.stdout.write(
                "Dit e-mailadres had al een account met een wachtwoord: de beheerder logt daarmee in."
            )
            return
        self.stdout.write(
            f"Eenmalige link om het wachtwoord te kiezen ({LINK_VALID_HOURS} uur geldig, werkt één keer):"
        )
        self.stdout.write(invitation_link(admin, base_url))
