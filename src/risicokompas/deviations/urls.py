# SPDX-License-Identifier: EUPL-1.2
"""Deviation URLs. There is deliberately no delete: a recorded deviation is part of the team's learning."""

from django.urls import path

from risicokompas.deviations import views, views_rules

app_name = "deviations"
urlpatterns = [
    path("", views.deviation_list, name="list"),
    path("nieuw/", views.deviation_create, name="create"),
    path("overleg/", views.agenda, name="agenda"),
    path("export/", views.export, name="export"),
    path("overzicht/", views.report, name="report"),
    path("<int:pk>/", views.deviation_detail, name="detail"),
    path("<int:pk>/status/", views.deviation_advance, name="advance"),
    path("<int:pk>/mandaat/", views.deviation_mandate, name="mandate"),
    path("<int:pk>/bespreken/", views.deliberate, name="deliberate"),
    path("<int:pk>/moresprudentie/", views.precedent_create, name="precedent_create"),
    path("regels/", views_rules.rule_list, name="rules"),
    path("regels/nieuw/", views_rules.rule_edit, name="rule_create"),
    path("regels/<int:pk>/", views_rules.rule_detail, name="rule"),
    path("regels/<int:pk>/wijzigen/", views_rules.rule_edit, name="rule_edit"),
    path("moresprudentie/", views_rules.precedent_list, name="precedents"),
    path("moresprudentie/<int:pk>/", views_rules.precedent_detail, name="precedent"),
    path("instellingen/", views_rules.settings_edit, name="settings"),
]
