# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.signals import views

app_name = "signals"
urlpatterns = [
    path("nieuw/", views.signal_create, name="create"),
    path("mijn/", views.my_signals, name="mine"),
    path("inbox/", views.inbox, name="inbox"),
]
