# SPDX-License-Identifier: EUPL-1.2
"""/api/v1/: the resources, the OpenAPI 3 document and the simulation."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from risicokompas.api import views

app_name = "api"

router = SimpleRouter()
router.register("risks", views.RiskViewSet, basename="risk")
router.register("measures", views.MeasureViewSet, basename="measure")
router.register("capacity-items", views.CapacityItemViewSet, basename="capacity-item")
router.register("signals", views.SignalViewSet, basename="signal")
router.register("snapshots", views.SnapshotViewSet, basename="snapshot")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("simulation", views.SimulationView.as_view(), name="simulation"),
    *router.urls,
    re_path(r"^.*$", views.not_found, name="not_found"),  # an unknown path: 404 as problem details too
]
