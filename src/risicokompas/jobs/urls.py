# SPDX-License-Identifier: EUPL-1.2
"""URLs of background jobs, under /taken/."""

from django.urls import path

from risicokompas.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/status/", views.job_status, name="status"),
    path("<int:pk>/bestand/", views.job_download, name="download"),
    path("<int:pk>/opnieuw/", views.job_retry, name="retry"),
]
