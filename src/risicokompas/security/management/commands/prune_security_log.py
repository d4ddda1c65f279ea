# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from risicokompas.security.retention import prune


class Command(BaseCommand):
    help = "Verwijder gebeurtenissen uit het beveiligingslog die ouder zijn dan de bewaartermijn."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, help="bewaartermijn in dagen (standaard de instelling)")

    def handle(self, *args, days=None, **options) -> None:
        removed = prune(days)
        self.stdout.write(f"{removed} gebeurtenissen verwijderd uit het beveiligingslog.")
