# SPDX-License-Identifier: EUPL-1.2
"""How far a running job is, readable by every app server while the job runs.

A job that works inside one database transaction (an import, all-or-nothing) cannot show its progress
through its own row: other connections see that row only after the commit. So progress goes to Django's
cache (Redis when REDIS_URL is set, shared by the worker and the app servers) and, outside a transaction,
to the row as well.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection

TIMEOUT = 24 * 3600


def cache_key(job_id: int) -> str:
    return f"jobs:progress:{job_id}"


class Progress:
    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self._last: tuple[int, str] | None = None

    def __call__(self, percent: float, message: str = "") -> None:
        value = (max(0, min(100, int(percent))), message)
        if value == self._last:
            return
        self._last = value
        cache.set(cache_key(self.job_id), {"progress": value[0], "message": value[1]}, TIMEOUT)
        if not connection.in_atomic_block:
            from risicokompas.jobs.models import Job

            Job.objects.filter(pk=self.job_id).update(progress=value[0], message=value[1])


def current(job_id: int) -> dict | None:
    """The last progress a running job reported, or None."""
    return cache.get(cache_key(job_id))


def forget(job_id: int) -> None:
    cache.delete(cache_key(job_id))
