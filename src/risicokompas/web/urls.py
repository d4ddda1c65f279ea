# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from risicokompas.organisations import views_sso
from risicokompas.organisations.forms_login import PasswordLoginForm
from risicokompas.web import headers, health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("aan-de-slag/", views.getting_started, name="getting_started"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=PasswordLoginForm),
        name="login",
    ),
    path("uitloggen/", views_sso.LogoutView.as_view(), name="logout"),
    path("uitgelogd/", views_sso.logged_out, name="logged_out"),
    path("inloggen/sso/", include("risicokompas.organisations.urls_sso")),
    path("i18n/", include("django.conf.urls.i18n")),
    path(".well-known/security.txt", headers.security_txt, name="security_txt"),
    path("account/", include("risicokompas.organisations.urls_account")),
    path("organisatie/", include("risicokompas.organisations.urls")),
    path("beheer-organisatie/", include("risicokompas.organisations.urls_beheer")),
    path("", include("risicokompas.capacity.urls")),
    path("risicos/", include("risicokompas.risks.urls")),
    path("dashboard/", include("risicokompas.dashboard.urls")),
    path("meldingen/", include("risicokompas.signals.urls")),
    path("risicogesprekken/", include("risicokompas.conversations.urls")),
    path("afwijkingen/", include("risicokompas.deviations.urls")),
    path("leernetwerk/", include("risicokompas.network.urls")),
    path("paragraaf/", include("risicokompas.paragraph.urls")),
    path("kalibratie/", include("risicokompas.calibration.urls")),
    path("taken/", include("risicokompas.jobs.urls")),
    path("_healthz/livez", health.livez, name="livez"),
    path("_healthz/readyz", health.readyz, name="readyz"),
    path("api/v1/", include("risicokompas.api.urls")),
    path("beheer-organisatie/api-sleutels/", include("risicokompas.api.urls_beheer")),
    path("beheer/", admin.site.urls),
]

# Error pages in the site's style and language (risicokompas.web.errors).
handler403 = "risicokompas.web.errors.forbidden"
handler404 = "risicokompas.web.errors.not_found"
handler500 = "risicokompas.web.errors.server_error"
