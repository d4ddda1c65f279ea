# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    name = "risicokompas.capacity"
    label = "capacity"
    verbose_name = _("Weerstandscapaciteit")
