# SPDX-License-Identifier: EUPL-1.2
"""Import benchmark: a register file of 100.000 rows read, compared and applied as the background job does.

Runs the job function itself (``risks.import_check`` then ``risks.import_apply``, through
``risicokompas.jobs.services``, in-process) on a fresh SQLite database, or on PostgreSQL with
``--postgres`` (127.0.0.1:5432, user postgres). Prints the seconds per phase and the file size.
Run with ``python bench/import_bench.py [--rows N] [--postgres]``.

Measured 2026-12-02, SQLite, on a shared 2-core machine (load average about 9): 100.000 rows (5,8 MB CSV),
check 206 s, apply 530 s (read again, compared under lock, written in one transaction), 736 s in all, of which
131 s processor time of this process; 10.000 rows on the same machine: 13 s + 22 s.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/risicokompas_import_bench"


def make_csv(rows: int) -> bytes:
    rng = random.Random(rows)
    programmes = ["Bestuur en ondersteuning", "Sociaal domein", "Veiligheid", "Onderwijs", "Economie"]
    lines = ["Id;Risico;Programma;Kans;Maximaal financieel gevolg (€);Aard\r\n"]
    for i in range(1, rows + 1):
        lines.append(
            f"R{i:06d};Risico {i};{rng.choice(programmes)};{rng.choice(['5%', '10%', '30%', '50%'])};"
            f"{rng.choice([50, 100, 250, 400, 800]) * 1000};{rng.choice(['incidenteel', 'structureel'])}\r\n"
        )
    return "".join(lines).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    var_dir = tempfile.mkdtemp(prefix="risicokompas-import-bench-")
    database_url = POSTGRES_URL if args.postgres else f"sqlite:///{var_dir}/bench.sqlite3"
    os.environ.update(
        RISICOKOMPAS_ENV="test",
        RISICOKOMPAS_VAR=var_dir,
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="risicokompas.conf.settings",
        AXES_ENABLED="false",
    )
    os.environ.pop("REDIS_URL", None)  # jobs run in-process: the time of the job itself
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    if args.postgres:
        from django.db import connection

        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", verbosity=0)

    from risicokompas.jobs import services
    from risicokompas.jobs.models import Job
    from risicokompas.organisations.models import Membership, Organisation
    from risicokompas.risks.models import Risk, RiskChange

    organisation = Organisation.objects.create(name="Bench import", slug="bench-import")
    user = get_user_model().objects.create_user("controller-import", password="bench-wachtwoord")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.CONTROLLER)
    data = make_csv(args.rows)
    print(
        f"{args.rows} rijen, {len(data) / 1e6:.1f} MB CSV, database {'PostgreSQL' if args.postgres else 'SQLite'}"
    )

    start, cpu = time.perf_counter(), time.process_time()
    check = services.start(
        "risks.import_check",
        organisation=organisation,
        user=user,
        title="Bench",
        params={"filename": "bench.csv"},
        input_file=data,
        input_name="bench.csv",
    )
    checked = time.perf_counter()
    assert check.status == Job.Status.DONE, check.message
    print(f"controleren (lezen + vergelijken): {checked - start:.1f} s")
    apply = services.start(
        "risks.import_apply",
        organisation=organisation,
        user=user,
        title="Bench",
        params={
            "filename": "bench.csv",
            "reason": "Bench",
            "close_absent": False,
            "digest": check.result["digest"],
            "check_job": check.pk,
        },
        input_file=data,
        input_name="bench.csv",
    )
    applied = time.perf_counter()
    assert apply.status == Job.Status.DONE, apply.message
    assert Risk.objects.filter(organisation=organisation).count() == args.rows
    assert RiskChange.objects.filter(risk__organisation=organisation).count() == args.rows
    print(f"inlezen (opnieuw lezen + opslaan, één transactie): {applied - checked:.1f} s")
    print(
        f"totaal: {applied - start:.1f} s (processortijd van dit proces: {time.process_time() - cpu:.1f} s)"
    )


if __name__ == "__main__":
    main()
