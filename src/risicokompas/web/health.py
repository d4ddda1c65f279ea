# SPDX-License-Identifier: EUPL-1.2
"""Health checks for a load balancer or an orchestrator, without login:

- ``/_healthz/livez``: the process answers (no dependency is touched);
- ``/_healthz/readyz``: the database, the cache and (when ``REDIS_URL`` is set) Redis answer; 503 with
  the failing check named when one does not.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key = f"risicokompas:healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    value = cache.get(key)
    cache.delete(key)
    if value != "ok":
        raise RuntimeError("de cache gaf de geschreven waarde niet terug")


def _broker() -> None:
    import redis

    redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()


def checks() -> dict[str, Callable[[], None]]:
    found: dict[str, Callable[[], None]] = {"database": _database, "cache": _cache}
    if getattr(settings, "REDIS_URL", ""):
        found["broker"] = _broker
    return found


@never_cache
@require_GET
def livez(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    results: dict[str, dict[str, object]] = {}
    for name, check in checks().items():
        start = time.perf_counter()
        try:
            check()
        except Exception as error:  # any failure makes the instance not ready; name it
            results[name] = {"status": "fout", "error": f"{type(error).__name__}: {error}"}
        else:
            results[name] = {"status": "ok", "ms": round((time.perf_counter() - start) * 1000, 1)}
    ready = all(result["status"] == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if ready else "fout", "checks": results}, status=200 if ready else 503
    )
