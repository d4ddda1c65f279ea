# SPDX-License-Identifier: EUPL-1.2
"""``manage.py createorganisation``: the organisation, its first beheerder and a one-time link."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from tests.fixtures import make_user

from risicokompas.organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def _create(*extra: str, name: str = "Gemeente Proefdorp") -> str:
    out = StringIO()
    call_command(
        "createorganisation",
        name,
        "--type",
        "gemeente",
        "--code",
        "GM9999",
        "--admin-email",
        "Beheer@Proefdorp.nl",
        *extra,
        stdout=out,
    )
    return out.getvalue()


def test_it_creates_the_organisation_its_beheerder_and_prints_a_link(settings):
    settings.RISICOKOMPAS_BASE_URL = "https://risicokompas.proefdorp.nl"
    output = _create()
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.kind, organisation.code) == (
        "Gemeente Proefdorp",
        "gemeente",
        "GM9999",
    )
    admin = get_user_model().objects.get()
    assert admin.username == admin.email == "beheer@proefdorp.nl"
    assert not admin.has_usable_password()
    membership = Membership.objects.get()
    assert (membership.user, membership.organisation, membership.role) == (admin, organisation, "beheerder")
    link = output.strip().splitlines()[-1]
    assert link.startswith("https://risicokompas.proefdorp.nl/account/wachtwoord/")
    assert "72 uur" in output


def test_the_base_url_option_wins_over_the_setting():
    link = _create("--base-url", "http://rk.test:8080/").strip().splitlines()[-1]
    assert link.startswith("http://rk.test:8080/account/wachtwoord/")


def test_the_printed_link_sets_the_beheerders_password(client):
    link = _create("--base-url", "http://testserver").strip().splitlines()[-1]
    response = client.get(link.removeprefix("http://testserver"), follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Proefdorp-start-2025", "new_password2": "Proefdorp-start-2025"},
    )
    assert response.status_code == 302
    response = client.post(
        "/inloggen/", {"username": "beheer@proefdorp.nl", "password": "Proefdorp-start-2025"}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == get_user_model().objects.get().pk


@pytest.mark.parametrize(
    ("option", "kind"),
    [("provincie", "provincie"), ("waterschap", "waterschap"), ("gemeenschappelijke-regeling", "gr")],
)
def test_each_type_maps_to_an_organisation_kind(option, kind):
    call_command(
        "createorganisation", "Organisatie X", "--type", option, "--admin-email", "x@x.nl", stdout=StringIO()
    )
    assert Organisation.objects.get().kind == kind


def test_an_unknown_type_is_refused():
    with pytest.raises(CommandError):
        call_command(
            "createorganisation", "X", "--type", "stad", "--admin-email", "x@x.nl", stdout=StringIO()
        )
    assert not Organisation.objects.exists()


def test_running_it_twice_for_the_same_code_is_a_clear_error_and_creates_nothing():
    _create()
    with pytest.raises(
        CommandError, match="Er bestaat al een organisatie met code GM9999: Gemeente Proefdorp"
    ):
        _create(name="Gemeente Proefdorp-Nieuw")
    assert Organisation.objects.count() == 1
    assert Membership.objects.count() == 1
    assert get_user_model().objects.count() == 1


def test_the_same_name_is_a_clear_error_too():
    _create()
    with pytest.raises(CommandError, match="al een organisatie met de naam"):
        call_command(
            "createorganisation",
            "gemeente proefdorp",
            "--type",
            "gemeente",
            "--admin-email",
            "b@b.nl",
            stdout=StringIO(),
        )
    assert Organisation.objects.count() == 1
    assert not get_user_model().objects.filter(username="b@b.nl").exists()


def test_an_invalid_email_is_refused_in_dutch():
    with pytest.raises(CommandError, match="geen geldig e-mailadres"):
        call_command(
            "createorganisation", "X", "--type", "gemeente", "--admin-email", "beheer", stdout=StringIO()
        )
    assert not Organisation.objects.exists()


def test_an_existing_account_becomes_beheerder_without_a_new_link():
    other = Organisation.objects.create(name="Gemeente Elders", slug="elders")
    existing = make_user("beheer@proefdorp.nl", other, "controller")
    output = _create()
    assert "wachtwoord/" not in output
    assert "had al een account" in output
    assert existing.check_password("correct-horse-battery-staple")
    assert set(existing.memberships.values_list("organisation__name", "role")) == {
        ("Gemeente Elders", "controller"),
        ("Gemeente Proefdorp", "beheerder"),
    }


def test_a_slug_taken_by_another_name_gets_a_suffix():
    Organisation.objects.create(name="Gemeente Proefdorp (oud)", slug="gemeente-proefdorp")
    _create()
    assert Organisation.objects.get(code="GM9999").slug == "gemeente-proefdorp-2"
