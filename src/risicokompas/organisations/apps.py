# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "risicokompas.organisations"
    label = "organisations"
    verbose_name = _("Organisaties")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from risicokompas.organisations import sso

        user_logged_in.connect(sso.forget_on_other_login, dispatch_uid="sso_forget_on_other_login")
