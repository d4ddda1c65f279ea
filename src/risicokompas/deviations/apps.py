# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeviationsConfig(AppConfig):
    name = "risicokompas.deviations"
    label = "deviations"
    verbose_name = _("Afwijken volgens de bedoeling")
