# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "risicokompas.jobs"
    label = "jobs"
    verbose_name = _("Achtergrondtaken")

    def ready(self) -> None:
        from risicokompas.jobs import periodic
        from risicokompas.jobs.registry import register

        register(periodic.SWEEP, periodic.sweep_jobs)
