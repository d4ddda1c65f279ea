# Risicokompas: one Makefile, the targets CI calls (lint, test, test-postgres; bench by hand).
# `make install` sets up a fresh machine: virtualenv, Python packages, npm packages, compiled
# translations and (for the browser tests) Debian's Chromium. Each step leaves a stamp, so a repeated
# `make test` only runs the tests.
PYTHON   ?= python3
VENV     ?= .venv
PY       := $(VENV)/bin/python
STAMP    := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CHROMIUM ?= /usr/bin/chromium
PDFTOTEXT ?= /usr/bin/pdftotext
SYSLIBS  := $(VENV)/.system-libs
PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/risicokompas
REDIS_SERVER ?= /usr/bin/redis-server
# Database 15 of the local Redis, away from a development instance's data.
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install run run-sso test test-postgres test-redis worker lint format bench messages clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# npm ci when the lockfile is committed (reproducible), npm install otherwise.
$(NODE_STAMP): package.json $(wildcard package-lock.json)
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
	touch $(NODE_STAMP)

# compilemessages walks the whole tree: keep it out of the virtualenv and node_modules.
%.mo: %.po $(STAMP)
	$(PY) manage.py compilemessages --ignore $(VENV) --ignore node_modules --ignore .git -v0

# The browser tests drive Debian's Chromium (never a downloaded browser). Without apt, or when the
# install fails, they are skipped with a reason; everything else still runs.
$(CHROMIUM):
	if command -v apt-get >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium \
		|| echo "WARNING: could not install chromium with apt-get; the browser tests will be skipped"; \
	else \
		echo "WARNING: $(CHROMIUM) is missing and apt-get is unavailable; the browser tests will be skipped"; \
	fi

# WeasyPrint (the PDF paragraph) needs Pango from the system; Debian machines usually have it.
$(SYSLIBS): | $(STAMP)
	if ! ldconfig -p | grep -q 'libpango-1.0.so'; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 \
		|| echo "WARNING: could not install Pango; PDF reports will not work"; \
	fi
	touch $(SYSLIBS)

# The report tests read PDF text with pdftotext (poppler-utils); without it those tests are skipped.
$(PDFTOTEXT):
	if command -v apt-get >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils \
		|| echo "WARNING: could not install poppler-utils; the PDF text tests will be skipped"; \
	else \
		echo "WARNING: $(PDFTOTEXT) is missing and apt-get is unavailable; the PDF text tests will be skipped"; \
	fi

# Redis for the shared cache and sessions of several app servers (REDIS_URL); without it the Redis tests are
# skipped and `make run` keeps the in-process cache.
$(REDIS_SERVER):
	if command -v apt-get >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq redis-server \
		|| echo "WARNING: could not install redis-server; the Redis tests will be skipped"; \
	else \
		echo "WARNING: $(REDIS_SERVER) is missing and apt-get is unavailable; the Redis tests will be skipped"; \
	fi

install: $(STAMP) $(NODE_STAMP) $(MO_FILES) $(SYSLIBS) $(CHROMIUM) $(PDFTOTEXT) $(REDIS_SERVER)

# With DEBUG on (the development default) runserver serves the static files itself: no collectstatic.
run: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo && $(PY) manage.py load_network_demo && $(PY) manage.py load_demo_awareness \
		&& $(PY) manage.py load_demo_history
	$(PY) manage.py runserver 127.0.0.1:8000

# `make run` with single sign-on: the test OpenID Connect provider (risicokompas.testidp) on 127.0.0.1:8001
# and Risicokompas connected to it; Gemeente Voorbeeldrecht allows voorbeeldrecht.nl. Log in with
# "Inloggen met Testprovider" as sanne, kees or eva (docs/deployment.md, "Single sign-on").
SSO_ENV := OIDC_PROVIDERS=test OIDC_TEST_NAME=Testprovider OIDC_TEST_ISSUER=http://127.0.0.1:8001/openid \
	OIDC_TEST_CLIENT_ID=risicokompas OIDC_TEST_CLIENT_SECRET=test-provider-niet-geheim \
	OIDC_TEST_SCOPES="openid email profile rk_roles" OIDC_TEST_ROLES_CLAIM=rk_roles
run-sso: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo && $(PY) manage.py load_network_demo && $(PY) manage.py load_demo_history
	$(PY) manage.py allow_sso_domain gemeente-voorbeeldrecht voorbeeldrecht.nl
	$(PY) -m risicokompas.testidp --port 8001 & idp=$$!; trap "kill $$idp" EXIT INT TERM; \
		$(SSO_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) -m pytest -q

# The same suite on PostgreSQL; pytest-django creates (and drops) test_risicokompas.
test-postgres: install
	DATABASE_URL=$(POSTGRES_URL) $(PY) -m pytest -q

# The tests that depend on the cache and sessions again with both in Redis (needs Redis on 127.0.0.1:6379),
# a real Celery worker running a background job, and two gunicorn servers sharing one PostgreSQL (at
# 127.0.0.1:5432) and Redis (test_two_app_servers).
test-redis: install
	REDIS_URL=$(REDIS_TEST_URL) $(PY) -m pytest -q tests/web/test_shared_cache.py tests/web/test_operations.py \
		tests/web/test_dashboard.py tests/api tests/jobs/test_redis_worker.py tests/web/test_two_app_servers.py \
		tests/web/test_simulation_busy.py

# A Celery worker and the daily schedule (beat) for the background jobs, on Redis (needs REDIS_URL).
worker: install
	$(VENV)/bin/celery -A risicokompas.conf.celery worker --loglevel=INFO --beat

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# dashboard_bench: the dashboard's first load after a change at 2.000 risks (SQLite and PostgreSQL);
# load_test: mixed roles on a generated national dataset (5.000 risks, 40 organisations) for 60 s.
bench: install
	$(PY) bench/engine_bench.py
	if [ -f bench/web_bench.py ]; then $(PY) bench/web_bench.py; fi
	$(PY) bench/dashboard_bench.py
	$(PY) bench/load_test.py

# Refresh the English catalogue after changing texts (then translate the new msgids).
messages: install
	$(PY) manage.py makemessages -l en --ignore $(VENV) --ignore node_modules --ignore var \
		--ignore 'tests/*' --ignore 'bench/*'

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache .ruff_cache $(NODE_STAMP) $(MO_FILES)
