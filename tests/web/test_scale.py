# SPDX-License-Identifier: EUPL-1.2
"""Scale: the national dataset generator, and pages whose number of queries does not grow with the register."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.fixtures import make_organisation, make_user

from risicokompas.calibration.models import Event
from risicokompas.capacity.models import CapacityItem
from risicokompas.organisations.models import Membership, Organisation
from risicokompas.paragraph import freeze as freezing
from risicokompas.paragraph.models import Snapshot
from risicokompas.risks.models import Risk
from risicokompas.signals.models import Signal


def _national_rows() -> list[tuple]:
    return list(
        Risk.objects.filter(organisation__slug__startswith="nat-")
        .order_by("organisation__slug", "code")
        .values_list("organisation__slug", "code", "programme", "probability", "impact_max", "nature")
    )


@pytest.mark.django_db
def test_generate_national_makes_the_asked_numbers_deterministically():
    options = {"organisations": 4, "risks": 90, "users": 14, "years": 2, "seed": 7}
    call_command("generate_national", **options, stdout=None)
    organisations = Organisation.objects.filter(slug__startswith="nat-")
    assert organisations.count() == 4
    assert Risk.objects.filter(organisation__in=organisations).count() == 90
    assert all(o.risks.count() >= 1 for o in organisations)  # every register has risks
    members = Membership.objects.filter(organisation__in=organisations)
    assert members.count() == 14
    assert members.filter(role=Membership.Role.CONTROLLER).count() == 4  # one per organisation
    assert CapacityItem.objects.filter(organisation__in=organisations).count() == 12
    assert Event.objects.filter(organisation__in=organisations).count() == 4 * 2 * 3
    assert Signal.objects.filter(organisation__in=organisations).count() == 4 * 5
    _assert_snapshots(organisations, years=2)
    first = _national_rows()

    with pytest.raises(Exception, match="--reset"):
        call_command("generate_national", **options)
    call_command("generate_national", **options, reset=True)
    assert _national_rows() == first  # the same seed: the same dataset
    call_command("generate_national", **{**options, "seed": 8}, reset=True)
    assert _national_rows() != first


def _assert_snapshots(organisations, years: int) -> None:
    """Per organisation one begroting snapshot per past year, each one verifying (inputs, hashes and a
    recomputation give the stored numbers), with fewer risks further back."""
    this_year = timezone.localdate().year
    for organisation in organisations:
        snapshots = list(Snapshot.objects.filter(organisation=organisation).order_by("-year"))
        assert [s.year for s in snapshots] == [this_year - back + 1 for back in range(1, years + 1)]
        assert all(s.document == Snapshot.Document.BUDGET for s in snapshots)
        assert all(freezing.verify(s) for s in snapshots)
        counts = [len(s.inputs["risks"]) for s in snapshots]
        open_risks = organisation.risks.count()
        assert open_risks >= counts[0] >= counts[-1]
        assert all(s.result["required_capacity"] > 0 for s in snapshots if s.inputs["risks"])


@pytest.mark.django_db
def test_generate_national_can_leave_the_snapshots_out():
    call_command("generate_national", organisations=2, risks=10, users=6, years=3, snapshot_years=0)
    assert not Snapshot.objects.filter(organisation__slug__startswith="nat-").exists()
    assert Event.objects.filter(organisation__slug__startswith="nat-").count() == 2 * 3 * 3


def _register(size: int, staff: int = 0):
    """A register of ``size`` risks, its controller, and ``staff`` medewerkers besides."""
    org = make_organisation(f"Gemeente Grootte {size}")
    user = make_user(f"controller-{size}", org, "controller")
    for n in range(staff):
        make_user(f"medewerker-{size}-{n}", org)
    Risk.objects.bulk_create(
        Risk(
            organisation=org,
            code=f"R{i:04d}",
            name=f"Risico {i}",
            programme=("Sociaal domein", "Veiligheid")[i % 2],
            probability=Decimal("0.3"),
            impact_max=Decimal(10_000 * i),
        )
        for i in range(1, size + 1)
    )
    return user


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "first"),
    [("/risicos/", "R0001"), ("/risicos/?q=Risico&programma=Veiligheid&sort=-gevolg", "R0599")],
)
def test_the_register_list_needs_the_same_number_of_queries_at_30_and_600_risks(
    client, django_assert_num_queries, url, first
):
    client.force_login(_register(30))
    client.get(url)  # warm: session and per-process caches, as every later request sees them
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    queries = len(small)  # now: Django empties its query log at the next request
    assert queries > 0

    client.force_login(_register(600, staff=40))
    client.get(url)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert first in response.content.decode()  # the page lists the large register, filtered and sorted
    assert "medewerker-600-0" not in response.content.decode()  # the owner filter offers no medewerkers


def _risk_page(size: int, staff: int) -> tuple:
    """The controller of a register of ``size`` risks and the address of its first risk, which has two
    measures, a change in its history and an appetite its programme exceeds."""
    from risicokompas.risks.models import Measure, RiskAppetite
    from risicokompas.risks.services import update_risk

    user = _register(size, staff)
    risk = Risk.objects.get(organisation__memberships__user=user, code="R0001")
    Measure.objects.bulk_create(Measure(risk=risk, description=f"Maatregel {n}") for n in (1, 2))
    update_risk(
        risk, user, {"probability": Decimal("0.9"), "impact_max": Decimal(9_000_000)}, reason="Raming"
    )
    RiskAppetite.objects.create(
        organisation=risk.organisation,
        programme=risk.programme,
        level=RiskAppetite.Level.AVERSE,
        statement="Zo min mogelijk",
        decided_on="2026-01-01",
    )
    return user, f"/risicos/{risk.pk}/"


@pytest.mark.django_db
def test_the_risk_page_needs_the_same_number_of_queries_at_30_and_600_risks(
    client, django_assert_num_queries
):
    user, url = _risk_page(30, staff=0)
    client.force_login(user)
    client.get(url)  # warm, as above
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    queries = len(small)
    assert queries > 0

    user, url = _risk_page(600, staff=40)
    client.force_login(user)
    client.get(url)
    with django_assert_num_queries(queries):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Maatregel 2" in page and "Raming" in page  # measures and history are on the page


@pytest.mark.django_db
def test_the_dashboard_tells_a_cache_miss_then_a_hit_outside_production_only(client, settings):
    from django.core.cache import cache
    from django.test import Client

    cache.clear()  # first: with REDIS_URL the session lives in the cache too
    client.force_login(_register(5))
    assert client.get("/dashboard/").headers["X-Simulation-Cache"] == "miss"
    assert client.get("/dashboard/").headers["X-Simulation-Cache"] == "hit"
    assert "X-Simulation-Cache" not in client.get("/risicos/").headers  # no simulation on that page

    settings.SIMULATION_CACHE_HEADER = False  # as in production: the middleware is left out
    quiet = Client()
    quiet.force_login(_register(6))
    response = quiet.get("/dashboard/")
    assert response.status_code == 200 and "X-Simulation-Cache" not in response.headers
