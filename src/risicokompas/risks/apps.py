# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "risicokompas.risks"
    label = "risks"
