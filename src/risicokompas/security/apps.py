# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "risicokompas.security"
    label = "security"
    verbose_name = _("Beveiliging")

    def ready(self) -> None:
        from risicokompas.security import receivers

        receivers.connect()
