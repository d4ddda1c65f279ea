# SPDX-License-Identifier: EUPL-1.2
"""Django settings, all from environment variables with safe development defaults.

RISICOKOMPAS_ENV      development (default) | test | production
SECRET_KEY            required in production (the development key is refused there)
DATABASE_URL          e.g. postgres://user@127.0.0.1:5432/risicokompas; default SQLite in var/
ALLOWED_HOSTS         comma separated; default localhost names
SESSION_TIMEOUT       seconds of inactivity before logging out (default 3600)
AXES_FAILURE_LIMIT    failed logins before a lockout (default 5)
SECURITY_LOG_RETENTION_DAYS  days the security log keeps an event (default 365)
MFA_REQUIRED          a second factor for every account (default on in production; controller, bestuur
                      and beheerder always need one)
SECURE_PROXY_SSL_HEADER  behind a TLS-terminating proxy: the header and value it sets for HTTPS, e.g.
                      "HTTP_X_FORWARDED_PROTO,https" (only when the proxy always sets or strips it)
SECURE_SSL_REDIRECT   redirect http to https (default on in production)
SECURE_HSTS_SECONDS   Strict-Transport-Security max-age (default one year in production, 0 elsewhere)
SECURITY_CONTACT      where to report a vulnerability, for /.well-known/security.txt
EMAIL_BACKEND/EMAIL_HOST/…  Django's mail settings; console backend by default
REMINDERS_HOUR        the hour (local time) celery beat sends the daily reminders (default 7)
JOBS_STALE_MINUTES    a background job running (or waiting) this long lost its worker and is run again
                      (default 60); JOBS_MAX_ATTEMPTS (default 3) runs at most, then it fails with a reason
JOBS_RETENTION_DAYS   days a finished background job and its file are kept (default 30)
REDIS_URL             e.g. redis://127.0.0.1:6379/0: the cache and sessions shared by several app servers
                      (and the broker the readiness check pings); unset, they stay in the process/database
                      and background jobs run in-process. Set, it is Celery's broker and result backend
DASHBOARD_PRECOMPUTE_THREAD  without REDIS_URL: compute the dashboard in a thread after a change (default
                      on, except in the test environment)
CACHE_KEY_PREFIX      prefix of every cache key in Redis (default risicokompas), for several installations
SIMULATION_CACHE_HEADER  X-Simulation-Cache: hit/miss on simulating pages (default on outside production)
STATIC_ROOT           where collectstatic puts the static files WhiteNoise serves (default var/static)
RISICOKOMPAS_BASE_URL the address users reach the application at, for links in mails and printed by
                      createorganisation (default http://127.0.0.1:8000)
OIDC_PROVIDERS, OIDC_<NAME>_…  single sign-on with OpenID Connect (risicokompas.conf.oidc); unset: none
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from risicokompas.conf.env import env_bool, env_int, env_list, env_str
from risicokompas.conf.oidc import providers_from_env

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(env_str("RISICOKOMPAS_HOME", str(PACKAGE_DIR.parent.parent)))

ENVIRONMENT = env_str("RISICOKOMPAS_ENV", "development")
if ENVIRONMENT not in {"development", "test", "production"}:
    raise ImproperlyConfigured(f"RISICOKOMPAS_ENV={ENVIRONMENT!r}: use development, test or production")

DEVELOPMENT_SECRET_KEY = "development-only-not-secret-risicokompas"
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if ENVIRONMENT == "production" and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production (the development key is refused)")

DEBUG = env_bool("DEBUG", ENVIRONMENT == "development")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    "risicokompas.web.admin_site.AdminConfig",  # django.contrib.admin, for superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "risicokompas.web",
    "risicokompas.ui",
    "risicokompas.security",
    "risicokompas.organisations",
    "risicokompas.jobs",
    "risicokompas.capacity",
    "risicokompas.risks",
    "risicokompas.dashboard",
    "risicokompas.paragraph",
    "risicokompas.calibration",
    "risicokompas.signals",
    "risicokompas.conversations",
    "risicokompas.deviations",
    "risicokompas.network",
    "risicokompas.demo",
    "rest_framework",
    "drf_spectacular",
    "risicokompas.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "risicokompas.web.headers.PermissionsPolicyMiddleware",
    # Static files from STATIC_ROOT (after collectstatic) in every environment, gunicorn included.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "risicokompas.api.middleware.ApiVersionMiddleware",
    # Django's, except that a response may skip the save (filing a signal: security/sessions.py).
    "risicokompas.security.sessions.SessionMiddleware",
    "risicokompas.web.middleware.LanguageMiddleware",
    "risicokompas.web.middleware.RejectNulMiddleware",  # NUL in a parameter: a 400, never a database error
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A person signed out everywhere (deactivated, second factor reset, SSO link removed): also in Redis.
    "risicokompas.security.sessions.SessionCutoffMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): passed the second factor
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "risicokompas.organisations.middleware.CurrentOrganisationMiddleware",
    "risicokompas.organisations.middleware_mfa.SecondFactorMiddleware",
    # Who made a change, for the history of every model that keeps one (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "risicokompas.web.errors.FriendlyErrorsMiddleware",
    "risicokompas.web.middleware.SimulationCacheHeaderMiddleware",  # only with SIMULATION_CACHE_HEADER
]
#: X-Simulation-Cache: hit/miss on pages that simulate (outside production): shows a shared-cache hit.
SIMULATION_CACHE_HEADER = env_bool("SIMULATION_CACHE_HEADER", ENVIRONMENT != "production")

ROOT_URLCONF = "risicokompas.web.urls"
CSRF_FAILURE_VIEW = "risicokompas.web.errors.csrf_failure"
#: With DEBUG on, signed-in users get the Dutch 403/404 pages; set DEBUG_ERROR_PAGES=1 for Django's own.
DEBUG_ERROR_PAGES = env_bool("DEBUG_ERROR_PAGES", False)
WSGI_APPLICATION = "risicokompas.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "risicokompas.organisations.context.organisation",
            ],
        },
    },
]

VAR_DIR = Path(env_str("RISICOKOMPAS_VAR", str(BASE_DIR / "var")))
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'risicokompas.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Simultaneous saves wait for each other instead of failing with "database is locked": a transaction
    # takes the write lock when it starts (not halfway, where SQLite cannot wait), and readers never block
    # the writer (WAL). A lock that still times out is a 503 "probeer het opnieuw" (web.errors), never a 500.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL;"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if ENVIRONMENT == "test":
    # Tests create many users; a fast hasher keeps the suite quick. Never used outside tests.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
# One-time links to set a password (invitations, the first beheerder) work 72 hours and once.
PASSWORD_RESET_TIMEOUT = 72 * 3600
RISICOKOMPAS_BASE_URL = env_str("RISICOKOMPAS_BASE_URL", "http://127.0.0.1:8000")
LOGIN_REDIRECT_URL = "home"  # a home for every role (web.home)
LOGOUT_REDIRECT_URL = "login"

# The admin shows the history of a record but never restores an old version (that would bypass the
# services that record who changed what and why).
SIMPLE_HISTORY_REVERT_DISABLED = True

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Lock the account that is attacked, from whatever address, instead of the address: five typos by one person
# behind a town hall's proxy no longer lock out everyone there, and guessing one account's password from
# several addresses is stopped. The address is REMOTE_ADDR (as in the security log), never a client's
# X-Forwarded-For, which anyone can forge.
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 warns when no lockout is keyed on the address, because keys on user agent or cookies can be
# dodged by rotating them. Ours is keyed on the account alone, which rotating nothing dodges; keying on the
# address as well would bring back the town-hall lockout. (Spraying one password over many accounts from
# one address is not stopped by this; see docs and SECURITY.md.)
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# The security log (risicokompas.security) keeps events this many days; `manage.py prune_security_log`
# removes older ones (run it daily, e.g. from cron).
SECURITY_LOG_RETENTION_DAYS = env_int("SECURITY_LOG_RETENTION_DAYS", 365, minimum=1)

# The second factor (TOTP with recovery codes, organisations.mfa): for everyone when MFA_REQUIRED is on (the
# production default), always for controller, bestuur and beheerder. MFA_ENFORCED is off only for the test
# suite, whose tests log in with force_login; the MFA tests turn it on.
MFA_REQUIRED = env_bool("MFA_REQUIRED", ENVIRONMENT == "production")
MFA_ENFORCED = ENVIRONMENT != "test"
OTP_TOTP_ISSUER = "Risicokompas"

# Single sign-on (OpenID Connect, mozilla-django-oidc): slug → provider, from OIDC_PROVIDERS and
# OIDC_<NAME>_… (risicokompas.conf.oidc). Empty: the login page has no SSO buttons and /inloggen/sso/ is 404.
OIDC_PROVIDERS = providers_from_env(production=ENVIRONMENT == "production")
OIDC_TIMEOUT = 10  # seconds for each call to a provider (token, keys, user info, discovery)
# Logout of an SSO session also ends the provider's session (RP-initiated logout): the ID token is kept in
# the session and logout goes to the provider's end-session endpoint (organisations.oidc.logout_url).
OIDC_STORE_ID_TOKEN = True
OIDC_OP_LOGOUT_URL_METHOD = "risicokompas.organisations.oidc.logout_url"

SESSION_COOKIE_AGE = env_int("SESSION_TIMEOUT", 3600, minimum=60)
SESSION_SAVE_EVERY_REQUEST = True  # the timeout counts from the last request: an inactivity timeout
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = ENVIRONMENT == "production"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# HTTPS. Behind a proxy that terminates TLS, SECURE_PROXY_SSL_HEADER names the header it sets.
_proxy_header = env_list("SECURE_PROXY_SSL_HEADER", [])
if _proxy_header:
    if len(_proxy_header) != 2:
        raise ImproperlyConfigured(
            "SECURE_PROXY_SSL_HEADER: expected 'HEADER,value', e.g. HTTP_X_FORWARDED_PROTO,https"
        )
    SECURE_PROXY_SSL_HEADER = (_proxy_header[0], _proxy_header[1])
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", ENVIRONMENT == "production")
SECURE_REDIRECT_EXEMPT = [r"^_healthz/"]  # load balancer probes speak plain http
SECURE_HSTS_SECONDS = env_int(
    "SECURE_HSTS_SECONDS", 365 * 24 * 3600 if ENVIRONMENT == "production" else 0, minimum=0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp), enforced: scripts only from our own origin (no inline scripts; a
# nonce for the one script tag), nothing framed, forms only to ourselves. Styles allow inline because the
# SVG charts (matplotlib) carry style attributes and a <style> block, and htmx adds its indicator style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SECURITY_CONTACT = env_str("SECURITY_CONTACT", "mailto:security@risicokompas.nl")
SECURITY_POLICY_URL = env_str(
    "SECURITY_POLICY_URL", "https://github.com/risicokompas/risicokompas/blob/main/SECURITY.md"
)

LANGUAGE_CODE = "nl"
# Dutch by default; English when a user chooses it in the footer. tests/test_translations.py fails on any
# text the English catalogue lacks, so the choice never gives a half-English page.
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # years and ids must not read "2.027"; amounts use explicit filters

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("nlds/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("nlds/fonts/source-sans-3", NODE_MODULES / "@fontsource" / "source-sans-3"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STATICFILES_DIRS = [(prefix, path) for prefix, path in STATICFILES_DIRS if path.exists()]
# WhiteNoise serves the collected files; in production with content hashes in their names (cached for a
# year) and compressed. A file a template names that was not collected is a broken link, not a 500.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if ENVIRONMENT == "production"
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MANIFEST_STRICT = False

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "risicokompas@localhost")

# LOG_FORMAT=json writes one JSON object per line (risicokompas.conf.logformat); the default is plain text.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT moet 'text' of 'json' zijn, niet {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "risicokompas.conf.logformat.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Redis (redis://127.0.0.1:6379/0): shared by several app servers; unset, everything stays in-process.
# With Redis the cache (the simulation results keyed by input hash, the charts) and the sessions live there,
# so any app server continues a session and reuses a result another computed. Without it: Django's
# per-process memory cache and sessions in the database, as `make run` needs.
REDIS_URL = env_str("REDIS_URL", "")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "risicokompas")  # several installations on one Redis
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 24 * 3600,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

# Background jobs (risicokompas.jobs) on Celery, with Redis as broker and result backend: start a worker
# (`celery -A risicokompas.conf.celery worker`) and, for the daily reminders, beat (docs/deployment.md).
# Without REDIS_URL there is no worker: every job runs at once in the process that starts it.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# Without a worker, a change to the register has this process compute the dashboard in a thread of its own
# after the change commits (dashboard.precompute): the next dashboard load finds it in the cache. Off in
# the test environment, where tests decide when work happens.
DASHBOARD_PRECOMPUTE_THREAD = env_bool("DASHBOARD_PRECOMPUTE_THREAD", not REDIS_URL and ENVIRONMENT != "test")
CELERY_TASK_ACKS_LATE = True  # a job whose worker died is delivered again (job functions are idempotent)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 24 * 3600
# The sweeper (every 15 minutes) runs again what a dead worker left, fails it after the last attempt and
# removes finished jobs after the retention period.
JOBS_STALE_MINUTES = env_int("JOBS_STALE_MINUTES", 60, minimum=1)
JOBS_MAX_ATTEMPTS = env_int("JOBS_MAX_ATTEMPTS", 3, minimum=1)
JOBS_RETENTION_DAYS = env_int("JOBS_RETENTION_DAYS", 30, minimum=1)
# `celery -A risicokompas.conf.celery beat`: the daily reminders to risk owners (instead of cron running
# `manage.py send_reminders`; at most one mail per owner per day either way).
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "taken-opruimen": {
        "task": "risicokompas.jobs.periodic",
        "schedule": crontab(minute="*/15"),
        "args": ("jobs.sweep", "Achtergrondtaken nalopen en opruimen"),
    },
    "herinneringen": {
        "task": "risicokompas.jobs.periodic",
        "schedule": crontab(hour=env_int("REMINDERS_HOUR", 7, minimum=0), minute=0),  # local time
        "args": ("risks.reminders", "Herinneringen aan risico-eigenaren"),
    },
    # Every learning network's benchmark and pooled calibration, recomputed at night (release rule applies).
    "leernetwerken": {
        "task": "risicokompas.jobs.periodic",
        "schedule": crontab(hour=3, minute=0),  # local time
        "args": ("network.recompute", "Benchmark en gezamenlijke kalibratie van de leernetwerken"),
    },
    # Anonymous signals are announced to the triagers once a day, never at the moment of filing.
    "anonieme-meldingen": {
        "task": "risicokompas.jobs.periodic",
        "schedule": crontab(hour=env_int("REMINDERS_HOUR", 7, minimum=0), minute=5),  # local time
        "args": ("signals.announce", "Aankondiging van anonieme meldingen"),
    },
}

# The REST API under /api/v1/ (risicokompas.api): API keys only, errors as problem details, paged lists.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["risicokompas.api.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["risicokompas.api.authentication.HasScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "risicokompas.api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "risicokompas.api.problems.handle",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Risicokompas API",
    "DESCRIPTION": "Risico's, maatregelen, weerstandscapaciteit, meldingen, momentopnamen en simulatie.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}
