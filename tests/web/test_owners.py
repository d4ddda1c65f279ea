# SPDX-License-Identifier: EUPL-1.2
"""Owners are people: a member shown with their function, or a function without an account; the risk form,
the register filter, and the import's eigenaar column (member by e-mail or name, else text, never dropped)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.fixtures import make_risk, make_user

from risicokompas.organisations.models import Function
from risicokompas.registerfile import register_to_bytes
from risicokompas.risks import exporting, importing
from risicokompas.risks.display import owner_name
from risicokompas.risks.models import Risk
from risicokompas.risks.owners import Directory

HEADER = "Id;Risico;Kans;Maximaal financieel gevolg (€);Eigenaar\r\n"


def name(user, first: str, last: str, email: str = "", function: str = ""):
    user.first_name, user.last_name, user.email = first, last, email
    user.save()
    membership = user.memberships.get()
    membership.function = function
    membership.save()
    return membership


def csv_upload(organisation, *lines):
    return importing.read_upload((HEADER + "".join(lines)).encode(), "register.csv", organisation)


def plan_for(organisation, *lines):
    file_risks = csv_upload(organisation, *lines)
    return importing.build_plan(organisation, file_risks, importing.organisation_risks(organisation))


# ---- How an owner is shown ------------------------------------------------------------------------------


def test_a_member_owner_is_shown_with_their_function(cast):
    jan = name(cast.owner, "Jan", "Jansen", function="Manager Sociaal Domein")
    risk = make_risk(cast.org, "R01", owner=jan)
    assert owner_name(risk) == "Jan Jansen (Manager Sociaal Domein)"


def test_a_deactivated_owner_is_shown_as_inactive(cast):
    jan = name(cast.owner, "Jan", "Jansen", function="Manager Sociaal Domein")
    cast.owner.is_active = False
    cast.owner.save()
    risk = make_risk(cast.org, "R01", owner=jan)
    assert owner_name(risk) == "Jan Jansen (Manager Sociaal Domein) (inactief)"


def test_a_function_without_an_account_is_shown_as_its_text(cast):
    risk = make_risk(cast.org, "R01", owner_label="Manager Grondzaken")
    assert owner_name(risk) == "Manager Grondzaken"


def test_the_register_and_the_risk_page_show_the_function(client, cast, login):
    jan = name(cast.owner, "Jan", "Jansen", function="Manager Sociaal Domein")
    risk = make_risk(cast.org, "R01", owner=jan)
    login(cast.reader)
    assert "Jan Jansen (Manager Sociaal Domein)" in client.get(reverse("risks:list")).content.decode()
    assert (
        "Jan Jansen (Manager Sociaal Domein)"
        in client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
    )


# ---- The risk form --------------------------------------------------------------------------------------


def risk_post(risk: Risk, owner: str) -> dict:
    return {
        "code": risk.code,
        "name": risk.name,
        "programme": risk.programme,
        "owner": owner,
        "probability": "30",
        "impact_max": "1.000.000",
        "nature": "incidenteel",
        "status": "open",
        "version": risk.version,
        "reason": "Eigenaar gekozen",
    }


def test_the_form_offers_members_and_the_organisations_functions(client, cast, login):
    name(cast.owner, "Jan", "Jansen", function="Manager Sociaal Domein")
    Function.objects.create(organisation=cast.org, name="Manager Grondzaken")
    Function.objects.create(organisation=cast.other_org, name="Functie van Bedorp")
    risk = make_risk(cast.org, "R01")
    login(cast.controller)
    page = client.get(reverse("risks:edit", args=[risk.pk])).content.decode()
    assert 'label="Personen"' in page and 'label="Functies zonder account"' in page
    assert "Jan Jansen (Manager Sociaal Domein)" in page
    assert 'value="functie:Manager Grondzaken"' in page
    assert "Functie van Bedorp" not in page


def test_a_controller_makes_a_function_the_owner_and_then_a_member(client, cast, login):
    Function.objects.create(organisation=cast.org, name="Manager Grondzaken")
    jan = name(cast.owner, "Jan", "Jansen")
    risk = make_risk(cast.org, "R01", owner=jan)
    login(cast.controller)
    response = client.post(
        reverse("risks:edit", args=[risk.pk]), risk_post(risk, "functie:Manager Grondzaken")
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.owner, risk.owner_label) == (None, "Manager Grondzaken")
    response = client.post(reverse("risks:edit", args=[risk.pk]), risk_post(risk, str(jan.pk)))
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.owner, risk.owner_label) == (jan, "")


def test_an_imported_owner_text_is_kept_when_the_form_is_saved_unchanged(client, cast, login):
    risk = make_risk(cast.org, "R01", owner_label="Team ICT")  # not one of the functions
    login(cast.controller)
    form = client.get(reverse("risks:edit", args=[risk.pk])).context["form"]
    assert form["owner"].value() == "functie:Team ICT"
    data = risk_post(risk, "functie:Team ICT") | {"name": "Nieuwe naam"}
    assert client.post(reverse("risks:edit", args=[risk.pk]), data).status_code == 302
    risk.refresh_from_db()
    assert (risk.name, risk.owner, risk.owner_label) == ("Nieuwe naam", None, "Team ICT")


def test_the_form_refuses_a_function_it_did_not_offer(client, cast, login):
    risk = make_risk(cast.org, "R01")
    login(cast.controller)
    response = client.post(reverse("risks:edit", args=[risk.pk]), risk_post(risk, "functie:Verzonnen"))
    assert response.status_code == 200 and "owner" in response.context["form"].errors
    risk.refresh_from_db()
    assert risk.owner_label == ""


def test_the_form_refuses_a_member_of_another_organisation(client, cast, login):
    risk = make_risk(cast.org, "R01")
    login(cast.controller)
    stranger = cast.membership(cast.other_controller)
    response = client.post(reverse("risks:edit", args=[risk.pk]), risk_post(risk, str(stranger.pk)))
    assert response.status_code == 200 and "owner" in response.context["form"].errors


# ---- The register filter --------------------------------------------------------------------------------


def test_the_owner_filter_lists_members_and_function_texts(client, cast, login):
    jan = name(cast.owner, "Jan", "Jansen", function="Manager Sociaal Domein")
    make_risk(cast.org, "R01", owner=jan)
    make_risk(cast.org, "R02", owner_label="Manager Grondzaken")
    make_risk(cast.org, "R03", owner=cast.membership(cast.employee))  # owns one, though a medewerker
    make_risk(cast.other_org, "B01", owner_label="Functie van Bedorp")
    login(cast.reader)
    choices = client.get(reverse("risks:list")).context["filters"].fields["eigenaar"].choices
    groups = {str(label): dict(options) for label, options in choices[1:]}
    assert groups["Personen"][str(jan.pk)] == "Jan Jansen (Manager Sociaal Domein)"
    assert str(cast.membership(cast.employee).pk) in groups["Personen"]
    assert str(cast.membership(cast.reader).pk) not in groups["Personen"]  # neither may nor does own
    assert groups["Functies zonder account"] == {"functie:Manager Grondzaken": "Manager Grondzaken"}


def test_filtering_by_a_function_shows_only_its_risks(client, cast, login):
    make_risk(cast.org, "R01", owner=cast.membership(cast.owner))
    make_risk(cast.org, "R02", owner_label="Manager Grondzaken")
    make_risk(cast.org, "R03", owner_label="Team ICT")
    login(cast.reader)
    response = client.get(reverse("risks:list"), {"eigenaar": "functie:Manager Grondzaken"})
    assert [risk.code for risk in response.context["page"]] == ["R02"]


# ---- Import: the eigenaar column ------------------------------------------------------------------------


def test_import_finds_a_member_by_email_in_any_case(cast):
    jan = name(cast.owner, "Jan", "Jansen", email="jan.jansen@aadorp.nl")
    (item,) = csv_upload(cast.org, "R01;Risico;30%;100000;JAN.Jansen@Aadorp.NL\r\n")
    assert item.values["owner_id"] == jan.pk and item.values["owner_label"] == ""


def test_import_finds_a_member_by_full_name(cast):
    jan = name(cast.owner, "Jan", "Jansen")
    (item,) = csv_upload(cast.org, "R01;Risico;30%;100000;  jan   JANSEN \r\n")
    assert item.values["owner_id"] == jan.pk


def test_import_keeps_a_shared_name_as_text(cast):
    name(cast.owner, "Jan", "Jansen")
    name(cast.employee, "Jan", "Jansen")
    (item,) = csv_upload(cast.org, "R01;Risico;30%;100000;Jan Jansen\r\n")
    assert (item.values["owner_id"], item.values["owner_label"]) == (None, "Jan Jansen")


def test_import_keeps_an_unknown_owner_as_text(cast):
    (item,) = csv_upload(cast.org, "R01;Risico;30%;100000;Manager Grondzaken\r\n")
    assert (item.values["owner_id"], item.values["owner_label"]) == (None, "Manager Grondzaken")


def test_import_never_finds_a_member_of_another_organisation(cast):
    name(cast.other_controller, "Bea", "Bedorp", email="bea@bedorp.nl")
    (item,) = csv_upload(cast.org, "R01;Risico;30%;100000;bea@bedorp.nl\r\n")
    assert (item.values["owner_id"], item.values["owner_label"]) == (None, "bea@bedorp.nl")


def test_applying_an_import_links_the_member_and_keeps_the_text(cast):
    jan = name(cast.owner, "Jan", "Jansen", email="jan@aadorp.nl")
    file_risks = csv_upload(
        cast.org, "R01;Eerste;30%;100000;jan@aadorp.nl\r\n", "R02;Tweede;30%;100000;Manager Grondzaken\r\n"
    )
    plan = importing.build_plan(cast.org, file_risks, importing.organisation_risks(cast.org))
    importing.apply_import(
        cast.org, cast.controller, file_risks, digest=plan.digest, reason="x", close_absent=False
    )
    first, second = Risk.objects.filter(organisation=cast.org).order_by("code")
    assert (first.owner, first.owner_label) == (jan, "")
    assert (second.owner, second.owner_label) == (None, "Manager Grondzaken")


def test_the_import_preview_says_what_each_owner_became(client, cast, login):
    name(cast.owner, "Jan", "Jansen", email="jan@aadorp.nl", function="Manager Sociaal Domein")
    Function.objects.create(organisation=cast.org, name="Manager Grondzaken")
    content = (
        HEADER
        + "R01;Een;30%;1000;jan@aadorp.nl\r\nR02;Twee;30%;1000;Manager Grondzaken\r\nR03;Drie;30%;1000;Team ICT\r\n"
    )
    login(cast.controller)
    client.post(reverse("risks:import"), {"bestand": SimpleUploadedFile("register.csv", content.encode())})
    page = client.get(reverse("risks:import_confirm")).content.decode()
    assert "Jan Jansen (Manager Sociaal Domein) (lid)" in page
    assert "Manager Grondzaken (functie zonder account)" in page
    assert "Team ICT (tekst: geen lid gevonden)" in page


def test_a_changed_owner_is_one_line_in_the_preview(cast):
    jan = name(cast.owner, "Jan", "Jansen", email="jan@aadorp.nl")
    make_risk(
        cast.org, "R01", name="Risico", probability=None, impact_max=None, owner_label="Jan Jansen (oud)"
    )
    plan = plan_for(cast.org, "R01;Risico;PM;PM;jan@aadorp.nl\r\n")
    (update,) = plan.changed
    (change,) = update.changes
    assert change.label == "Risico-eigenaar"
    assert str(change.old) == "Jan Jansen (oud) (tekst: geen lid gevonden)"
    assert str(change.new) == "Jan Jansen (lid)"
    assert update.values == {"owner_id": jan.pk, "owner_label": ""}


def test_an_empty_eigenaar_cell_removes_the_member(cast):
    make_risk(
        cast.org, "R01", name="Risico", probability=None, impact_max=None, owner=cast.membership(cast.owner)
    )
    plan = plan_for(cast.org, "R01;Risico;PM;PM;\r\n")
    (update,) = plan.changed
    assert update.values == {"owner_id": None, "owner_label": ""}


# ---- Export: the round trip -----------------------------------------------------------------------------


def round_trip(organisation):
    rows = exporting.export_rows(importing.organisation_risks(organisation), organisation.default_shape)
    file_risks = importing.read_upload(register_to_bytes(rows, format="xlsx"), "export.xlsx", organisation)
    return importing.build_plan(organisation, file_risks, importing.organisation_risks(organisation))


def test_members_functions_and_inactive_owners_read_back_unchanged(cast):
    jan = name(cast.owner, "Jan", "Jansen", email="jan@aadorp.nl", function="Manager Sociaal Domein")
    piet = name(cast.controller, "Piet", "Pieters", email="piet@aadorp.nl")
    cast.controller.is_active = False
    cast.controller.save()
    make_risk(cast.org, "R01", owner=jan)
    make_risk(cast.org, "R02", owner=piet)
    make_risk(cast.org, "R03", owner_label="Manager Grondzaken")
    make_risk(cast.org, "R04")
    make_risk(cast.org, "R05", owner=jan, owner_label="Oude tekst")  # a leftover text: the member wins
    plan = round_trip(cast.org)
    assert (len(plan.new), len(plan.changed), plan.unchanged) == (0, 0, 5)


def test_a_shared_name_is_exported_as_the_email_so_it_reads_back(cast):
    jan = name(cast.owner, "Jan", "Jansen", email="jan@aadorp.nl")
    name(cast.employee, "Jan", "Jansen", email="jan2@aadorp.nl")
    risk = make_risk(cast.org, "R01", owner=jan)
    assert exporting.owner_text(risk, Directory(cast.org)) == "jan@aadorp.nl"
    plan = round_trip(cast.org)
    assert (len(plan.changed), plan.unchanged) == (0, 1)


def test_an_owner_without_name_or_email_still_exports_their_username(cast):
    risk = make_risk(cast.org, "R01", owner=cast.membership(cast.owner))
    assert exporting.owner_text(risk) == "eigenaar"


def test_a_new_member_reading_an_export_is_not_a_member_of_another_organisation(cast):
    name(cast.owner, "Jan", "Jansen", email="jan@aadorp.nl")
    stranger = make_user("jan-bedorp", cast.other_org, "risico-eigenaar")
    name(stranger, "Jan", "Jansen", email="jan@bedorp.nl")
    (item,) = csv_upload(cast.org, "R01;Risico;30%;100000;Jan Jansen\r\n")
    assert item.values["owner_id"] == cast.membership(cast.owner).pk  # Bedorp's Jan Jansen does not count
