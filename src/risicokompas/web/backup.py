# SPDX-License-Identifier: EUPL-1.2
"""Back up and restore every app's data as one JSON file (Django's dumpdata/loaddata), on SQLite and
PostgreSQL alike.

References to content types and permissions are written by natural key, so the file restores into a
freshly migrated database whose content type ids differ. What ``migrate`` makes itself (content types,
permissions) and what is only temporary (sessions) is left out. A name ending in .gz, .bz2, .xz or .lzma is
compressed. A restore goes into an empty, migrated database in one transaction: all or nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import transaction

#: Recreated by ``migrate`` (content types, permissions) or only temporary (sessions).
EXCLUDED = ("contenttypes", "auth.permission", "sessions")


class RestoreRefused(Exception):
    """A restore that would mix a back-up with existing data."""


def _excluded(model) -> bool:
    return model._meta.app_label in EXCLUDED or model._meta.label_lower in EXCLUDED


def data_models() -> list:
    """Every model whose rows a back-up holds."""
    return [
        model
        for model in apps.get_models()
        if not _excluded(model) and model._meta.managed and not model._meta.proxy
    ]


def counts() -> dict[str, int]:
    """Rows per model label: what a restore must give back."""
    return {model._meta.label: model._default_manager.count() for model in data_models()}


def backup(path: str | Path) -> int:
    """Write every app's data to ``path``; the number of rows written."""
    call_command(
        "dumpdata",
        exclude=list(EXCLUDED),
        natural_foreign=True,
        output=str(path),
        verbosity=0,
    )
    return sum(counts().values())


def restore(path: str | Path) -> int:
    """Load ``path`` into this (migrated, empty) database; the number of rows it now holds."""
    if not Path(path).exists():
        raise RestoreRefused(f"het bestand '{path}' bestaat niet")
    occupied = {label: n for label, n in counts().items() if n}
    if occupied:
        names = ", ".join(sorted(occupied)[:5])
        raise RestoreRefused(
            f"de database is niet leeg ({names}…); zet een back-up alleen terug in een lege, gemigreerde database"
        )
    with transaction.atomic():
        call_command("loaddata", str(path), verbosity=0)
    return sum(counts().values())
