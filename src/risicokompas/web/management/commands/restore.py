# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand, CommandError

from risicokompas.web.backup import RestoreRefused, restore


class Command(BaseCommand):
    help = "Zet een back-up terug in een lege, gemigreerde database (alles of niets)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="het back-upbestand van manage.py backup")

    def handle(self, *args, **options):
        try:
            rows = restore(options["file"])
        except RestoreRefused as error:
            raise CommandError(f"Niet teruggezet: {error}") from None
        self.stdout.write(f"Teruggezet: {options['file']} ({rows} rijen)")
