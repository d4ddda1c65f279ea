# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParagraphConfig(AppConfig):
    name = "risicokompas.paragraph"
    label = "paragraph"
    verbose_name = _("Paragraaf weerstandsvermogen")

    def ready(self) -> None:
        from risicokompas.jobs.registry import register
        from risicokompas.paragraph import jobs

        register(jobs.REPORT, jobs.make_report)
        register(jobs.SENSITIVITY, jobs.compute_sensitivity)
