# SPDX-License-Identifier: EUPL-1.2
"""URLs of the paragraph's snapshots, under /paragraaf/ (its inputs live in the capacity app)."""

from django.urls import path

from risicokompas.paragraph import views_reports
from risicokompas.paragraph import views_snapshots as views

app_name = "paragraph"
urlpatterns = [
    path("momentopnamen/", views.snapshot_list, name="snapshots"),
    path("momentopnamen/nieuw/", views.snapshot_create, name="snapshot_create"),
    path("momentopnamen/vergelijken/", views.snapshot_compare, name="snapshot_compare"),
    path("momentopnamen/<int:pk>/", views.snapshot_detail, name="snapshot_detail"),
    path("momentopnamen/<int:pk>/vaststellen/", views.snapshot_approve, name="snapshot_approve"),
    path("momentopnamen/<int:pk>/aanbieden/", views.snapshot_offer, name="snapshot_offer"),
    path("momentopnamen/<int:pk>/teksten/", views.snapshot_texts, name="snapshot_texts"),
    path("momentopnamen/<int:pk>/gevoeligheid/", views.snapshot_sensitivity, name="snapshot_sensitivity"),
    path("momentopnamen/<int:pk>/wat-als/", views.snapshot_whatif, name="snapshot_whatif"),
    path(
        "momentopnamen/<int:pk>/paragraaf-maken/<str:format>/",
        views_reports.snapshot_report_job,
        name="snapshot_report_job",
    ),
    path(
        "momentopnamen/<int:pk>/paragraaf.<str:format>", views_reports.snapshot_report, name="snapshot_report"
    ),
]
