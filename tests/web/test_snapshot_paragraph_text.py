# SPDX-License-Identifier: EUPL-1.2
"""What the paragraph of a snapshot says about earlier documents and who approved it."""

import datetime
from decimal import Decimal

import pytest
from tests.fixtures import make_risk, make_user

from risicokompas.capacity.models import CapacityItem
from risicokompas.organisations.models import Membership
from risicokompas.paragraph import freeze
from risicokompas.paragraph.models import SnapshotApproval
from risicokompas.paragraph.views_reports import paragraph_data
from risicokompas.reports import compose


@pytest.fixture
def two_snapshots(cast):
    for i in range(4):
        make_risk(cast.org, f"R{i:02}", probability=Decimal("0.4"), impact_max=Decimal(400_000 + 100_000 * i))
    CapacityItem.objects.create(
        organisation=cast.org, name="Algemene reserve", kind="algemene reserve", amount=Decimal("2500000")
    )
    first = freeze.freeze(
        cast.org, cast.controller, "Begroting 2026", "begroting", 2026, datetime.date(2025, 11, 1)
    )
    second = freeze.freeze(
        cast.org, cast.controller, "Begroting 2027", "begroting", 2027, datetime.date(2026, 11, 1)
    )
    return first, second


def history_rows(snapshot):
    document = compose(paragraph_data(snapshot))
    table = next(b for s in document.sections for b in s.blocks if getattr(b, "key", "") == "historie")
    return [row[0].text for row in table.rows]


def test_earlier_documents_list_each_snapshot_once_the_current_one_last(two_snapshots):
    _first, second = two_snapshots
    assert history_rows(second) == ["Begroting 2026 (01-11-2025)", "Begroting 2027"]


def test_the_first_snapshot_has_no_earlier_documents_table(two_snapshots):
    first, _second = two_snapshots
    document = compose(paragraph_data(first))
    assert not any(getattr(b, "key", "") == "historie" for s in document.sections for b in s.blocks)


def test_the_approver_is_printed_with_name_and_function(cast, two_snapshots):
    _first, second = two_snapshots
    bestuur = make_user("jdevries", cast.org, "bestuur")
    bestuur.first_name, bestuur.last_name = "Jan", "de Vries"
    bestuur.save()
    Membership.objects.filter(user=bestuur, organisation=cast.org).update(function="wethouder Financiën")
    SnapshotApproval.objects.create(snapshot=second, approved_by=bestuur, decision_reference="RB-2026-42")
    line = compose(paragraph_data(second)).approval_line
    assert line.startswith("Vastgesteld door Jan de Vries, wethouder Financiën op ")
    assert "jdevries" not in line


def test_dashboard_snapshot_page_and_paragraph_show_one_rounded_requirement(cast, login, two_snapshots):
    import re

    from django.urls import reverse

    from risicokompas.reports.compose import shown

    _first, second = two_snapshots
    figure = shown(paragraph_data(second)).total.text
    client = login(cast.controller)
    page = client.get(reverse("paragraph:snapshot_detail", args=[second.pk])).content.decode()
    on_page = re.search(r'id="rk-total-required">([^<]+)<', page).group(1)
    dashboard = client.get(reverse("dashboard:home")).content.decode()
    on_dashboard = re.search(r'id="rk-required".*?rk-card__value">([^<]+)<', dashboard, re.DOTALL).group(1)
    assert on_page.replace("\xa0", " ") == figure == on_dashboard.replace("\xa0", " ")
    document = compose(paragraph_data(second))
    assert f"/ {figure} = " in document.sections[4].blocks[0].text


def test_the_snapshots_document_chooses_the_edition(cast, two_snapshots):
    _first, second = two_snapshots
    assert paragraph_data(second).edition == "begroting"
    second.document = "jaarstukken"  # in memory only: the stored snapshot stays as it was
    assert paragraph_data(second).edition == "jaarstukken"
