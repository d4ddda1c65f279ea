# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "risicokompas.risks"
    label = "risks"

    def ready(self) -> None:
        from risicokompas.jobs.registry import register
        from risicokompas.risks import jobs

        register(jobs.CHECK, jobs.check_import)
        register(jobs.APPLY, jobs.apply_import)
        register(jobs.REMINDERS, jobs.send_reminders)
