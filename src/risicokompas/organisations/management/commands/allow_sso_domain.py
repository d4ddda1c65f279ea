# SPDX-License-Identifier: EUPL-1.2
"""``manage.py allow_sso_domain``: allow an e-mail domain for single sign-on in an organisation.

    python manage.py allow_sso_domain gemeente-voorbeeldrecht voorbeeldrecht.nl

The same as the beheerder's page Beheer → Single sign-on, for an operator setting up an installation (and
for ``make run-sso``); recorded in the security log. ``--remove`` takes the domain off the list.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from risicokompas.organisations import sso
from risicokompas.organisations.forms_beheer import DOMAIN
from risicokompas.organisations.models import Organisation


class Command(BaseCommand):
    help = "Staat een e-maildomein toe voor inloggen via single sign-on in een organisatie."

    def add_arguments(self, parser) -> None:
        parser.add_argument("organisation", help="De korte naam (slug) van de organisatie.")
        parser.add_argument("domain", help="Het e-maildomein, bijvoorbeeld aadorp.nl.")
        parser.add_argument("--remove", action="store_true", help="Haal het domein juist van de lijst.")

    def handle(self, *args, organisation: str, domain: str, remove: bool, **options) -> None:
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"Geen organisatie met de korte naam {organisation!r}.")
        domain = sso.normalise_domain(domain)
        if not DOMAIN.match(domain):
            raise CommandError(f"{domain!r} is geen domeinnaam (zoals aadorp.nl).")
        current = set(found.sso_domains or [])
        wanted = current - {domain} if remove else current | {domain}
        sso.set_domains(None, found, sorted(wanted), actor_name="manage.py allow_sso_domain")
        self.stdout.write(f"{found}: {', '.join(sorted(wanted)) or '(geen domeinen)'}")
