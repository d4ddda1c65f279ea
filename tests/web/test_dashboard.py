# SPDX-License-Identifier: EUPL-1.2
"""The dashboard: the engine's numbers for the current register, the risicokaart, and what is not counted."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from tests.fixtures import make_risk

from risicokompas import charts
from risicokompas.capacity.models import CapacityItem
from risicokompas.dashboard.compute import build_dashboard
from risicokompas.engine import Fixed, Profile, Risk, Settings, Uniform, simulate
from risicokompas.engine.present import format_eur, format_ratio, round_amount_for_display

URL = reverse("dashboard:home")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def page(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def nbsp(text: str) -> str:
    return text.replace("€ ", "€\u00a0")


def add_capacity(org, amount, name="Algemene reserve"):
    return CapacityItem.objects.create(organisation=org, name=name, amount=Decimal(amount))


def required_amount(html: str) -> str:
    match = re.search(r'id="rk-required".*?rk-card__value">([^<]+)<', html, re.DOTALL)
    return match.group(1)


def required_value(org) -> float:
    return build_dashboard(org).result.required_capacity


@pytest.mark.parametrize("role", ["controller", "owner", "employee", "reader"])
def test_every_member_may_see_the_dashboard(cast, login, role):
    make_risk(cast.org)
    client = login(getattr(cast, role))
    assert "Benodigde weerstandscapaciteit" in page(client)


def test_an_organisation_without_risks_sees_a_friendly_empty_state(cast, login):
    html = page(login(cast.controller))
    assert "nog geen open risico" in html
    assert 'id="rk-riskmap"' not in html


def test_the_dashboard_shows_the_engines_numbers_for_the_same_profile(cast, login):
    make_risk(cast.org, "R01", probability=Decimal("0.3"), impact_max=Decimal("1000000"))
    make_risk(cast.org, "R02", probability=Decimal("0.5"), impact_max=Decimal("400000"), shape="vast")
    add_capacity(cast.org, "500000")
    profile = Profile(
        risks=(
            Risk("R01", "Risico R01", 0.3, Uniform(0, 1_000_000)),
            Risk("R02", "Risico R02", 0.5, Fixed(400_000)),
        )
    )
    expected = simulate(profile, Settings(certainty=0.9, capacity=500_000))
    html = page(login(cast.reader))
    q = expected.quantile(0.9)
    assert required_amount(html) == nbsp(round_amount_for_display(q.value, q.relative_uncertainty).text)
    assert format_ratio(expected.ratio) in html
    assert f"Klasse {expected.ratio_class.letter} ({expected.ratio_class.label})" in html
    dash = build_dashboard(cast.org)
    assert dash.result.required_capacity == pytest.approx(expected.required_capacity)
    assert dash.result.p_exceed_capacity == pytest.approx(expected.p_exceed_capacity)
    assert dash.available == 500_000


def test_unquantified_risks_are_listed_with_their_programme_and_not_counted(cast, login):
    make_risk(cast.org, "R01")
    counted_alone = required_value(cast.org)
    cache.clear()
    make_risk(cast.org, "R02", probability=None, programme="Ruimte")
    make_risk(cast.org, "R03", impact_max=None, programme="Ruimte")
    make_risk(cast.org, "R04", probability=None, programme="Sociaal domein")
    dash = build_dashboard(cast.org)
    assert dash.result.active_count == 1
    assert dash.result.required_capacity == counted_alone
    html = page(login(cast.controller))
    assert (
        "3 open risico&#x27;s zijn niet gekwantificeerd" in html
        or "3 open risico's zijn niet gekwantificeerd" in html
    )
    block = html[html.index('id="rk-unquantified-list"') :]
    block = block[: block.index("</ul>")]
    assert "Ruimte (2)" in block and "Sociaal domein (1)" in block
    for code in ("R02", "R03", "R04"):
        risk = cast.org.risks.get(code=code)
        assert reverse("risks:detail", args=[risk.pk]) in block


def test_risks_with_an_impossible_estimate_are_listed_with_the_reason_and_not_counted(cast, login):
    make_risk(cast.org, "R01")
    alone = required_value(cast.org)
    broken = make_risk(cast.org, "R02", impact_min=Decimal("2000000"), impact_max=Decimal("1000000"))
    assert required_value(cast.org) == alone
    html = page(login(cast.controller))
    block = html[html.index('id="rk-invalid-list"') :]
    block = block[: block.index("</ul>")]
    assert reverse("risks:detail", args=[broken.pk]) in block
    assert "R02 Risico R02</a>: " in block


def test_closed_risks_are_not_counted(cast):
    make_risk(cast.org, "R01")
    alone = required_value(cast.org)
    make_risk(cast.org, "R02", status="gesloten", impact_max=Decimal("5000000"))
    make_risk(cast.org, "R03", status="opgetreden")
    assert required_value(cast.org) == alone


def test_another_organisations_risks_never_influence_the_numbers(cast):
    make_risk(cast.org, "R01")
    alone = build_dashboard(cast.org)
    make_risk(cast.other_org, "R02", impact_max=Decimal("9000000"))
    make_risk(cast.other_org, "R01", probability=Decimal("0.9"))
    add_capacity(cast.other_org, "1000000")
    again = build_dashboard(cast.org)
    assert again.result.required_capacity == alone.result.required_capacity
    assert again.available == 0
    assert again.riskmap.total == 1


def test_the_risicokaart_counts_risks_per_cell_and_links_to_the_filtered_register(cast, login):
    make_risk(cast.org, "R01", probability=Decimal("0.05"), impact_max=Decimal("40000"))  # 1,1
    make_risk(cast.org, "R02", probability=Decimal("0.9"), impact_max=Decimal("2000000"))  # 5,5
    make_risk(cast.org, "R03", probability=Decimal("0.85"), impact_max=Decimal("1500000"))  # 5,5
    make_risk(cast.org, "R04", probability=Decimal("0.3"), impact_max=Decimal("200000"))  # 2,2
    make_risk(cast.org, "R05", probability=None)  # not on the map
    html = page(login(cast.employee))
    table = html[html.index('id="rk-riskmap"') :]
    table = table[: table.index("</table>")]
    link = reverse("risks:list") + "?kansklasse={}&amp;gevolgklasse={}"
    assert f'href="{link.format(5, 5)}">2<' in table
    assert f'href="{link.format(1, 1)}">1<' in table
    assert f'href="{link.format(2, 2)}">1<' in table
    assert table.count("?kansklasse=") == 3  # empty cells are not links
    assert "score 25 (rood)" in table and "score 4 (groen)" in table and "score 6 (oranje)" in table
    rows = re.findall(r'<th scope="row"[^>]*>Kans (\d)', table)
    assert rows == ["5", "4", "3", "2", "1"]


def test_the_risicokaart_follows_the_organisations_gevolgklassen(cast):
    make_risk(cast.org, "R01", probability=Decimal("0.3"), impact_max=Decimal("150000"))
    assert build_dashboard(cast.org).riskmap.cell(2, 2).count == 1
    cast.org.band_1 = 200_000
    cast.org.band_2 = 300_000
    cast.org.save()
    assert build_dashboard(cast.org).riskmap.cell(2, 1).count == 1


def test_capacity_items_change_the_ratio(cast):
    make_risk(cast.org, "R01")
    add_capacity(cast.org, "100000")
    low = build_dashboard(cast.org).ratio
    add_capacity(cast.org, "900000", name="Stille reserve")
    high = build_dashboard(cast.org).ratio
    assert high == pytest.approx(low * 10)


def test_a_clear_warning_appears_below_the_norm(cast, login):
    make_risk(cast.org, "R01")
    add_capacity(cast.org, "100000")  # far below the 90% quantile
    client = login(cast.controller)
    html = page(client)
    assert 'id="rk-norm-warning"' in html
    assert "ligt onder de norm" in html
    add_capacity(cast.org, "50000000", name="Genoeg")
    assert 'id="rk-norm-warning"' not in page(client)


def test_an_early_warning_appears_just_above_the_norm(cast, login):
    make_risk(cast.org, "R01")
    required = required_value(cast.org)
    add_capacity(cast.org, str(round(required * 1.05)))
    html = page(login(cast.controller))
    assert 'id="rk-norm-early-warning"' in html
    assert 'id="rk-norm-warning"' not in html


def test_risks_past_their_review_date_are_listed(cast, login):
    today = datetime.date.today()
    late = make_risk(cast.org, "R01", review_date=today - datetime.timedelta(days=1))
    make_risk(cast.org, "R02", review_date=today + datetime.timedelta(days=10))
    make_risk(cast.org, "R03", review_date=today - datetime.timedelta(days=5), status="gesloten")
    html = page(login(cast.controller))
    block = html[html.index('id="rk-overdue"') :]
    block = block[: block.index("</ul>")]
    assert reverse("risks:detail", args=[late.pk]) in block
    assert "R02" not in block and "R03" not in block


def test_the_top_drivers_link_to_their_risks_with_shares(cast, login):
    risks = [make_risk(cast.org, f"R{i:02d}", impact_max=Decimal(100_000 * i)) for i in range(1, 13)]
    html = page(login(cast.controller))
    table = html[html.index('id="rk-drivers"') :]
    table = table[: table.index("</table>")]
    assert table.count("<tr") == 11  # header + ten
    assert reverse("risks:detail", args=[risks[-1].pk]) in table  # the largest
    assert reverse("risks:detail", args=[risks[0].pk]) + '"' not in table  # the smallest
    assert re.search(r"\d,\d%", table)


def test_the_method_and_the_conventional_comparison_are_shown(cast, login):
    make_risk(cast.org, "R01", probability=Decimal("0.5"), impact_max=Decimal("1000000"))
    html = page(login(cast.controller))
    assert "exacte berekening" in html
    assert nbsp(format_eur(500_000)) in html  # Σ kans × max
    assert nbsp(format_eur(700_000)) in html  # 70% of Σ max
    assert "tussen 20% en 28%" in html


def chart_addresses(html: str) -> list[str]:
    return re.findall(r'hx-get="(/dashboard/grafiek/[^"]+)"', html)


def test_charts_follow_the_page_and_have_text_alternatives(cast, login):
    make_risk(cast.org, "R01")
    client = login(cast.controller)
    html = page(client)
    assert 'role="img"' not in html  # drawing the charts does not hold the page up
    assert 'id="rk-exceedance-table"' in html
    assert "<caption" in html[html.index('id="rk-exceedance-table"') :]
    addresses = chart_addresses(html)
    assert [a.split("?")[0] for a in addresses] == [
        "/dashboard/grafiek/overschrijding/",
        "/dashboard/grafiek/bijdragen/",
    ]
    for address in addresses:  # htmx swaps the inline SVG in for the placeholder
        fragment = client.get(address, headers={"HX-Request": "true"})
        assert fragment.status_code == 200
        assert fragment.content.decode().count('role="img"') == 1
        assert "<title>" in fragment.content.decode()
    image = client.get(addresses[0])  # without JavaScript the placeholder's link opens the image
    assert image["Content-Type"] == "image/svg+xml"
    assert image.content.decode().count('role="img"') == 1


def test_the_charts_are_drawn_once_per_register_and_follow_a_change(cast, login, monkeypatch):
    drawn = []
    original = charts.exceedance_svg

    def counting(result, *args, **kwargs):
        drawn.append(result.input_hash)
        return original(result, *args, **kwargs)

    monkeypatch.setattr(charts, "exceedance_svg", counting)
    make_risk(cast.org, "R01")
    client = login(cast.controller)
    first = chart_addresses(page(client))[0]
    client.get(first, headers={"HX-Request": "true"})
    client.get(first, headers={"HX-Request": "true"})
    assert len(drawn) == 1
    make_risk(cast.org, "R02")
    second = chart_addresses(page(client))[0]
    assert second != first  # a new input hash: the browser never shows the old chart
    client.get(second, headers={"HX-Request": "true"})
    assert len(drawn) == 2 and drawn[0] != drawn[1]


def test_a_chart_shows_the_own_organisations_figures_whatever_the_address_says(cast, login):
    make_risk(cast.org, "R01", impact_max=Decimal("1000000"))
    make_risk(cast.other_org, "B01", impact_max=Decimal("7000000"))
    address = chart_addresses(page(login(cast.controller)))[1]
    other = login(cast.other_controller)
    svg = other.get(address, headers={"HX-Request": "true"}).content.decode()
    assert "B01" in svg and "R01" not in svg
    assert other.get("/dashboard/grafiek/onbekend/").status_code == 404


def test_repeated_loads_reuse_the_cached_simulation(cast, login, monkeypatch):
    runs = []

    def counting_simulate(profile, settings):
        runs.append(settings)
        return simulate(profile, settings)

    monkeypatch.setattr("risicokompas.risks.simulation.simulate", counting_simulate)
    make_risk(cast.org)
    client = login(cast.controller)
    page(client)
    page(client)
    assert len(runs) == 1
    make_risk(cast.org, "R02")  # a changed register has a new input hash: computed again
    page(client)
    assert len(runs) == 2


def test_the_dashboard_uses_the_organisations_certainty(cast):
    cast.org.certainty = Decimal("0.950")
    cast.org.save()
    make_risk(cast.org)
    assert build_dashboard(cast.org).result.certainty == pytest.approx(0.95)


def test_the_number_of_queries_does_not_grow_with_the_register(cast, login):
    """Only some fields of a risk are read: a field the page used but did not load would cost a query per
    risk. Risks of every kind the page lists: overdue, unquantified, invalid, never discussed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    long_ago = datetime.date(2020, 1, 1)

    def count(first: int, last: int) -> int:
        for k in range(first, last):
            make_risk(cast.org, f"R{k:02d}", review_date=long_ago)
            make_risk(cast.org, f"U{k:02d}", probability=None)
            make_risk(cast.org, f"I{k:02d}", impact_min=Decimal("9000000"))
        cache.clear()
        client = login(cast.controller)  # with REDIS_URL the session lived in the cache just cleared
        with CaptureQueriesContext(connection) as queries:
            page(client)
        return len(queries)

    assert count(0, 2) == count(2, 20)


def test_the_dashboard_reads_rows_that_link_to_their_risks(cast, login):
    """The page's risks are ``values_list`` rows, not model instances: each carries its risk's key, and
    reads its estimate and dates as the model does."""
    from risicokompas.dashboard.compute import DASHBOARD_FIELDS, RiskRow
    from risicokompas.risks.models import Risk as RiskModel

    model_fields = {f.attname for f in RiskModel._meta.concrete_fields} | {"pk"}
    assert set(DASHBOARD_FIELDS) <= model_fields
    overdue = make_risk(cast.org, "R01", review_date=datetime.date(2000, 1, 1))
    make_risk(cast.org, "R02", probability=None)
    dash = build_dashboard(cast.org)
    assert all(isinstance(r, RiskRow) for r in dash.open_risks)
    assert [(r.pk, r.code, r.review_date) for r in dash.overdue] == [(overdue.pk, "R01", overdue.review_date)]
    assert [r.is_quantified for r in dash.open_risks] == [True, False]
    assert dash.drivers[0].risk.pk == overdue.pk
    html = page(login(cast.controller))
    assert f'href="{reverse("risks:detail", args=[overdue.pk])}"' in html


def test_an_unchanged_register_reuses_its_profile_and_any_change_misses(cast):
    """The dashboard keeps the last register profile per organisation while its rows and settings are
    equal: a changed estimate, a closed risk or another default shape make a new one, with new figures."""
    from risicokompas.risks.services import update_risk

    risk = make_risk(cast.org, "R01", probability=Decimal("0.5"), impact_max=Decimal("100000"))
    make_risk(cast.org, "R02", probability=Decimal("0.2"), impact_max=Decimal("300000"))
    first = build_dashboard(cast.org)
    assert build_dashboard(cast.org).register is first.register
    update_risk(risk, cast.controller, {"impact_max": Decimal("900000")}, reason="herschat")
    changed = build_dashboard(cast.org)
    assert changed.register is not first.register
    assert changed.result.required_capacity > first.result.required_capacity
    cast.org.default_shape = "vast" if cast.org.default_shape != "vast" else "uniform"
    cast.org.save()
    reshaped = build_dashboard(cast.org)
    assert reshaped.register is not changed.register
    assert reshaped.register.profile != changed.register.profile
    update_risk(risk, cast.controller, {"status": "gesloten"}, reason="afgesloten")
    assert [r.id for r in build_dashboard(cast.org).register.profile.risks] == ["R02"]
