# SPDX-License-Identifier: EUPL-1.2
"""Signals: filing (named and anonymous), receipt codes, the inbox, triage, mail, and access rules."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from tests.fixtures import make_risk, make_user

from risicokompas.risks.models import Risk, RiskChange
from risicokompas.signals import notifications, services
from risicokompas.signals.models import Signal

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SIGNAL = {
    "title": "Vervoerder Wmo gaat failliet",
    "threatens": "Vervoer van inwoners naar dagbesteding",
    "cause": "Krappe marges bij de vervoerder",
    "consequence": "Noodcontract tegen hoge prijs",
    "likelihood_class": "2",
    "impact_class": "3",
    "programme": "Sociaal domein",
}


@pytest.fixture
def mailboxes(cast):
    """Give the cast e-mail addresses (the helpers make users without one)."""
    for user in (cast.controller, cast.owner, cast.employee, cast.reader, cast.other_controller):
        user.email = f"{user.username}@example.org"
        user.save()
    return cast


def file(user, organisation, anonymous=False, **changes) -> services.Filed:
    values = {**SIGNAL, "likelihood_class": 2, "impact_class": 3, **changes}
    return services.file_signal(organisation, user, values, anonymous=anonymous)


def freeze(monkeypatch, day: date, hour: int = 10) -> None:
    moment = datetime(day.year, day.month, day.day, hour, 0, tzinfo=AMSTERDAM)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def risk_post(**changes) -> dict:
    data = {
        "action": "risk",
        "risk-code": "M1",
        "risk-name": SIGNAL["title"],
        "risk-programme": "Sociaal domein",
        "risk-probability": "30",
        "risk-impact_max": "250.000",
        "risk-nature": "incidenteel",
        "risk-status": "open",
        "risk-answer": "",
    }
    data.update(changes)
    return data


# --- filing ------------------------------------------------------------------------------------------------


def test_the_form_has_a_heading_fieldsets_a_privacy_warning_and_explains_anonymity(client, cast, login):
    login(cast.employee)
    page = client.get(reverse("signals:create")).content.decode()
    assert "<h1" in page and "<legend" in page
    assert "geen persoonsgegevens van inwoners" in page
    assert "ook niet voor beheerders" in page  # what anonymous means, in words
    assert "Sociaal domein" in page  # known programmes are offered


@pytest.mark.parametrize("role", ["employee", "reader", "owner", "controller"])
def test_every_member_may_file_a_named_signal(client, cast, login, role):
    user = getattr(cast, role)
    login(user)
    response = client.post(reverse("signals:create"), SIGNAL)
    assert response.status_code == 200 and "Melding ontvangen" in response.content.decode()
    signal = Signal.objects.get()
    assert signal.reporter == user and signal.organisation == cast.org
    assert signal.likelihood_class == 2 and signal.programme == "Sociaal domein"
    assert "no-store" in response.headers["Cache-Control"]


def test_a_signal_without_what_could_happen_is_refused_with_a_linked_error(client, cast, login):
    login(cast.employee)
    page = client.post(reverse("signals:create"), {**SIGNAL, "title": ""}).content.decode()
    assert not Signal.objects.exists()
    assert 'href="#id_title"' in page and 'id="id_title_error"' in page


def test_filing_counts_the_due_date_in_working_days(client, cast, login, monkeypatch):
    freeze(monkeypatch, date(2026, 3, 6))  # a Friday
    login(cast.employee)
    client.post(reverse("signals:create"), SIGNAL)
    assert Signal.objects.get().due_date == date(2026, 3, 20)  # ten working days later


def test_working_days_skip_weekends():
    friday = date(2026, 3, 6)
    assert services.add_working_days(friday, 1) == date(2026, 3, 9)
    assert services.working_days_between(friday, date(2026, 3, 9)) == 1
    assert services.working_days_between(friday, date(2026, 3, 20)) == 10
    assert services.working_days_between(friday, friday) == 0


# --- anonymity ---------------------------------------------------------------------------------------------


def test_an_anonymous_signal_row_holds_nothing_that_identifies_the_reporter(client, cast, login, monkeypatch):
    freeze(monkeypatch, date(2026, 3, 4), hour=14)
    user = cast.employee
    user.first_name, user.last_name, user.email = "Anna", "Jansen", "anna.jansen@example.org"
    user.save()
    login(user)
    page = client.post(reverse("signals:create"), {**SIGNAL, "anonymous": "on"}).content.decode()
    signal = Signal.objects.get()
    code = page.split('id="rk-receipt-code">')[1].split("<")[0]
    assert "bewaar deze code" in page and len(code) == 14

    with connection.cursor() as cursor:  # the raw row, not the model's view of it
        cursor.execute(f"SELECT * FROM {Signal._meta.db_table} WHERE id = %s", [signal.pk])
        columns = [column[0] for column in cursor.description]
        row = dict(zip(columns, cursor.fetchone(), strict=True))
    user_columns = {f.column for f in Signal._meta.concrete_fields if f.related_model is type(user)}
    assert user_columns == {"reporter_id", "handled_by_id"}
    assert all(row[column] is None for column in user_columns)
    identifying = {user.username, user.email, "Anna", "Jansen", code, code.replace("-", "")}
    for column, value in row.items():
        assert not any(word.lower() in str(value).lower() for word in identifying), column
    assert not {"ip", "session", "user_agent", "created_by"} & {c.lower() for c in columns}
    assert row["receipt_hash"] == hashlib.sha256(code.replace("-", "").encode()).hexdigest()
    assert timezone.localtime(signal.created_at).time().hour == 0  # the filing time is rounded to the day
    assert not client.get(reverse("signals:mine")).context["signals"]


def test_the_receipt_code_shows_the_answer_to_any_member_of_the_organisation(client, cast, login):
    filed = file(cast.employee, cast.org, anonymous=True)
    services.decline(filed.signal, cast.controller, reason="Valt onder het bestaande risico R01")
    login(cast.reader)
    loose = filed.receipt_code.lower().replace("-", " ")  # people retype codes loosely
    page = client.post(reverse("signals:receipt"), {"code": loose}).content.decode()
    assert "Niet overgenomen" in page and "Valt onder het bestaande risico R01" in page


def test_a_receipt_code_does_not_work_in_another_organisation(client, cast, login):
    filed = file(cast.employee, cast.org, anonymous=True)
    login(cast.other_controller)
    page = client.post(reverse("signals:receipt"), {"code": filed.receipt_code}).content.decode()
    assert "Er is geen melding met deze ontvangstcode" in page and SIGNAL["title"] not in page


def test_mail_on_filing_goes_to_controllers_and_never_names_an_anonymous_reporter(client, mailboxes, login):
    cast = mailboxes
    login(cast.employee)
    client.post(reverse("signals:create"), SIGNAL)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["controller@example.org", "eigenaar@example.org"]  # owner: same programme
    assert "Gemeld door: medewerker" in mail.outbox[0].body
    mail.outbox.clear()
    client.post(reverse("signals:create"), {**SIGNAL, "anonymous": "on"})
    assert not mail.outbox  # an anonymous signal is announced by the daily run, not at the second it is filed
    assert notifications.announce_pending("https://risicokompas.example") == 1
    assert mail.outbox and all("medewerker" not in m.body + m.subject for m in mail.outbox)
    assert all("Gemeld door: anoniem" in m.body for m in mail.outbox)
    mail.outbox.clear()
    assert notifications.announce_pending("https://risicokompas.example") == 0  # announced once
    assert not mail.outbox


# --- my signals --------------------------------------------------------------------------------------------


def test_my_signals_lists_only_my_named_signals_with_status_answer_and_risk(client, cast, login):
    mine = file(cast.employee, cast.org).signal
    file(cast.reader, cast.org)
    risk = make_risk(cast.org, "R01")
    services.merge(mine, cast.controller, risk, answer="Past bij R01")
    login(cast.employee)
    page = client.get(reverse("signals:mine")).content.decode()
    assert page.count(SIGNAL["title"]) == 1
    assert "Toegevoegd aan een bestaand risico" in page and "Past bij R01" in page
    assert reverse("risks:detail", args=[risk.pk]) in page
    assert 'scope="col"' in page and "<caption" in page


# --- inbox -------------------------------------------------------------------------------------------------


def test_the_inbox_marks_a_late_signal_in_words_and_lists_oldest_first(client, cast, login, monkeypatch):
    freeze(monkeypatch, date(2026, 3, 2))  # Monday
    old = file(cast.employee, cast.org, title="Oude melding").signal
    freeze(monkeypatch, date(2026, 3, 10))
    file(cast.employee, cast.org, title="Nieuwe melding")
    freeze(monkeypatch, date(2026, 3, 17))  # 11 working days after the first, 5 after the second
    login(cast.controller)
    response = client.get(reverse("signals:inbox"))
    page = response.content.decode()
    rows = response.context["open_signals"]
    assert [row.signal.title for row in rows] == ["Oude melding", "Nieuwe melding"]
    assert [row.age for row in rows] == [11, 5]
    assert [row.overdue for row in rows] == [True, False]
    assert page.count("te laat</strong>") == 1 and "op tijd" in page
    assert response.context["overdue_count"] == 1
    assert old.due_date == date(2026, 3, 16)


def test_the_inbox_counts_per_status_and_filters_by_programme(client, cast, login):
    file(cast.employee, cast.org)
    declined = file(cast.employee, cast.org, programme="Bedrijfsvoering").signal
    services.decline(declined, cast.controller, reason="Dubbel")
    login(cast.controller)
    counts = dict(client.get(reverse("signals:inbox")).context["counts"])
    assert counts["Nieuw"] == 1 and counts["Niet overgenomen"] == 1
    filtered = client.get(reverse("signals:inbox"), {"programma": "Bedrijfsvoering"}).context
    assert dict(filtered["counts"])["Nieuw"] == 0 and not filtered["open_signals"]


def test_a_risk_owner_sees_only_the_signals_of_their_own_team(client, cast, login):
    file(cast.employee, cast.org, title="Eigen team")
    file(cast.employee, cast.org, title="Ander team", programme="Bedrijfsvoering")
    login(cast.owner)
    titles = [row.signal.title for row in client.get(reverse("signals:inbox")).context["open_signals"]]
    assert titles == ["Eigen team"]


@pytest.mark.parametrize("role", ["employee", "reader"])
def test_employees_and_readers_have_no_inbox(client, cast, login, role):
    login(getattr(cast, role))
    assert client.get(reverse("signals:inbox")).status_code == 403
    assert reverse("signals:inbox") not in client.get(reverse("signals:mine")).content.decode()


def test_the_inbox_shows_nothing_of_another_organisation(client, cast, login):
    file(cast.employee, cast.org)
    login(cast.other_controller)
    assert not client.get(reverse("signals:inbox")).context["open_signals"]


# --- detail and access -------------------------------------------------------------------------------------


def test_the_named_reporter_reads_their_signal_without_triage_buttons(client, cast, login):
    signal = file(cast.employee, cast.org).signal
    login(cast.employee)
    page = client.get(reverse("signals:detail", args=[signal.pk])).content.decode()
    assert SIGNAL["cause"] in page and "Melding behandelen" not in page
    assert client.get(reverse("signals:triage", args=[signal.pk])).status_code == 403


def test_a_triager_sees_an_anonymous_signal_as_anonymous(client, cast, login):
    signal = file(cast.employee, cast.org, anonymous=True).signal
    login(cast.controller)
    page = client.get(reverse("signals:detail", args=[signal.pk])).content.decode()
    assert "anoniem" in page and "medewerker</dd>" not in page and "Melding behandelen" in page


@pytest.mark.parametrize("name", ["detail", "triage"])
def test_another_member_without_triage_rights_gets_403(client, cast, login, name):
    signal = file(cast.employee, cast.org).signal
    login(cast.reader)
    assert client.get(reverse(f"signals:{name}", args=[signal.pk])).status_code == 403


@pytest.mark.parametrize("name", ["detail", "triage"])
def test_another_organisations_signal_is_not_found(client, cast, login, name):
    signal = file(cast.employee, cast.org).signal
    login(cast.other_controller)
    assert client.get(reverse(f"signals:{name}", args=[signal.pk])).status_code == 404


def test_a_risk_owner_of_another_team_may_not_triage(client, cast, login):
    signal = file(cast.employee, cast.org, programme="Bedrijfsvoering").signal
    login(cast.owner)
    assert client.get(reverse("signals:triage", args=[signal.pk])).status_code == 403


def test_signals_cannot_be_deleted():
    from django.contrib import admin

    from risicokompas.signals import urls

    assert {p.name for p in urls.urlpatterns} == {"create", "mine", "receipt", "inbox", "detail", "triage"}
    assert not any("verwijder" in str(p.pattern) or "delete" in str(p.pattern) for p in urls.urlpatterns)
    signal_admin = admin.site._registry[Signal]  # the platform admin shows signals, read-only
    assert not signal_admin.has_delete_permission(None) and not signal_admin.has_change_permission(None)


# --- triage ------------------------------------------------------------------------------------------------


def test_the_triage_page_prefills_a_new_risk_from_the_signal(client, cast, login):
    signal = file(cast.employee, cast.org).signal
    login(cast.controller)
    form = client.get(reverse("signals:triage", args=[signal.pk])).context["risk_form"]
    assert form["name"].value() == SIGNAL["title"] and form["cause"].value() == SIGNAL["cause"]
    assert form["probability"].value() == "30%"  # kansklasse 2 → 30%
    assert "Vervoer van inwoners" in form["description"].value()


def test_the_prefilled_risk_code_is_the_next_free_m_number_not_the_signal_id(cast):
    """The signal's id is random and says nothing; the code counts the organisation's M-risks instead."""
    make_risk(cast.org, "M1")
    make_risk(cast.other_org, "M2")  # another organisation's codes are its own
    signal = file(cast.employee, cast.org).signal
    assert services.risk_initial(signal)["code"] == "M2"
    assert str(signal.pk) not in str(services.risk_initial(signal))


def test_triage_into_a_new_risk_records_the_signal_as_source_and_answers_the_reporter(
    client, mailboxes, login
):
    cast = mailboxes
    signal = file(cast.employee, cast.org).signal
    login(cast.controller)
    response = client.post(reverse("signals:triage", args=[signal.pk]), risk_post())
    assert response.status_code == 302
    risk = Risk.objects.get(organisation=cast.org, code="M1")
    change = risk.changes.get()
    assert change.source == RiskChange.Source.SIGNAL and SIGNAL["title"] in change.reason
    signal.refresh_from_db()
    assert signal.status == Signal.Status.NEW_RISK and signal.risk == risk
    assert signal.handled_by == cast.controller
    assert [m.to for m in mail.outbox] == [["medewerker@example.org"]]
    assert "M1" in mail.outbox[0].body
    login(cast.employee)
    page = client.get(reverse("signals:mine")).content.decode()
    assert "Opgenomen als nieuw risico" in page and "M1" in page


def test_an_invalid_new_risk_keeps_the_signal_open_and_shows_the_error(client, cast, login):
    signal = file(cast.employee, cast.org).signal
    login(cast.controller)
    response = client.post(reverse("signals:triage", args=[signal.pk]), risk_post(**{"risk-name": ""}))
    assert response.status_code == 200 and 'href="#id_risk-name"' in response.content.decode()
    signal.refresh_from_db()
    assert signal.is_open and not Risk.objects.exists()


def test_a_risk_owner_triages_a_signal_of_their_team_into_a_risk_they_own(client, cast, login):
    signal = file(cast.employee, cast.org).signal
    login(cast.owner)
    client.post(reverse("signals:triage", args=[signal.pk]), risk_post())
    assert Risk.objects.get(code="M1").owner == cast.membership(cast.owner)


def test_merging_writes_the_signal_into_the_target_risks_history(client, cast, login):
    risk = make_risk(cast.org, "R01")
    signal = file(cast.employee, cast.org).signal
    login(cast.controller)
    data = {"action": "merge", "merge-risk": risk.pk, "merge-answer": ""}
    assert client.post(reverse("signals:triage", args=[signal.pk]), data).status_code == 302
    change = risk.changes.get()
    assert change.source == RiskChange.Source.SIGNAL
    assert change.reason == f"Melding ‘{SIGNAL['title']}’ samengevoegd"
    signal.refresh_from_db()
    assert signal.status == Signal.Status.MERGED and signal.risk == risk and "R01" in signal.answer
    page = client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
    assert "samengevoegd" in page


def test_merging_into_another_organisations_risk_is_refused(client, cast, login):
    foreign = make_risk(cast.other_org, "B01")
    signal = file(cast.employee, cast.org).signal
    login(cast.controller)
    data = {"action": "merge", "merge-risk": foreign.pk}
    assert client.post(reverse("signals:triage", args=[signal.pk]), data).status_code == 200
    assert not foreign.changes.exists()
    signal.refresh_from_db()
    assert signal.is_open


def test_declining_requires_a_reason_that_the_reporter_then_sees(client, mailboxes, login):
    cast = mailboxes
    signal = file(cast.employee, cast.org).signal
    login(cast.controller)
    url = reverse("signals:triage", args=[signal.pk])
    page = client.post(url, {"action": "decline", "decline-reason": " "}).content.decode()
    assert "Geef een reden: de melder ziet die." in page
    signal.refresh_from_db()
    assert signal.is_open and not mail.outbox
    client.post(url, {"action": "decline", "decline-reason": "Is al bekend bij de afdeling"})
    signal.refresh_from_db()
    assert signal.status == Signal.Status.DECLINED
    assert mail.outbox[0].to == ["medewerker@example.org"]
    login(cast.employee)
    page = client.get(reverse("signals:mine")).content.decode()
    assert "Niet overgenomen" in page and "Is al bekend bij de afdeling" in page


def test_declining_in_the_service_without_a_reason_is_refused(cast):
    signal = file(cast.employee, cast.org).signal
    with pytest.raises(ValueError):
        services.decline(signal, cast.controller, reason="")


def test_answering_an_anonymous_signal_mails_nobody(client, mailboxes, login):
    cast = mailboxes
    signal = file(cast.employee, cast.org, anonymous=True).signal
    login(cast.controller)
    client.post(
        reverse("signals:triage", args=[signal.pk]), {"action": "decline", "decline-reason": "Dubbel"}
    )
    assert Signal.objects.get().status == Signal.Status.DECLINED
    assert not mail.outbox


def test_a_closed_signal_cannot_be_triaged_again(client, cast, login):
    signal = file(cast.employee, cast.org).signal
    services.decline(signal, cast.controller, reason="Dubbel")
    login(cast.controller)
    response = client.post(reverse("signals:triage", args=[signal.pk]), risk_post())
    assert response.status_code == 302 and response.url == reverse("signals:detail", args=[signal.pk])
    assert not Risk.objects.exists()
    with pytest.raises(services.SignalClosed):
        services.decline(signal, cast.controller, reason="Nogmaals")


def test_the_nav_shows_the_inbox_to_triagers_only(client, cast, login):
    login(cast.owner)
    assert reverse("signals:inbox") in client.get(reverse("signals:mine")).content.decode()
    extra = make_user("nieuw", cast.org, "bestuur")
    login(extra)
    assert reverse("signals:inbox") not in client.get(reverse("signals:mine")).content.decode()


def test_a_signal_without_a_programme_goes_to_the_controllers_only(cast):
    from risicokompas.signals.models import Signal
    from risicokompas.signals.notifications import triager_addresses

    cast.controller.email = "control@aadorp.example"
    cast.controller.save()
    cast.owner.email = "eigenaar@aadorp.example"
    cast.owner.save()
    signal = Signal(organisation=cast.org, title="Zonder programma", programme="  ", due_date="2026-12-31")
    assert triager_addresses(signal) == ["control@aadorp.example"]


def test_mail_stays_in_the_organisations_language_when_the_reporter_reads_english(client, mailboxes, login):
    cast = mailboxes
    login(cast.employee)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.post(reverse("signals:create"), SIGNAL, follow=True)
    assert page["Content-Language"] == "en" and "Gemeld door" not in page.content.decode()
    assert mail.outbox, "the triagers get a mail"
    assert all("Gemeld door: medewerker" in message.body for message in mail.outbox)  # Dutch, not English
