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
from django.test import Client
from tests.fixtures import PASSWORD as LOCAL_PASSWORD
from tests.fixtures import make_organisation, make_user

from risicokompas.organisations.models import ExternalIdentity, Membership
from risicokompas.security.models import SecurityEvent

Kind = SecurityEvent.Kind
PASSWORD = "idp-wachtwoord-1"
CLIENT_ID = "risicokompas-test"
CLIENT_SECRET = "test-secret"
SLUGS = ("test", "intern", "kapot", "verkeerd", "handmatig")
USERS = [
    f"anna:{PASSWORD}:anna@aadorp.nl:gemeente-aadorp:controller",
    f"bram:{PASSWORD}:bram@aadorp.nl",
    f"eva:{PASSWORD}:eva@elders.nl:gemeente-aadorp:controller",
    f"dirk:{PASSWORD}:dirk@aadorp.nl",
    f"fenna:{PASSWORD}:fenna@aadorp.nl:gemeente-bedorp:controller",
    f"gijs:{PASSWORD}:gijs@aadorp.nl",  # his e-mail address is not verified (--unverified-email)
    f"hanna:{PASSWORD}:hanna@aadorp.nl",
    f"kim:{PASSWORD}:kim@aadorp.nl",
]
LOGGED_OUT = "http://testserver/uitgelogd/"


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
    command += ["--unverified-email", "gijs", "--post-logout-redirect-uri", LOGGED_OUT]
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
        # Every endpoint configured and none for logout: logout ends the local session only.
        "handmatig": _provider(
            "handmatig",
            "Handmatig",
            issuer,
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


def sso_login(client, slug: str, username: str, password: str = PASSWORD, browser=None):
    """Click "Inloggen met …", log in at the provider, and follow its redirect back to Risicokompas.
    ``browser``: the browser's cookies at the provider (a fresh one by default)."""
    start = client.get(f"/inloggen/sso/{slug}/")
    assert start.status_code == 302, start.content
    return at_provider(client, start["Location"], slug, username, password, browser)


def at_provider(client, authorize_url: str, slug: str, username: str, password: str = PASSWORD, browser=None):
    """The browser at the provider: the login form (which must be asked), then back to Risicokompas."""
    browser = browser or requests.Session()
    response = browser.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302
    login_url = urljoin(authorize_url, response.headers["Location"])
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


def _local(username: str, email: str, organisation, role: str = "medewerker"):
    user = make_user(username, organisation, role)
    user.email = email
    user.save()
    return user


def test_a_verified_email_links_the_one_local_account_which_keeps_its_roles_and_password(client, sso):
    local = _local("dirk-lokaal", "Dirk@Aadorp.nl", sso, "controller")
    membership = Membership.objects.get(user=local)
    versions = membership.history.count()
    people = get_user_model().objects.count()

    response = sso_login(client, "intern", "dirk")
    assert response.status_code == 302 and response["Location"] == "/"
    assert _signed_in(client) == local  # the same account, no second person
    assert get_user_model().objects.count() == people
    identity = ExternalIdentity.objects.get()
    assert (identity.user, identity.provider, identity.email) == (local, "intern", "dirk@aadorp.nl")
    membership.refresh_from_db()
    assert (membership.pk, membership.role) == (Membership.objects.get(user=local).pk, "controller")
    assert membership.history.count() == versions
    linked = SecurityEvent.objects.get(kind=Kind.SSO_LINKED)
    assert (linked.actor_id, linked.outcome, linked.ip, linked.organisation_id) == (
        local.pk,
        "success",
        "127.0.0.1",
        sso.pk,
    )
    assert linked.detail["how"] == "verified_email" and linked.detail["sub"] == identity.subject
    assert linked.detail["provider"] == "intern" and linked.detail["issuer"].endswith("/openid")
    assert SecurityEvent.objects.get(kind=Kind.SSO_LOGIN).detail["linked"] is True

    # Without "alleen single sign-on" the password keeps working (and the second factor is asked).
    client.post("/uitloggen/")
    client.post("/inloggen/", {"username": "dirk-lokaal", "password": LOCAL_PASSWORD})
    assert _signed_in(client) == local
    assert "/account/tweestapsverificatie/" in client.get("/")["Location"]

    # The next SSO login finds the account by its sub; nothing is linked again.
    client.logout()
    sso_login(client, "intern", "dirk")
    assert _signed_in(client) == local
    assert SecurityEvent.objects.filter(kind=Kind.SSO_LINKED).count() == 1


def test_with_alleen_sso_the_password_of_a_linked_account_is_refused(client, sso):
    linked = _local("dirk-lokaal", "dirk@aadorp.nl", sso, "medewerker")
    ExternalIdentity.objects.create(user=linked, provider="intern", subject="42", email="dirk@aadorp.nl")
    other = _local("lokaal", "lokaal@aadorp.nl", sso, "medewerker")
    sso.sso_only = True
    sso.save()
    page = client.post("/inloggen/", {"username": "dirk-lokaal", "password": LOCAL_PASSWORD})
    assert page.status_code == 200
    assert "Uw account is gekoppeld aan single sign-on" in page.content.decode()
    assert "Log in via Intern." in page.content.decode()
    assert _signed_in(client) is None
    event = SecurityEvent.objects.get(kind=Kind.LOGIN_FAILED)
    assert (event.actor_id, event.outcome, event.detail) == (linked.pk, "denied", {"reason": "sso_only"})
    # A wrong password says nothing about the link.
    wrong = client.post("/inloggen/", {"username": "dirk-lokaal", "password": "fout"}).content.decode()
    assert "gekoppeld" not in wrong
    # An account that is not linked keeps its password.
    client.post("/inloggen/", {"username": "lokaal", "password": LOCAL_PASSWORD})
    assert _signed_in(client) == other


def test_the_beheerder_switches_alleen_sso_on_recorded(client, db):
    organisation = make_organisation("Gemeente Aadorp", sso_domains=["aadorp.nl"])
    client.force_login(make_user("beheerder", organisation, "beheerder"))
    client.post("/beheer-organisatie/single-sign-on/", {"domains": "aadorp.nl", "sso_only": "on"})
    organisation.refresh_from_db()
    assert organisation.sso_only is True
    event = SecurityEvent.objects.get(kind=Kind.SSO_ONLY_CHANGED)
    assert (event.detail, event.organisation_id) == ({"old": False, "new": True}, organisation.pk)
    assert not SecurityEvent.objects.filter(kind=Kind.SSO_DOMAINS_CHANGED).exists()


def test_an_unverified_email_is_never_linked(client, sso):
    _local("gijs-lokaal", "gijs@aadorp.nl", sso)
    people = get_user_model().objects.count()
    response = sso_login(client, "intern", "gijs")
    assert response.status_code == 403
    assert "Uw e-mailadres is bij Intern niet bevestigd." in response.content.decode()
    assert _signed_in(client) is None
    assert not ExternalIdentity.objects.exists()
    assert get_user_model().objects.count() == people
    event = SecurityEvent.objects.get(kind=Kind.SSO_REFUSED)
    assert (event.detail["reason"], event.outcome, event.ip) == ("email_unverified", "denied", "127.0.0.1")


def test_a_provider_that_does_not_say_the_email_is_verified_links_nothing(sso):
    """Some providers (Entra ID) send no ``email_verified``: absent is not verified."""
    from risicokompas.organisations import sso as sso_module

    _local("lokaal", "lokaal@aadorp.nl", sso)
    provider = sso_module.provider("intern")
    for claims in ({}, {"email_verified": "false"}, {"email_verified": 1}):
        with pytest.raises(sso_module.Refused) as refused:
            sso_module.sign_in(provider, {"sub": "x1", "email": "lokaal@aadorp.nl", **claims})
        assert refused.value.reason == "link_unverified"
        assert "bevestigt niet dat dit e-mailadres van u is" in refused.value.message
    assert not ExternalIdentity.objects.exists()


def test_two_accounts_with_the_address_are_never_linked(client, sso):
    _local("hanna-1", "hanna@aadorp.nl", sso)
    _local("hanna-2", "HANNA@aadorp.nl", sso)
    response = sso_login(client, "intern", "hanna")
    assert response.status_code == 403
    assert "Er zijn meerdere accounts met het e-mailadres hanna@aadorp.nl" in response.content.decode()
    assert _signed_in(client) is None and not ExternalIdentity.objects.exists()
    event = SecurityEvent.objects.get(kind=Kind.SSO_REFUSED)
    assert (event.detail["reason"], event.organisation_id) == ("link_ambiguous", sso.pk)


def test_an_account_also_in_an_organisation_that_did_not_allow_the_domain_is_never_linked(client, sso):
    bedorp = make_organisation("Gemeente Bedorp")  # does not allow aadorp.nl
    local = _local("dirk-lokaal", "dirk@aadorp.nl", sso)
    Membership.objects.create(user=local, organisation=bedorp, role="controller")
    response = sso_login(client, "intern", "dirk")
    assert response.status_code == 403
    assert "niet elke organisatie van dat account staat inloggen via single sign-on" in (
        response.content.decode()
    )
    assert _signed_in(client) is None and not ExternalIdentity.objects.exists()
    event = SecurityEvent.objects.get(kind=Kind.SSO_REFUSED)
    assert (event.detail["reason"], event.organisation_id) == ("link_not_allowed", bedorp.pk)


def test_an_account_only_in_an_organisation_that_did_not_allow_the_domain_is_never_linked(client, sso):
    bedorp = make_organisation("Gemeente Bedorp")
    _local("dirk-lokaal", "dirk@aadorp.nl", bedorp)
    response = sso_login(client, "intern", "dirk")
    assert response.status_code == 403
    assert not ExternalIdentity.objects.exists()
    assert SecurityEvent.objects.get(kind=Kind.SSO_REFUSED).detail["reason"] == "link_not_allowed"


def test_with_a_roles_claim_the_claim_decides_also_at_the_linking_login(client, sso):
    local = _local("anna-lokaal", "anna@aadorp.nl", sso, "lezer")
    sso_login(client, "test", "anna")
    assert _signed_in(client) == local
    assert Membership.objects.get(user=local).role == Membership.Role.CONTROLLER
    assert SecurityEvent.objects.get(kind=Kind.ROLES_CHANGED).detail["new"] == ["controller"]


def _link_from_account_page(client, slug: str, username: str, browser=None):
    page = client.get("/account/").content.decode()
    assert f'action="/account/single-sign-on/{slug}/koppelen/"' in page
    start = client.post(f"/account/single-sign-on/{slug}/koppelen/")
    assert start.status_code == 302
    assert parse_qs(urlsplit(start["Location"]).query)["prompt"] == ["login"]
    return at_provider(client, start["Location"], slug, username, browser=browser)


def test_a_signed_in_person_links_their_login_from_the_account_page(client, sso):
    local = _local("kim-lokaal", "kim@aadorp.nl", sso)
    client.post("/inloggen/", {"username": "kim-lokaal", "password": LOCAL_PASSWORD})
    # Someone else's session at the provider in this browser: the link asks for a fresh login anyway.
    browser = requests.Session()
    sso_login(Client(), "intern", "bram", browser=browser)
    response = _link_from_account_page(client, "intern", "kim", browser=browser)
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert _signed_in(client) == local
    identity = ExternalIdentity.objects.get(user=local)
    assert identity.provider == "intern"
    event = SecurityEvent.objects.get(kind=Kind.SSO_LINKED)
    assert (event.actor_id, event.ip, event.detail["how"]) == (local.pk, "127.0.0.1", "account_page")
    assert "Uw account is gekoppeld aan Intern" in client.get("/account/").content.decode()
    # Logout ends the provider session the link started; the next login through the provider finds
    # this account.
    assert "id_token_hint=" in client.post("/uitloggen/")["Location"]
    sso_login(client, "intern", "kim")
    assert _signed_in(client) == local


def test_linking_from_the_account_page_refuses_another_persons_login(client, sso, issuer):
    local = _local("kim-lokaal", "kim@aadorp.nl", sso)
    client.force_login(local)
    response = _link_from_account_page(client, "intern", "bram")
    assert response.status_code == 403
    assert "Koppelen met Intern is niet gelukt" in response.content.decode()
    assert "dat is niet het e-mailadres van uw account" in response.content.decode()
    assert not ExternalIdentity.objects.exists()
    assert _signed_in(client) == local
    event = SecurityEvent.objects.get(kind=Kind.SSO_REFUSED)
    assert (event.actor_id, event.detail["reason"]) == (local.pk, "link_email_mismatch")
    # Bram's provider session in this browser is ended at logout, although nothing was linked.
    assert client.post("/uitloggen/")["Location"].startswith(f"{issuer}/end-session?id_token_hint=")


def test_the_beheerder_sees_linked_accounts_and_removes_a_link(client, sso, settings):
    settings.MFA_ENFORCED = False
    dirk = _local("dirk-lokaal", "dirk@aadorp.nl", sso)
    ExternalIdentity.objects.create(user=dirk, provider="intern", subject="sub-dirk", email="dirk@aadorp.nl")
    member = Membership.objects.get(user=dirk)
    dirks_browser = Client()
    dirks_browser.force_login(dirk)
    beheerder = make_user("beheerder", sso, "beheerder")
    client.force_login(beheerder)
    overview = client.get("/beheer-organisatie/single-sign-on/").content.decode()
    assert "dirk@aadorp.nl" in overview and "Intern" in overview
    detail = client.get(f"/beheer-organisatie/mensen/{member.pk}/").content.decode()
    assert "gekoppeld op" in detail and "werkt ook (met de tweede factor)" in detail
    response = client.post(f"/beheer-organisatie/mensen/{member.pk}/single-sign-on-ontkoppelen/")
    assert response.status_code == 302
    assert not ExternalIdentity.objects.exists()
    assert _signed_in(dirks_browser) is None  # signed out everywhere
    event = SecurityEvent.objects.get(kind=Kind.SSO_UNLINKED)
    assert (event.actor_id, event.organisation_id, event.object_id) == (beheerder.pk, sso.pk, str(dirk.pk))
    assert event.detail == {"provider": "intern", "sub": "sub-dirk", "email": "dirk@aadorp.nl"}


def test_logout_of_an_sso_session_ends_the_provider_session_too(client, sso, issuer):
    browser = requests.Session()
    sso_login(client, "intern", "bram", browser=browser)
    token = client.session["oidc_id_token"]
    # The provider's session lets a next login through silently ...
    again = browser.get(client.get("/inloggen/sso/intern/")["Location"], allow_redirects=False, timeout=10)
    assert again.headers["Location"].startswith("http://testserver/inloggen/sso/intern/terug/?code=")

    response = client.post("/uitloggen/")
    assert _signed_in(client) is None
    end_session = urlsplit(response["Location"])
    assert f"{end_session.scheme}://{end_session.netloc}{end_session.path}" == f"{issuer}/end-session"
    query = parse_qs(end_session.query)
    assert query["id_token_hint"] == [token]
    assert query["post_logout_redirect_uri"] == [LOGGED_OUT]
    back = browser.get(response["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302 and back.headers["Location"] == LOGGED_OUT
    page = client.get("/uitgelogd/")
    assert page.status_code == 200 and "U bent uitgelogd" in page.content.decode()

    # ... and after logging out it asks for the password again (at_provider asserts the login form).
    assert sso_login(client, "intern", "bram", browser=browser).status_code == 302
    event = SecurityEvent.objects.filter(kind=Kind.LOGOUT).get()
    assert event.detail == {"provider": "intern", "provider_logout": True}
    assert event.ip == "127.0.0.1"


def test_a_password_session_keeps_the_plain_logout(client, sso):
    user = _local("lokaal", "lokaal@aadorp.nl", sso)
    client.post("/inloggen/", {"username": "lokaal", "password": LOCAL_PASSWORD})
    assert _signed_in(client) == user
    response = client.post("/uitloggen/")
    assert response.status_code == 302 and response["Location"] == "/inloggen/"
    assert _signed_in(client) is None
    assert SecurityEvent.objects.get(kind=Kind.LOGOUT).detail == {}
    assert client.get("/uitloggen/").status_code == 405


def test_a_provider_without_an_end_session_endpoint_gets_the_plain_logout(client, sso):
    sso_login(client, "handmatig", "bram")
    assert _signed_in(client) is not None
    response = client.post("/uitloggen/")
    assert response["Location"] == "/inloggen/"
    assert _signed_in(client) is None


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
        OIDC_GR_WEST_END_SESSION_ENDPOINT="https://idp.grwest.nl/logout",
    )
    providers = providers_from_env(production=True)
    assert list(providers) == ["entra", "gr-west"]
    assert providers["entra"]["issuer"] == "https://login.example.nl/tenant/v2.0"
    assert providers["entra"]["scopes"] == "openid email profile"
    assert providers["entra"]["sign_algo"] == "RS256"
    assert providers["gr-west"]["roles_claim"] == "rk_roles"
    assert providers["gr-west"]["endpoints"] == {
        "token_endpoint": "https://idp.grwest.nl/token",
        "end_session_endpoint": "https://idp.grwest.nl/logout",
    }


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
