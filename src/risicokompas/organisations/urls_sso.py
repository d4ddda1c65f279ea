# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.organisations import views_sso

app_name = "sso"
urlpatterns = [
    path("<slug:slug>/", views_sso.start, name="start"),
    path("<slug:slug>/terug/", views_sso.callback, name="callback"),
]
