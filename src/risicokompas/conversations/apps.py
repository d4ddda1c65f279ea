# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "risicokompas.conversations"
    label = "conversations"
    verbose_name = _("Risicogesprekken")
