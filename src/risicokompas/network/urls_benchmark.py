# SPDX-License-Identifier: EUPL-1.2
"""URLs of the anonymised benchmark; ``network/urls.py`` appends ``benchmark_urlpatterns``."""

from django.urls import path

from risicokompas.network import views_benchmark

benchmark_urlpatterns = [
    path("<int:pk>/benchmark/", views_benchmark.benchmark, name="benchmark"),
    path("<int:pk>/benchmark/deelname/", views_benchmark.benchmark_optin, name="benchmark_optin"),
    path(
        "<int:pk>/benchmark/kalibratie/deelname/",
        views_benchmark.calibration_optin,
        name="calibration_optin",
    ),
]
