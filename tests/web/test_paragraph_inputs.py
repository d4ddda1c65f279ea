# SPDX-License-Identifier: EUPL-1.2
"""The paragraph's inputs: capacity per year, onbenutte belastingcapaciteit, separate groups, kengetallen."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from tests.fixtures import make_risk, make_user

from risicokompas.capacity.models import (
    CapacityItem,
    IndicatorYear,
    ParagraphSettings,
    SeparateRequirement,
    TaxCapacityInputs,
)
from risicokompas.capacity.services import engine_indicator_inputs
from risicokompas.dashboard.compute import build_dashboard
from risicokompas.engine.indicators import Indicator, compute_indicators
from risicokompas.engine.present import format_percent

T = 2026
INDICATORS_URL = reverse("capacity:indicators") + f"?begrotingsjaar={T}"
SETTINGS_POST = reverse("capacity:indicator_settings")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def bestuur(cast):
    return make_user("bestuurder", cast.org, "bestuur")


def make_year(org, year=T, **changes) -> IndicatorYear:
    values = dict(
        kind=IndicatorYear.Kind.BUDGET,
        long_term_debt=Decimal("80000000"),
        net_floating_debt=Decimal("10000000"),
        accrued_liabilities=Decimal("5000000"),
        long_term_investments=Decimal("3000000"),
        loans_granted=Decimal("12000000"),
        short_term_investments=Decimal("1000000"),
        cash=Decimal("500000"),
        accrued_assets=Decimal("4500000"),
        total_revenue=Decimal("100000000"),
        equity=Decimal("45000000"),
        balance_sheet_total=Decimal("150000000"),
        land_not_in_development=Decimal("2000000"),
        land_in_development=Decimal("10000000"),
        structural_revenue=Decimal("98000000"),
        structural_expenses=Decimal("97000000"),
        structural_reserve_withdrawals=Decimal("500000"),
        structural_reserve_additions=Decimal("200000"),
        property_tax=Decimal("350"),
        sewage_charge=Decimal("200"),
        waste_charge=Decimal("300"),
        tax_discount=Decimal("0"),
        national_average_housing_costs=Decimal("900"),
    )
    values.update(changes)
    return IndicatorYear.objects.create(organisation=org, year=year, **values)


def make_separate(org, name="Grondexploitaties", amount="2000000"):
    return SeparateRequirement.objects.create(
        organisation=org, name=name, kind="grondexploitaties", amount=Decimal(amount)
    )


def xlsx(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("kengetallen.xlsx", buffer.getvalue())


# --- access ---------------------------------------------------------------------------------------------

READ_VIEWS = [
    "capacity:capacity_tax",
    "capacity:separate",
    "capacity:indicators",
    "capacity:capacity",
]
EDIT_VIEWS = [
    ("capacity:separate_create", ()),
    ("capacity:indicator_year", (T,)),
    ("capacity:indicator_import", ()),
]


@pytest.mark.parametrize("name", READ_VIEWS + [n for n, _ in EDIT_VIEWS])
def test_a_controller_opens_every_page(cast, login, name):
    args = dict(EDIT_VIEWS).get(name, ())
    assert login(cast.controller).get(reverse(name, args=args)).status_code == 200


@pytest.mark.parametrize("name", READ_VIEWS)
def test_bestuur_reads_the_paragraph_inputs_without_edit_controls(cast, login, bestuur, name):
    response = login(bestuur).get(reverse(name))
    assert response.status_code == 200
    assert "Opslaan" not in response.content.decode()


@pytest.mark.parametrize(("name", "args"), EDIT_VIEWS)
def test_bestuur_may_not_edit(cast, login, bestuur, name, args):
    assert login(bestuur).get(reverse(name, args=args)).status_code == 403


def test_bestuur_may_not_post_tax_inputs_or_settings(cast, login, bestuur):
    client = login(bestuur)
    assert client.post(reverse("capacity:capacity_tax"), {"nature": "structureel"}).status_code == 403
    assert client.post(SETTINGS_POST, {"action": "regenerate"}).status_code == 403


@pytest.mark.parametrize("role", ["owner", "employee", "reader"])
@pytest.mark.parametrize("name", [*READ_VIEWS, "capacity:indicator_template"])
def test_other_roles_get_403(cast, login, role, name):
    assert login(getattr(cast, role)).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ["capacity:separate_edit", "capacity:separate_delete"])
def test_another_organisations_separate_requirement_is_a_404(cast, login, name):
    item = make_separate(cast.other_org)
    assert login(cast.controller).get(reverse(name, args=[item.pk])).status_code == 404
    assert login(cast.controller).post(reverse(name, args=[item.pk])).status_code == 404
    assert SeparateRequirement.objects.filter(pk=item.pk).exists()


def test_another_organisations_kengetallen_are_never_shown(cast, login):
    make_year(cast.other_org, long_term_debt=Decimal("987654321"))
    html = login(cast.controller).get(INDICATORS_URL).content.decode()
    assert "987.654.321" not in html


# --- capacity items over the years ----------------------------------------------------------------------


def test_a_capacity_item_gets_a_kind_and_amounts_for_four_years(cast, login):
    response = login(cast.controller).post(
        reverse("capacity:capacity_create"),
        {
            "name": "Algemene reserve",
            "kind": CapacityItem.Kind.GENERAL_RESERVE,
            "nature": "incidenteel",
            "amount": "1.000.000",
            "amount_t1": "€ 900.000",
            "amount_t2": "800k",
            "amount_t3": "",
            "explanation": "Stand na resultaatbestemming.",
        },
    )
    assert response.status_code == 302
    item = cast.org.capacity_items.get()
    assert item.amounts() == (Decimal("1000000"), Decimal("900000"), Decimal("800000"), None)


def test_the_capacity_list_totals_each_year_and_each_nature(cast, login):
    CapacityItem.objects.create(
        organisation=cast.org,
        name="Algemene reserve",
        nature="incidenteel",
        amount=1_000_000,
        amount_t1=900_000,
        amount_t2=800_000,
        amount_t3=700_000,
    )
    CapacityItem.objects.create(
        organisation=cast.org, name="Post onvoorzien", nature="structureel", amount=100_000, amount_t1=100_000
    )
    html = login(cast.controller).get(reverse("capacity:capacity")).content.decode()
    incidental = html[html.index('id="rk-capacity-incidental"') : html.index('id="rk-capacity-structural"')]
    assert cells(incidental) == ["€\u00a01.000.000", "€\u00a0900.000", "€\u00a0800.000", "€\u00a0700.000"]
    # As in the paragraph: a later year without an amount for every item is "niet geraamd", never € 0.
    structural = html[html.index('id="rk-capacity-structural"') : html.index('id="rk-capacity-totals"')]
    assert cells(structural) == ["€\u00a0100.000", "€\u00a0100.000", "niet geraamd", "niet geraamd"]
    totals = html[html.index('id="rk-capacity-totals"') : html.index("</tfoot>")]
    assert cells(totals) == ["€\u00a01.100.000", "€\u00a01.000.000", "niet geraamd", "niet geraamd"]


def cells(row_html: str) -> list[str]:
    """The amounts of one table row (its non-empty data cells)."""
    found = re.findall(r"<td[^>]*>(.*?)</td>", row_html.split("</tr>")[0], re.S)
    return [cell.strip() for cell in found if cell.strip()]


# --- onbenutte belastingcapaciteit ----------------------------------------------------------------------

TAX_DATA = {
    "year": "2026",
    "norm_rate": "0,1",
    "own_rate_dwellings": "0,08",
    "woz_dwellings": "4.000.000.000",
    "own_rate_non_dwellings": "0,09",
    "woz_non_dwellings": "1.000.000.000",
    "sewage_revenue": "4.500.000",
    "sewage_costs": "5.000.000",
    "waste_revenue": "6.000.000",
    "waste_costs": "6.250.000",
    "nature": "structureel",
    "explanation": "",
}


def test_tax_capacity_is_computed_and_shown_with_its_inputs(cast, login):
    client = login(cast.controller)
    assert client.post(reverse("capacity:capacity_tax"), TAX_DATA).status_code == 302
    inputs = TaxCapacityInputs.objects.get(organisation=cast.org)
    assert inputs.norm_rate == Decimal("0.1") and inputs.woz_dwellings == Decimal("4000000000")
    html = client.get(reverse("capacity:capacity_tax")).content.decode()
    assert "€\u00a0800.000" in html  # (0,10 − 0,08) / 100 × 4 mld
    assert "€\u00a0100.000" in html and "€\u00a0500.000" in html and "€\u00a0250.000" in html
    total = html[html.index('id="rk-tax-total"') :]
    assert total.split("</td>")[0].endswith("€\u00a01.650.000")
    assert "€\u00a04.000.000.000" in html  # the input next to the result


def test_missing_tax_inputs_give_a_reason_instead_of_an_amount(cast, login):
    client = login(cast.controller)
    client.post(reverse("capacity:capacity_tax"), {**TAX_DATA, "woz_non_dwellings": ""})
    html = client.get(reverse("capacity:capacity_tax")).content.decode()
    assert "ontbreekt: WOZ-waarde niet-woningen" in html
    assert "onvolledig" in html


def test_a_negative_rate_is_refused(cast, login):
    response = login(cast.controller).post(reverse("capacity:capacity_tax"), {**TAX_DATA, "norm_rate": "-1"})
    assert response.status_code == 200
    assert "niet negatief" in response.content.decode()


def test_computed_tax_capacity_adds_to_the_available_capacity_on_the_dashboard(cast, login):
    CapacityItem.objects.create(organisation=cast.org, name="Algemene reserve", amount=1_000_000)
    login(cast.controller).post(reverse("capacity:capacity_tax"), TAX_DATA)
    make_risk(cast.org)
    dash = build_dashboard(cast.org)
    assert dash.available == pytest.approx(2_650_000)
    assert dash.tax_capacity.counted
    html = login(cast.controller).get(reverse("dashboard:home")).content.decode()
    assert "berekende onbenutte belastingcapaciteit €\u00a01.650.000" in html


def test_a_tax_capacity_item_wins_over_the_computed_amount_to_avoid_double_counting(cast, login):
    CapacityItem.objects.create(
        organisation=cast.org, name="OZB-ruimte", kind=CapacityItem.Kind.TAX_CAPACITY, amount=300_000
    )
    login(cast.controller).post(reverse("capacity:capacity_tax"), TAX_DATA)
    make_risk(cast.org)
    dash = build_dashboard(cast.org)
    assert dash.available == 300_000
    assert not dash.tax_capacity.counted
    assert "dubbel" in login(cast.controller).get(reverse("dashboard:home")).content.decode()


# --- apart berekende risicogroepen ----------------------------------------------------------------------


def test_a_controller_adds_edits_and_deletes_a_separate_requirement(cast, login):
    client = login(cast.controller)
    data = {
        "name": "Grondexploitaties",
        "kind": "grondexploitaties",
        "amount": "€ 2.000.000",
        "explanation": "RAG",
    }
    assert client.post(reverse("capacity:separate_create"), data).status_code == 302
    item = cast.org.separate_requirements.get()
    assert item.amount == Decimal("2000000")
    edit = {**data, "amount": "2.500.000"}
    response = client.post(reverse("capacity:separate_edit", args=[item.pk]), edit)
    assert response.status_code == 200 and "Geef een reden" in response.content.decode()
    client.post(reverse("capacity:separate_edit", args=[item.pk]), {**edit, "reason": "Nieuwe RAG"})
    item.refresh_from_db()
    assert item.amount == Decimal("2500000")
    html = client.get(reverse("capacity:separate")).content.decode()
    assert "Grondexploitaties" in html and "€\u00a02.500.000" in html
    client.post(reverse("capacity:separate_delete", args=[item.pk]))
    assert cast.org.separate_requirements.exists()  # deleting needs a reason too
    client.post(reverse("capacity:separate_delete", args=[item.pk]), {"reason": "Grex afgesloten"})
    assert not cast.org.separate_requirements.exists()
    history = list(cast.org.policy_changes.filter(subject="risicogroepen").order_by("changed_at", "id"))
    assert [(h.action, h.reason) for h in history] == [
        ("toegevoegd", "Nieuwe risicogroep"),
        ("gewijzigd", "Nieuwe RAG"),
        ("verwijderd", "Grex afgesloten"),
    ]
    assert history[1].changes["benodigd bedrag (€)"] == ["2000000", "2500000"]
    assert all(h.changed_by == cast.controller for h in history)


def test_tax_capacity_changes_keep_their_history_with_a_reason(cast, login):
    client = login(cast.controller)
    url = reverse("capacity:capacity_tax")
    data = {
        "norm_rate": "0,1953",
        "own_rate_dwellings": "0,1500",
        "woz_dwellings": "1.000.000.000",
        "nature": "structureel",
    }
    assert client.post(url, data).status_code == 302
    changed = {**data, "own_rate_dwellings": "0,1600"}
    assert "Geef een reden" in client.post(url, changed).content.decode()
    assert client.post(url, {**changed, "reason": "Raadsbesluit tarieven"}).status_code == 302
    rows = list(cast.org.policy_changes.filter(subject="belastingcapaciteit").order_by("changed_at", "id"))
    assert [r.action for r in rows] == ["toegevoegd", "gewijzigd"]
    assert rows[1].reason == "Raadsbesluit tarieven"
    assert list(rows[1].changes.values()) == [["0.15", "0.16"]]
    assert "Raadsbesluit tarieven" in client.get(url).content.decode()


def test_a_separate_requirement_needs_an_amount(cast, login):
    response = login(cast.controller).post(
        reverse("capacity:separate_create"), {"name": "Garanties", "kind": "garanties", "amount": ""}
    )
    assert response.status_code == 200
    assert not SeparateRequirement.objects.exists()


def test_separate_requirements_add_to_the_required_capacity_on_the_dashboard(cast, login):
    make_risk(cast.org)
    CapacityItem.objects.create(organisation=cast.org, name="Algemene reserve", amount=5_000_000)
    simulated = build_dashboard(cast.org).result.required_capacity
    make_separate(cast.org, amount="2000000")
    dash = build_dashboard(cast.org)
    assert dash.result.required_capacity == pytest.approx(simulated)
    assert dash.required_total == pytest.approx(simulated + 2_000_000)
    assert dash.ratio == pytest.approx(5_000_000 / (simulated + 2_000_000))
    html = login(cast.controller).get(reverse("dashboard:home")).content.decode()
    assert "apart berekende risicogroepen €\u00a02.000.000" in html


# --- kengetallen ----------------------------------------------------------------------------------------


def test_the_kengetallen_equal_the_engine_for_the_same_letters(cast, login):
    year = make_year(cast.org)
    expected = compute_indicators(engine_indicator_inputs(year))
    html = login(cast.controller).get(INDICATORS_URL).content.decode()
    for indicator in Indicator:
        assert format_percent(expected[indicator].value, 1) in html
    # netto schuldquote (80 + 10 + 5 − 3 − 1 − 0,5 − 4,5) / 100 = 86% → A
    assert expected[Indicator.NET_DEBT].value == pytest.approx(0.86)
    assert "86,0%" in html


def test_signal_categories_are_shown_as_text(cast, login):
    make_year(cast.org)
    html = login(cast.controller).get(INDICATORS_URL).content.decode()
    assert "categorie A (minst risicovol)" in html
    assert "categorie B (neutraal)" in html  # solvabiliteit 30%


def test_a_threshold_override_changes_a_category(cast, login):
    make_year(cast.org)
    client = login(cast.controller)
    data = {
        "action": "thresholds",
        "begrotingsjaar": str(T),
        "net_debt_lower": "50",
        "net_debt_upper": "80",
        "solvency_lower": "20",
        "solvency_upper": "50",
        "land_development_lower": "20",
        "land_development_upper": "35",
        "structural_margin_lower": "0",
        "structural_margin_upper": "0",
        "tax_capacity_lower": "95",
        "tax_capacity_upper": "105",
    }
    assert client.post(SETTINGS_POST, data).status_code == 302
    assert ParagraphSettings.objects.get(organisation=cast.org).signal_thresholds["net_debt"] == [0.5, 0.8]
    html = client.get(INDICATORS_URL).content.decode()
    budget_year_cell = html.split('data-indicator="net_debt_ratio"')[2]  # columns t−1, t, …
    assert budget_year_cell.split("</td>")[0].endswith("categorie C (meest risicovol)</span>")
    client.post(SETTINGS_POST, {"action": "reset_thresholds", "begrotingsjaar": str(T)})
    assert ParagraphSettings.objects.get(organisation=cast.org).signal_thresholds == {}


def test_a_threshold_with_upper_below_lower_is_refused_in_dutch(cast, login):
    response = login(cast.controller).post(
        SETTINGS_POST,
        {"action": "thresholds", "begrotingsjaar": str(T), "net_debt_lower": "130", "net_debt_upper": "90"},
    )
    assert response.status_code == 400
    assert "niet lager zijn dan de ondergrens" in response.content.decode()


def test_a_controller_enters_a_year_with_dutch_amounts(cast, login):
    response = login(cast.controller).post(
        reverse("capacity:indicator_year", args=[T - 1]) + f"?begrotingsjaar={T}",
        {"kind": "realisatie", "long_term_debt": "€ 80.000.000", "equity": "-1.500.000", "cash": "500k"},
    )
    assert response.status_code == 302
    year = IndicatorYear.objects.get(organisation=cast.org, year=T - 1)
    assert year.long_term_debt == Decimal("80000000")
    assert year.equity == Decimal("-1500000")  # equity may be negative
    assert year.cash == Decimal("500000")


def test_a_negative_letter_that_may_not_be_negative_is_refused(cast, login):
    response = login(cast.controller).post(
        reverse("capacity:indicator_year", args=[T]), {"kind": "begroting", "cash": "-5"}
    )
    assert response.status_code == 200
    assert not IndicatorYear.objects.exists()


def test_the_year_form_shows_the_dutch_labels_with_bbv_letters(cast, login):
    html = login(cast.controller).get(reverse("capacity:indicator_year", args=[T])).content.decode()
    assert "A vaste schulden" in html and "H totale baten" in html


def test_the_reading_is_generated_saved_edited_and_regenerated(cast, login):
    make_year(cast.org)
    client = login(cast.controller)
    html = client.get(INDICATORS_URL).content.decode()
    assert "Balans (2026)" in html and "Voorstel opnieuw genereren" in html
    client.post(
        SETTINGS_POST, {"action": "reading", "begrotingsjaar": str(T), "indicator_reading": "Eigen tekst."}
    )
    assert ParagraphSettings.objects.get(organisation=cast.org).indicator_reading == "Eigen tekst."
    assert "Eigen tekst." in client.get(INDICATORS_URL).content.decode()
    client.post(SETTINGS_POST, {"action": "regenerate", "begrotingsjaar": str(T)})
    assert ParagraphSettings.objects.get(organisation=cast.org).indicator_reading.startswith("Balans (2026)")


# --- Excel import ---------------------------------------------------------------------------------------


def test_the_import_reads_letters_by_label_or_key_per_year(cast, login):
    rows = [
        ["Gegeven", T - 1, "2026"],
        ["A vaste schulden", 70_000_000, "€ 80.000.000"],
        ["total_revenue", "100.000.000", 100_000_000],
        ["eigen vermogen", -1_000_000, "-2.000.000"],
    ]
    response = login(cast.controller).post(
        reverse("capacity:indicator_import"), {"budget_year": str(T), "file": xlsx(rows)}
    )
    assert response.status_code == 302
    actual, budget = IndicatorYear.objects.filter(organisation=cast.org).order_by("year")
    assert (actual.kind, budget.kind) == ("realisatie", "begroting")
    assert actual.long_term_debt == Decimal("70000000") and budget.long_term_debt == Decimal("80000000")
    assert budget.total_revenue == Decimal("100000000") and budget.equity == Decimal("-2000000")


def test_the_import_is_all_or_nothing_with_row_and_column_in_dutch(cast, login):
    make_year(cast.org, long_term_debt=Decimal("1"))
    rows = [
        ["Gegeven", 2026, "volgend jaar"],
        ["A vaste schulden", 80_000_000, 1],
        ["onbekende regel", 1, 1],
        ["F liquide middelen", "veel", 1],
        ["C overlopende passiva", -5, 1],
    ]
    response = login(cast.controller).post(
        reverse("capacity:indicator_import"), {"budget_year": str(T), "file": xlsx(rows)}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is niets ingelezen" in html
    assert "Rij 1, kolom C: &#x27;volgend jaar&#x27; is geen jaartal" in html
    assert "Rij 3, kolom A: &#x27;onbekende regel&#x27; is geen bekend gegeven" in html
    assert "Rij 4, kolom B: &#x27;veel&#x27; is geen geldig bedrag" in html
    assert "Rij 5, kolom B: bedrag -5 mag niet negatief zijn" in html
    assert IndicatorYear.objects.get(organisation=cast.org).long_term_debt == Decimal("1")


def test_a_file_that_is_not_excel_is_refused(cast, login):
    upload = SimpleUploadedFile("x.xlsx", b"not a workbook")
    response = login(cast.controller).post(
        reverse("capacity:indicator_import"), {"budget_year": str(T), "file": upload}
    )
    assert "geen leesbaar Excel-bestand" in response.content.decode()


def test_the_template_lists_the_letters_and_years_and_imports_back(cast, login):
    make_year(cast.org)
    client = login(cast.controller)
    response = client.get(reverse("capacity:indicator_template") + f"?begrotingsjaar={T}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    # Every column of both paragraphs of t, by year and kind: begroting t and jaarstukken t.
    assert [c.value for c in sheet[1]] == [
        "Gegeven",
        f"{T - 2} jaarrekening",
        f"{T - 1} jaarrekening",
        f"{T - 1} begroting",
        f"{T} jaarrekening",
        f"{T} begroting",
        f"{T + 1} meerjarenraming",
        f"{T + 2} meerjarenraming",
        f"{T + 3} meerjarenraming",
    ]
    assert sheet["A2"].value == "A vaste schulden" and sheet["F2"].value == 80_000_000
    assert sheet["E2"].value is None  # the jaarrekening of t is not recorded
    upload = SimpleUploadedFile("k.xlsx", response.content)
    assert (
        client.post(reverse("capacity:indicator_import"), {"budget_year": str(T), "file": upload}).status_code
        == 302
    )
    # The empty columns changed nothing: still the one row, with its amount.
    (row,) = IndicatorYear.objects.filter(organisation=cast.org)
    assert (row.year, row.kind, row.long_term_debt) == (T, "begroting", Decimal("80000000"))


# --- settings page --------------------------------------------------------------------------------------


def test_the_settings_page_links_to_the_paragraph_inputs(cast, login):
    html = login(cast.controller).get(reverse("capacity:settings")).content.decode()
    for name in ("capacity:capacity_tax", "capacity:separate", "capacity:indicators"):
        assert reverse(name) in html
