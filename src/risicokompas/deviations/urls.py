# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.deviations import views

app_name = "deviations"
urlpatterns = [
    path("", views.deviation_list, name="list"),
]
