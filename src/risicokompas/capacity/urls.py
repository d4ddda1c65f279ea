# SPDX-License-Identifier: EUPL-1.2
"""URLs of the capacity app. The addresses people know stay where they were: the policy settings and
capacity items under /organisatie/, the paragraph's other inputs under /paragraaf/."""

from django.urls import path

from risicokompas.capacity import views, views_inputs

app_name = "capacity"
urlpatterns = [
    path("organisatie/instellingen/", views.settings_view, name="settings"),
    path("organisatie/instellingen/ratioschaal/", views.scale_view, name="scale"),
    path("organisatie/capaciteit/", views.capacity_list, name="capacity"),
    path("organisatie/capaciteit/nieuw/", views.capacity_create, name="capacity_create"),
    path("organisatie/capaciteit/<int:pk>/wijzigen/", views.capacity_edit, name="capacity_edit"),
    path("organisatie/capaciteit/<int:pk>/verwijderen/", views.capacity_delete, name="capacity_delete"),
    path("paragraaf/belastingcapaciteit/", views_inputs.capacity_tax, name="capacity_tax"),
    path("paragraaf/risicogroepen/", views_inputs.separate_list, name="separate"),
    path("paragraaf/risicogroepen/nieuw/", views_inputs.separate_create, name="separate_create"),
    path("paragraaf/risicogroepen/<int:pk>/wijzigen/", views_inputs.separate_edit, name="separate_edit"),
    path(
        "paragraaf/risicogroepen/<int:pk>/verwijderen/", views_inputs.separate_delete, name="separate_delete"
    ),
    path("paragraaf/kengetallen/", views_inputs.indicators, name="indicators"),
    path("paragraaf/kengetallen/nieuw/", views_inputs.indicator_year, name="indicator_year_new"),
    path("paragraaf/kengetallen/jaar/<int:year>/", views_inputs.indicator_year, name="indicator_year"),
    path(
        "paragraaf/kengetallen/jaar/<int:year>/<slug:kind>/",
        views_inputs.indicator_year,
        name="indicator_year",
    ),
    path("paragraaf/kengetallen/importeren/", views_inputs.indicator_import, name="indicator_import"),
    path("paragraaf/kengetallen/sjabloon.xlsx", views_inputs.indicator_template, name="indicator_template"),
    path("paragraaf/kengetallen/instellingen/", views_inputs.indicator_settings, name="indicator_settings"),
]
