# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.calibration import views, views_import

app_name = "calibration"
urlpatterns = [
    path("", views.calibration_page, name="page"),
    path("gebeurtenissen/", views.event_list, name="events"),
    path("gebeurtenissen/nieuw/", views.event_create, name="event_create"),
    path("gebeurtenissen/importeren/", views_import.import_upload, name="event_import"),
    path("gebeurtenissen/importeren/bevestigen/", views_import.import_confirm, name="event_import_confirm"),
    path("gebeurtenissen/importeren/sjabloon.xlsx", views_import.import_template, name="event_template"),
    path("gebeurtenissen/<int:pk>/", views.event_detail, name="event_detail"),
]
