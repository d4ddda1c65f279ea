# SPDX-License-Identifier: EUPL-1.2
"""Import and export of the register through the web: upload → preview → confirm, downloads, access."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from tests.fixtures import make_risk, make_user
from tests.web.fixtures import make_varied_register

from risicokompas.risks.models import Risk, RiskChange

HEADER = "Id;Risico;Kans;Maximaal financieel gevolg (€)\r\n"


def csv_file(*lines, name="register.csv"):
    return SimpleUploadedFile(name, (HEADER + "".join(lines)).encode(), content_type="text/csv")


def upload(client, file):
    return client.post(reverse("risks:import"), {"bestand": file})


def preview(client, file):
    upload(client, file)
    return client.get(reverse("risks:import_confirm"))


def confirm(client, response, **fields):
    data = {"kenmerk": response.context["plan"].digest, "reden": "Import register.csv", **fields}
    return client.post(reverse("risks:import_confirm"), data)


def download(client, **params):
    response = client.get(reverse("risks:export"), params)
    assert response.status_code == 200
    return response


def exported_file(response, name="export.xlsx"):
    return SimpleUploadedFile(name, response.content)


# ---- Access ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["reader", "employee", "owner"])
def test_only_controllers_and_beheerders_may_import(client, cast, login, role):
    login(getattr(cast, role))
    assert client.get(reverse("risks:import")).status_code == 403
    assert upload(client, csv_file("N1;Nieuw;30%;1000\r\n")).status_code == 403
    assert client.post(reverse("risks:import_confirm"), {"reden": "x"}).status_code == 403
    assert not Risk.objects.exists()


def test_a_beheerder_may_import(client, cast, login):
    login(make_user("beheerder", cast.org, "beheerder"))
    assert client.get(reverse("risks:import")).status_code == 200


@pytest.mark.parametrize("name", ["risks:import", "risks:import_confirm", "risks:export", "risks:template"])
def test_import_and_export_require_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_reader_may_export_and_download_the_template(client, cast, login):
    make_risk(cast.org, "R01")
    login(cast.reader)
    assert download(client)["Content-Type"].startswith("application/vnd.openxmlformats")
    template = client.get(reverse("risks:template"))
    assert template.status_code == 200
    assert 'filename="risicoregister-sjabloon.xlsx"' in template["Content-Disposition"]
    assert load_workbook(io.BytesIO(template.content)).active.title == "Risico's"


# ---- Export ---------------------------------------------------------------------------------------------


def test_the_export_is_an_xlsx_with_a_safe_dated_filename(client, cast, login):
    make_risk(cast.org, "R01")
    login(cast.reader)
    disposition = download(client)["Content-Disposition"]
    assert disposition.startswith('attachment; filename="risicoregister-gemeente-aadorp-20')
    assert disposition.endswith('.xlsx"')


def test_an_export_never_contains_another_organisations_risks(client, cast, login):
    make_risk(cast.org, "R01", name="Risico van Aadorp")
    make_risk(cast.other_org, "B01", name="Geheim van Bedorp")
    login(cast.controller)
    for file_format in ("xlsx", "csv"):
        content = download(client, format=file_format).content
        names = _names(content) if file_format == "xlsx" else content.decode("utf-8-sig")
        assert "Risico van Aadorp" in names
        assert "Bedorp" not in names


def test_the_export_holds_the_open_risks_unless_all_are_asked_for(client, cast, login):
    make_risk(cast.org, "R01", name="Open risico")
    make_risk(cast.org, "R02", name="Gesloten risico", status=Risk.Status.CLOSED)
    login(cast.reader)
    assert _names(download(client).content) == ["Open risico"]
    assert _names(download(client, status="alle").content) == ["Open risico", "Gesloten risico"]


def test_the_export_as_csv_is_dutch_excel_csv(client, cast, login):
    make_risk(cast.org, "R01", probability=Decimal("0.125"), impact_max=Decimal("1250000.5"))
    login(cast.reader)
    response = download(client, format="csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].endswith('.csv"')
    assert ";12,5%;1250000,5;" in response.content.decode("utf-8-sig")


def test_a_formula_name_exports_as_text_and_imports_back_unchanged(client, cast, login):
    make_risk(cast.org, "R01", name='=HYPERLINK("http://kwaad.example","klik")')
    login(cast.controller)
    exported = download(client)
    assert _names(exported.content) == ['\'=HYPERLINK("http://kwaad.example","klik")']
    response = preview(client, exported_file(exported))
    assert (len(response.context["plan"].changed), response.context["plan"].unchanged) == (0, 1)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_an_exported_register_imports_back_without_any_change(client, cast, login, file_format):
    make_varied_register(cast.org)
    login(cast.controller)
    exported = download(client, format=file_format)
    response = preview(client, exported_file(exported, f"export.{file_format}"))
    plan = response.context["plan"]
    assert (len(plan.new), len(plan.changed), plan.unchanged, len(plan.absent)) == (0, 0, 8, 0)
    confirm(client, response)
    assert not RiskChange.objects.filter(source=RiskChange.Source.IMPORT).exists()


def _names(xlsx: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(xlsx)).active
    return [row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]]


# ---- Import ---------------------------------------------------------------------------------------------


def test_the_upload_form_explains_the_import_and_links_the_template(client, cast, login):
    login(cast.controller)
    page = client.get(reverse("risks:import")).content.decode()
    assert '<label class="utrecht-form-label" for="id_bestand">' in page
    assert reverse("risks:template") in page
    assert "niets ingelezen" in page


def test_the_preview_shows_new_changed_unchanged_and_absent_risks(client, cast, login):
    make_risk(cast.org, "R01", name="Oud", impact_max=Decimal("1000"))
    make_risk(cast.org, "R02", impact_max=Decimal("1000"))
    make_risk(cast.org, "R03", name="Vergeten risico")
    login(cast.controller)
    response = preview(
        client,
        csv_file("R01;Nieuw;30%;1000,50\r\n", "R02;Risico R02;30%;1000\r\n", "N1;Heel nieuw;10%;500\r\n"),
    )
    plan = response.context["plan"]
    assert (len(plan.new), len(plan.changed), plan.unchanged, len(plan.absent)) == (1, 1, 1, 1)
    page = response.content.decode()
    assert "Heel nieuw" in page
    assert "€ 1.000" in page and "€ 1.000,50" in page
    assert "Vergeten risico" in page
    assert 'value="Import register.csv"' in page
    assert not Risk.objects.filter(code="N1").exists()


def test_a_file_with_one_bad_row_imports_nothing_and_lists_every_problem(client, cast, login):
    login(cast.controller)
    response = upload(
        client,
        csv_file(
            "N1;Goed;30%;1000\r\n", "N2;Fout;140%;1000\r\n", "N3;Ook fout;30%;veel\r\n", "N4;Goed;10%;5\r\n"
        ),
    )
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "Rij 3, kolom Kans: 140% ligt niet tussen 0% en 100%" in page
    assert "Rij 4, kolom Maximaal financieel gevolg (€): &#x27;veel&#x27; is geen geldig bedrag" in page
    assert not Risk.objects.exists()
    assert client.get(reverse("risks:import_confirm")).status_code == 302


def test_a_file_that_is_not_excel_gives_a_dutch_message(client, cast, login):
    login(cast.controller)
    response = upload(client, SimpleUploadedFile("register.xlsx", b"dit is geen spreadsheet"))
    assert (
        "Het bestand is geen geldig Excel-bestand (.xlsx) of het is beschadigd" in response.content.decode()
    )
    assert not Risk.objects.exists()


def test_a_file_above_the_limit_is_refused(client, cast, login, monkeypatch):
    from risicokompas.risks import views_import

    assert views_import.MAX_UPLOAD_BYTES == 50 * 1024 * 1024
    monkeypatch.setattr(views_import, "MAX_UPLOAD_BYTES", 1024 * 1024)  # the same rule, a smaller file
    login(cast.controller)
    response = upload(client, SimpleUploadedFile("groot.csv", b"x" * (1024 * 1024 + 1)))
    assert "groter dan 1 MB" in response.content.decode()


def test_confirming_applies_every_change_with_history_and_reports_the_counts(client, cast, login):
    make_risk(cast.org, "R01", impact_max=Decimal("1000"))
    make_risk(cast.org, "R02", impact_max=Decimal("1000"))
    login(cast.controller)
    response = preview(
        client, csv_file("R01;Risico R01;40%;1000\r\n", "R02;Risico R02;30%;1000\r\n", "N1;Nieuw;10%;5\r\n")
    )
    done = confirm(client, response, reden="Actualisatie voorjaarsnota")
    assert done.status_code == 302 and done.url == reverse("risks:list")
    assert Risk.objects.get(code="R01").probability == Decimal("0.4")
    history = RiskChange.objects.filter(source=RiskChange.Source.IMPORT)
    assert {(c.risk.code, c.reason, c.changed_by) for c in history} == {
        ("R01", "Actualisatie voorjaarsnota", cast.controller),
        ("N1", "Actualisatie voorjaarsnota", cast.controller),
    }
    message = client.get(reverse("risks:list")).content.decode()
    assert "1 nieuw, 1 gewijzigd, 1 ongewijzigd" in message


def test_confirming_without_a_reason_changes_nothing(client, cast, login):
    login(cast.controller)
    response = preview(client, csv_file("N1;Nieuw;10%;5\r\n"))
    again = confirm(client, response, reden="  ")
    assert "Geef een reden" in again.content.decode()
    assert not Risk.objects.exists()


def test_a_stale_preview_is_refused_and_the_new_preview_shown(client, cast, login):
    risk = make_risk(cast.org, "R01", impact_max=Decimal("1000"))
    login(cast.controller)
    response = preview(client, csv_file("R01;Risico R01;30%;2000\r\n", "N1;Nieuw;10%;5\r\n"))
    Risk.objects.filter(pk=risk.pk).update(impact_max=Decimal("2000"))
    again = confirm(client, response)
    assert "Het register is gewijzigd sinds dit overzicht werd getoond" in again.content.decode()
    assert again.context["plan"].unchanged == 1
    assert not Risk.objects.filter(code="N1").exists()
    assert confirm(client, again).status_code == 302
    assert Risk.objects.filter(code="N1").exists()


@pytest.mark.parametrize(
    ("choice", "status"), [({}, Risk.Status.OPEN), ({"sluit_ontbrekende": "ja"}, Risk.Status.CLOSED)]
)
def test_risks_absent_from_the_file_are_closed_only_when_chosen(client, cast, login, choice, status):
    make_risk(cast.org, "R01")
    make_risk(cast.org, "R02", name="Niet in het bestand")
    make_risk(cast.org, "R03", probability=None)
    login(cast.controller)
    response = preview(client, csv_file("R01;Risico R01;30%;1000000\r\n"))
    assert "Sluit het risico dat niet in het bestand staat" in response.content.decode()
    confirm(client, response, **choice)
    assert Risk.objects.get(code="R02").status == status
    assert Risk.objects.get(code="R03").status == Risk.Status.OPEN


def test_a_pending_upload_is_not_applied_in_another_organisation(client, cast, login):
    from risicokompas.organisations.models import Membership

    Membership.objects.create(user=cast.controller, organisation=cast.other_org, role="controller")
    login(cast.controller)
    upload(client, csv_file("N1;Nieuw;10%;5\r\n"))
    client.post(reverse("organisations:switch"), {"organisation": cast.other_org.id})
    response = client.post(reverse("risks:import_confirm"), {"reden": "x", "kenmerk": "x"})
    assert response.status_code == 302 and response.url == reverse("risks:import")
    assert not Risk.objects.exists()
