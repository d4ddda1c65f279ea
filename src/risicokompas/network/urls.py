# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.network import views

app_name = "network"
urlpatterns = [
    path("", views.network_list, name="list"),
]
