# SPDX-License-Identifier: EUPL-1.2
"""The Django admin at ``/beheer/`` is for the platform operator: superusers only.

Staff users who are not superusers are refused like anyone else. People inside an organisation manage it
in the application (the "Beheer" menu), never here.
"""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _


class SuperuserAdminSite(AdminSite):
    site_header = _("Risicokompas – platformbeheer")
    site_title = _("Risicokompas platformbeheer")
    index_title = _("Alle organisaties en gegevens")

    def has_permission(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_superuser


class AdminConfig(DjangoAdminConfig):
    default_site = "risicokompas.web.admin_site.SuperuserAdminSite"
