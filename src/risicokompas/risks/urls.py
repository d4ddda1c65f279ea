# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.risks import views, views_appetite, views_import

app_name = "risks"
urlpatterns = [
    path("", views.risk_list, name="list"),
    path("nieuw/", views.risk_create, name="create"),
    path("<int:pk>/", views.risk_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.risk_edit, name="edit"),
    path("<int:pk>/maatregelen/nieuw/", views.measure_create, name="measure_create"),
    path("maatregelen/<int:pk>/wijzigen/", views.measure_edit, name="measure_edit"),
    path("import/", views_import.import_upload, name="import"),
    path("import/bevestigen/", views_import.import_confirm, name="import_confirm"),
    path("import/groot/<int:pk>/", views_import.import_large_confirm, name="import_large_confirm"),
    path("export.xlsx", views_import.export_xlsx, name="export"),
    path("rapportage.xlsx", views_import.report_xlsx, name="report"),
    path("risicobereidheid/", views_appetite.appetite_overview, name="appetite"),
    path("sjabloon.xlsx", views_import.template_xlsx, name="template"),
]
