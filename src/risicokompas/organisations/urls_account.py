# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.organisations import views_account, views_mfa, views_sso

app_name = "account"
urlpatterns = [
    path("", views_account.overview, name="overview"),
    path("wachtwoord/<uidb64>/<token>/", views_account.SetPasswordView.as_view(), name="set_password"),
    path("wachtwoord-wijzigen/", views_account.ChangePasswordView.as_view(), name="change_password"),
    path("tweestapsverificatie/", views_mfa.verify, name="mfa_verify"),
    path("tweestapsverificatie/instellen/", views_mfa.enrol, name="mfa_enrol"),
    path("tweestapsverificatie/herstelcodes/", views_mfa.recovery_codes, name="mfa_recovery_codes"),
    path("single-sign-on/<slug:slug>/koppelen/", views_sso.link_start, name="sso_link"),
]
