# SPDX-License-Identifier: EUPL-1.2
"""The network benchmark pages: published snapshots only, opt-in per indicator, access, own position."""

from __future__ import annotations

import datetime
import re

import pytest
from tests.fixtures import make_organisation, make_risk, make_user

#: Available capacity per organisation; each has one risk of € 1 mln with probability 1, so ratio = capacity / 1 mln.
from tests.web.benchmark_world import Bench, _org_with_snapshot

from risicokompas.capacity.models import CapacityItem
from risicokompas.network.models import BenchmarkOptIn, NetworkMember
from risicokompas.paragraph import freeze as freezing
from risicokompas.paragraph.models import SnapshotApproval


def sections(response) -> dict[str, dict]:
    return {section["label"]: section for section in response.context["sections"]}


def ratio_section(response) -> dict:
    return sections(response)["Ratio weerstandsvermogen"]


@pytest.fixture
def bench(db) -> Bench:
    return Bench()


def test_participants_see_the_distribution_with_their_own_position(bench, login):
    response = login(bench.participant).get(bench.url)
    assert response.status_code == 200
    section = ratio_section(response)
    assert section["summary"].n == 6
    assert section["own_display"] == "0,8"  # their own ratio, theirs to see
    assert any(row["own"] for row in section["rows"])
    html = response.content.decode()
    assert 'role="img"' in html and "uw organisatie" in html
    # Nobody else's ratio appears, and no minimum or maximum.
    for other in ("1,1", "1,4", "1,8", "2,3"):
        assert f">{other}<" not in html


def test_the_coordinator_sees_the_distribution_without_an_own_position(bench, login):
    response = login(bench.coordinator_user).get(bench.url)
    assert response.status_code == 200
    section = ratio_section(response)
    assert section["summary"].own_quartile is None
    assert response.context["member"] is None
    assert "Uw positie" not in response.content.decode()


def test_outsiders_get_a_404(bench, login):
    outsider_org = make_organisation("Gemeente Buiten")
    outsider = make_user("buiten", outsider_org, "controller")
    assert login(outsider).get(bench.url).status_code == 404
    assert login(outsider).get(bench.optin_url).status_code == 404


def test_an_invited_member_does_not_see_the_benchmark(bench, login):
    bench.members[0].status = NetworkMember.Status.INVITED
    bench.members[0].save()
    assert login(bench.participant).get(bench.url).status_code == 404


def test_only_approved_snapshots_count(bench, login):
    # A newer draft with a huge ratio must not replace the organisation's published snapshot.
    CapacityItem.objects.create(
        organisation=bench.orgs[1], name="Extra", kind="algemene reserve", amount=50_000_000
    )
    freezing.freeze(
        bench.orgs[1], bench.controllers[1], "Concept", "begroting", 2027, datetime.date(2026, 12, 1)
    )
    response = login(bench.controllers[1]).get(bench.url)
    assert ratio_section(response)["own_display"] == "1,1"  # 1,05 (not the draft's 51,05)
    # An organisation with only a draft does not count at all: 5 published → still shown, n = 5.
    org, controller = _org_with_snapshot(9, 3_000_000, approve=False)
    member = NetworkMember.objects.create(network=bench.network, organisation=org, status="deelnemer")
    BenchmarkOptIn.objects.create(member=member, indicator="ratio", opted_in_by=controller)
    assert ratio_section(login(bench.participant).get(bench.url))["summary"].n == 6


def test_opt_in_is_per_indicator(bench, login):
    response = login(bench.participant).get(bench.url)
    shown = sections(response)
    assert not shown["Ratio weerstandsvermogen"]["summary"].suppressed
    assert not shown["Solvabiliteitsratio"]["summary"].suppressed
    # Nobody opted in to the required-capacity share: suppressed, no figures.
    assert shown["Benodigde weerstandscapaciteit als aandeel van de begroting"]["summary"].suppressed


def test_fewer_than_five_the_page_says_so_and_shows_no_numbers(bench, login):
    for member in bench.members[:2]:
        member.benchmark_opt_ins.filter(indicator="ratio").delete()
    response = login(bench.participant).get(bench.url)
    section = ratio_section(response)
    assert section["summary"].suppressed
    assert "quartiles" not in section and "rows" not in section and "chart" not in section
    html = response.content.decode()
    assert "minder dan 5 organisaties" in html
    assert "4 organisaties" not in html


def test_left_members_do_not_count(bench, login):
    bench.members[5].status = NetworkMember.Status.LEFT
    bench.members[5].save()
    assert ratio_section(login(bench.participant).get(bench.url))["summary"].n == 5


def test_the_controller_opts_in_and_out(bench, login):
    client = login(bench.controllers[0])
    response = client.get(bench.optin_url)
    assert response.status_code == 200
    response = client.post(bench.optin_url, {"indicator": ["ratio", "required_share", "nonsense"]})
    assert response.status_code == 302
    chosen = set(bench.members[0].benchmark_opt_ins.values_list("indicator", flat=True))
    assert chosen == {"ratio", "required_share"}
    assert bench.members[0].benchmark_opt_ins.get(indicator="ratio").opted_in_by == bench.controllers[0]


def test_a_participant_who_is_not_a_manager_may_not_opt_in(bench, login):
    assert login(bench.participant).get(bench.optin_url).status_code == 403
    assert login(bench.participant).post(bench.optin_url, {"indicator": ["ratio"]}).status_code == 403


def test_repeated_requests_give_the_same_figures(bench, login):
    client = login(bench.coordinator_user)

    def figures():
        html = client.get(bench.url).content.decode()
        html = re.sub(r'nonce="[^"]+"', "", html)  # the Content-Security-Policy nonce is new per request
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert figures() == figures()


def test_shares_kengetallen_and_programmes_come_from_the_snapshot(db, login):
    bench = Bench(opt_in=("required_share", "solvency_ratio", "risk_count"))
    make_risk(bench.orgs[0], "R02", programme="Haven van Nummer0")  # live register, not in the snapshot
    response = login(bench.controllers[2]).get(bench.url)
    shown = sections(response)
    share = shown["Benodigde weerstandscapaciteit als aandeel van de begroting"]
    assert share["own_display"] == "1,0%"  # € 1 mln required on € 100 mln totale baten
    assert shown["Solvabiliteitsratio"]["own_display"] == "20%"  # 30 mln / 150 mln
    assert "Aantal open risico's in programma Sociaal domein" in shown
    assert not any("Haven" in label for label in shown)


def test_a_programme_of_fewer_than_five_organisations_is_not_named(db, login):
    bench = Bench(opt_in=("risk_count",))
    for org in bench.orgs[:4]:
        make_risk(org, "R09", programme="Haven")
    for org, controller in zip(bench.orgs[:4], bench.controllers[:4], strict=True):
        snapshot = freezing.freeze(
            org, controller, "Begroting 2027 II", "begroting", 2027, datetime.date(2026, 11, 2)
        )
        SnapshotApproval.objects.create(snapshot=snapshot, approved_by=controller, decision_reference="B-II")
    labels = set(sections(login(bench.participant).get(bench.url)))
    assert "Aantal open risico's in programma Sociaal domein" in labels
    assert not any("Haven" in label for label in labels)
    assert "Haven" not in login(bench.participant).get(bench.url).content.decode()
