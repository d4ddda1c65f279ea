# SPDX-License-Identifier: EUPL-1.2
"""Shared state for several app servers: with REDIS_URL the cache and the sessions live in Redis, so a
simulation computed by one process is a cache hit in another, and a session started on one continues on
the other. The second app server is a separate Python process with the same REDIS_URL."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import cache
from django.test import override_settings
from tests.web.redis_support import REDIS_URL

from risicokompas.engine import Settings
from risicokompas.registerfile.records import read_register_records
from risicokompas.risks import simulation

ROOT = Path(__file__).resolve().parents[2]

needs_redis = pytest.mark.skipif(
    not REDIS_URL, reason="no Redis: REDIS_URL is not set and nothing answers on 127.0.0.1:6379"
)

SECOND_SERVER = textwrap.dedent(
    """
    import json, os, pickle, sys
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "risicokompas.conf.test"
    django.setup()
    from django.contrib.sessions.backends.cache import SessionStore
    from django.core.cache import caches
    from risicokompas.risks import simulation

    def recompute(*args, **kwargs):
        raise SystemExit("cache miss: the second server had to compute the simulation itself")

    simulation.simulate = recompute
    profile, settings, session_key = pickle.loads(open(sys.argv[1], "rb").read())
    result = simulation.simulate_cached(profile, settings)
    print(json.dumps({
        "backend": type(caches["default"]).__module__,
        "required": result.required_capacity,
        "session": SessionStore(session_key).get("who"),
    }))
    """
)


def _child_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "CACHE_KEY_PREFIX")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    return {**env, **extra}


def test_without_redis_url_the_cache_is_per_process_and_sessions_in_the_database():
    script = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'risicokompas.conf.test'; django.setup(); "
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=_child_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
    ]


@needs_redis
def test_a_result_and_a_session_of_one_process_are_found_by_another(tmp_path):
    prefix = f"rk-test-{uuid.uuid4().hex[:12]}"
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    register = read_register_records(
        [
            {"id": "R1", "risico": "Grond", "kans": 0.3, "gevolg_max": 1_000_000},
            {"id": "R2", "risico": "Zorg", "kans": 0.5, "gevolg_min": 100_000, "gevolg_max": 400_000},
        ]
    )
    profile = register.profile()
    settings = Settings(certainty=0.9, capacity=900_000.0, seed=simulation.REGISTER_SEED)
    with override_settings(
        CACHES=redis_cache, SESSION_ENGINE="django.contrib.sessions.backends.cache", REDIS_URL=REDIS_URL
    ):
        key = simulation.cache_key(profile, settings)
        assert cache.get(key) is None  # a fresh prefix: nothing computed yet
        result = simulation.simulate_cached(profile, settings)
        session = SessionStore()
        session["who"] = "controller"
        session.create()
        session.save()
        job = tmp_path / "job.pickle"
        job.write_bytes(pickle.dumps((profile, settings, session.session_key)))
        env = _child_env(REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=prefix)
        try:
            second = subprocess.run(
                [sys.executable, "-c", SECOND_SERVER, str(job)],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        finally:
            cache.delete(key)
            session.delete()
    assert second.returncode == 0, second.stderr[-2000:] + second.stdout[-2000:]
    answer = json.loads(second.stdout.strip().splitlines()[-1])
    assert answer["backend"] == "django.core.cache.backends.redis"
    assert answer["required"] == result.required_capacity
    assert answer["session"] == "controller"
