# SPDX-License-Identifier: EUPL-1.2
"""Load test on a national dataset: mixed roles against gunicorn on 127.0.0.1, for a fixed duration.

1. A fresh database (SQLite in a temporary folder, or PostgreSQL ``--db-name`` (default ``risicokompas_load``)
   at 127.0.0.1:5432 with ``--database postgresql``, dropped afterwards), migrated and filled by
   ``manage.py generate_national`` (its wall-clock and CPU time are reported).
2. Sessions for users of several roles in several organisations (the largest register among them) and a
   read-only and a write API key, made inside Django (``force_login``: the login itself is not what is measured).
3. gunicorn (``--workers``, sync) and ``--clients`` threads for ``--warmup`` then ``--seconds`` seconds, each
   picking by weight: the dashboard, a register page (a random page of the list), a risk page, filing a
   signal (form, then POST with its CSRF token), an API read (``/api/v1/risks/``) and a new estimate through
   the API (``PATCH``, with a reason: history, and with a worker the dashboard queued for computing). Without
   ``--redis-url`` the cache is per process and jobs run in-process; with it (e.g.
   ``redis://127.0.0.1:6379/7``) the cache and sessions are shared in Redis (keys under a prefix of this
   run, removed afterwards) and a Celery worker runs the background jobs; after the load one job is sent
   through it and its round trip reported.
4. Reported: requests, errors (status ≥ 400 or no answer, with their statuses), throughput in total and per
   CPU core of the machine, p50/p95/p99 in total and per kind, how many filed signals were stored, the
   load average before and after, and the CPU time the server side used during the measurement (gunicorn,
   the Celery worker and the PostgreSQL backends of this database): CPU-milliseconds per request, which
   depends much less on other work on the machine than the latencies do.

Bounded: a fixed duration, a timeout per request, gunicorn and the worker stopped in ``finally``. The load
generator runs on the same machine as the server, so it takes part of the CPU: the throughput is a lower
bound.

Run with ``make bench`` (a small dataset) or e.g.
``python bench/load_test.py --organisations 400 --risks 50000 --users 100000 --seconds 30 --database postgresql
--redis-url redis://127.0.0.1:6379/7``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import resource
import signal
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
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
#: kind: weight (of 100)
MIX = {"dashboard": 15, "register": 30, "risk": 25, "signal": 10, "api": 15, "change": 5}
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
    from risicokompas.paragraph.models import Snapshot

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
    writer = create_key(controller, name="belastingtest-schrijven", scope="write", created_by=controller.user)
    snapshots = Snapshot.objects.filter(organisation__slug__startswith="nat-").count()
    return {
        "users": users,
        "api_key": key.plaintext,
        "write_key": writer.plaintext,
        "write_risks": list(chosen[0].risks.values_list("pk", flat=True)[:500]),
        "largest": organisations[0].n,
        "snapshots": snapshots,
    }


def background_jobs() -> dict[str, int]:
    """Jobs of the national organisations by status (the dashboards the changes had computed)."""
    import django

    django.setup()
    from django.db.models import Count

    from risicokompas.jobs.models import Job

    rows = Job.objects.filter(organisation__slug__startswith="nat-").values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def signals_stored() -> int:
    import django

    django.setup()
    from risicokompas.signals.models import Signal

    return Signal.objects.filter(title__startswith="Belastingtest").count()


def job_round_trip(timeout: float = 60.0) -> dict:
    """Start one job (the announcement of anonymous signals) and wait until the worker has done it."""
    import django

    django.setup()
    from django.db import transaction

    from risicokompas.jobs import services
    from risicokompas.jobs.models import Job
    from risicokompas.organisations.models import Membership
    from risicokompas.signals.jobs import ANNOUNCE

    controller = Membership.objects.filter(
        organisation__slug__startswith="nat-", role=Membership.Role.CONTROLLER
    ).select_related("organisation", "user")[0]
    started = time.perf_counter()
    with transaction.atomic():  # handed to the worker when this commits
        job = services.start(
            ANNOUNCE, organisation=controller.organisation, user=controller.user, title="Belastingtest"
        )
    while time.perf_counter() - started < timeout:
        job.refresh_from_db()
        if job.status in (Job.Status.DONE, Job.Status.FAILED):
            break
        time.sleep(0.1)
    return {"status": job.status, "seconds": time.perf_counter() - started}


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


def dutch(number: int) -> str:
    """12.345: the thousands separator of the Dutch lines this script prints."""
    return f"{number:,}".replace(",", ".")


def step(text: str) -> None:
    """Progress on stderr, so a long run shows where it is."""
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def process_cpu(match) -> dict[int, float]:
    """{pid: CPU seconds (user + system)} of the processes for which ``match(pid, stat, cmdline)`` holds."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                cmdline = handle.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) "
        if match(int(entry), fields, cmdline):
            found[int(entry)] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return found


def server_cpu(groups: list[int], database: str | None) -> dict[int, float]:
    """CPU seconds of the processes in these process groups (gunicorn, the Celery worker) and of the
    PostgreSQL backends connected to ``database``."""

    def match(pid: int, fields: list[str], cmdline: str) -> bool:
        if int(fields[2]) in groups:  # the process group
            return True
        return database is not None and cmdline.startswith(f"postgres: postgres {database} ")

    return process_cpu(match)


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


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


def wait_for_ready(port: int, seconds: float = 300) -> None:
    """Until the readiness check answers 200 (database and, with Redis, the cache reachable)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", "/_healthz/readyz", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.5)
    raise RuntimeError("gunicorn is niet gereed")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


class LoadClient:
    def __init__(self, port: int, prepared: dict, seed: int) -> None:
        self.port, self.users, self.api_key = port, prepared["users"], prepared["api_key"]
        self.write_key, self.write_risks = prepared["write_key"], prepared["write_risks"]
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
        if kind == "change":
            # A new estimate through the API: history, and the dashboard queued for the worker.
            body = json.dumps(
                {
                    "impact_max": str(self.rng.randint(10, 5_000) * 1_000),
                    "reason": "Belastingtest: nieuwe schatting",
                }
            )
            headers = {"Authorization": f"Bearer {self.write_key}", "Content-Type": "application/json"}
            return kind, [
                self.send("PATCH", f"/api/v1/risks/{self.rng.choice(self.write_risks)}/", headers, body)[0]
            ]
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
        if posted[0] == 200 and "utrecht-alert--ok" not in posted[1]:
            return kind, [status, 422]  # the form came back without the confirmation: counted as an error
        return kind, [status, posted[0]]


def load(port: int, prepared: dict, clients: int, seconds: float) -> dict:
    lock = threading.Lock()
    latencies: dict[str, list[float]] = {kind: [] for kind in MIX}
    errors: dict[str, int] = dict.fromkeys(MIX, 0)
    failed: dict[str, int] = {}  # "kind status": count, to see what went wrong
    requests = {"count": 0, "signals": 0}
    deadline = time.monotonic() + seconds

    def run(seed: int) -> None:
        client = LoadClient(port, prepared, seed)
        while time.monotonic() < deadline:
            start = time.perf_counter()
            kind, statuses = client.one()
            elapsed = time.perf_counter() - start
            with lock:
                latencies[kind].append(elapsed)
                requests["count"] += len(statuses)
                for status in statuses:
                    if not 200 <= status < 400:
                        errors[kind] += 1
                        failed[f"{kind} {status}"] = failed.get(f"{kind} {status}", 0) + 1
                if kind == "signal" and statuses[-1] == 200:  # filed: the confirmation came back
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
        "failed": failed,
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
    parser.add_argument(
        "--snapshot-years",
        type=int,
        default=None,
        help="years of begroting snapshots per organisation (default: --years; 0: none)",
    )
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--warmup", type=float, default=15.0, help="seconds of load before the measurement (not counted)"
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 1) + 1))
    parser.add_argument("--sample", type=int, default=10, help="organisations whose users take part")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--db-name", default=POSTGRES_DB, help="the PostgreSQL database (created, then dropped)"
    )
    parser.add_argument(
        "--redis-url",
        default="",
        help="e.g. redis://127.0.0.1:6379/7: shared cache and sessions in Redis, and a Celery worker",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON as well")
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.db_name):
        parser.error("--db-name: lowercase letters, digits and _ only")

    # Stopped from outside (``timeout``, a service manager): clean up as after an error (``finally``).
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    cores = os.cpu_count() or 1
    load_before = os.getloadavg()
    postgres = args.database == "postgresql"
    prefix = f"rk-load-{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="rk-load-") as var_dir:
        os.makedirs(os.path.join(var_dir, "static"))
        if postgres:
            import psycopg

            with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {args.db_name} WITH (FORCE)")
                conn.execute(f"CREATE DATABASE {args.db_name}")
            database_url = f"{POSTGRES_SERVER}/{args.db_name}"
        else:
            database_url = f"sqlite:///{var_dir}/load.sqlite3"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "risicokompas.conf.settings",
            "RISICOKOMPAS_ENV": "test",  # DEBUG off, development secret allowed
            "RISICOKOMPAS_VAR": var_dir,
            "DATABASE_URL": database_url,
            "AXES_ENABLED": "false",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
        }
        env.pop("REDIS_URL", None)
        if args.redis_url:
            env["REDIS_URL"] = args.redis_url
            env["CACHE_KEY_PREFIX"] = prefix  # this run's keys only: removed afterwards
        gunicorn = worker = None
        job: dict | None = None
        try:
            step("migreren")
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
            )
            step("dataset genereren")
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
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
                    *([f"--snapshot-years={args.snapshot_years}"] if args.snapshot_years is not None else []),
                ],
                env=env,
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            generated = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            generated_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
            step("sessies en API-sleutel")
            prepared = django_run(
                "import json, sys; sys.path.insert(0, 'bench'); import load_test; "
                f"print(json.dumps(load_test.prepare({args.sample}, 1)))",
                env,
            )
            if args.redis_url:
                worker = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "risicokompas.conf.celery",
                        "worker",
                        "--concurrency=1",
                        "--loglevel=warning",
                        "--without-gossip",
                        "--without-mingle",
                    ],
                    cwd=ROOT,
                    env=env,
                    start_new_session=True,
                    stdout=subprocess.DEVNULL,
                )
            step("gunicorn starten")
            port = free_port()
            gunicorn = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "risicokompas.web.wsgi:application",
                    f"--bind=127.0.0.1:{port}",
                    f"--workers={args.workers}",
                    "--preload",  # the application loaded once, before the workers fork: they start ready
                    "--timeout=120",
                    "--log-level=warning",
                ],
                cwd=ROOT,
                env=env,
                start_new_session=True,
            )
            wait_for_port(port, gunicorn)
            wait_for_ready(port)
            step("opwarmen")
            warm = load(port, prepared, args.clients, args.warmup)  # imports, first simulations: not measured
            step("meten")
            groups = [p.pid for p in (gunicorn, worker) if p is not None]
            cpu_before = server_cpu(groups, args.db_name if postgres else None)
            own_before = time.process_time()
            result = load(port, prepared, args.clients, args.seconds)
            own_cpu = time.process_time() - own_before
            server = cpu_used(cpu_before, server_cpu(groups, args.db_name if postgres else None))
            load_after = os.getloadavg()
            step("gunicorn stoppen, nacontrole")
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
            gunicorn = None
            if worker is not None:
                job = django_run(
                    "import json, sys; sys.path.insert(0, 'bench'); import load_test; "
                    "print(json.dumps(load_test.job_round_trip()))",
                    env,
                )
            stored = django_run(
                "import json, sys; sys.path.insert(0, 'bench'); import load_test; "
                "print(json.dumps(load_test.signals_stored()))",
                env,
            )
            background = django_run(
                "import json, sys; sys.path.insert(0, 'bench'); import load_test; "
                "print(json.dumps(load_test.background_jobs()))",
                env,
            )
        finally:
            step("opruimen")
            for process in (gunicorn, worker):
                if process is not None and process.poll() is None:
                    process.terminate()
                    try:
                        process.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        os.killpg(process.pid, 9)
            if args.redis_url:
                import redis

                client = redis.Redis.from_url(args.redis_url)
                for key in client.scan_iter(match=f"{prefix}:*", count=1000):
                    client.delete(key)
            if postgres:
                import psycopg

                with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
                    conn.execute(f"DROP DATABASE IF EXISTS {args.db_name} WITH (FORCE)")

    rps = result["requests"] / result["seconds"]
    print(
        f"Belastingtest ({args.database}{', Redis + Celery' if args.redis_url else ''}): "
        f"{dutch(args.organisations)} organisaties, {dutch(args.risks)} risico's "
        f"(grootste register {dutch(prepared['largest'])}), {dutch(args.users)} gebruikers, {args.years} jaren, "
        f"{dutch(prepared['snapshots'])} momentopnamen; dataset gemaakt in {generated:.1f} s ({generated_cpu:.1f} s CPU)"
    )
    print(
        f"gunicorn {args.workers} sync workers, {args.clients} clients, {result['seconds']:.0f} s, "
        f"{cores} CPU-kernen (gedeeld met de load-generator); load average "
        f"{load_before[0]:.1f} voor, {load_after[0]:.1f} na"
    )
    print(
        f"  {result['requests']} verzoeken, {result['errors']} fouten {result['failed'] or ''}; "
        f"{rps:.1f} verzoeken/s, {rps / cores:.1f} per kern; latentie per handeling p50 "
        f"{result['p50'] * 1000:.0f} ms, p95 {result['p95'] * 1000:.0f} ms, p99 {result['p99'] * 1000:.0f} ms"
    )
    per_request = server / max(1, result["requests"]) * 1000
    print(
        f"  CPU van de server (gunicorn, worker, PostgreSQL-backends): {server:.1f} s, "
        f"{per_request:.0f} ms per verzoek; load-generator {own_cpu:.1f} s"
    )
    for kind, row in result["per_kind"].items():
        print(
            f"  {kind:<10} {row['n']:>6} keer, {row['errors']} fouten; p50 {row['p50'] * 1000:>6.0f} ms, "
            f"p95 {row['p95'] * 1000:>6.0f} ms, p99 {row['p99'] * 1000:>6.0f} ms"
        )
    posted = warm["signals_posted"] + result["signals_posted"]
    print(f"  meldingen: {posted} ingediend en bevestigd (opwarmen meegeteld), {stored} opgeslagen")
    print(
        f"  opwarmen: {warm['requests']} verzoeken in {warm['seconds']:.0f} s, {warm['errors']} fouten "
        f"{warm['failed'] or ''}"
    )
    if job is not None:
        print(f"  Celery: een taak via de worker: {job['status']} in {job['seconds']:.1f} s")
    print(f"  achtergrondtaken na afloop (status: aantal): {background or 'geen'}")
    if args.json:
        print(
            json.dumps(
                {
                    **result,
                    "generated_seconds": generated,
                    "generated_cpu_seconds": generated_cpu,
                    "signals_stored": stored,
                    "background_jobs": background,
                    "server_cpu_seconds": server,
                    "loadgen_cpu_seconds": own_cpu,
                    "load_before": load_before,
                    "load_after": load_after,
                    "job": job,
                    "warmup": {k: warm[k] for k in ("seconds", "requests", "errors", "failed")},
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
