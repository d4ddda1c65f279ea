# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.calibration import views

app_name = "calibration"
urlpatterns = [
    path("", views.calibration_page, name="page"),
    path("gebeurtenissen/", views.event_list, name="events"),
    path("gebeurtenissen/nieuw/", views.event_create, name="event_create"),
    path("gebeurtenissen/<int:pk>/", views.event_detail, name="event_detail"),
]
