# SPDX-License-Identifier: EUPL-1.2
"""On PostgreSQL snapshots cannot be deleted (a trigger, migration 0003) except in a transaction that first
calls ``allow_deleting_snapshots``: only removing a whole demo organisation, or the synthetic national
dataset (``generate_national --reset``), does."""

from __future__ import annotations

from django.db import connection


def allow_deleting_snapshots() -> None:
    """Let the current transaction delete snapshots (a no-op on SQLite, which has no trigger)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('risicokompas.delete_snapshots', 'on', true)")
