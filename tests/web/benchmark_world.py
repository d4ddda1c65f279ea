# SPDX-License-Identifier: EUPL-1.2
"""A learning network of organisations with approved snapshots, for the benchmark tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.urls import reverse
from tests.fixtures import make_organisation, make_risk, make_user

from risicokompas.capacity.models import CapacityItem, IndicatorYear
from risicokompas.network.models import BenchmarkOptIn, Coordinator, Network, NetworkMember, Participant
from risicokompas.paragraph import freeze as freezing
from risicokompas.paragraph.models import SnapshotApproval

#: Available capacity per organisation; each has one risk of € 1 mln with probability 1, so ratio = capacity / 1 mln.
CAPACITIES = [800_000, 1_050_000, 1_350_000, 1_420_000, 1_780_000, 2_300_000]


def _org_with_snapshot(index: int, capacity: int, approve: bool = True):
    org = make_organisation(f"Gemeente Nummer{index}")
    controller = make_user(f"controller{index}", org, "controller")
    make_risk(org, "R01", probability=Decimal("1"), impact_max=Decimal("1000000"), shape="vast")
    CapacityItem.objects.create(
        organisation=org, name="Algemene reserve", kind="algemene reserve", amount=capacity
    )
    IndicatorYear.objects.create(
        organisation=org,
        year=2027,
        total_revenue=Decimal("100000000"),
        equity=Decimal(10_000_000 * (index + 1)),
        balance_sheet_total=Decimal("150000000"),
    )
    snapshot = freezing.freeze(
        org, controller, "Begroting 2027", "begroting", 2027, datetime.date(2026, 11, 1)
    )
    if approve:
        SnapshotApproval.objects.create(
            snapshot=snapshot, approved_by=controller, decision_reference=f"B-{index}"
        )
    return org, controller


class Bench:
    def __init__(self, count: int = 6, opt_in: tuple[str, ...] = ("ratio", "class", "solvency_ratio")):
        self.network = Network.objects.create(name="Leernetwerk Risico's")
        self.coordinator_user = make_user("coordinator")
        coordinator = Coordinator.objects.create(user=self.coordinator_user)
        self.network.coordinators.add(coordinator)
        self.orgs, self.controllers, self.members = [], [], []
        for index, capacity in enumerate(CAPACITIES[:count]):
            org, controller = _org_with_snapshot(index, capacity)
            member = NetworkMember.objects.create(network=self.network, organisation=org, status="deelnemer")
            for key in opt_in:
                BenchmarkOptIn.objects.create(member=member, indicator=key, opted_in_by=controller)
            self.orgs.append(org)
            self.controllers.append(controller)
            self.members.append(member)
        self.participant = make_user("deelnemer0", self.orgs[0], "medewerker")
        Participant.objects.create(member=self.members[0], user=self.participant)

    @property
    def url(self) -> str:
        return reverse("network:benchmark", args=[self.network.pk])

    @property
    def optin_url(self) -> str:
        return reverse("network:benchmark_optin", args=[self.network.pk])
