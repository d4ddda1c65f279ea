# SPDX-License-Identifier: EUPL-1.2
"""The beheerder's API keys page, under /beheer-organisatie/api-sleutels/."""

from django.urls import path

from risicokompas.api import views_beheer as views

app_name = "api_keys"
urlpatterns = [
    path("", views.key_list, name="list"),
    path("<int:pk>/intrekken/", views.key_revoke, name="revoke"),
]
