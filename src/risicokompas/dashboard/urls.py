# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("grafiek/<str:kind>/", views.chart, name="chart"),
]
