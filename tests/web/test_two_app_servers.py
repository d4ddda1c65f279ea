# SPDX-License-Identifier: EUPL-1.2
"""Two app servers behind one address: two gunicorn instances on two loopback ports, sharing one
PostgreSQL database and one Redis. A user logs in on server A and continues on server B with the same
cookie; the dashboard computed on A is a cache hit on B (the ``X-Simulation-Cache`` header, shown outside
production). Runs in ``make test-redis``; skipped without Redis or without PostgreSQL on 127.0.0.1:5432.

The servers get a database of their own (``risicokompas_twoapps``, created, migrated and dropped here) and
a fresh cache key prefix in Redis, so nothing of another run or of the test database is shared.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from tests.web.redis_support import REDIS_URL

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
# One database per run (pid), so two runs at the same time (e.g. make test and make test-redis) never meet.
DATABASE = f"risicokompas_twoapps_{os.getpid()}"
PASSWORD = "twee-servers-wachtwoord"

SETUP = """
import django, os
from decimal import Decimal
django.setup()
from risicokompas.capacity.models import CapacityItem
from risicokompas.organisations.models import Membership, Organisation
from risicokompas.risks.models import Risk
from django.contrib.auth import get_user_model

org = Organisation.objects.create(name="Gemeente Tweeserver", slug="tweeserver")
user = get_user_model().objects.create_user("controller", password=os.environ["TWOAPPS_PASSWORD"])
Membership.objects.create(user=user, organisation=org, role=Membership.Role.CONTROLLER)
Risk.objects.bulk_create(
    Risk(organisation=org, code=f"R{i:02d}", name=f"Risico {i}", probability=Decimal("0.3"),
         impact_max=Decimal(100_000 * i))
    for i in range(1, 21)
)
CapacityItem.objects.create(organisation=org, name="Algemene reserve", amount=Decimal(2_000_000))
"""


def _postgres_answers() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", connect_timeout=3):
            return True
    except Exception:
        return False


pytestmark = [
    pytest.mark.skipif(not REDIS_URL, reason="no Redis: REDIS_URL unset and nothing on 127.0.0.1:6379"),
    pytest.mark.skipif(not _postgres_answers(), reason="no PostgreSQL on 127.0.0.1:5432 (user postgres)"),
]


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn on port {port} stopped with exit code {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"gunicorn on port {port} did not answer within {seconds:.0f} s")


def _stop(process: subprocess.Popen) -> None:
    """Stop a gunicorn master and its workers (its own process group); kill them if they linger."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


class Browser:
    """Just enough of a browser: keeps cookies across servers, like one user behind a load balancer."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, body: str | None = None):
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{port}{path}"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response, text


@pytest.fixture
def two_servers(tmp_path):
    """(port A, port B, the Redis key prefix) of two gunicorn servers on one database and one Redis."""
    _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    _admin(f"CREATE DATABASE {DATABASE}")
    prefix = f"rk-twoapps-{uuid.uuid4().hex[:12]}"
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")},
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "risicokompas.conf.settings",
        "RISICOKOMPAS_ENV": "test",  # DEBUG off, no second factor enforced, the cache header on
        "RISICOKOMPAS_VAR": str(tmp_path),
        "DATABASE_URL": f"{POSTGRES_SERVER}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "AXES_ENABLED": "false",
        "TWOAPPS_PASSWORD": PASSWORD,
    }
    servers: list[subprocess.Popen] = []
    try:
        for command in (["manage.py", "migrate", "--noinput", "-v0"], ["-c", SETUP]):
            subprocess.run([sys.executable, *command], cwd=ROOT, env=env, check=True, timeout=300)
        ports = (_free_port(), _free_port())
        for port in ports:
            servers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "risicokompas.web.wsgi:application",
                        f"--bind=127.0.0.1:{port}",
                        "--workers=1",
                        "--timeout=120",
                        "--log-level=warning",
                    ],
                    cwd=ROOT,
                    env=env,
                    start_new_session=True,  # its own process group, so _stop can kill the workers too
                )
            )
        for port, server in zip(ports, servers, strict=True):
            _wait_for(port, server)
        yield ports[0], ports[1], prefix
    finally:
        for server in servers:
            _stop(server)
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
        _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def test_a_session_started_on_one_server_continues_on_the_other_and_shares_the_simulation(two_servers):
    port_a, port_b, prefix = two_servers
    browser = Browser()

    response, page = browser.request(port_a, "GET", "/inloggen/")
    assert response.status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response, _ = browser.request(
        port_a,
        "POST",
        "/inloggen/",
        f"csrfmiddlewaretoken={token}&username=controller&password={PASSWORD}&next=/dashboard/",
    )
    assert response.status == 302, "the login on server A failed"
    assert "sessionid" in browser.cookies

    # The session lives in Redis: server B knows the user without a login of its own.
    anonymous, _ = Browser().request(port_b, "GET", "/dashboard/")
    assert anonymous.status == 302 and "/inloggen/" in anonymous.headers["Location"]

    first, page_a = browser.request(port_a, "GET", "/dashboard/")
    assert first.status == 200
    assert "Gemeente Tweeserver" in page_a
    assert first.headers["X-Simulation-Cache"] == "miss"  # a fresh prefix: A computes

    import redis

    stored = list(redis.Redis.from_url(REDIS_URL).scan_iter(f"{prefix}:*risicokompas:simulation:*"))
    assert stored, "server A did not put its simulation in Redis"

    second, page_b = browser.request(port_b, "GET", "/dashboard/")
    assert second.status == 200, "server B did not continue the session of server A"
    assert "Gemeente Tweeserver" in page_b
    assert second.headers["X-Simulation-Cache"] == "hit"  # B reuses A's result

    # The figures are the same page content apart from per-request tokens.
    required = re.compile(r"Benodigde weerstandscapaciteit.{0,400}?€\s*[\d.]+", re.S)
    assert required.search(page_a) and required.search(page_a).group(0) == required.search(page_b).group(0)
