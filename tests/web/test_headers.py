# SPDX-License-Identifier: EUPL-1.2
"""Security headers: an enforced Content-Security-Policy without inline scripts, Permissions-Policy,
security.txt, and `check --deploy` clean with the production settings."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"


def directives(header: str) -> dict[str, list[str]]:
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def test_every_page_has_an_enforced_policy_without_inline_scripts(cast, login):
    response = login(cast.controller).get("/risicos/")
    assert "Content-Security-Policy-Report-Only" not in response.headers
    policy = directives(response.headers["Content-Security-Policy"])
    scripts = policy["script-src"]
    assert "'self'" in scripts and "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    nonce = next(source for source in scripts if source.startswith("'nonce-"))[len("'nonce-") : -1]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_the_login_page_has_the_policy_and_a_permissions_policy(client):
    response = client.get("/inloggen/")
    assert "Content-Security-Policy" in response.headers
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for template in SRC.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{template}: {tag}")
        offenders += [f"{template}: {m}" for m in re.findall(r"\son[a-z]+\s*=", text)]
        offenders += [f"{template}: {m}" for m in re.findall(r"hx-on\S*|javascript:", text)]
    assert offenders == []


def test_security_txt_names_a_contact_and_an_expiry(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Contact: {settings.SECURITY_CONTACT}" in text
    assert re.search(r"^Expires: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", text, re.MULTILINE)
    assert "Policy: " in text and "Canonical: " in text


def production_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "RISICOKOMPAS_"))
    }
    env.pop("DATABASE_URL", None)
    env.update(
        RISICOKOMPAS_ENV="production",
        DJANGO_SETTINGS_MODULE="risicokompas.conf.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="risicokompas.example.nl",
        RISICOKOMPAS_VAR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PYTHONPATH=str(SRC),
        **extra,
    )
    return env


def run_manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    result = run_manage(production_environment(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_redirect_to_https_with_hsts_and_read_the_proxy_header(tmp_path):
    env = production_environment(tmp_path, SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https")
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE, "
        "s.MFA_REQUIRED, s.MFA_ENFORCED)"
    )
    result = run_manage(env, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "True",
        "31536000",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "True",
        "True",
        "True",
    ]
