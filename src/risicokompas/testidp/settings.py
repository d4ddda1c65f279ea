# SPDX-License-Identifier: EUPL-1.2
"""Settings of the test OpenID Connect provider: its own process, its own SQLite database, its own cookies
(so it can run next to Risicokompas on 127.0.0.1 without sharing a session)."""

from __future__ import annotations

import os
import secrets

SECRET_KEY = os.environ.get("TESTIDP_SECRET_KEY") or secrets.token_urlsafe(40)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
    "risicokompas.testidp",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "risicokompas.testidp.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("TESTIDP_DATABASE", "testidp.sqlite3"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# TESTIDP_FAST_HASHER=1 (the test suite): a fast hasher for the fictitious users, so logins stay quick.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher"
    if os.environ.get("TESTIDP_FAST_HASHER")
    else "django.contrib.auth.hashers.PBKDF2PasswordHasher"
]
USE_TZ = True
LOGIN_URL = "/login/"
SESSION_COOKIE_NAME = "testidp_session"
CSRF_COOKIE_NAME = "testidp_csrftoken"

# The claims: e-mail (verified), name, and the roles claim "rk_roles" (the user's group names, such as
# "gemeente-voorbeeldrecht:controller") for the scope "rk_roles".
OIDC_USERINFO = "risicokompas.testidp.claims.userinfo"
OIDC_EXTRA_SCOPE_CLAIMS = "risicokompas.testidp.claims.RolesClaims"
OIDC_IDTOKEN_INCLUDE_CLAIMS = True
