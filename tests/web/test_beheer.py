# SPDX-License-Identifier: EUPL-1.2
"""The beheerder's "Beheer" menu: people, units, programma's, functions, the role page and their history."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.fixtures import PASSWORD, make_user

from risicokompas.organisations.models import Function, Membership, Programme, Unit
from risicokompas.organisations.rules import RULES
from risicokompas.ui.history import version_rows

pytestmark = pytest.mark.django_db
User = get_user_model()
BASE = "/beheer-organisatie/"


@pytest.fixture
def admin(cast):
    return make_user("beheerder", cast.org, "beheerder")


@pytest.fixture
def client_admin(admin, login):
    return login(admin)


def unit(org, name, kind, parent=None):
    return Unit.objects.create(organisation=org, name=name, kind=kind, parent=parent)


def upload(text: str, name: str = "mensen.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def page(response) -> str:
    return response.content.decode()


# Access ---------------------------------------------------------------------------------------------------

GET_PAGES = [
    "",
    "mensen/uitnodigen/",
    "mensen/bestand/",
    "onderdelen/",
    "programmas/",
    "functies/",
    "rollen/",
]


@pytest.mark.parametrize("path", GET_PAGES)
def test_every_beheer_page_opens_for_the_beheerder(client_admin, path):
    assert client_admin.get(BASE + path).status_code == 200


@pytest.mark.parametrize("path", GET_PAGES)
@pytest.mark.parametrize("who", ["controller", "owner", "employee", "reader"])
def test_other_roles_get_a_403(cast, login, path, who):
    assert login(getattr(cast, who)).get(BASE + path).status_code == 403


def _objects_of_other_org(cast):
    other = cast.other_org
    return {
        "mensen/{}/": cast.membership(cast.other_controller).pk,
        "onderdelen/{}/": unit(other, "Team Bedorp", Unit.Kind.TEAM).pk,
        "programmas/{}/": Programme.objects.create(organisation=other, name="Bestuur").pk,
        "functies/{}/": Function.objects.create(organisation=other, name="Griffier").pk,
    }


def test_another_organisations_person_unit_programme_and_function_are_a_404(cast, client_admin):
    for pattern, pk in _objects_of_other_org(cast).items():
        assert client_admin.get(BASE + pattern.format(pk)).status_code == 404, pattern
    person = cast.membership(cast.other_controller).pk
    for action in ("uitnodiging", "deactiveren", "activeren"):
        assert client_admin.post(f"{BASE}mensen/{person}/{action}/").status_code == 404
    cast.other_controller.refresh_from_db()
    assert cast.other_controller.is_active


def test_a_person_page_of_the_own_organisation_is_a_403_for_a_controller(cast, login):
    pk = cast.membership(cast.employee).pk
    client = login(cast.controller)
    assert client.get(f"{BASE}mensen/{pk}/").status_code == 403
    assert client.post(f"{BASE}mensen/{pk}/deactiveren/").status_code == 403
    cast.employee.refresh_from_db()
    assert cast.employee.is_active


def test_the_beheer_menu_is_in_the_navigation_only_for_a_beheerder(cast, login, admin):
    assert f'href="{BASE}"' in page(login(admin).get(BASE + "rollen/"))
    assert f'href="{BASE}"' not in page(login(cast.controller).get("/risicos/"))


def test_a_controller_who_is_also_beheerder_sees_both_menus_and_may_use_both(cast, login):
    membership = cast.membership(cast.controller)
    membership.extra_roles = ["beheerder"]
    membership.save()
    client = login(cast.controller)
    html = page(client.get("/risicos/"))
    assert f'href="{BASE}"' in html and "Instellingen" in html
    assert client.get(BASE).status_code == 200
    assert client.get("/organisatie/instellingen/").status_code == 200


# People ---------------------------------------------------------------------------------------------------


def test_the_people_list_shows_roles_unit_function_and_status(cast, client_admin):
    team = unit(cast.org, "Team Jeugd", Unit.Kind.TEAM)
    employee = cast.membership(cast.employee)
    employee.unit, employee.function, employee.extra_roles = team, "Beleidsmedewerker", ["lezer"]
    employee.save()
    cast.reader.is_active = False
    cast.reader.save()
    html = page(client_admin.get(BASE))
    assert "Team Jeugd" in html and "Beleidsmedewerker" in html
    assert "Medewerker, Lezer" in html
    assert "lezer (inactief)" in html


def test_inviting_someone_makes_an_account_without_password_and_mails_a_one_time_link(cast, client_admin):
    team = unit(cast.org, "Team Financiën", Unit.Kind.TEAM)
    Function.objects.create(organisation=cast.org, name="Controller")
    response = client_admin.post(
        BASE + "mensen/uitnodigen/",
        {
            "name": "Anna de Vries",
            "email": "Anna@Aadorp.nl",
            "function": "Controller",
            "role": "controller",
            "extra_roles": ["beheerder"],
            "unit": team.pk,
        },
        follow=True,
    )
    assert "anna@aadorp.nl is uitgenodigd" in page(response)
    user = User.objects.get(username="anna@aadorp.nl")
    assert (user.first_name, user.last_name, user.has_usable_password()) == ("Anna", "de Vries", False)
    membership = user.memberships.get()
    assert membership.organisation == cast.org
    assert membership.roles == {"controller", "beheerder"}
    assert (membership.unit, membership.team, membership.function) == (team, "Team Financiën", "Controller")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@aadorp.nl"]
    assert re.search(r"http://testserver/account/wachtwoord/\S+/\S+/", message.body)
    assert PASSWORD not in message.body


def test_inviting_an_existing_member_is_refused(cast, client_admin):
    cast.employee.email = "medewerker@aadorp.nl"
    cast.employee.username = "medewerker@aadorp.nl"
    cast.employee.save()
    response = client_admin.post(
        BASE + "mensen/uitnodigen/",
        {"name": "Mede Werker", "email": "medewerker@aadorp.nl", "role": "medewerker"},
    )
    assert response.status_code == 200
    assert "is al lid van Gemeente Aadorp" in page(response)
    assert mail.outbox == []


def test_resending_an_invitation_mails_a_new_link_and_is_recorded(cast, client_admin):
    client_admin.post(BASE + "mensen/uitnodigen/", {"name": "Bo", "email": "bo@aadorp.nl", "role": "lezer"})
    membership = Membership.objects.get(user__username="bo@aadorp.nl")
    response = client_admin.post(f"{BASE}mensen/{membership.pk}/uitnodiging/", follow=True)
    assert "opnieuw gemaild naar bo@aadorp.nl" in page(response)
    assert len(mail.outbox) == 2
    assert "Uitnodiging opnieuw verstuurd" in page(response)  # the history on the person page


def test_resending_to_someone_with_a_password_is_refused(cast, client_admin):
    pk = cast.membership(cast.employee).pk
    response = client_admin.post(f"{BASE}mensen/{pk}/uitnodiging/", follow=True)
    assert "heeft al een wachtwoord" in page(response)
    assert mail.outbox == []


def test_changing_roles_function_and_unit_is_recorded_old_to_new(cast, client_admin, admin):
    team = unit(cast.org, "Team Wonen", Unit.Kind.TEAM)
    Function.objects.create(organisation=cast.org, name="Teamleider")
    pk = cast.membership(cast.employee).pk
    response = client_admin.post(
        f"{BASE}mensen/{pk}/",
        {"role": "risico-eigenaar", "extra_roles": ["bestuur"], "function": "Teamleider", "unit": team.pk},
        follow=True,
    )
    assert "zijn opgeslagen" in page(response)
    membership = Membership.objects.get(pk=pk)
    assert membership.role == "risico-eigenaar" and membership.extra_roles == ["bestuur"]
    assert membership.team == "Team Wonen"
    rows = version_rows(membership.history.all())
    changes = {(c.label, c.old, c.new) for row in rows for c in row.changes}
    assert ("rol", "Medewerker", "Risico-eigenaar") in changes
    assert ("team of afdeling", "—", "Team Wonen") in changes
    assert rows[0].who == "beheerder"
    assert "Medewerker → Risico-eigenaar" in page(response)


def test_the_last_beheerder_keeps_the_role(cast, client_admin, admin):
    pk = admin.memberships.get().pk
    response = client_admin.post(f"{BASE}mensen/{pk}/", {"role": "controller"})
    assert "moet een beheerder houden" in page(response)
    assert admin.memberships.get().role == "beheerder"


def test_deactivating_signs_the_person_out_at_once_and_keeps_them_out(cast, client_admin):
    employee_client = Client()
    employee_client.force_login(cast.employee)
    assert employee_client.get("/meldingen/mijn/").status_code == 200
    pk = cast.membership(cast.employee).pk
    response = client_admin.post(f"{BASE}mensen/{pk}/deactiveren/", follow=True)
    assert "is gedeactiveerd" in page(response) and "1 sessie is beëindigd" in page(response)
    cast.employee.refresh_from_db()
    assert not cast.employee.is_active
    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(cast.employee.pk) not in sessions
    assert employee_client.get("/meldingen/mijn/").status_code == 302  # back to the login page
    login_attempt = Client().post("/inloggen/", {"username": "medewerker", "password": PASSWORD})
    assert login_attempt.status_code == 200 and "_auth_user_id" not in login_attempt.client.session
    assert "medewerker (inactief)" in page(client_admin.get(BASE))


def test_a_deactivated_person_is_inactief_in_every_history(cast, client_admin, login):
    pk = cast.membership(cast.employee).pk
    # the employee made a change that is in a history: their own membership saved while they were signed in
    Function.objects.create(organisation=cast.org, name="Oud")
    function = Function.objects.get(name="Oud")
    function.history.update(history_user=cast.employee)
    client_admin.post(f"{BASE}mensen/{pk}/deactiveren/")
    assert "medewerker (inactief)" in page(client_admin.get(BASE + "functies/"))


def test_reactivating_lets_the_person_in_again(cast, client_admin):
    pk = cast.membership(cast.employee).pk
    client_admin.post(f"{BASE}mensen/{pk}/deactiveren/")
    response = client_admin.post(f"{BASE}mensen/{pk}/activeren/", follow=True)
    assert "is weer actief" in page(response)
    cast.employee.refresh_from_db()
    assert cast.employee.is_active
    login_attempt = Client().post("/inloggen/", {"username": "medewerker", "password": PASSWORD})
    assert login_attempt.status_code == 302
    history = page(response)
    assert "Gedeactiveerd" in history and "Opnieuw geactiveerd" in history


def test_a_beheerder_cannot_deactivate_themselves(client_admin, admin):
    response = client_admin.post(f"{BASE}mensen/{admin.memberships.get().pk}/deactiveren/", follow=True)
    assert "niet deactiveren" in page(response)
    admin.refresh_from_db()
    assert admin.is_active


# Bulk invite ----------------------------------------------------------------------------------------------


def test_bulk_invite_from_csv_invites_everyone_with_roles_teams_and_functions(cast, client_admin):
    unit(cast.org, "Team Jeugd", Unit.Kind.TEAM)
    text = (
        "naam;e-mail;functie;rol;team\n"
        "Anna de Vries;anna@aadorp.nl;Controller;controller, beheerder;\n"
        "Bram Bakker;bram@aadorp.nl;Teamleider Jeugd;risico-eigenaar;team jeugd\n"
        "Cor Dijk;cor@aadorp.nl;;;\n"
    )
    response = client_admin.post(BASE + "mensen/bestand/", {"file": upload(text)}, follow=True)
    assert "3 mensen uitgenodigd (3 uitnodigingen gemaild)" in page(response)
    anna = Membership.objects.get(user__username="anna@aadorp.nl")
    bram = Membership.objects.get(user__username="bram@aadorp.nl")
    cor = Membership.objects.get(user__username="cor@aadorp.nl")
    assert anna.roles == {"controller", "beheerder"} and anna.role == "controller"
    assert (bram.role, bram.unit.name, bram.team, bram.function) == (
        "risico-eigenaar",
        "Team Jeugd",
        "Team Jeugd",
        "Teamleider Jeugd",
    )
    assert cor.role == "medewerker"
    assert len(mail.outbox) == 3
    assert set(Function.objects.filter(organisation=cast.org).values_list("name", flat=True)) == {
        "Controller",
        "Teamleider Jeugd",
    }


def test_bulk_invite_from_xlsx_with_a_title_above_the_header(cast, client_admin):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Medewerkers Gemeente Aadorp"])
    sheet.append(["Naam", "E-mail", "Functie", "Rol", "Team"])
    sheet.append(["Dirk Jansen", "dirk@aadorp.nl", "Wethouder", "bestuur", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("mensen.xlsx", buffer.getvalue())
    response = client_admin.post(BASE + "mensen/bestand/", {"file": file}, follow=True)
    assert "1 persoon uitgenodigd" in page(response)
    assert Membership.objects.get(user__username="dirk@aadorp.nl").role == "bestuur"


def test_bulk_invite_reports_every_problem_by_row_and_column_and_invites_nobody(cast, client_admin):
    cast.employee.username = "medewerker@aadorp.nl"
    cast.employee.save()
    text = (
        "naam,e-mail,functie,rol,team\n"
        "Anna de Vries,anna@aadorp.nl,Controller,controller,\n"
        ",geen-adres,,,\n"
        "Bram Bakker,bram@aadorp.nl,,directeur,\n"
        "Cor Dijk,cor@aadorp.nl,,,Team Onbekend\n"
        "Anna Twee,ANNA@aadorp.nl,,,\n"
        "Mede Werker,medewerker@aadorp.nl,,,\n"
    )
    response = client_admin.post(BASE + "mensen/bestand/", {"file": upload(text)})
    html = page(response)
    assert "Het bestand bevat 6 problemen; er is niemand uitgenodigd." in html
    assert "Rij 3, kolom naam: de naam ontbreekt" in html
    assert "Rij 3, kolom e-mail: ‘geen-adres’ is geen geldig e-mailadres" in html
    assert "Rij 4, kolom rol: onbekende rol ‘directeur’" in html
    assert "Rij 5, kolom team: onbekend team of afdeling ‘Team Onbekend’" in html
    assert "Rij 6, kolom e-mail: anna@aadorp.nl staat ook in rij 2" in html
    assert "Rij 7, kolom e-mail: medewerker@aadorp.nl is al lid van Gemeente Aadorp" in html
    assert not User.objects.filter(username__in=["anna@aadorp.nl", "cor@aadorp.nl"]).exists()
    assert Membership.objects.filter(organisation=cast.org).count() == 5  # the cast and the beheerder
    assert mail.outbox == []


def test_bulk_invite_without_a_header_or_with_a_wrong_file_says_so(client_admin):
    response = client_admin.post(BASE + "mensen/bestand/", {"file": upload("a;b\n1;2\n")})
    assert "Geen kopregel gevonden" in page(response)
    pdf = SimpleUploadedFile("mensen.pdf", b"%PDF-1.4 ...")
    response = client_admin.post(BASE + "mensen/bestand/", {"file": pdf})
    assert "PDF-document" in page(response)


def test_bulk_invite_refuses_a_file_over_the_limit(client_admin):
    big = upload("naam;e-mail\n" + "x" * (2 * 1024 * 1024 + 1))
    response = client_admin.post(BASE + "mensen/bestand/", {"file": big})
    assert "groter dan 2 MB" in page(response)
    assert User.objects.filter(username__contains="@").count() == 0


# Units, programma's, functions ----------------------------------------------------------------------------


def test_units_form_a_hierarchy_directie_afdeling_team(cast, client_admin):
    client_admin.post(BASE + "onderdelen/", {"name": "Directie Samenleving", "kind": "directie"})
    directie = Unit.objects.get(name="Directie Samenleving")
    client_admin.post(
        BASE + "onderdelen/", {"name": "Afdeling Zorg", "kind": "afdeling", "parent": directie.pk}
    )
    afdeling = Unit.objects.get(name="Afdeling Zorg")
    response = client_admin.post(
        BASE + "onderdelen/", {"name": "Team Wmo", "kind": "team", "parent": afdeling.pk}, follow=True
    )
    assert "Team Wmo is toegevoegd" in page(response)
    assert Unit.objects.get(name="Team Wmo").parent == afdeling
    html = page(response)
    assert html.index("Directie Samenleving") < html.index("Afdeling Zorg") < html.index("Team Wmo")


def test_a_unit_must_fall_under_a_higher_kind(cast, client_admin):
    afdeling = unit(cast.org, "Afdeling Zorg", Unit.Kind.DEPARTMENT)
    response = client_admin.post(
        BASE + "onderdelen/", {"name": "Directie X", "kind": "directie", "parent": afdeling.pk}
    )
    assert "Een directie kan niet onder een afdeling vallen" in page(response)
    assert not Unit.objects.filter(name="Directie X").exists()


def test_a_unit_cannot_become_lower_than_what_falls_under_it(cast, client_admin):
    directie = unit(cast.org, "Directie", Unit.Kind.DIRECTORATE)
    unit(cast.org, "Afdeling", Unit.Kind.DEPARTMENT, parent=directie)
    response = client_admin.post(f"{BASE}onderdelen/{directie.pk}/", {"name": "Directie", "kind": "team"})
    assert "valt eronder" in page(response)
    directie.refresh_from_db()
    assert directie.kind == Unit.Kind.DIRECTORATE


def test_renaming_a_unit_renames_the_team_of_its_members_and_is_recorded(cast, client_admin):
    team = unit(cast.org, "Team Jeugd", Unit.Kind.TEAM)
    owner = cast.membership(cast.owner)
    owner.unit, owner.team = team, team.name
    owner.save()
    response = client_admin.post(
        f"{BASE}onderdelen/{team.pk}/", {"name": "Team Jeugd en Gezin", "kind": "team"}, follow=True
    )
    owner.refresh_from_db()
    assert owner.team == "Team Jeugd en Gezin"
    assert "Team Jeugd → Team Jeugd en Gezin" in page(response)


def test_a_unit_with_people_or_parts_is_not_deleted(cast, client_admin):
    directie = unit(cast.org, "Directie", Unit.Kind.DIRECTORATE)
    team = unit(cast.org, "Team", Unit.Kind.TEAM, parent=directie)
    response = client_admin.post(f"{BASE}onderdelen/{directie.pk}/verwijderen/", follow=True)
    assert "er vallen nog onderdelen onder" in page(response)
    client_admin.post(f"{BASE}onderdelen/{team.pk}/verwijderen/")
    client_admin.post(f"{BASE}onderdelen/{directie.pk}/verwijderen/")
    assert not Unit.objects.filter(organisation=cast.org).exists()


def test_programmes_keep_their_order_and_move_up_and_down(cast, client_admin):
    for name in ("Bestuur", "Veiligheid", "Sociaal domein"):
        client_admin.post(BASE + "programmas/", {"name": name})
    names = lambda: list(Programme.objects.filter(organisation=cast.org).values_list("name", flat=True))  # noqa: E731
    assert names() == ["Bestuur", "Veiligheid", "Sociaal domein"]
    social = Programme.objects.get(name="Sociaal domein")
    client_admin.post(f"{BASE}programmas/{social.pk}/verplaatsen/", {"direction": "up"})
    assert names() == ["Bestuur", "Sociaal domein", "Veiligheid"]
    bestuur = Programme.objects.get(name="Bestuur")
    client_admin.post(f"{BASE}programmas/{bestuur.pk}/verplaatsen/", {"direction": "down"})
    assert names() == ["Sociaal domein", "Bestuur", "Veiligheid"]
    response = client_admin.post(
        f"{BASE}programmas/{bestuur.pk}/", {"name": "Bestuur en organisatie"}, follow=True
    )
    assert names() == ["Sociaal domein", "Bestuur en organisatie", "Veiligheid"]
    assert "Bestuur → Bestuur en organisatie" in page(response)
    client_admin.post(f"{BASE}programmas/{bestuur.pk}/verwijderen/")
    assert names() == ["Sociaal domein", "Veiligheid"]


def test_a_programme_name_is_unique_per_organisation(cast, client_admin):
    client_admin.post(BASE + "programmas/", {"name": "Bestuur"})
    response = client_admin.post(BASE + "programmas/", {"name": "bestuur"})
    assert "Er is al een programma met deze naam" in page(response)


def test_functions_are_added_renamed_with_their_members_and_deleted_only_when_unused(cast, client_admin):
    client_admin.post(BASE + "functies/", {"name": "Teamleider"})
    client_admin.post(BASE + "functies/", {"name": "Wethouder"})
    teamleider = Function.objects.get(name="Teamleider")
    owner = cast.membership(cast.owner)
    owner.function = "Teamleider"
    owner.save()
    response = client_admin.post(
        f"{BASE}functies/{teamleider.pk}/", {"name": "Teamleider Jeugd"}, follow=True
    )
    assert "Functie Teamleider heet nu Teamleider Jeugd (1 persoon bijgewerkt)" in page(response)
    owner.refresh_from_db()
    assert owner.function == "Teamleider Jeugd"
    response = client_admin.post(f"{BASE}functies/{teamleider.pk}/verwijderen/", follow=True)
    assert "nog in gebruik" in page(response)
    assert Function.objects.filter(pk=teamleider.pk).exists()
    wethouder = Function.objects.get(name="Wethouder")
    response = client_admin.post(f"{BASE}functies/{wethouder.pk}/verwijderen/", follow=True)
    assert "Functie Wethouder is verwijderd" in page(response)
    assert "Teamleider → Teamleider Jeugd" in page(response)


# The role page --------------------------------------------------------------------------------------------


def test_the_role_page_explains_every_rule_for_every_role(client_admin):
    html = page(client_admin.get(BASE + "rollen/"))
    for rule in RULES:
        assert html.count(f'data-action="{rule.action}"') == len(rule.roles | rule.team_roles), rule.action
        assert str(rule.description).replace("'", "&#x27;") in html
    for label in Membership.Role.labels:
        assert str(label) in html


def test_an_organisation_with_a_unit_hierarchy_can_be_deleted_whole(cast):
    directie = unit(cast.org, "Directie", Unit.Kind.DIRECTORATE)
    unit(cast.org, "Team", Unit.Kind.TEAM, parent=directie)
    cast.org.delete()
    assert not Unit.objects.exists()
