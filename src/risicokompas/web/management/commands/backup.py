# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from risicokompas.web.backup import backup


class Command(BaseCommand):
    help = "Schrijf alle gegevens naar één JSON-bestand (eindigt de naam op .gz, dan gecomprimeerd)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="het back-upbestand, bijvoorbeeld risicokompas-2026-12-01.json.gz")

    def handle(self, *args, **options):
        rows = backup(options["file"])
        self.stdout.write(f"Back-up geschreven: {options['file']} ({rows} rijen)")
