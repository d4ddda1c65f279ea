# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "risicokompas.network"
    label = "network"
    verbose_name = _("Leernetwerk")
