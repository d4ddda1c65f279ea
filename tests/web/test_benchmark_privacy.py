# SPDX-License-Identifier: EUPL-1.2
"""The benchmark against differencing: a member that changes its own values and reloads learns nothing new.

The attacker controls one member organisation. It changes its own live value (signals per 100 employees,
which it moves at will by filing signals) as often as it likes and reads the page after every change. The
page is a stored release (``network.benchmark_data.released``), renewed only when at least three
organisations changed against every earlier release: what the attacker sees never depends on what it does,
so it cannot bound another organisation's value more tightly than one release allows (docs/security.md).
"""

from __future__ import annotations

import datetime

import pytest
from tests.web.benchmark_world import Bench

from risicokompas.network.models import BenchmarkRelease
from risicokompas.signals.models import Signal

LABEL = "Meldingen per 100 medewerkers (afgelopen 12 maanden)"


def _file(org, count: int) -> None:
    for n in range(count):
        Signal.objects.create(organisation=org, title=f"Melding {n}", due_date=datetime.date(2030, 1, 1))


def _shown(response) -> tuple:
    """Everything the page shows about the others: quartiles and bin labels and counts (not the own mark)."""
    section = next(s for s in response.context["sections"] if s["label"] == LABEL)
    assert not section["summary"].suppressed
    return section["quartiles"], tuple((row["label"], row["count"]) for row in section["rows"])


@pytest.fixture
def bench(db) -> Bench:
    bench = Bench(opt_in=("signals_per_100",))
    for index, org in enumerate(bench.orgs[1:], start=1):
        _file(org, 2 * index)  # the others' values: 200, 400, 600, 800, 1000 per 100
    return bench


def test_an_attacker_changing_its_own_value_always_sees_the_same_figures(bench, login):
    client = login(bench.controllers[0])
    seen = set()
    own_values = []
    for _round in range(12):
        response = client.get(bench.url)
        seen.add(_shown(response))
        own_values.append(next(s for s in response.context["sections"] if s["label"] == LABEL)["own_display"])
        _file(bench.orgs[0], 3)  # raise its own value, then reload
    assert len(set(own_values)) == 12  # its own value really moved each time …
    assert len(seen) == 1  # … and the figures about the others never did
    assert BenchmarkRelease.objects.filter(network=bench.network).count() == 1


def test_two_organisations_changing_do_not_make_a_new_release_three_do(bench, login):
    client = login(bench.controllers[0])
    first = _shown(client.get(bench.url))
    _file(bench.orgs[0], 5)
    _file(bench.orgs[1], 5)  # the attacker and one accomplice (or one other member by chance)
    response = client.get(bench.url)
    assert _shown(response) == first and not response.context["release"].current
    assert "Er zijn nieuwere gegevens" in response.content.decode()
    _file(bench.orgs[2], 5)  # a third organisation changed: the difference is a sum over three
    response = client.get(bench.url)
    assert _shown(response) != first and response.context["release"].current
    assert BenchmarkRelease.objects.filter(network=bench.network).count() == 2


def test_going_back_and_forth_cannot_isolate_one_organisation(bench, login):
    """Every earlier release counts: three changed, then two of them changed back, is refused."""
    client = login(bench.controllers[0])
    client.get(bench.url)
    for org in bench.orgs[:3]:
        _file(org, 5)
    second = _shown(client.get(bench.url))
    for org in bench.orgs[:2]:  # the attacker and an accomplice undo their change: only org 2 differs now
        for signal in Signal.objects.filter(organisation=org).order_by("-pk")[:5]:
            signal.delete()
    response = client.get(bench.url)
    assert _shown(response) == second  # publishing now would differ from the first release in org 2 alone
    assert BenchmarkRelease.objects.filter(network=bench.network).count() == 2
