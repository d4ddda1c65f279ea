# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo loaders (``load_demo``, ``load_network_demo``): the top layer, they may use every app."""

    name = "risicokompas.demo"
    label = "demo"
