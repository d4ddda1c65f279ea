# SPDX-License-Identifier: EUPL-1.2
"""Dashboard first load after a change, at 2.000 risks (target < 300 ms server time).

Per database (SQLite in a temporary folder; PostgreSQL at 127.0.0.1:5432, user postgres, when it answers),
in a process of its own with DEBUG off and the in-process cache (as one app server without Redis):

* ``cold``: the cache cleared, then ``GET /dashboard/`` (simulation, charts, page);
* ``changed``: one risk's estimate changed through ``risks.services.update_risk``, then ``GET /dashboard/``
  (a new input hash: the simulation and the charts are computed again);
* ``warm``: the same page again (everything from the cache);
* ``charts``: after ``changed``, the page's two charts, which the browser asks for after the page (htmx):
  both requests together, drawn once for the new input hash. Not on the page's critical path, so not
  held against the target.
* ``precomputed``: another change, after which a worker computed the dashboard in the background (as with
  REDIS_URL, ``dashboard.precompute``; run here in this process, not timed), then ``GET /dashboard/``: the
  first load after a change as a user meets it when the worker was quicker than they were.
* ``thread``: the same without a worker (``make run``): the change starts a thread of the process
  (``DASHBOARD_PRECOMPUTE_THREAD``); once it is done (its time from the save is reported), the page.
* ``during``: the same, but the page is asked for right after the save, while the thread computes: the
  request waits for the thread's simulation of the same inputs instead of computing it beside it
  (``risks.simulation``). Its CPU column counts the thread's work too (the whole process).

Each is repeated ``--runs`` times (median and best reported), with the number of SQL queries of the page.
The process is warmed up on a small register first, so the figures are the page, not Python's imports.
``--profile`` prints the cProfile top (cumulative time) of one ``changed`` load.

Run with ``make bench`` or ``python bench/dashboard_bench.py [--runs N] [--risks N] [--profile]``.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_bench import (  # noqa: E402 - bench/ is not a package
    POSTGRES_DB,
    POSTGRES_SERVER,
    drop_postgres,
    make_register,
    postgres_available,
    setup_django,
)

TARGET_SECONDS = 0.300


class _GcClock:
    """Seconds spent in Python's cyclic garbage collector (all generations); set ``seconds`` to 0 to
    start counting."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start


GC_CLOCK: _GcClock | None = None


def _timed_get(client, *urls: str, headers: dict | None = None) -> tuple[tuple[float, float, float], int]:
    """((wall seconds, CPU seconds of this process, seconds in the garbage collector), queries) of one
    request, or of several together."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert GC_CLOCK is not None
    with CaptureQueriesContext(connection) as queries:
        GC_CLOCK.seconds = 0.0
        start, cpu = time.perf_counter(), time.process_time()
        responses = [client.get(url, headers=headers) for url in urls]
        seconds = (time.perf_counter() - start, time.process_time() - cpu, GC_CLOCK.seconds)
    for url, response in zip(urls, responses, strict=True):
        assert response.status_code == 200, (url, response.status_code)
    return seconds, len(queries)


def _chart_urls(client) -> list[str]:
    html = client.get("/dashboard/").content.decode()
    return re.findall(r'hx-get="(/dashboard/grafiek/[^"]+)"', html)


def worker(risks: int, runs: int, profile: bool) -> dict:
    global GC_CLOCK
    GC_CLOCK = _GcClock()
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from risicokompas.dashboard import precompute as threads_module
    from risicokompas.dashboard.precompute import precompute
    from risicokompas.risks.models import Risk
    from risicokompas.risks.services import update_risk

    warm_up = Client()
    warm_up.force_login(make_register(5))
    warm_up.get("/dashboard/")
    # As risicokompas.web.wsgi does in an app server; BENCH_SETTLE=0 measures without it.
    if os.environ.get("BENCH_SETTLE", "1") == "1":
        from risicokompas.web.startup import settle

        settle()

    user = make_register(risks)
    client = Client()
    client.force_login(user)
    client.get("/dashboard/")
    risk = Risk.objects.filter(organisation__slug=f"bench-{risks}").order_by("code").first()

    timings: dict[str, list[tuple[float, float]]] = {
        "cold": [],
        "changed": [],
        "warm": [],
        "charts": [],
        "precomputed": [],
        "thread": [],
        "during": [],
    }
    threads: list = []
    thread_seconds: list[float] = []
    start_thread = threads_module.start_thread
    threads_module.start_thread = lambda pk: threads.append(start_thread(pk))
    queries: dict[str, int] = {}
    for run in range(runs):
        cache.clear()
        seconds, queries["cold"] = _timed_get(client, "/dashboard/")
        timings["cold"].append(seconds)
        update_risk(
            Risk.objects.get(pk=risk.pk),
            user,
            {"impact_max": Decimal(100_000 + 1_000 * run)},
            reason="benchmark: een gewijzigde schatting",
        )
        seconds, queries["changed"] = _timed_get(client, "/dashboard/")
        timings["changed"].append(seconds)
        seconds, queries["warm"] = _timed_get(client, "/dashboard/")
        timings["warm"].append(seconds)
        seconds, queries["charts"] = _timed_get(client, *_chart_urls(client), headers={"HX-Request": "true"})
        timings["charts"].append(seconds)
        update_risk(
            Risk.objects.get(pk=risk.pk),
            user,
            {"impact_max": Decimal(500_000 + 1_000 * run)},
            reason="benchmark: nog een gewijzigde schatting",
        )
        precompute(SimpleNamespace(organisation=risk.organisation), None)  # the worker, not timed
        seconds, queries["precomputed"] = _timed_get(client, "/dashboard/")
        timings["precomputed"].append(seconds)
        # Without a worker: the thread that a committed change starts (DASHBOARD_PRECOMPUTE_THREAD).
        settings.DASHBOARD_PRECOMPUTE_THREAD = True
        started = time.perf_counter()
        update_risk(
            Risk.objects.get(pk=risk.pk),
            user,
            {"impact_max": Decimal(900_000 + 1_000 * run)},
            reason="benchmark: een wijziging, de draad rekent",
        )
        settings.DASHBOARD_PRECOMPUTE_THREAD = False
        for thread in threads:
            thread.join()
        thread_seconds.append(time.perf_counter() - started)
        threads.clear()
        seconds, queries["thread"] = _timed_get(client, "/dashboard/")
        timings["thread"].append(seconds)
        settings.DASHBOARD_PRECOMPUTE_THREAD = True
        update_risk(
            Risk.objects.get(pk=risk.pk),
            user,
            {"impact_max": Decimal(1_300_000 + 1_000 * run)},
            reason="benchmark: een wijziging, de pagina terwijl de draad rekent",
        )
        settings.DASHBOARD_PRECOMPUTE_THREAD = False
        seconds, queries["during"] = _timed_get(client, "/dashboard/")
        timings["during"].append(seconds)
        for thread in threads:
            thread.join()
        threads.clear()

    report = ""
    if profile:
        update_risk(Risk.objects.get(pk=risk.pk), user, {"impact_max": Decimal(7_777_000)}, reason="profiel")
        for situation in ("changed", "warm"):
            profiler = cProfile.Profile()
            profiler.enable()
            client.get("/dashboard/")
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats("risicokompas|template", 40)
            stats.sort_stats("tottime").print_stats(20)
            report += f"--- {situation} ---\n" + out.getvalue()
    return {
        "risks": risks,
        "timings": timings,
        "queries": queries,
        "thread_seconds": thread_seconds,
        "profile": report,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--risks", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print the cProfile top of one load")
    parser.add_argument("--only", choices=("sqlite", "postgresql"), help="one database only")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        database_url, var_dir = args.worker
        setup_django(database_url, var_dir)
        print(json.dumps(worker(args.risks, args.runs, args.profile)))
        return 0

    slow = False
    with tempfile.TemporaryDirectory(prefix="rk-dashbench-") as var_dir:
        databases = {}
        if args.only != "postgresql":
            databases["SQLite"] = f"sqlite:///{var_dir}/bench.sqlite3"
        if args.only != "sqlite" and postgres_available():
            databases["PostgreSQL"] = f"{POSTGRES_SERVER}/{POSTGRES_DB}"
        print(
            f"Dashboard bij {args.risks:,} risico's: servertijd (Django test client, DEBUG uit), "
            f"mediaan en beste van {args.runs}; doel eerste keer < {TARGET_SECONDS * 1000:.0f} ms".replace(
                ",", "."
            )
        )
        print(
            "(wand = verstreken tijd; cpu = rekentijd van het proces, minder gevoelig voor een drukke machine;"
            " gc = tijd in Python's garbage collector, mediaan)"
        )
        print(
            f"{'database':<11} {'situatie':<11} {'wand med.':>10} {'wand best':>10} {'cpu med.':>9} "
            f"{'cpu best':>9} {'gc med.':>8} {'queries':>8}"
        )
        try:
            for name, url in databases.items():
                output = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--worker",
                        url,
                        var_dir,
                        f"--risks={args.risks}",
                        f"--runs={args.runs}",
                        *(["--profile"] if args.profile else []),
                    ],
                    env={**os.environ},
                    cwd=ROOT,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                row = json.loads(output.strip().splitlines()[-1])
                for situation, values in row["timings"].items():
                    wall = [w for w, _, _ in values]
                    cpu = [c for _, c, _ in values]
                    collector = [g for _, _, g in values]
                    median = statistics.median(wall)
                    if situation in ("cold", "changed") and median > TARGET_SECONDS:
                        slow = True
                    print(
                        f"{name:<11} {situation:<11} {median * 1000:>8.0f}ms {min(wall) * 1000:>8.0f}ms "
                        f"{statistics.median(cpu) * 1000:>7.0f}ms {min(cpu) * 1000:>7.0f}ms "
                        f"{statistics.median(collector) * 1000:>6.0f}ms {row['queries'][situation]:>8}"
                    )
                print(
                    f"{name:<11} (de draad na een wijziging rekende {statistics.median(row['thread_seconds']) * 1000:.0f} ms"
                    " vanaf het opslaan, mediaan)"
                )
                if row["profile"]:
                    print(
                        f"\ncProfile, {name}, een pagina na een wijziging, dan dezelfde opnieuw:\n{row['profile']}"
                    )
        finally:
            if "PostgreSQL" in databases:
                drop_postgres()
    print("doel gehaald" if not slow else "DOEL NIET GEHAALD (> 300 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
