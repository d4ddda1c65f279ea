# SPDX-License-Identifier: EUPL-1.2
"""Back up and restore every app's data as one JSON file (Django's dumpdata/loaddata), on SQLite and
PostgreSQL alike.

References to content types and permissions are written by natural key, so the file restores into a
freshly migrated database whose content type ids differ. What ``migrate`` makes itself (content types,
permissions) and what is only temporary (sessions) is left out. A name ending in .gz, .bz2, .xz or .lzma is
compressed. A restore goes into an empty, migrated database in one transaction: all or nothing.
"""

from __future__ import annotations

import getpass
import logging
import socket
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from risicokompas.security.log import Kind, Outcome, record

logger = logging.getLogger(__name__)

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


def _operator() -> str:
    """Who ran the command and where: the operating-system account and the host (there is no web user)."""
    try:
        account = getpass.getuser()
    except (KeyError, OSError):
        account = "onbekend"
    return f"{account}@{socket.gethostname()}"[:254]


def backup(path: str | Path) -> int:
    """Write every app's data to ``path``; the number of rows written. Recorded in the security log."""
    try:
        call_command(
            "dumpdata",
            exclude=list(EXCLUDED),
            natural_foreign=True,
            output=str(path),
            verbosity=0,
        )
    except Exception as error:
        record(
            Kind.BACKUP_MADE,
            outcome=Outcome.FAILURE,
            file=str(path),
            error=type(error).__name__,
            actor_name=_operator(),
        )
        raise
    rows = sum(counts().values())
    record(Kind.BACKUP_MADE, file=str(path), rows=rows, actor_name=_operator())
    return rows


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
    try:
        with transaction.atomic():
            call_command("loaddata", str(path), verbosity=0)
    except Exception as error:
        # Not in the security log: a row there would make the database non-empty and refuse the next try.
        logger.warning("Terugzetten van %s mislukt (%s) door %s", path, type(error).__name__, _operator())
        raise
    rows = sum(counts().values())
    # After the restore: the restored log is the history, this event is appended to it.
    record(Kind.RESTORED, file=str(path), rows=rows, actor_name=_operator())
    return rows
