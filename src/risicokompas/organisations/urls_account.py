# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from risicokompas.organisations import views_account

app_name = "account"
urlpatterns = [
    path("wachtwoord/<uidb64>/<token>/", views_account.SetPasswordView.as_view(), name="set_password"),
]
