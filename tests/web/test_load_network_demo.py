# SPDX-License-Identifier: EUPL-1.2
"""``manage.py load_network_demo``: a learning network of seven gemeenten whose benchmark shows figures."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from risicokompas.demo.network_members import MEMBERS
from risicokompas.network import benchmark_data
from risicokompas.network.benchmark import MIN_GROUP
from risicokompas.network.models import Network, NetworkMember
from risicokompas.organisations.models import Membership, Organisation
from risicokompas.paragraph.models import Snapshot

pytestmark = pytest.mark.django_db


def load(*commands: str) -> None:
    for command in commands:
        call_command(command, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_network_has_seven_members_and_a_benchmark_with_figures():
    load("load_demo", "load_network_demo")
    network = Network.objects.get()
    members = NetworkMember.objects.filter(network=network, status=NetworkMember.Status.ACTIVE)
    assert members.count() == 2 + len(MEMBERS) >= 6
    for member in MEMBERS:
        organisation = Organisation.objects.get(name=member.name)
        snapshot = Snapshot.objects.get(organisation=organisation)
        assert snapshot.is_approved and snapshot.frozen_inputs.risks
    values = benchmark_data.collect(network)
    assert len(values["ratio"]) >= MIN_GROUP and len(values["net_debt_ratio"]) >= MIN_GROUP
    # Every member's ratio is its own: the demo does not give five copies of one figure.
    assert len({round(v, 3) for v in values["ratio"].values()}) == len(values["ratio"])
    # Every member's controller, and the coordinator, has an e-mail address; each controller a team.
    for member in MEMBERS:
        membership = Membership.objects.select_related("unit", "user").get(user__username=member.username)
        assert membership.team == membership.unit.name == member.unit
        assert membership.function == member.function and membership.user.email
    assert get_user_model().objects.get(username="coordinator").email


def test_loading_it_again_keeps_one_set_of_members(client):
    load("load_demo", "load_network_demo", "load_network_demo")
    assert Organisation.objects.filter(name__in=[m.name for m in MEMBERS]).count() == len(MEMBERS)
    assert Snapshot.objects.filter(organisation__name__in=[m.name for m in MEMBERS]).count() == len(MEMBERS)
    client.force_login(get_user_model().objects.get(username=MEMBERS[0].username))
    network = Network.objects.get()
    response = client.get(f"/leernetwerk/{network.pk}/benchmark/")
    html = response.content.decode()
    assert response.status_code == 200 and "Ratio weerstandsvermogen" in html
    # The snapshot figures have five organisations or more: at least those sections show figures.
    assert html.count("Geen cijfers: minder dan 5 organisaties doen mee.") < html.count("<h2")
