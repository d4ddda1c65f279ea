# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class UiConfig(AppConfig):
    """Shared form fields, widget styling and the template filters for Dutch numbers, used by every app."""

    name = "risicokompas.ui"
    label = "ui"
