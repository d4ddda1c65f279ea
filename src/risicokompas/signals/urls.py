# SPDX-License-Identifier: EUPL-1.2
"""Signal URLs. There is deliberately no delete: signals are never deleted, only closed."""

from django.urls import path

from risicokompas.signals import views

app_name = "signals"
urlpatterns = [
    path("nieuw/", views.signal_create, name="create"),
    path("mijn/", views.my_signals, name="mine"),
    path("ontvangstcode/", views.receipt, name="receipt"),
    path("inbox/", views.inbox, name="inbox"),
    path("<int:pk>/", views.signal_detail, name="detail"),
    path("<int:pk>/behandelen/", views.signal_triage, name="triage"),
]
