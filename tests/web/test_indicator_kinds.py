# SPDX-License-Identifier: EUPL-1.2
"""Kengetallen per year and kind of figures: one year may hold its jaarrekening, begroting and
meerjarenraming; the same year and kind twice is refused in Dutch; the sheet, the overview, the frozen
snapshot and the paragraph's BBV columns all go by (year, kind)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from openpyxl import Workbook
from tests.fixtures import make_organisation, make_risk

from risicokompas.capacity.models import CapacityItem, IndicatorYear
from risicokompas.network import benchmark_data
from risicokompas.paragraph import freeze as freezing
from risicokompas.paragraph.views_reports import paragraph_data
from risicokompas.reports import compose

T = 2026
INDICATORS_URL = reverse("capacity:indicators") + f"?begrotingsjaar={T}"
NEW_URL = reverse("capacity:indicator_year_new") + f"?begrotingsjaar={T}"


def make_row(org, year=T, kind="begroting", debt="80000000", revenue="100000000") -> IndicatorYear:
    """A row whose netto schuldquote is debt / revenue (the other letters of the quote are zero)."""
    zero = Decimal("0")
    return IndicatorYear.objects.create(
        organisation=org,
        year=year,
        kind=kind,
        long_term_debt=Decimal(debt),
        net_floating_debt=zero,
        accrued_liabilities=zero,
        long_term_investments=zero,
        loans_granted=zero,
        short_term_investments=zero,
        cash=zero,
        accrued_assets=zero,
        total_revenue=Decimal(revenue),
        equity=Decimal("30000000"),
        balance_sheet_total=Decimal("100000000"),
    )


def xlsx(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("kengetallen.xlsx", buffer.getvalue())


def kinds(org) -> list[tuple[int, str]]:
    return list(IndicatorYear.objects.filter(organisation=org).values_list("year", "kind"))


# --- the model and its migration ------------------------------------------------------------------------


def test_a_year_holds_each_kind_once(cast):
    make_row(cast.org, T, "begroting")
    make_row(cast.org, T, "realisatie")
    make_row(cast.other_org, T, "begroting")  # another organisation has its own
    with pytest.raises(IntegrityError), transaction.atomic():
        make_row(cast.org, T, "begroting")
    assert kinds(cast.org) == [(T, "begroting"), (T, "realisatie")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_row_and_then_allows_a_second_kind():
    before = [("capacity", "0004_capacityitem_pm")]
    after = [("capacity", "0005_indicator_year_per_kind")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        organisation = make_organisation("Gemeente Cdorp")  # only capacity went back
        rows = executor.loader.project_state(before).apps.get_model("capacity", "IndicatorYear").objects
        rows.create(
            organisation_id=organisation.pk, year=2025, kind="realisatie", total_revenue=Decimal("90")
        )
        rows.create(
            organisation_id=organisation.pk, year=2026, kind="begroting", total_revenue=Decimal("100")
        )
        with pytest.raises(IntegrityError), transaction.atomic():  # the old rule: one row per year
            rows.create(organisation_id=organisation.pk, year=2026, kind="realisatie")

        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps.get_model("capacity", "IndicatorYear").objects
        kept = new.filter(organisation_id=organisation.pk).order_by("year")
        assert list(kept.values_list("year", "kind", "total_revenue")) == [
            (2025, "realisatie", Decimal("90.00")),
            (2026, "begroting", Decimal("100.00")),
        ]
        new.create(organisation_id=organisation.pk, year=2026, kind="realisatie")
        with pytest.raises(IntegrityError), transaction.atomic():
            new.create(organisation_id=organisation.pk, year=2026, kind="begroting")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


# --- the form ---------------------------------------------------------------------------------------------


def test_the_same_year_with_another_kind_is_added_next_to_it(cast, login):
    make_row(cast.org, T, "begroting")
    response = login(cast.controller).post(
        NEW_URL, {"year": str(T), "kind": "realisatie", "long_term_debt": "70.000.000"}
    )
    assert response.status_code == 302
    assert kinds(cast.org) == [(T, "begroting"), (T, "realisatie")]
    actual = IndicatorYear.objects.get(organisation=cast.org, year=T, kind="realisatie")
    assert actual.long_term_debt == Decimal("70000000")
    assert IndicatorYear.objects.get(
        organisation=cast.org, year=T, kind="begroting"
    ).long_term_debt == Decimal("80000000")


def test_the_same_year_and_kind_twice_is_a_dutch_form_error(cast, login):
    make_row(cast.org, T, "begroting")
    response = login(cast.controller).post(NEW_URL, {"year": str(T), "kind": "begroting", "cash": "1"})
    assert response.status_code == 200
    assert "Voor 2026 zijn al kengetallen van de soort „begroting” vastgelegd" in response.content.decode()
    assert kinds(cast.org) == [(T, "begroting")]
    assert IndicatorYear.objects.get(organisation=cast.org).cash == 0  # unchanged


def test_changing_a_rows_kind_into_one_that_exists_is_refused(cast, login):
    make_row(cast.org, T, "begroting")
    make_row(cast.org, T, "realisatie", debt="70000000")
    url = reverse("capacity:indicator_year", args=[T, "realisatie"]) + f"?begrotingsjaar={T}"
    response = login(cast.controller).post(url, {"kind": "begroting", "reason": "verkeerde soort"})
    assert response.status_code == 200
    assert "al kengetallen van de soort „begroting”" in response.content.decode()
    assert IndicatorYear.objects.get(
        organisation=cast.org, year=T, kind="realisatie"
    ).long_term_debt == Decimal("70000000")


def test_each_kind_of_a_year_has_its_own_edit_page(cast, login):
    make_row(cast.org, T, "begroting", debt="80000000")
    make_row(cast.org, T, "realisatie", debt="70000000")
    client = login(cast.controller)
    html = client.get(reverse("capacity:indicator_year", args=[T, "realisatie"])).content.decode()
    assert "Gegevens 2026 — jaarrekening (realisatie) wijzigen" in html
    assert 'value="70.000.000"' in html and 'value="80.000.000"' not in html
    url = reverse("capacity:indicator_year", args=[T, "realisatie"]) + f"?begrotingsjaar={T}"
    response = client.post(
        url, {"kind": "realisatie", "long_term_debt": "71.000.000", "reason": "Accountant"}
    )
    assert response.status_code == 302
    rows = dict(IndicatorYear.objects.filter(organisation=cast.org).values_list("kind", "long_term_debt"))
    assert rows == {"begroting": Decimal("80000000"), "realisatie": Decimal("71000000")}
    assert client.get(reverse("capacity:indicator_year", args=[T, "onzin"])).status_code == 404


def test_another_organisations_year_and_kind_is_not_reachable(cast, login):
    make_row(cast.other_org, T, "realisatie", debt="987654321")
    html = (
        login(cast.controller)
        .get(reverse("capacity:indicator_year", args=[T, "realisatie"]))
        .content.decode()
    )
    assert "987.654.321" not in html and "Gegevens 2026 — jaarrekening (realisatie) invullen" in html


# --- the overview -----------------------------------------------------------------------------------------


def test_the_overview_lists_year_and_kind_and_shows_the_kind_that_fits_each_year(cast, login):
    make_row(cast.org, T - 1, "begroting", debt="60000000")  # no jaarrekening of t−1 yet: the begroting
    make_row(cast.org, T, "begroting", debt="80000000")  # t: the begroting, not the realisatie
    make_row(cast.org, T, "realisatie", debt="120000000")
    html = login(cast.controller).get(INDICATORS_URL).content.decode()
    recorded = html.split('id="rk-recorded"')[1].split("</ul>")[0]
    assert recorded.index("2025 — begroting") < recorded.index("2026 — jaarrekening (realisatie)")
    assert recorded.index("2026 — jaarrekening (realisatie)") < recorded.index("2026 — begroting")
    net_debt = html.split('data-indicator="net_debt_ratio"')
    assert net_debt[1].split("</td>")[0].startswith(">60,0%")  # t−1 from its begroting
    assert net_debt[2].split("</td>")[0].startswith(">80,0%")  # t from its begroting
    assert "120,0%" not in html.split('id="rk-indicators"')[1].split("</table>")[0]
    # The paragraph's columns: what the begroting t and the jaarstukken t still miss.
    assert "Jaarrekening 2024: <strong>niet vastgelegd</strong>" in html
    assert "Begroting 2025 (na wijziging): vastgelegd" in html
    assert "Realisatie 2026: vastgelegd" in html
    assert reverse("capacity:indicator_year", args=[T - 2, "realisatie"]) in html


# --- the sheet --------------------------------------------------------------------------------------------


def test_the_import_reads_the_kind_from_the_heading(cast, login):
    make_row(cast.org, T, "begroting", debt="1")
    rows = [
        ["Gegeven", "2025 jaarrekening", "2025 Begroting", "2026 realisatie", T],
        ["A vaste schulden", 70_000_000, 75_000_000, 90_000_000, 80_000_000],
        ["H totale baten (excl. mutaties reserves)", 100_000_000, 100_000_000, 100_000_000, None],
    ]
    response = login(cast.controller).post(
        reverse("capacity:indicator_import"), {"budget_year": str(T), "file": xlsx(rows)}
    )
    assert response.status_code == 302
    stored = {
        (row.year, row.kind): (row.long_term_debt, row.total_revenue)
        for row in IndicatorYear.objects.filter(organisation=cast.org)
    }
    assert stored == {
        (T - 1, "realisatie"): (Decimal("70000000"), Decimal("100000000")),
        (T - 1, "begroting"): (Decimal("75000000"), Decimal("100000000")),
        (T, "realisatie"): (Decimal("90000000"), Decimal("100000000")),
        (T, "begroting"): (Decimal("80000000"), None),  # a year alone: the kind of t, begroting
    }


def test_the_import_refuses_a_year_and_kind_twice_and_an_unknown_kind_all_or_nothing(cast, login):
    make_row(cast.org, T, "begroting", debt="1")
    rows = [
        ["Gegeven", "2026 begroting", T, "2025 voorlopig", "2025 jaarrekening"],
        ["A vaste schulden", 80_000_000, 80_000_000, 1, 1],
    ]
    response = login(cast.controller).post(
        reverse("capacity:indicator_import"), {"budget_year": str(T), "file": xlsx(rows)}
    )
    html = response.content.decode()
    assert "Er is niets ingelezen" in html
    assert "Rij 1, kolom C: 2026 begroting staat er twee keer in (ook in kolom B)." in html
    assert "Rij 1, kolom D: &#x27;voorlopig&#x27; is geen soort cijfers" in html
    assert kinds(cast.org) == [(T, "begroting")]
    assert IndicatorYear.objects.get(organisation=cast.org).long_term_debt == Decimal("1")


# --- the snapshot and the paragraph -----------------------------------------------------------------------


def test_the_jaarstukken_paragraph_shows_the_begroting_and_the_realisatie_of_one_year(cast):
    make_risk(cast.org)
    CapacityItem.objects.create(organisation=cast.org, name="Algemene reserve", amount=Decimal("1000000"))
    make_row(cast.org, T - 1, "realisatie", debt="70000000")
    make_row(cast.org, T, "begroting", debt="80000000")
    make_row(cast.org, T, "realisatie", debt="95000000")
    snapshot = freezing.freeze(
        cast.org, cast.controller, f"Jaarstukken {T}", "jaarstukken", T, datetime.date(T + 1, 3, 1)
    )
    snapshot.refresh_from_db()
    frozen = [(row.year, row.kind) for row in snapshot.frozen_inputs.indicator_years]
    assert frozen == [(T - 1, "realisatie"), (T, "begroting"), (T, "realisatie")]

    document = compose(paragraph_data(snapshot))
    table = next(b for s in document.sections for b in s.blocks if getattr(b, "key", "") == "kengetallen")
    assert table.head == ("Kengetal", f"Jaarrekening {T - 1}", f"Begroting {T}", f"Realisatie {T}")
    net_debt = [cell.text for cell in table.rows[0][1:]]
    assert [text.split(" ")[0] for text in net_debt] == ["70,0%", "80,0%", "95,0%"]


def test_the_benchmark_takes_the_kind_that_fits_the_snapshots_document(cast):
    make_risk(cast.org)
    make_row(cast.org, T, "begroting")  # solvabiliteit 30 / 100
    IndicatorYear.objects.create(
        organisation=cast.org,
        year=T,
        kind="realisatie",
        equity=Decimal("45"),
        balance_sheet_total=Decimal("100"),
    )
    solvency = {}
    for document in ("begroting", "jaarstukken"):
        snapshot = freezing.freeze(cast.org, cast.controller, document, document, T, datetime.date(T, 1, 1))
        snapshot.refresh_from_db()
        solvency[document] = benchmark_data._kengetal(snapshot, "solvency_ratio")
    assert solvency == {"begroting": pytest.approx(0.30), "jaarstukken": pytest.approx(0.45)}
