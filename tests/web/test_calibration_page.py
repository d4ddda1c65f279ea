# SPDX-License-Identifier: EUPL-1.2
"""Events and the calibration page (issue 17): recording, access, and the same numbers as the command line."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.utils import timezone
from tests.fixtures import make_risk, make_user

from risicokompas import cli
from risicokompas.calibration import services
from risicokompas.calibration.history import build_history
from risicokompas.calibration.models import Event
from risicokompas.paragraph import freeze as freezing
from risicokompas.paragraph.models import SnapshotApproval
from risicokompas.risks.models import Risk, RiskChange

#: The register of the test: code → (kans, min, modus, max, shape, programme).
REGISTER = {
    "R01": ("0.3", "0", None, "1000000", "uniform", "Sociaal domein"),
    "R02": ("0.5", "50000", None, "400000", "uniform", "Ruimte"),
    "R03": ("0.15", "100000", "300000", "2000000", "driehoek", "Ruimte"),
}
#: Events: year, amount, risk code (None: not in the register), programme.
EVENTS = [
    (2024, "600000", "R01", "Sociaal domein"),
    (2025, "300000", "R02", "Ruimte"),
    (2025, "50000", None, "Ruimte"),
]


def _register(org):
    for code, (p, low, mode, high, shape, programme) in REGISTER.items():
        make_risk(
            org,
            code,
            probability=Decimal(p),
            impact_min=Decimal(low),
            impact_mode=None if mode is None else Decimal(mode),
            impact_max=Decimal(high),
            shape=shape,
            programme=programme,
        )


@pytest.fixture
def history(cast):
    """Two approved snapshots (2024, 2025) of the same register, and the events of those years."""
    _register(cast.org)
    bestuur = make_user("wethouder", cast.org, "bestuur")
    for year in (2024, 2025):
        snapshot = freezing.freeze(
            cast.org, cast.controller, f"Begroting {year}", "begroting", year, datetime.date(year - 1, 11, 1)
        )
        SnapshotApproval.objects.create(
            snapshot=snapshot, approved_by=bestuur, decision_reference=f"B-{year}"
        )
    for year, amount, code, programme in EVENTS:
        risks = [Risk.objects.get(organisation=cast.org, code=code)] if code else []
        services.record_event(
            cast.org,
            cast.controller,
            {
                "date": datetime.date(year, 6, 1),
                "amount": Decimal(amount),
                "description": f"Gebeurtenis {code or 'buiten het register'}",
                "programme": programme,
            },
            risks,
        )
    return cast


def _history_csv(path):
    """The same history as a file for ``risicokompas calibrate``: the register per year plus outcomes."""
    lines = ["jaar;id;risico;kans;gevolg_min;gevolg_modus;gevolg_max;verdeling;opgetreden;werkelijk_bedrag"]
    for year in (2024, 2025):
        for code, (p, low, mode, high, shape, _programme) in REGISTER.items():
            hit = [amount for y, amount, c, _ in EVENTS if y == year and c == code]
            kans = f"{Decimal(p) * 100:g}%"
            lines.append(
                f"{year};{code};Risico {code};{kans};{low};{mode or ''};{high};{shape};"
                f"{'ja' if hit else 'nee'};{hit[0] if hit else ''}"
            )
        for y, amount, code, _ in EVENTS:
            if y == year and code is None:
                lines.append(f"{year};V{year};Verrassing;;;;;;ja;{amount}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_recording_an_event_sets_the_risk_occurred_with_a_history_row(cast):
    risk = make_risk(cast.org, "R01")
    event = services.record_event(
        cast.org,
        cast.controller,
        {
            "date": datetime.date(2025, 3, 1),
            "amount": Decimal("1000"),
            "description": "Claim",
            "programme": "",
        },
        [risk],
    )
    risk.refresh_from_db()
    assert risk.status == Risk.Status.OCCURRED
    change = RiskChange.objects.filter(risk=risk).latest("pk")
    assert change.changed_by == cast.controller and "Opgetreden" in change.reason
    assert change.changes["status"] == ["open", "opgetreden"]
    assert not event.surprise and list(event.risks.all()) == [risk]
    assert event.history.count() == 1 and event.recorded_by == cast.controller


def test_an_event_without_risks_is_a_surprise(cast):
    event = services.record_event(
        cast.org,
        cast.controller,
        {"date": datetime.date(2025, 3, 1), "amount": Decimal("5"), "description": "Storm", "programme": ""},
    )
    assert event.surprise and not event.risks.exists()


def test_the_page_shows_the_numbers_of_the_command_line(history, login, tmp_path):
    out = io.StringIO()
    code = cli.main(["calibrate", str(_history_csv(tmp_path / "h.csv")), "--json"], stdout=out)
    assert code == 0
    expected = json.loads(out.getvalue())

    built = build_history(history.org)
    assert built.history.years == (2024, 2025)
    response = login(history.reader).get("/kalibratie/")
    assert response.status_code == 200
    page = response.context["result"].to_dict()
    assert page["calibration"] == expected["calibration"]
    assert page["exceedance"] == expected["exceedance"] and page["amounts"] == expected["amounts"]
    assert page["surprises"] == expected["surprises"]
    for key in ("brier", "brier_reference", "brier_skill"):
        assert page[key] == pytest.approx(expected[key], rel=1e-12)
    for ours, theirs in zip(page["years"], expected["years"], strict=True):
        assert ours == pytest.approx(theirs, rel=1e-9)
    html = response.content.decode()
    assert html.count("<svg") == 2 and 'id="rk-reliability"' in html and 'id="rk-calibration-years"' in html
    assert response.context["result"].exceedance.reading in html


def test_the_programme_filter_keeps_that_programme_only(history, login):
    response = login(history.controller).get("/kalibratie/", {"programma": "Ruimte"})
    result = response.context["result"]
    assert len(response.context["rows"]) == 2
    # R02 and R03 in two years; the surprise of 2025 was in Ruimte
    assert result.brier.n == 4 and result.surprises.count == 1 and result.amounts.occurred == 1
    one_year = login(history.controller).get("/kalibratie/", {"jaar": "2024"}).context["result"]
    assert [y.year for y in one_year.years] == [2024] and one_year.surprises.count == 0


def test_events_of_another_organisation_are_not_found(history, login):
    event = Event.objects.filter(organisation=history.org).first()
    client = login(history.other_controller)
    assert client.get(f"/kalibratie/gebeurtenissen/{event.pk}/").status_code == 404
    listing = client.get("/kalibratie/gebeurtenissen/")
    assert list(listing.context["events"]) == [] and "Gebeurtenis R01" not in listing.content.decode()
    assert client.get("/kalibratie/").context["result"] is None


def test_a_reader_reads_events_but_may_not_record(history, login):
    client = login(history.reader)
    listing = client.get("/kalibratie/gebeurtenissen/")
    assert listing.status_code == 200 and "Gebeurtenis R01" in listing.content.decode()
    assert "Gebeurtenis vastleggen" not in listing.content.decode()
    assert client.get("/kalibratie/gebeurtenissen/nieuw/").status_code == 403
    post = client.post("/kalibratie/gebeurtenissen/nieuw/", {"date": "2025-01-01", "amount": "1"})
    assert post.status_code == 403


def test_an_owner_records_an_event_for_their_own_risk_from_the_risk_page(cast, login):
    owner = cast.membership(cast.owner)
    own = make_risk(cast.org, "R10", owner=owner)
    other = make_risk(cast.org, "R11")
    client = login(cast.owner)
    assert f"?risico={own.pk}" in client.get(f"/risicos/{own.pk}/").content.decode()
    form = client.get("/kalibratie/gebeurtenissen/nieuw/", {"risico": own.pk}).context["form"]
    assert list(form.initial["risks"]) == [own] and "surprise" not in form.fields
    data = {"date": "2025-02-03", "amount": "€ 12.500", "description": "Het gebeurde", "programme": ""}
    refused = client.post("/kalibratie/gebeurtenissen/nieuw/", {**data, "risks": [other.pk]})
    assert refused.status_code == 200 and not Event.objects.exists()
    response = client.post("/kalibratie/gebeurtenissen/nieuw/", {**data, "risks": [own.pk]})
    event = Event.objects.get()
    assert response.status_code == 302 and event.amount == Decimal("12500.00")
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.status == Risk.Status.OCCURRED and other.status == Risk.Status.OPEN


def test_the_form_needs_risks_or_not_in_the_register(cast, login):
    client = login(cast.controller)
    data = {"date": "2025-02-03", "amount": "100", "description": "Storm", "programme": ""}
    assert client.post("/kalibratie/gebeurtenissen/nieuw/", data).status_code == 200
    assert not Event.objects.exists()
    assert client.post("/kalibratie/gebeurtenissen/nieuw/", {**data, "surprise": "on"}).status_code == 302
    assert Event.objects.get().surprise


def test_a_negative_amount_or_a_future_date_is_refused(cast, login):
    client = login(cast.controller)
    data = {"date": "2025-02-03", "amount": "-5", "description": "x", "programme": "", "surprise": "on"}
    response = client.post("/kalibratie/gebeurtenissen/nieuw/", data)
    assert response.status_code == 200 and response.context["form"].errors["amount"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post("/kalibratie/gebeurtenissen/nieuw/", {**data, "amount": "5", "date": tomorrow})
    assert response.status_code == 200 and "toekomst" in response.context["form"].errors["date"][0]
    assert not Event.objects.exists()


def test_a_signal_links_to_recording_an_event(cast, login):
    from risicokompas.signals.models import Signal

    signal = Signal.objects.create(
        organisation=cast.org, title="Dak lekt", programme="Ruimte", due_date=datetime.date(2026, 1, 1)
    )
    html = login(cast.controller).get(f"/meldingen/{signal.pk}/").content.decode()
    assert f"/kalibratie/gebeurtenissen/nieuw/?melding={signal.pk}" in html
    form = (
        login(cast.controller)
        .get(
            "/kalibratie/gebeurtenissen/nieuw/",
            {"melding": signal.pk, "omschrijving": "Dak lekt", "programma": "Ruimte"},
        )
        .context["form"]
    )
    assert form.initial["programme"] == "Ruimte" and form.initial["description"].startswith("Dak lekt")


def test_without_approved_snapshots_the_page_says_there_is_nothing_to_check(cast, login):
    response = login(cast.reader).get("/kalibratie/")
    assert response.status_code == 200 and response.context["result"] is None
    assert "nog niets te toetsen" in response.content.decode()
