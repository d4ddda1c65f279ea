# SPDX-License-Identifier: EUPL-1.2
"""``manage.py load_demo_history``: five adopted years and their events, loaded once, with real figures."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from risicokompas.calibration.models import Event
from risicokompas.demo.history import DEMO_HISTORY_YEARS, demo_history_rows
from risicokompas.demo.register import DEMO_ORGANISATION
from risicokompas.organisations.models import Organisation
from risicokompas.paragraph.models import Snapshot, SnapshotApproval
from risicokompas.risks.models import Risk

pytestmark = pytest.mark.django_db


def load(command: str, *args) -> None:
    call_command(command, *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def voorbeeldrecht():
    load("load_demo")
    load("load_demo_history")
    return Organisation.objects.get(name=DEMO_ORGANISATION["name"])


def test_each_year_has_an_adopted_snapshot_and_the_events_of_the_demo_history(voorbeeldrecht):
    snapshots = Snapshot.objects.filter(organisation=voorbeeldrecht, title__contains="voorbeeldgeschiedenis")
    assert sorted(snapshots.values_list("year", flat=True)) == list(DEMO_HISTORY_YEARS)
    assert SnapshotApproval.objects.filter(snapshot__in=snapshots).count() == len(DEMO_HISTORY_YEARS)
    frozen = {risk.code for risk in snapshots.first().frozen_inputs.risks}
    occurred = [row for row in demo_history_rows() if row["opgetreden"] == "ja"]
    expected = [row for row in occurred if row.get("kans") is None or row["id"] in frozen]
    events = Event.objects.filter(organisation=voorbeeldrecht)
    assert events.count() == len(expected)
    assert events.filter(surprise=True).count() == sum(1 for row in occurred if row.get("kans") is None) > 0
    assert (
        not Risk.objects.filter(organisation=voorbeeldrecht, status="opgetreden").exclude(code="R22").exists()
    )


def test_running_it_twice_changes_nothing_and_reset_still_works(voorbeeldrecht):
    counts = (Snapshot.objects.count(), Event.objects.count())
    load("load_demo_history")
    assert (Snapshot.objects.count(), Event.objects.count()) == counts
    load("load_demo", "--reset")
    assert not Event.objects.exists() and not Snapshot.objects.exists()


def test_the_calibration_page_of_the_demo_shows_every_measure(voorbeeldrecht, client):
    client.force_login(get_user_model().objects.get(username="lezer"))
    response = client.get("/kalibratie/")
    result = response.context["result"]
    assert [y.year for y in result.years] == list(DEMO_HISTORY_YEARS)
    assert result.brier.skill is not None and result.exceedance.p_value is not None
    assert result.amounts.occurred > 0 and result.surprises.count > 0 and result.surprises.share > 0
    html = response.content.decode()
    assert html.count("<svg") == 2
    for table in ("rk-brier", "rk-reliability", "rk-calibration-years", "rk-exceedance-test", "rk-amounts"):
        assert f'id="{table}"' in html
    assert 'id="rk-surprises"' in html and result.exceedance.reading in html


def test_both_editions_of_todays_paragraph_are_adopted(voorbeeldrecht):
    last = DEMO_HISTORY_YEARS[-1]
    accounts = Snapshot.objects.get(organisation=voorbeeldrecht, document="jaarstukken")
    assert (accounts.year, accounts.is_approved) == (last, True)
    account = accounts.frozen_inputs.year_account
    in_year = Event.objects.filter(organisation=voorbeeldrecht, date__year=last)
    assert len(account.events) == in_year.count() > 0
    assert account.budget_snapshot == f"Begroting {last} (voorbeeldgeschiedenis)"
    assert account.calibration["exceedance"]["years"] == len(DEMO_HISTORY_YEARS)
    budget = Snapshot.objects.get(
        organisation=voorbeeldrecht,
        document="begroting",
        title__startswith="Begroting 20",
        approval__isnull=False,
        year__gt=last,
    )
    assert budget.frozen_inputs.records.previous == accounts.title
    assert budget.texts["beleid"] and budget.texts["samenhang"] and budget.texts["voorbeelden"]
