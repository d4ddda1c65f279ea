# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.risks import views

app_name = "risks"
urlpatterns = [
    path("", views.risk_list, name="list"),
]
