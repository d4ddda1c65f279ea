# SPDX-License-Identifier: EUPL-1.2
"""The Celery application: broker and result backend in Redis (REDIS_URL), configured from Django's settings.

Start a worker with ``celery -A risicokompas.conf.celery worker`` and the daily schedule with
``celery -A risicokompas.conf.celery beat`` (docs/deployment.md). Without REDIS_URL no worker is needed:
the settings turn on ``CELERY_TASK_ALWAYS_EAGER`` and every job runs in the process that starts it.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "risicokompas.conf.settings")

app = Celery("risicokompas")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The tasks live in risicokompas.jobs.tasks (one task runs every job kind) and apps' tasks modules.
app.autodiscover_tasks(["risicokompas.jobs"])
