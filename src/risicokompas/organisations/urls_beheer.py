# SPDX-License-Identifier: EUPL-1.2
"""The beheerder's "Beheer" menu, under /beheer-organisatie/ (/beheer/ is Django's admin, for operators)."""

from django.urls import path

from risicokompas.organisations import views_beheer as views
from risicokompas.organisations import views_security

app_name = "beheer"
urlpatterns = [
    path("", views.people_list, name="people"),
    path("mensen/uitnodigen/", views.person_invite, name="invite"),
    path("mensen/bestand/", views.people_import, name="import"),
    path("mensen/<int:pk>/", views.person_detail, name="person"),
    path("mensen/<int:pk>/uitnodiging/", views.person_resend, name="resend"),
    path("mensen/<int:pk>/deactiveren/", views.person_deactivate, name="deactivate"),
    path("mensen/<int:pk>/activeren/", views.person_reactivate, name="reactivate"),
    path("mensen/<int:pk>/tweede-stap-herstellen/", views.person_reset_mfa, name="reset_mfa"),
    path("mensen/<int:pk>/single-sign-on-ontkoppelen/", views.person_unlink_sso, name="unlink_sso"),
    path("onderdelen/", views.units, name="units"),
    path("onderdelen/<int:pk>/", views.unit_edit, name="unit_edit"),
    path("onderdelen/<int:pk>/verwijderen/", views.unit_delete, name="unit_delete"),
    path("programmas/", views.programmes, name="programmes"),
    path("programmas/<int:pk>/", views.programme_edit, name="programme_edit"),
    path("programmas/<int:pk>/verplaatsen/", views.programme_move, name="programme_move"),
    path("programmas/<int:pk>/verwijderen/", views.programme_delete, name="programme_delete"),
    path("functies/", views.functions, name="functions"),
    path("functies/<int:pk>/", views.function_edit, name="function_edit"),
    path("functies/<int:pk>/verwijderen/", views.function_delete, name="function_delete"),
    path("rollen/", views.roles, name="roles"),
    path("single-sign-on/", views.sso_domains, name="sso"),
    path("beveiligingslog/", views_security.security_log, name="security_log"),
    path("beveiligingslog.csv", views_security.security_log_csv, name="security_log_csv"),
]
