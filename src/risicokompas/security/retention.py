# SPDX-License-Identifier: EUPL-1.2
"""Retention of the security log: rows older than ``SECURITY_LOG_RETENTION_DAYS`` are removed, and the
pruning itself is logged. On PostgreSQL the trigger refuses every DELETE unless this transaction first sets
``risicokompas.prune_security_log`` (so only this function can delete, never an UPDATE or a stray DELETE)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from risicokompas.security.log import Kind, record
from risicokompas.security.models import SecurityEvent


def prune(days: int | None = None) -> int:
    """Delete events older than ``days`` (the setting by default); returns how many."""
    days = settings.SECURITY_LOG_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('risicokompas.prune_security_log', 'on', true)")
        removed = SecurityEvent.objects.filter(at__lt=cutoff)._prune()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('risicokompas.prune_security_log', 'off', true)")
        record(
            Kind.LOG_PRUNED,
            actor_name="system",
            removed=removed,
            retention_days=days,
            cutoff=cutoff.isoformat(),
        )
    return removed
