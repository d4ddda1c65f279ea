# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.organisations import views

app_name = "organisations"
urlpatterns = [
    path("wissel/", views.switch, name="switch"),
    path("instellingen/", views.settings_view, name="settings"),
    path("capaciteit/", views.capacity_list, name="capacity"),
    path("capaciteit/nieuw/", views.capacity_create, name="capacity_create"),
    path("capaciteit/<int:pk>/wijzigen/", views.capacity_edit, name="capacity_edit"),
    path("capaciteit/<int:pk>/verwijderen/", views.capacity_delete, name="capacity_delete"),
]
