# SPDX-License-Identifier: EUPL-1.2
"""Web benchmark: server time of the register list and the dashboard, and dashboard throughput.

1. Server time (Django test client, no network) of ``/risicos/`` and ``/dashboard/`` for a register of 200
   and of 2.000 risks, on a fresh SQLite database and on PostgreSQL (127.0.0.1:5432, user postgres, when it
   answers). Per page: the first request (for the dashboard that includes the simulation; the process is
   warmed up on a small register before) and the best of ``--repeat`` requests after it (the dashboard then
   reuses its cached simulation).
2. Requests per second for the dashboard under 20 concurrent clients: gunicorn on 127.0.0.1 (SQLite and PostgreSQL, 200
   risks), a small load generator of threads with http.client, bounded by a request count and a time limit.

Each database runs in its own process (Django's settings are fixed per process), with DEBUG off.
Run with ``make bench`` or ``python bench/web_bench.py [--quick]``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
POSTGRES_DB = "risicokompas_bench"
SIZES = (200, 2_000)
CLIENTS = 20
LOAD_REQUESTS = 1_000
LOAD_SECONDS = 30.0


# --- worker side: one database, inside Django ---------------------------------------------------------


def setup_django(database_url: str, var_dir: str) -> None:
    os.environ.update(
        RISICOKOMPAS_ENV="test",  # DEBUG off, development secret allowed, fast password hasher
        RISICOKOMPAS_VAR=var_dir,
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="risicokompas.conf.settings",
        AXES_ENABLED="false",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_register(size: int):
    """An organisation with a controller, ``size`` risks and the demo capacity. Returns the controller."""
    import random

    from django.contrib.auth import get_user_model

    from risicokompas.capacity.models import CapacityItem
    from risicokompas.demo.register import DEMO_CAPACITY
    from risicokompas.organisations.models import Membership, Organisation
    from risicokompas.risks.models import Risk

    organisation = Organisation.objects.create(name=f"Bench {size}", slug=f"bench-{size}")
    user = get_user_model().objects.create_user(f"controller-{size}", password="bench-wachtwoord")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.CONTROLLER)
    rng = random.Random(size)
    programmes = ["Bestuur en ondersteuning", "Sociaal domein", "Veiligheid", "Onderwijs", "Economie"]
    Risk.objects.bulk_create(
        Risk(
            organisation=organisation,
            code=f"R{i:04d}",
            name=f"Risico {i}",
            programme=rng.choice(programmes),
            probability=Decimal(rng.choice(["0.05", "0.1", "0.3", "0.5", "0.7"])),
            impact_max=Decimal(rng.choice([50, 100, 250, 400, 800, 1500, 4000]) * 1000),
            nature=rng.choice(["incidenteel"] * 4 + ["structureel"]),
            review_date=None,
        )
        for i in range(1, size + 1)
    )
    CapacityItem.objects.bulk_create(
        CapacityItem(organisation=organisation, name=item["naam"], amount=Decimal(item["bedrag"]))
        for item in DEMO_CAPACITY
    )
    return user


def time_page(client, url: str, repeat: int) -> tuple[float, float]:
    """(first, best of the rest) in seconds."""
    timings = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return timings[0], min(timings[1:])


def worker_server_times(database_url: str, repeat: int, sizes: tuple[int, ...]) -> list[dict]:
    from django.test import Client

    warm_up = Client()  # load templates and code once, so "first" measures the page, not the process
    warm_up.force_login(make_register(5))
    for url in ("/risicos/", "/dashboard/"):
        warm_up.get(url)
    rows = []
    for size in sizes:
        client = Client()
        client.force_login(make_register(size))
        for name, url in (("register", "/risicos/"), ("dashboard", "/dashboard/")):
            first, best = time_page(client, url, repeat)
            rows.append({"size": size, "page": name, "first": first, "best": best})
    return rows


def worker_session(size: int) -> dict:
    """Prepare the load test database: a register and a logged-in session cookie for gunicorn."""
    from django.test import Client

    client = Client()
    client.force_login(make_register(size))
    assert client.get("/dashboard/").status_code == 200  # the page works before it is loaded
    return {"cookie": f"sessionid={client.cookies['sessionid'].value}"}


# --- driver side --------------------------------------------------------------------------------------


def run_worker(args: list[str], env: dict) -> object:
    output = subprocess.run(
        [sys.executable, __file__, "--worker", *args],
        env={**os.environ, **env},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
            conn.execute(f"CREATE DATABASE {POSTGRES_DB}")
        return True
    except Exception as error:  # a missing server only skips that part of the benchmark
        print(f"PostgreSQL niet beschikbaar ({error.__class__.__name__}); alleen SQLite.", file=sys.stderr)
        return False


def drop_postgres() -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load_test(port: int, cookie: str, clients: int, max_requests: int, max_seconds: float) -> dict:
    """``clients`` threads GET /dashboard/ until ``max_requests`` are done or ``max_seconds`` passed."""
    lock = threading.Lock()
    counts = {"started": 0, "ok": 0, "failed": 0}
    latencies: list[float] = []
    deadline = time.monotonic() + max_seconds

    def client() -> None:
        connection = None
        while time.monotonic() < deadline:
            with lock:
                if counts["started"] >= max_requests:
                    return
                counts["started"] += 1
            start = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", "/dashboard/", headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                ok = False
                connection = None
            with lock:
                counts["ok" if ok else "failed"] += 1
                latencies.append(time.perf_counter() - start)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        **counts,
        "seconds": elapsed,
        "rps": counts["ok"] / elapsed,
        "p50": latencies[len(latencies) // 2] if latencies else 0.0,
        "p95": latencies[int(len(latencies) * 0.95)] if latencies else 0.0,
    }


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopte direct")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn antwoordt niet")


def throughput(var_dir: str, args, database_url: str) -> dict:
    env = {"DATABASE_URL": database_url, "RISICOKOMPAS_VAR": var_dir}
    session = run_worker(["session", database_url, var_dir, "200"], env)
    port = free_port()
    workers = args.workers
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "risicokompas.web.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env={**os.environ, **env, "RISICOKOMPAS_ENV": "test", "AXES_ENABLED": "false"},
    )
    try:
        wait_for_port(port, gunicorn)
        load_test(port, session["cookie"], workers, workers * 2, 60)  # each worker computes once
        result = load_test(port, session["cookie"], CLIENTS, args.requests, args.seconds)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=15)
    result["workers"] = workers
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="requests per page after the first (best of)")
    parser.add_argument("--quick", action="store_true", help="only 200 risks, fewer load requests")
    parser.add_argument("--requests", type=int, default=LOAD_REQUESTS)
    parser.add_argument("--seconds", type=float, default=LOAD_SECONDS)
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 1) + 1))
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        kind, database_url, var_dir, *rest = args.worker
        setup_django(database_url, var_dir)
        if kind == "times":
            sizes = tuple(int(size) for size in rest[1:])
            print(json.dumps(worker_server_times(database_url, int(rest[0]), sizes)))
        else:
            print(json.dumps(worker_session(int(rest[0]))))
        return

    sizes = SIZES[:1] if args.quick else SIZES
    if args.quick:
        args.requests = min(args.requests, 200)
    with tempfile.TemporaryDirectory(prefix="rk-webbench-") as var_dir:
        databases = {"SQLite": f"sqlite:///{var_dir}/bench.sqlite3"}
        if postgres_available():
            databases["PostgreSQL"] = f"{POSTGRES_SERVER}/{POSTGRES_DB}"
        print(f"Servertijd per pagina (Django test client, DEBUG uit, beste van {args.repeat} na de eerste)")
        print(f"{'database':<11} {'risico’s':>8}  {'pagina':<10} {'eerste':>10} {'beste':>10}")
        try:
            for name, url in databases.items():
                rows = run_worker(["times", url, var_dir, str(args.repeat), *map(str, sizes)], {})
                for row in rows:
                    print(
                        f"{name:<11} {row['size']:>8,}  {row['page']:<10} "
                        f"{row['first'] * 1000:>8.1f}ms {row['best'] * 1000:>8.1f}ms".replace(",", ".")
                    )
        finally:
            if "PostgreSQL" in databases:
                drop_postgres()

        loads = {"SQLite": f"sqlite:///{var_dir}/load.sqlite3"}
        if postgres_available():
            loads["PostgreSQL"] = f"{POSTGRES_SERVER}/{POSTGRES_DB}"
        print()
        print(
            f"Dashboard onder {CLIENTS} gelijktijdige clients (gunicorn, sync workers, 200 risico's, 127.0.0.1):"
        )
        for name, url in loads.items():
            try:
                result = throughput(var_dir, args, url)
            finally:
                if name == "PostgreSQL":
                    drop_postgres()
            print(
                f"  {name:<11} {result['workers']} workers: {result['ok']} goed, {result['failed']} mislukt in "
                f"{result['seconds']:.1f}s: {result['rps']:.0f} verzoeken/s; latentie p50 "
                f"{result['p50'] * 1000:.0f}ms, p95 {result['p95'] * 1000:.0f}ms"
            )


if __name__ == "__main__":
    main()
