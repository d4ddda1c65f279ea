# SPDX-License-Identifier: EUPL-1.2
"""The pooled calibration of a learning network (issue 17): opt-in, the pooled figures by hand,
suppression, access, and releases that never let one organisation's counts be read from a difference."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from tests.fixtures import make_organisation, make_risk, make_user

from risicokompas.calibration.models import Event
from risicokompas.engine.calibration import CalibrationCounts
from risicokompas.network import pooled_calibration
from risicokompas.network.benchmark import Suppressed
from risicokompas.network.models import (
    BenchmarkOptIn,
    Coordinator,
    Network,
    NetworkMember,
    Participant,
    PooledCalibrationRelease,
)
from risicokompas.paragraph import freeze as freezing
from risicokompas.paragraph.models import SnapshotApproval

YEARS = (2023, 2024)
#: Per organisation and year: (the certain risk's loss exceeds the required capacity, the small risk occurred).
#: Organisations 0–4 opt in; 5 does not (and would add two exceedances).
OUTCOMES = [
    {2023: (True, True), 2024: (False, False)},
    {2023: (False, False), 2024: (False, False)},
    {2023: (False, False), 2024: (False, True)},
    {2023: (True, False), 2024: (True, False)},
    {2023: (False, False), 2024: (False, False)},
    {2023: (True, True), 2024: (True, True)},
]


def _snapshot(org, controller, year: int):
    snapshot = freezing.freeze(
        org, controller, f"Begroting {year}", "begroting", year, datetime.date(year - 1, 11, 1)
    )
    SnapshotApproval.objects.create(snapshot=snapshot, approved_by=controller, decision_reference=f"B-{year}")
    return snapshot


def _event(org, year: int, amount: int, *risks, month: int = 6):
    event = Event.objects.create(
        organisation=org,
        date=datetime.date(year, month, 1),
        amount=Decimal(amount),
        description="Gebeurtenis",
        surprise=not risks,
    )
    event.risks.set(risks)
    return event


class Pool:
    """Six member organisations, each with the same two risks and two approved years (2023, 2024):

    R01 certain (kans 100%, vast € 100.000) and R02 kans 20% (vast € 1.000), so the yearly loss S is
    € 100.000 or € 101.000 and the required capacity at 90% is € 101.000. A year's event on R01 of
    € 150.000 exceeds it, one of € 50.000 does not.
    """

    def __init__(self, extra_years: bool = False):
        self.network = Network.objects.create(name="Leernetwerk Kalibratie")
        self.coordinator_user = make_user("coordinator")
        self.network.coordinators.add(Coordinator.objects.create(user=self.coordinator_user))
        self.orgs, self.controllers, self.members = [], [], []
        for index, outcomes in enumerate(OUTCOMES):
            org = make_organisation(f"Gemeente Kalib{index}")
            controller = make_user(f"controller{index}", org, "controller")
            certain = make_risk(
                org, "R01", probability=Decimal("1"), impact_max=Decimal("100000"), shape="vast"
            )
            small = make_risk(
                org, "R02", probability=Decimal("0.2"), impact_max=Decimal("1000"), shape="vast"
            )
            for year in YEARS:
                _snapshot(org, controller, year)
            for year, (exceeded, small_occurred) in outcomes.items():
                _event(org, year, 150_000 if exceeded else 50_000, certain)
                if small_occurred:
                    _event(org, year, 1_000, small, month=7)
            member = NetworkMember.objects.create(network=self.network, organisation=org, status="deelnemer")
            if index < 5:
                BenchmarkOptIn.objects.create(member=member, indicator="kalibratie", opted_in_by=controller)
            BenchmarkOptIn.objects.create(member=member, indicator="ratio", opted_in_by=controller)
            self.orgs.append(org)
            self.controllers.append(controller)
            self.members.append(member)
        self.participant = make_user("deelnemer0", self.orgs[0], "medewerker")
        Participant.objects.create(member=self.members[0], user=self.participant)
        if extra_years:
            # Not counted: the running year (with an exceeding event), and a year without any event.
            this_year = datetime.date.today().year
            _snapshot(self.orgs[0], self.controllers[0], this_year)
            _event(self.orgs[0], this_year, 900_000, self.orgs[0].risks.get(code="R01"), month=1)
            _snapshot(self.orgs[1], self.controllers[1], this_year - 1)

    @property
    def url(self) -> str:
        return reverse("network:benchmark", args=[self.network.pk])

    @property
    def optin_url(self) -> str:
        return reverse("network:calibration_optin", args=[self.network.pk])


@pytest.fixture
def pool(db) -> Pool:
    return Pool()


def _opt_out(member):
    member.benchmark_opt_ins.filter(indicator="kalibratie").delete()


def test_pooled_figures_by_hand(db, login):
    """Five opted-in organisations × two years: exceedances 1 + 0 + 0 + 2 + 0 = 3 of 10, expected 1,0;
    Kupiec LR = −2 [7 ln 0,9 + 3 ln 0,1 − 7 ln 0,7 − 3 ln 0,3] ≈ 3,07, p ≈ 0,080.
    20 risk-years: R01 always occurred (error 0), R02 (kans 0,2) occurred twice (error 0,64 each) and not
    eight times (0,04 each): Σ = 1,6, B = 0,08, ō = 12/20 = 60%, B_ref = 0,24, skill = 1 − 0,08/0,24 = 0,67.
    The not-opted-in sixth organisation, the running year and a year without events do not count."""
    pool = Pool(extra_years=True)
    found = pooled_calibration.contributions(pool.network, datetime.date.today())
    assert set(found) == {org.pk for org in pool.orgs[:5]}
    assert [found[org.pk].years for org in pool.orgs[:5]] == [2, 2, 2, 2, 2]
    assert [found[org.pk].exceeded for org in pool.orgs[:5]] == [1, 0, 0, 2, 0]

    response = login(pool.participant).get(pool.url)
    assert response.status_code == 200
    calibration = response.context["calibration"]
    assert not calibration["suppressed"] and calibration["current"]
    figures = calibration["figures"]
    assert {key: figures[key] for key in ("organisations", "years", "exceeded", "risk_years")} == {
        "organisations": 5,
        "years": 10,
        "exceeded": 3,
        "risk_years": 20,
    }
    assert (figures["expected"], figures["level"], figures["p_value"]) == ("1,0", "90%", "0,08")
    assert (figures["brier"], figures["brier_reference"], figures["brier_skill"]) == ("0,08", "0,24", "0,67")
    assert figures["base_rate"] == "60%" and figures["verdict"] == ""
    # The member sees its own current counts beside the network's.
    own = calibration["own"]
    assert (own["years"], own["exceeded"], own["risk_years"]) == (2, 1, 4)
    html = response.content.decode()
    assert 'id="gezamenlijke-kalibratie"' in html and "Gezamenlijke kalibratie" in html
    assert "Overschrijdingen van de benodigde weerstandscapaciteit, alle organisaties samen" in html
    assert '<th scope="row" class="utrecht-table__header-cell">Organisatiejaren</th>' in html
    assert (
        "kan het verschil tussen het aantal overschrijdingen en het te verwachten aantal toeval zijn (p = 0,08)"
        in html
    )


def test_the_opt_out_organisation_is_left_out_and_counts_when_it_opts_in(pool, login):
    assert pooled_calibration.contributions(pool.network, datetime.date.today()).keys() == {
        org.pk for org in pool.orgs[:5]
    }
    BenchmarkOptIn.objects.create(member=pool.members[5], indicator="kalibratie")
    found = pooled_calibration.contributions(pool.network, datetime.date.today())
    assert pool.orgs[5].pk in found and found[pool.orgs[5].pk].exceeded == 2
    # An organisation that left the network does not count, opted in or not.
    pool.members[4].status = NetworkMember.Status.LEFT
    pool.members[4].save()
    assert pool.orgs[4].pk not in pooled_calibration.contributions(pool.network, datetime.date.today())


def test_fewer_than_five_the_page_says_so_and_shows_no_numbers(pool, login):
    _opt_out(pool.members[1])
    response = login(pool.participant).get(pool.url)
    assert response.context["calibration"]["suppressed"]
    html = response.content.decode()
    section = html[html.index('id="gezamenlijke-kalibratie"') :]
    assert "minder dan 5 organisaties" in section
    assert "4 organisaties" not in section and "rk-pooled-brier" not in section
    assert not PooledCalibrationRelease.objects.exists()


def test_a_member_of_another_network_cannot_see_it(pool, login):
    other = Network.objects.create(name="Ander netwerk")
    org = make_organisation("Gemeente Elders")
    controller = make_user("controller-elders", org, "controller")
    NetworkMember.objects.create(network=other, organisation=org, status="deelnemer")
    client = login(controller)
    assert client.get(reverse("network:benchmark", args=[other.pk])).status_code == 200
    assert client.get(pool.url).status_code == 404
    assert client.get(pool.optin_url).status_code == 404
    assert client.post(pool.optin_url, {"deelnemen": "ja"}).status_code == 404
    assert not BenchmarkOptIn.objects.filter(member__organisation=org).exists()


def test_the_coordinator_sees_the_network_figures_without_an_own_column(pool, login):
    response = login(pool.coordinator_user).get(pool.url)
    assert response.status_code == 200
    calibration = response.context["calibration"]
    assert calibration["figures"]["years"] == 10 and "own" not in calibration
    assert "Uw organisatie" not in response.content.decode().split('id="gezamenlijke-kalibratie"')[1]


def test_one_organisation_leaving_does_not_change_the_figures_until_three_have_changed(pool, login):
    BenchmarkOptIn.objects.create(member=pool.members[5], indicator="kalibratie")
    client = login(pool.participant)
    first = client.get(pool.url).context["calibration"]
    assert (first["figures"]["organisations"], first["figures"]["exceeded"]) == (6, 5)

    # The sixth leaves: publishing now would show 3 instead of 5 and so its 2 exceedances. It waits.
    _opt_out(pool.members[5])
    waiting = client.get(pool.url).context["calibration"]
    assert (waiting["figures"]["organisations"], waiting["figures"]["exceeded"]) == (6, 5)
    assert not waiting["current"]
    assert "Er zijn nieuwere gegevens" in client.get(pool.url).content.decode()
    assert PooledCalibrationRelease.objects.count() == 1

    # Two more organisations get new counts (their small risk now occurred in 2023 as well): three
    # changed since the release, so new figures over the five, which no single change can be read from.
    for org in pool.orgs[1:3]:
        _event(org, 2023, 1_000, org.risks.get(code="R02"), month=8)
    renewed = client.get(pool.url).context["calibration"]
    assert renewed["current"]
    assert (renewed["figures"]["organisations"], renewed["figures"]["exceeded"]) == (5, 3)
    assert renewed["figures"]["base_rate"] == "70%"  # (10 + 2 + 2) of 20
    assert PooledCalibrationRelease.objects.count() == 2


def test_a_new_release_must_differ_in_three_organisations_from_every_earlier_one(db):
    """Three out, then two of them back with one newcomer: one change against the first release, which
    would isolate the newcomer, so the figures stay as they are."""
    network = Network.objects.create(name="N")

    def counts(exceeded: int) -> CalibrationCounts:
        return CalibrationCounts(0.9, 2, exceeded, 4, 2, 0.08)

    base = {i: counts(0) for i in range(1, 9)}  # organisations 1–8
    first = pooled_calibration.current_release(network, base)
    assert not isinstance(first, Suppressed)
    without = {i: c for i, c in base.items() if i not in (6, 7, 8)}
    second = pooled_calibration.current_release(network, without)
    assert not isinstance(second, Suppressed) and second.release.pk != first.release.pk
    back = {**without, 6: counts(0), 7: counts(0), 9: counts(2)}  # 8 stays away, 9 is new
    third = pooled_calibration.current_release(network, back)
    assert not isinstance(third, Suppressed)
    assert third.release.pk == second.release.pk and not third.current
    # Back to exactly the first state: those figures were published already, so they may be shown.
    again = pooled_calibration.current_release(network, base)
    assert not isinstance(again, Suppressed) and again.current
    assert again.pooled.exceedance.exceeded == 0


def test_the_controller_opts_in_and_out_with_an_explanation(pool, login):
    client = login(pool.controllers[5])
    response = client.get(pool.optin_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nooit gedeeld worden: risico's" in html and "minder dan 5 organisaties" in html
    assert '<legend class="utrecht-form-fieldset__legend' in html and 'type="radio" name="deelnemen"' in html
    refused = client.post(pool.optin_url, {})  # no choice: nothing changes, and the page says why
    assert refused.status_code == 200 and "Kies of uw organisatie meedoet." in refused.content.decode()
    response = client.post(pool.optin_url, {"deelnemen": "ja"})
    assert response.status_code == 302 and response.url.endswith("#gezamenlijke-kalibratie")
    opt_in = pool.members[5].benchmark_opt_ins.get(indicator="kalibratie")
    assert opt_in.opted_in_by == pool.controllers[5]
    # Saving the benchmark's indicators leaves the calibration opt-in alone.
    client.post(reverse("network:benchmark_optin", args=[pool.network.pk]), {"indicator": ["class"]})
    assert set(pool.members[5].benchmark_opt_ins.values_list("indicator", flat=True)) == {
        "class",
        "kalibratie",
    }
    client.post(pool.optin_url, {"deelnemen": "nee"})
    assert not pool.members[5].benchmark_opt_ins.filter(indicator="kalibratie").exists()


def test_a_participant_who_is_not_a_manager_may_not_opt_in(pool, login):
    client = login(pool.participant)
    assert client.get(pool.optin_url).status_code == 403
    assert client.post(pool.optin_url, {"deelnemen": "nee"}).status_code == 403
    assert pool.members[0].benchmark_opt_ins.filter(indicator="kalibratie").exists()


def test_the_calibration_page_links_to_the_network_when_the_organisation_takes_part(pool, login):
    link = f"{pool.url}#gezamenlijke-kalibratie"
    html = login(pool.controllers[0]).get("/kalibratie/").content.decode()
    assert re.search(
        rf'<a class="utrecht-link" href="{re.escape(link)}">Vergelijk met het netwerk: Leernetwerk Kalibratie</a>',
        html,
    )
    # Not opted in: no link; a reader of an opted-in organisation may not see the network: no link.
    assert link not in login(pool.controllers[5]).get("/kalibratie/").content.decode()
    reader = make_user("lezer0", pool.orgs[0], "lezer")
    assert link not in login(reader).get("/kalibratie/").content.decode()
