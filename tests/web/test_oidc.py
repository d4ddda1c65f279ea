# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on against a real OpenID Connect provider.

The provider is ``risicokompas.testidp`` (django-oidc-provider) in its own process on 127.0.0.1 with its own
database, started once for this module: it signs ID tokens with RS256 and Risicokompas (mozilla-django-oidc)
fetches its discovery document, exchanges the code, verifies the signature with its published keys and
reads the user info, all over HTTP. The browser's part at the provider (log in, authorise) is played with
``requests``; the browser's part at Risicokompas with Django's test client.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from io import StringIO
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from tests.fixtures import make_organisation, make_user

from risicokompas.organisations.models import ExternalIdentity, Membership
from risicokompas.security.models import SecurityEvent

Kind = SecurityEvent.Kind
PASSWORD = "idp-wachtwoord-1"
CLIENT_ID = "risicokompas-test"
CLIENT_SECRET = "test-secret"
SLUGS = ("test", "intern", "kapot", "verkeerd")
USERS = [
    f"anna:{PASSWORD}:anna@aadorp.nl:gemeente-aadorp:controller",
    f"bram:{PASSWORD}:bram@aadorp.nl",
    f"eva:{PASSWORD}:eva@elders.nl:gemeente-aadorp:controller",
    f"dirk:{PASSWORD}:dirk@aadorp.nl",
    f"fenna:{PASSWORD}:fenna@aadorp.nl:gemeente-bedorp:controller",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def issuer(tmp_path_factory):
    """The test provider, running for this module; its issuer URL."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "risicokompas.testidp",
        "--port",
        str(port),
        "--database",
        str(tmp_path_factory.mktemp("idp") / "idp.sqlite3"),
        "--client-id",
        CLIENT_ID,
        "--client-secret",
        CLIENT_SECRET,
    ]
    for slug in SLUGS:
        command += ["--redirect-uri", f"http://testserver/inloggen/sso/{slug}/terug/"]
    for user in USERS:
        command += ["--user", user]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "TESTIDP_FAST_HASHER": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/openid"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"the test OpenID Connect provider did not start:\n{output}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _provider(slug: str, name: str, issuer: str, **extra) -> dict:
    return {
        "slug": slug,
        "name": name,
        "issuer": issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scopes": "openid email profile",
        "roles_claim": "",
        "sign_algo": "RS256",
        "endpoints": {},
        **extra,
    }


@pytest.fixture
def sso(settings, issuer, db):
    """Risicokompas configured with providers at the test provider; Gemeente Aadorp allows aadorp.nl."""
    settings.OIDC_PROVIDERS = {
        # The roles claim decides the memberships.
        "test": _provider(
            "test", "Testprovider", issuer, scopes="openid email profile rk_roles", roles_claim="rk_roles"
        ),
        # No roles claim: the beheerder assigns roles in Risicokompas.
        "intern": _provider("intern", "Intern", issuer),
        # Wrong client secret: the provider refuses the code exchange.
        "kapot": _provider("kapot", "Kapot", issuer, client_secret="verkeerd-geheim"),
        # The ID token's issuer does not match the configured one.
        "verkeerd": _provider(
            "verkeerd",
            "Verkeerd",
            issuer + "-anders",
            endpoints={
                "authorization_endpoint": f"{issuer}/authorize",
                "token_endpoint": f"{issuer}/token",
                "userinfo_endpoint": f"{issuer}/userinfo",
                "jwks_uri": f"{issuer}/jwks",
            },
        ),
    }
    settings.MFA_ENFORCED = True
    organisation = make_organisation("Gemeente Aadorp", sso_domains=["aadorp.nl"])
    return organisation


def sso_login(client, slug: str, username: str, password: str = PASSWORD):
    """Click "Inloggen met …", log in at the provider, and follow its redirect back to Risicokompas."""
    start = client.get(f"/inloggen/sso/{slug}/")
    assert start.status_code == 302, start.content
    browser = requests.Session()
    response = browser.get(start["Location"], allow_redirects=False, timeout=10)
    assert response.status_code == 302
    login_url = urljoin(start["Location"], response.headers["Location"])
    assert urlsplit(login_url).path == "/login/"
    assert browser.get(login_url, timeout=10).ok
    posted = browser.post(
        login_url,
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": browser.cookies["testidp_csrftoken"],
            "next": parse_qs(urlsplit(login_url).query)["next"][0],
        },
        allow_redirects=False,
        timeout=10,
    )
    assert posted.status_code == 302, posted.text
    authorised = browser.get(
        urljoin(login_url, posted.headers["Location"]), allow_redirects=False, timeout=10
    )
    assert authorised.status_code == 302, authorised.text
    back = urlsplit(authorised.headers["Location"])
    assert (back.scheme, back.netloc, back.path) == ("http", "testserver", f"/inloggen/sso/{slug}/terug/")
    assert "code" in parse_qs(back.query)
    response = client.get(f"{back.path}?{back.query}")
    response.callback_url = f"{back.path}?{back.query}"
    return response


def _signed_in(client):
    return get_user_model().objects.filter(pk=client.session.get("_auth_user_id")).first()


def test_without_configuration_the_login_page_has_no_sso_and_the_urls_are_404(client, settings, db):
    settings.OIDC_PROVIDERS = {}
    page = client.get("/inloggen/")
    assert page.status_code == 200
    assert "Inloggen met" not in page.content.decode()
    assert client.get("/inloggen/sso/test/").status_code == 404
    assert client.get("/inloggen/sso/test/terug/?code=x&state=y").status_code == 404


def test_login_page_offers_each_provider(client, sso):
    page = client.get("/inloggen/").content.decode()
    assert "Inloggen met Testprovider" in page
    assert 'href="/inloggen/sso/test/"' in page
    assert "Inloggen met Intern" in page


def test_first_login_creates_the_person_with_the_claimed_role_and_the_next_login_finds_them_by_sub(
    client, sso
):
    response = sso_login(client, "test", "anna")
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = _signed_in(client)
    assert user is not None and user.email == "anna@aadorp.nl"
    assert not user.has_usable_password()
    identity = ExternalIdentity.objects.get(user=user)
    assert identity.provider == "test" and identity.subject
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (sso, Membership.Role.CONTROLLER)

    # A controller needs a second factor, but not in a session that came in through the provider.
    account = client.get("/account/")
    assert account.status_code == 200
    assert (
        "Je logt in via Testprovider; de tweede factor regelt je organisatie daar."
        in account.content.decode()
    )
    assert client.get("/").status_code == 200

    event = SecurityEvent.objects.get(kind=Kind.SSO_LOGIN)
    assert (event.actor_id, event.outcome, event.ip) == (user.pk, "success", "127.0.0.1")
    assert event.detail["provider"] == "test" and event.detail["sub"] == identity.subject
    assert event.detail["new_person"] is True
    assert event.organisation_id == sso.pk
    added = SecurityEvent.objects.get(kind=Kind.MEMBERSHIP_CHANGED)
    assert added.detail == {"change": "added", "source": "sso", "roles": ["controller"]}
    assert not SecurityEvent.objects.filter(kind=Kind.LOGIN).exists()  # recorded as SSO_LOGIN only

    client.logout()
    assert _signed_in(client) is None
    sso_login(client, "test", "anna")
    assert _signed_in(client) == user
    assert get_user_model().objects.filter(email="anna@aadorp.nl").count() == 1
    assert ExternalIdentity.objects.count() == 1
    logins = SecurityEvent.objects.filter(kind=Kind.SSO_LOGIN)
    assert logins.count() == 2
    assert "new_person" not in logins.first().detail


def test_the_roles_claim_decides_the_role_at_every_login(client, sso):
    sso_login(client, "test", "anna")
    user = _signed_in(client)
    membership = Membership.objects.get(user=user)
    membership.role = Membership.Role.LEZER  # changed in the application
    membership.save()
    client.logout()
    sso_login(client, "test", "anna")
    membership.refresh_from_db()
    assert membership.role == Membership.Role.CONTROLLER
    change = SecurityEvent.objects.get(kind=Kind.ROLES_CHANGED)
    assert change.detail["old"] == ["lezer"] and change.detail["new"] == ["controller"]


def test_without_a_roles_claim_the_new_person_is_medewerker_and_keeps_the_role_the_beheerder_gives(
    client, sso
):
    sso_login(client, "intern", "bram")
    user = _signed_in(client)
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (sso, Membership.Role.MEDEWERKER)
    membership.role = Membership.Role.RISK_OWNER
    membership.save()
    client.logout()
    sso_login(client, "intern", "bram")
    assert _signed_in(client) == user
    membership.refresh_from_db()
    assert membership.role == Membership.Role.RISK_OWNER


def test_a_domain_the_beheerder_did_not_allow_is_refused(client, sso):
    users_before = get_user_model().objects.count()
    response = sso_login(client, "test", "eva")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Het e-maildomein elders.nl is niet toegestaan voor inloggen via Testprovider." in page
    assert _signed_in(client) is None
    assert get_user_model().objects.count() == users_before
    assert not ExternalIdentity.objects.exists()
    event = SecurityEvent.objects.get(kind=Kind.SSO_REFUSED)
    assert (event.outcome, event.ip, event.actor) == ("denied", "127.0.0.1", "eva@elders.nl")
    assert event.detail["reason"] == "domain_not_allowed" and event.detail["provider"] == "test"


def test_a_roles_claim_without_a_role_in_an_organisation_that_allows_the_domain_is_refused(client, sso):
    make_organisation("Gemeente Bedorp")  # claimed, but it does not allow aadorp.nl
    response = sso_login(client, "test", "fenna")
    assert response.status_code == 403
    assert "Testprovider geeft u geen rol in een organisatie in Risicokompas" in response.content.decode()
    assert _signed_in(client) is None
    event = SecurityEvent.objects.get(kind=Kind.SSO_REFUSED)
    assert (event.detail["reason"], event.organisation_id) == ("no_role", sso.pk)


def test_a_local_account_with_the_same_email_is_never_taken_over(client, sso):
    local = make_user("dirk-lokaal", sso, "controller")
    local.email = "dirk@aadorp.nl"
    local.save()
    response = sso_login(client, "intern", "dirk")
    assert response.status_code == 403
    assert "Er bestaat al een account met het e-mailadres dirk@aadorp.nl" in response.content.decode()
    assert _signed_in(client) is None
    assert not ExternalIdentity.objects.exists()
    event = SecurityEvent.objects.get(kind=Kind.SSO_REFUSED)
    assert event.detail["reason"] == "email_in_use" and event.organisation_id == sso.pk


def test_a_deactivated_person_is_refused(client, sso):
    sso_login(client, "intern", "bram")
    user = _signed_in(client)
    client.logout()
    user.is_active = False
    user.save()
    response = sso_login(client, "intern", "bram")
    assert response.status_code == 403
    assert _signed_in(client) is None
    assert SecurityEvent.objects.get(kind=Kind.SSO_REFUSED).detail["reason"] == "inactive"


def test_a_wrong_client_secret_fails_at_the_token_exchange(client, sso):
    response = sso_login(client, "kapot", "bram")
    assert response.status_code == 403
    assert "Inloggen via Kapot is niet gelukt" in response.content.decode()
    assert _signed_in(client) is None
    event = SecurityEvent.objects.get(kind=Kind.SSO_LOGIN_FAILED)
    assert (event.outcome, event.detail["reason"], event.ip) == ("failure", "token", "127.0.0.1")


def test_an_id_token_from_another_issuer_is_rejected(client, sso):
    response = sso_login(client, "verkeerd", "bram")
    assert response.status_code == 403
    assert _signed_in(client) is None
    event = SecurityEvent.objects.get(kind=Kind.SSO_LOGIN_FAILED)
    assert event.detail["reason"] == "token" and "issuer" in event.detail["error"]


def test_a_replayed_callback_is_refused(client, sso):
    first = sso_login(client, "intern", "bram")
    client.logout()
    replay = client.get(first.callback_url)
    assert replay.status_code == 403
    assert _signed_in(client) is None
    assert SecurityEvent.objects.get(kind=Kind.SSO_LOGIN_FAILED).detail["reason"] == "state"


def test_a_callback_without_a_pending_request_fails(client, sso):
    response = client.get("/inloggen/sso/test/terug/?code=abc&state=verzonnen")
    assert response.status_code == 403
    assert SecurityEvent.objects.get(kind=Kind.SSO_LOGIN_FAILED).detail["reason"] == "state"
    denied = client.get("/inloggen/sso/test/terug/?error=access_denied&state=x")
    assert denied.status_code == 403
    assert SecurityEvent.objects.filter(kind=Kind.SSO_LOGIN_FAILED, detail__error="access_denied").exists()


def test_a_password_session_of_a_controller_still_needs_the_second_factor(client, settings, db):
    settings.MFA_ENFORCED = True
    organisation = make_organisation("Gemeente Aadorp")
    client.force_login(make_user("controller", organisation, "controller"))
    response = client.get("/account/")
    assert response.status_code == 302 and "/account/tweestapsverificatie/" in response["Location"]


def test_the_beheerder_sets_the_allowed_domains(client, db):
    organisation = make_organisation("Gemeente Aadorp")
    client.force_login(make_user("beheerder", organisation, "beheerder"))
    page = client.get("/beheer-organisatie/single-sign-on/")
    assert page.status_code == 200
    wrong = client.post("/beheer-organisatie/single-sign-on/", {"domains": "aadorp.nl\nniet een domein"})
    assert "Regel 2: niet een domein is geen domeinnaam" in wrong.content.decode()
    organisation.refresh_from_db()
    assert organisation.sso_domains == []
    client.post(
        "/beheer-organisatie/single-sign-on/", {"domains": " Aadorp.NL \n@gemeente-aadorp.nl\n\naadorp.nl"}
    )
    organisation.refresh_from_db()
    assert organisation.sso_domains == ["aadorp.nl", "gemeente-aadorp.nl"]
    event = SecurityEvent.objects.get(kind=Kind.SSO_DOMAINS_CHANGED)
    assert event.detail == {"old": [], "new": ["aadorp.nl", "gemeente-aadorp.nl"]}
    assert event.organisation_id == organisation.pk


def test_only_a_beheerder_sets_the_allowed_domains(client, db):
    organisation = make_organisation("Gemeente Aadorp")
    client.force_login(make_user("controller", organisation, "controller"))
    assert client.post("/beheer-organisatie/single-sign-on/", {"domains": "aadorp.nl"}).status_code == 403
    organisation.refresh_from_db()
    assert organisation.sso_domains == []


def test_the_operator_allows_a_domain_from_the_command_line(db):
    from django.core.management import CommandError, call_command

    organisation = make_organisation("Gemeente Aadorp")
    call_command("allow_sso_domain", "gemeente-aadorp", "Aadorp.nl", stdout=StringIO())
    organisation.refresh_from_db()
    assert organisation.sso_domains == ["aadorp.nl"]
    event = SecurityEvent.objects.get(kind=Kind.SSO_DOMAINS_CHANGED)
    assert (event.actor, event.organisation_id) == ("manage.py allow_sso_domain", organisation.pk)
    call_command("allow_sso_domain", "gemeente-aadorp", "aadorp.nl", "--remove", stdout=StringIO())
    organisation.refresh_from_db()
    assert organisation.sso_domains == []
    with pytest.raises(CommandError, match="geen domeinnaam"):
        call_command("allow_sso_domain", "gemeente-aadorp", "niet een domein")


def test_a_password_login_in_the_same_session_drops_the_sso_mark(client, sso):
    sso_login(client, "intern", "bram")
    user = _signed_in(client)
    user.set_password("Een-wachtwoord-123")  # e.g. set later through an invitation link
    user.save()
    assert client.session.get("rk_sso_provider") == "intern"
    client.post("/inloggen/", {"username": user.username, "password": "Een-wachtwoord-123"})
    assert _signed_in(client) == user
    assert "rk_sso_provider" not in client.session


def _env(monkeypatch, **values):
    for name, value in values.items():
        monkeypatch.setenv(name, value)


def test_providers_are_read_from_the_environment(monkeypatch):
    from risicokompas.conf.oidc import providers_from_env

    monkeypatch.delenv("OIDC_PROVIDERS", raising=False)
    assert providers_from_env(production=True) == {}
    _env(
        monkeypatch,
        OIDC_PROVIDERS="entra, gr-west",
        OIDC_ENTRA_NAME="Entra ID",
        OIDC_ENTRA_ISSUER="https://login.example.nl/tenant/v2.0/",
        OIDC_ENTRA_CLIENT_ID="rk",
        OIDC_ENTRA_CLIENT_SECRET="s",
        OIDC_GR_WEST_NAME="GR West",
        OIDC_GR_WEST_ISSUER="https://idp.grwest.nl",
        OIDC_GR_WEST_CLIENT_ID="rk2",
        OIDC_GR_WEST_CLIENT_SECRET="s2",
        OIDC_GR_WEST_ROLES_CLAIM="rk_roles",
        OIDC_GR_WEST_TOKEN_ENDPOINT="https://idp.grwest.nl/token",
    )
    providers = providers_from_env(production=True)
    assert list(providers) == ["entra", "gr-west"]
    assert providers["entra"]["issuer"] == "https://login.example.nl/tenant/v2.0"
    assert providers["entra"]["scopes"] == "openid email profile"
    assert providers["entra"]["sign_algo"] == "RS256"
    assert providers["gr-west"]["roles_claim"] == "rk_roles"
    assert providers["gr-west"]["endpoints"] == {"token_endpoint": "https://idp.grwest.nl/token"}


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"OIDC_PROVIDERS": "Entra ID"}, "not a short name"),
        ({"OIDC_PROVIDERS": "x"}, "OIDC_X_ISSUER must be set"),
        ({"OIDC_PROVIDERS": "x", "OIDC_X_ISSUER": "http://idp.nl"}, "https:// address in production"),
        (
            {"OIDC_PROVIDERS": "x", "OIDC_X_ISSUER": "https://idp.nl", "OIDC_X_SIGN_ALGO": "HS256"},
            "SIGN_ALGO='HS256'",
        ),
        ({"OIDC_PROVIDERS": "x", "OIDC_X_ISSUER": "https://idp.nl", "OIDC_X_NAME": "X"}, "OIDC_X_CLIENT_ID"),
    ],
)
def test_a_wrong_provider_setting_stops_start_up_with_its_name(monkeypatch, values, message):
    from django.core.exceptions import ImproperlyConfigured

    from risicokompas.conf.oidc import providers_from_env

    _env(monkeypatch, **values)
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        providers_from_env(production=True)


def test_the_beheerder_sees_who_logs_in_through_single_sign_on(client, sso, settings):
    sso_login(client, "intern", "bram")
    bram = Membership.objects.get(user=_signed_in(client))
    client.logout()
    settings.MFA_ENFORCED = False  # the beheerder below is signed in with force_login
    client.force_login(make_user("beheerder", sso, "beheerder"))
    people = client.get("/beheer-organisatie/").content.decode()
    assert "actief, via single sign-on" in people
    detail = client.get(f"/beheer-organisatie/mensen/{bram.pk}/").content.decode()
    assert "via Intern (single sign-on; de tweede factor regelt de organisatie daar)" in detail
    assert "Uitnodiging opnieuw sturen" not in detail
    client.post(f"/beheer-organisatie/mensen/{bram.pk}/uitnodiging/")
    assert not SecurityEvent.objects.filter(kind=Kind.INVITATION_RESENT).exists()
