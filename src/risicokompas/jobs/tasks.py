# SPDX-License-Identifier: EUPL-1.2
"""The Celery tasks: one runs any job by its id; one runs a scheduled job kind (celery beat)."""

from __future__ import annotations

from risicokompas.conf.celery import app
from risicokompas.jobs import services


@app.task(name="risicokompas.jobs.run", acks_late=True, ignore_result=True)  # type: ignore[untyped-decorator]
def run_job(job_id: int) -> None:
    services.run(job_id)


@app.task(name="risicokompas.jobs.periodic", ignore_result=True)  # type: ignore[untyped-decorator]
def run_periodic(kind: str, title: str = "") -> str:
    job = services.run_periodic(kind, title or kind)
    return job.status
