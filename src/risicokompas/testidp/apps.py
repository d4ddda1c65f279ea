# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class TestIdpConfig(AppConfig):
    name = "risicokompas.testidp"
    label = "testidp"
    verbose_name = "Test OpenID Connect provider"
