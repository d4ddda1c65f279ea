# SPDX-License-Identifier: EUPL-1.2
"""URLs of the paragraph weerstandsvermogen, under /paragraaf/."""

from django.urls import path

from risicokompas.paragraph import views_inputs
from risicokompas.paragraph.urls_snapshots import snapshot_urlpatterns

app_name = "paragraph"

input_urlpatterns = [
    path("belastingcapaciteit/", views_inputs.capacity_tax, name="capacity_tax"),
    path("risicogroepen/", views_inputs.separate_list, name="separate"),
    path("risicogroepen/nieuw/", views_inputs.separate_create, name="separate_create"),
    path("risicogroepen/<int:pk>/wijzigen/", views_inputs.separate_edit, name="separate_edit"),
    path("risicogroepen/<int:pk>/verwijderen/", views_inputs.separate_delete, name="separate_delete"),
    path("kengetallen/", views_inputs.indicators, name="indicators"),
    path("kengetallen/jaar/<int:year>/", views_inputs.indicator_year, name="indicator_year"),
    path("kengetallen/importeren/", views_inputs.indicator_import, name="indicator_import"),
    path("kengetallen/sjabloon.xlsx", views_inputs.indicator_template, name="indicator_template"),
    path("kengetallen/instellingen/", views_inputs.indicator_settings, name="indicator_settings"),
]

urlpatterns = [*input_urlpatterns, *snapshot_urlpatterns]
