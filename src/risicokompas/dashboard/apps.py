# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "risicokompas.dashboard"
    label = "dashboard"
