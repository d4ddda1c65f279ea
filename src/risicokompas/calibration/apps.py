# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalibrationConfig(AppConfig):
    name = "risicokompas.calibration"
    label = "calibration"
    verbose_name = _("Kalibratie")
