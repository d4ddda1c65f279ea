# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.organisations import views

app_name = "organisations"
urlpatterns = [
    path("wissel/", views.switch, name="switch"),
]
