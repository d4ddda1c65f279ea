# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalibrationConfig(AppConfig):
    name = "risicokompas.calibration"
    label = "calibration"
    verbose_name = _("Kalibratie")

    def ready(self) -> None:
        # The jaarstukken edition (paragraph, a layer below) takes the year's figures from this collector.
        from risicokompas.calibration.records import year_account
        from risicokompas.paragraph.records import register_year_account

        register_year_account(year_account)
