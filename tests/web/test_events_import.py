# SPDX-License-Identifier: EUPL-1.2
"""Importing events from a file (issue 17): upload → overview → confirm, all or nothing, per organisation."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from tests.fixtures import make_risk

from risicokompas.calibration import services
from risicokompas.calibration.models import Event
from risicokompas.registerfile.events import EventFile, EventFileError, EventRow
from risicokompas.risks.models import Risk, RiskChange
from risicokompas.security.models import SecurityEvent

UPLOAD = reverse("calibration:event_import")
CONFIRM = reverse("calibration:event_import_confirm")
TEMPLATE = reverse("calibration:event_template")

GOOD_CSV = (
    "datum;bedrag;omschrijving;programma;risico\n"
    "01-03-2025;€ 1.250.000;Claim aannemer;;R01\n"
    "2025-02-01;1250000,50;Stormschade sporthal;Sport;\n"
    "15-01-2025;48.000;Lekkage en claim;Ruimte;R02, R01\n"
)


def upload(client, text: str, name: str = "gebeurtenissen.csv"):
    return client.post(UPLOAD, {"bestand": SimpleUploadedFile(name, text.encode("utf-8"))})


@pytest.fixture
def register(cast):
    return {
        "R01": make_risk(cast.org, "R01", programme="Sociaal domein"),
        "R02": make_risk(cast.org, "R02", programme="Ruimte"),
    }


def test_a_controller_imports_a_file_after_seeing_the_overview(cast, login, register):
    client = login(cast.controller)
    listing = client.get(reverse("calibration:events")).content.decode()
    assert UPLOAD in listing and "Gebeurtenissen importeren" in listing

    response = upload(client, GOOD_CSV)
    assert response.status_code == 302 and response["Location"] == CONFIRM
    preview = client.get(CONFIRM)
    html = preview.content.decode()
    assert preview.status_code == 200 and not Event.objects.exists()
    assert 'data-count="gebeurtenissen">3<' in html and 'data-count="niet-in-register">1<' in html
    assert "Claim aannemer" in html and "R02 Risico R02, R01 Risico R01" in html

    done = client.post(CONFIRM, follow=True)
    assert done.redirect_chain[-1][0] == reverse("calibration:events")
    assert "3 gebeurtenissen vastgelegd, waarvan 1 niet in het register." in done.content.decode()
    claim, leak, storm = Event.objects.order_by("description")
    assert (claim.date, claim.amount, claim.programme) == (
        datetime.date(2025, 3, 1),
        Decimal("1250000.00"),
        "Sociaal domein",  # the programme of its risk
    )
    assert storm.surprise and storm.amount == Decimal("1250000.50") and storm.programme == "Sport"
    assert sorted(r.code for r in leak.risks.all()) == ["R01", "R02"] and leak.programme == "Ruimte"
    assert {e.recorded_by for e in (claim, leak, storm)} == {cast.controller}
    for risk in register.values():
        risk.refresh_from_db()
        assert risk.status == Risk.Status.OCCURRED
    changes = RiskChange.objects.filter(risk=register["R01"])
    assert changes.count() == 1  # the second event of an occurred risk changes nothing
    change = changes.get()
    assert change.source == RiskChange.Source.IMPORT and "ingelezen uit gebeurtenissen.csv" in change.reason
    assert SecurityEvent.objects.filter(kind="imported", detail__file="gebeurtenissen.csv").exists()
    # Confirming again records nothing twice: the file is gone from the session.
    again = client.post(CONFIRM)
    assert again.status_code == 302 and again["Location"] == UPLOAD and Event.objects.count() == 3


def test_a_file_with_a_bad_row_records_nothing_and_names_every_problem(cast, login, register):
    client = login(cast.controller)
    bad = GOOD_CSV + "31-02-2025;-5;;;R99\n"
    response = upload(client, bad)
    html = response.content.decode()
    assert response.status_code == 200 and not Event.objects.exists()
    assert "Het bestand bevat 4 problemen. Er is niets vastgelegd." in html
    for message in (
        "Rij 5, kolom datum: &#x27;31-02-2025&#x27; is geen geldige datum",
        "Rij 5, kolom bedrag: bedrag -5 mag niet negatief zijn",
        "Rij 5, kolom omschrijving: de omschrijving ontbreekt",
        "Rij 5, kolom risico: risico &#x27;R99&#x27; staat niet in het register",
    ):
        assert message in html
    assert client.get(CONFIRM).status_code == 302  # nothing waits for confirmation
    assert all(r.status == Risk.Status.OPEN for r in Risk.objects.all())


def test_recording_a_file_is_one_transaction_a_failing_row_undoes_the_rows_before_it(cast, register):
    rows = (
        EventRow(2, datetime.date(2025, 3, 1), Decimal("10"), "Eerst goed", risk_codes=("R01",)),
        EventRow(
            3, datetime.date(2025, 3, 2), Decimal("20"), "Dan een verdwenen risico", risk_codes=("R09",)
        ),
    )
    with pytest.raises(EventFileError) as caught:
        services.import_events(cast.membership(cast.controller), cast.controller, EventFile(rows))
    assert caught.value.messages == ["Rij 3, kolom risico: risico 'R09' kan hier niet (meer) worden gekozen"]
    assert not Event.objects.exists()
    register["R01"].refresh_from_db()
    assert register["R01"].status == Risk.Status.OPEN and not RiskChange.objects.exists()


def test_the_register_is_checked_again_at_confirmation(cast, login, register):
    client = login(cast.controller)
    upload(client, GOOD_CSV)
    register["R02"].delete()
    response = client.post(CONFIRM)
    assert response.status_code == 200 and not Event.objects.exists()
    assert (
        "Rij 4, kolom risico: risico &#x27;R02&#x27; staat niet in het register" in response.content.decode()
    )


def test_an_xlsx_with_excel_dates_is_imported(cast, login, register):
    workbook = Workbook()
    workbook.active.append(["Datum", "Bedrag (€)", "Omschrijving", "Risico"])
    workbook.active.append([datetime.datetime(2025, 4, 2), 1500.25, "Claim", "R02"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = login(cast.controller)
    response = client.post(UPLOAD, {"bestand": SimpleUploadedFile("verliezen.xlsx", buffer.getvalue())})
    assert response.status_code == 302
    client.post(CONFIRM)
    event = Event.objects.get()
    assert (event.date, event.amount, event.programme) == (
        datetime.date(2025, 4, 2),
        Decimal("1500.25"),
        "Ruimte",
    )


def test_a_risk_of_another_organisation_cannot_be_named(cast, login, register):
    make_risk(cast.other_org, "B01")
    client = login(cast.controller)
    response = upload(client, "datum;bedrag;omschrijving;risico\n01-03-2025;10;Claim;B01\n")
    assert (
        "Rij 2, kolom risico: risico &#x27;B01&#x27; staat niet in het register" in response.content.decode()
    )
    # ... and Bedorp's controller cannot name Aadorp's risks.
    other = login(cast.other_controller)
    response = upload(other, "datum;bedrag;omschrijving;risico\n01-03-2025;10;Claim;R01\n")
    assert "risico &#x27;R01&#x27; staat niet in het register" in response.content.decode()


def test_an_owner_imports_events_of_their_own_risks_only(cast, login, register):
    own = make_risk(cast.org, "R10", owner=cast.membership(cast.owner))
    client = login(cast.owner)
    refused = upload(
        client, "datum;bedrag;omschrijving;risico\n01-03-2025;10;Claim;R01\n01-03-2025;5;Storm;\n"
    )
    html = refused.content.decode()
    assert "Rij 2, kolom risico: u bent geen eigenaar van risico &#x27;R01&#x27;" in html
    assert "Rij 3, kolom risico: vul de id van het opgetreden risico in" in html
    upload(client, "datum;bedrag;omschrijving;risico\n01-03-2025;10;Claim;R10\n")
    client.post(CONFIRM)
    own.refresh_from_db()
    assert own.status == Risk.Status.OCCURRED and Event.objects.get().risks.get() == own


def test_readers_may_not_import_and_do_not_see_the_link(cast, login, register):
    client = login(cast.reader)
    assert "Gebeurtenissen importeren" not in client.get(reverse("calibration:events")).content.decode()
    for url in (UPLOAD, CONFIRM, TEMPLATE):
        assert client.get(url).status_code == 403, url
    assert upload(client, GOOD_CSV).status_code == 403 and not Event.objects.exists()


def test_the_overview_warns_about_events_that_look_recorded_already(cast, login, register):
    client = login(cast.controller)
    upload(client, GOOD_CSV)
    client.post(CONFIRM)
    upload(client, GOOD_CSV)
    html = client.get(CONFIRM).content.decode()
    assert "Let op: 3 gebeurtenissen lijken al vastgelegd" in html


def test_the_empty_file_downloads_with_the_columns(cast, login):
    response = login(cast.controller).get(TEMPLATE)
    assert response.status_code == 200
    assert 'filename="gebeurtenissen-sjabloon.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content))["Gebeurtenissen"]
    assert [cell.value for cell in sheet[1]] == ["datum", "bedrag", "omschrijving", "programma", "risico"]
