# SPDX-License-Identifier: EUPL-1.2
"""Load test on a national dataset: mixed roles against gunicorn on 127.0.0.1, for a fixed duration.

1. A fresh database (SQLite in a temporary folder, or PostgreSQL ``risicokompas_load`` at 127.0.0.1:5432 with
   ``--database postgresql``), migrated and filled by ``manage.py generate_national`` (its time is reported).
2. Sessions for users of several roles in several organisations (the largest register among them) and a
   read-only API key, made inside Django (``force_login``: the login itself is not what is measured).
3. gunicorn (``--workers``, sync) with the in-process cache, and ``--clients`` threads for ``--seconds``
   seconds, each picking by weight: the dashboard, a register page (a random page of the list), a risk page,
   filing a signal (form, then POST with its CSRF token), and an API read (``/api/v1/risks/``).
4. Reported: requests, errors (status ≥ 400 or no answer), throughput in total and per CPU core of the
   machine, p50/p95/p99 in total and per kind, and how many filed signals were stored.

Bounded: a fixed duration, a timeout per request, gunicorn stopped in ``finally``. The load generator runs
on the same machine as the server, so it takes part of the CPU: the throughput is a lower bound.

Run with ``make bench`` (a small dataset) or e.g.
``python bench/load_test.py --organisations 400 --risks 50000 --users 20000 --seconds 60``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
POSTGRES_DB = "risicokompas_load"
#: kind: weight (of 100)
MIX = {"dashboard": 15, "register": 30, "risk": 30, "signal": 10, "api": 15}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- inside Django ------------------------------------------------------------------------------------


def prepare(sample: int, seed: int) -> dict:
    """Sessions for users of several roles, risk ids per organisation and an API key."""
    import django

    django.setup()
    from django.db.models import Count
    from django.test import Client

    from risicokompas.api.keys import create_key
    from risicokompas.organisations.models import Membership, Organisation

    rng = random.Random(seed)
    organisations = list(
        Organisation.objects.filter(slug__startswith="nat-").annotate(n=Count("risks")).order_by("-n", "slug")
    )
    chosen = [organisations[0], *rng.sample(organisations[1:], min(sample - 1, len(organisations) - 1))]
    users = []
    for organisation in chosen:
        for membership in Membership.objects.filter(organisation=organisation).select_related("user")[:4]:
            client = Client()
            client.force_login(membership.user)
            users.append(
                {
                    "cookie": f"sessionid={client.cookies['sessionid'].value}",
                    "role": membership.role,
                    "risks": list(organisation.risks.values_list("pk", flat=True)[:500]),
                    "count": organisation.n,
                }
            )
    controller = Membership.objects.filter(
        organisation=chosen[0], role=Membership.Role.CONTROLLER
    ).select_related("user")[0]
    key = create_key(controller, name="belastingtest", scope="read", created_by=controller.user)
    return {"users": users, "api_key": key.plaintext, "largest": organisations[0].n}


def signals_stored() -> int:
    import django

    django.setup()
    from risicokompas.signals.models import Signal

    return Signal.objects.filter(title__startswith="Belastingtest").count()


# --- driver ------------------------------------------------------------------------------------------


def django_run(code: str, env: dict) -> object:
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=900,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopte direct")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn antwoordt niet")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


class LoadClient:
    def __init__(self, port: int, users: list[dict], api_key: str, seed: int) -> None:
        self.port, self.users, self.api_key = port, users, api_key
        self.rng = random.Random(seed)
        self.connection: http.client.HTTPConnection | None = None

    def send(self, method: str, path: str, headers: dict, body: str | None = None) -> tuple[int, str, dict]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            self.connection.request(method, path, body=body, headers={"Host": "127.0.0.1", **headers})
            response = self.connection.getresponse()
            text = response.read().decode(errors="replace")
            if (response.getheader("Connection") or "").lower() == "close":
                self.connection.close()
                self.connection = None
            headers = dict(response.getheaders())
            headers["Set-Cookie"] = "; ".join(response.msg.get_all("Set-Cookie") or [])  # all of them
            return response.status, text, headers
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            return 0, "", {}

    def one(self) -> tuple[str, list[int]]:
        kind = self.rng.choices(list(MIX), weights=list(MIX.values()))[0]
        user = self.rng.choice(self.users)
        cookie = {"Cookie": user["cookie"]}
        if kind == "dashboard":
            return kind, [self.send("GET", "/dashboard/", cookie)[0]]
        if kind == "register":
            page = self.rng.randint(1, max(1, user["count"] // 50))
            return kind, [self.send("GET", f"/risicos/?page={page}", cookie)[0]]
        if kind == "risk":
            return kind, [self.send("GET", f"/risicos/{self.rng.choice(user['risks'])}/", cookie)[0]]
        if kind == "api":
            return kind, [self.send("GET", "/api/v1/risks/", {"Authorization": f"Bearer {self.api_key}"})[0]]
        status, page, headers = self.send("GET", "/meldingen/nieuw/", cookie)
        token = CSRF.search(page)
        csrf_cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
        if status != 200 or token is None or csrf_cookie is None:
            return kind, [status or 0, 0]
        body = f"csrfmiddlewaretoken={token.group(1)}&title=Belastingtest+{self.rng.randint(1, 10**9)}"
        posted = self.send(
            "POST",
            "/meldingen/nieuw/",
            {
                "Cookie": f"{user['cookie']}; csrftoken={csrf_cookie.group(1)}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}/meldingen/nieuw/",
            },
            body,
        )
        return kind, [status, posted[0]]


def load(port: int, prepared: dict, clients: int, seconds: float) -> dict:
    lock = threading.Lock()
    latencies: dict[str, list[float]] = {kind: [] for kind in MIX}
    errors: dict[str, int] = dict.fromkeys(MIX, 0)
    requests = {"count": 0, "signals": 0}
    deadline = time.monotonic() + seconds

    def run(seed: int) -> None:
        client = LoadClient(port, prepared["users"], prepared["api_key"], seed)
        while time.monotonic() < deadline:
            start = time.perf_counter()
            kind, statuses = client.one()
            elapsed = time.perf_counter() - start
            with lock:
                latencies[kind].append(elapsed)
                requests["count"] += len(statuses)
                errors[kind] += sum(1 for s in statuses if not 200 <= s < 400)
                if kind == "signal":
                    requests["signals"] += 1

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    elapsed = time.perf_counter() - start
    everything = [v for values in latencies.values() for v in values]
    return {
        "seconds": elapsed,
        "requests": requests["count"],
        "actions": len(everything),
        "signals_posted": requests["signals"],
        "errors": sum(errors.values()),
        "per_kind": {
            kind: {
                "n": len(values),
                "errors": errors[kind],
                "p50": percentile(values, 0.5),
                "p95": percentile(values, 0.95),
                "p99": percentile(values, 0.99),
            }
            for kind, values in latencies.items()
        },
        "p50": percentile(everything, 0.5),
        "p95": percentile(everything, 0.95),
        "p99": percentile(everything, 0.99),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=40)
    parser.add_argument("--risks", type=int, default=5_000)
    parser.add_argument("--users", type=int, default=2_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--warmup", type=float, default=15.0, help="seconds of load before the measurement (not counted)"
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 1) + 1))
    parser.add_argument("--sample", type=int, default=10, help="organisations whose users take part")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--json", action="store_true", help="print the result as JSON as well")
    args = parser.parse_args()

    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="rk-load-") as var_dir:
        os.makedirs(os.path.join(var_dir, "static"))
        if args.database == "postgresql":
            import psycopg

            with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DB} WITH (FORCE)")
                conn.execute(f"CREATE DATABASE {POSTGRES_DB}")
            database_url = f"{POSTGRES_SERVER}/{POSTGRES_DB}"
        else:
            database_url = f"sqlite:///{var_dir}/load.sqlite3"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "risicokompas.conf.settings",
            "RISICOKOMPAS_ENV": "test",  # DEBUG off, development secret allowed
            "RISICOKOMPAS_VAR": var_dir,
            "DATABASE_URL": database_url,
            "AXES_ENABLED": "false",
        }
        env.pop("REDIS_URL", None)
        gunicorn = None
        try:
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
            )
            started = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "manage.py",
                    "generate_national",
                    f"--organisations={args.organisations}",
                    f"--risks={args.risks}",
                    f"--users={args.users}",
                    f"--years={args.years}",
                ],
                env=env,
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            generated = time.perf_counter() - started
            prepared = django_run(
                "import json, sys; sys.path.insert(0, 'bench'); import load_test; "
                f"print(json.dumps(load_test.prepare({args.sample}, 1)))",
                env,
            )
            port = free_port()
            gunicorn = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "risicokompas.web.wsgi:application",
                    f"--bind=127.0.0.1:{port}",
                    f"--workers={args.workers}",
                    "--timeout=120",
                    "--log-level=warning",
                ],
                cwd=ROOT,
                env=env,
                start_new_session=True,
            )
            wait_for_port(port, gunicorn)
            warm = load(port, prepared, args.clients, args.warmup)  # imports, first simulations: not measured
            result = load(port, prepared, args.clients, args.seconds)
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
            gunicorn = None
            stored = django_run(
                "import json, sys; sys.path.insert(0, 'bench'); import load_test; "
                "print(json.dumps(load_test.signals_stored()))",
                env,
            )
        finally:
            if gunicorn is not None and gunicorn.poll() is None:
                gunicorn.terminate()
                try:
                    gunicorn.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(gunicorn.pid, 9)
            if args.database == "postgresql":
                import psycopg

                with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
                    conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DB} WITH (FORCE)")

    rps = result["requests"] / result["seconds"]
    print(
        f"Belastingtest ({args.database}): {args.organisations} organisaties, {args.risks:,} risico's "
        f"(grootste register {prepared['largest']:,}), {args.users:,} gebruikers, {args.years} jaren; "
        f"dataset gemaakt in {generated:.1f} s".replace(",", ".")
    )
    print(
        f"gunicorn {args.workers} sync workers, {args.clients} clients, {result['seconds']:.0f} s, "
        f"{cores} CPU-kernen (gedeeld met de load-generator)"
    )
    print(
        f"  {result['requests']} verzoeken, {result['errors']} fouten; {rps:.1f} verzoeken/s, "
        f"{rps / cores:.1f} per kern; latentie per handeling p50 {result['p50'] * 1000:.0f} ms, "
        f"p95 {result['p95'] * 1000:.0f} ms, p99 {result['p99'] * 1000:.0f} ms"
    )
    for kind, row in result["per_kind"].items():
        print(
            f"  {kind:<10} {row['n']:>6} keer, {row['errors']} fouten; p50 {row['p50'] * 1000:>6.0f} ms, "
            f"p95 {row['p95'] * 1000:>6.0f} ms, p99 {row['p99'] * 1000:>6.0f} ms"
        )
    posted = warm["signals_posted"] + result["signals_posted"]
    print(f"  meldingen: {posted} ingediend (opwarmen meegeteld), {stored} opgeslagen")
    if args.json:
        print(json.dumps({**result, "generated_seconds": generated, "signals_stored": stored}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
