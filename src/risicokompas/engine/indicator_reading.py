# SPDX-License-Identifier: EUPL-1.2
"""A short generated Dutch reading of the kengetallen "in samenhang" (BBV art. 11, paragraph §7).

The kengetallen fall in two groups. The balance-sheet group (netto schuldquote, solvabiliteitsratio,
grondexploitatie) says how much the organisation carries; the exploitation group (structurele
exploitatieruimte, belastingcapaciteit) says how much room the yearly budget has to bear it. The reading
names, for the budget year t, each kengetal's value and signal category, its trend from the first to the
last year in the series (normally t−1 → t+3), and then how the two groups relate. It is a proposal: the
controller edits it before it goes into the paragraph.
"""

from __future__ import annotations

from risicokompas.engine.indicators import (
    DEFAULT_THRESHOLDS,
    Indicator,
    IndicatorSeries,
    SignalCategory,
    SignalThresholds,
    signal_category,
)
from risicokompas.engine.present import format_percent

BALANCE_GROUP = (Indicator.NET_DEBT, Indicator.SOLVENCY, Indicator.LAND_DEVELOPMENT)
EXPLOITATION_GROUP = (Indicator.STRUCTURAL_MARGIN, Indicator.TAX_CAPACITY)

CATEGORY_TEXT = {
    SignalCategory.A: "categorie A, minst risicovol",
    SignalCategory.B: "categorie B, neutraal",
    SignalCategory.C: "categorie C, meest risicovol",
}

#: A change smaller than this (in percentage points, as a fraction) reads as "stabiel".
STABLE_MARGIN = 0.005
_HIGHER_IS_BETTER = frozenset({Indicator.SOLVENCY, Indicator.STRUCTURAL_MARGIN})


def _trend(series: IndicatorSeries, indicator: Indicator) -> str | None:
    values = [(year, series.by_year[year][indicator].value) for year in series.years]
    known = [(year, value) for year, value in values if value is not None]
    if len(known) < 2:
        return None
    (first_year, first), (last_year, last) = known[0], known[-1]
    change = last - first
    if abs(change) < STABLE_MARGIN:
        return f"stabiel tussen {first_year} en {last_year}"
    direction = "stijgt" if change > 0 else "daalt"
    better = (change > 0) == (indicator in _HIGHER_IS_BETTER)
    verdict = "een verbetering" if better else "een verslechtering"
    return (
        f"{direction} van {format_percent(first, 1)} in {first_year} naar {format_percent(last, 1)} "
        f"in {last_year} ({verdict})"
    )


def _sentence(
    series: IndicatorSeries, indicator: Indicator, thresholds: SignalThresholds
) -> tuple[str, SignalCategory | None]:
    value = series.by_year[series.budget_year][indicator].value
    category: SignalCategory | None = None
    if value is None:
        text = f"{indicator.label}: niet te berekenen voor {series.budget_year}"
    else:
        category = signal_category(indicator, value, thresholds)
        text = f"{indicator.label}: {format_percent(value, 1)} ({CATEGORY_TEXT[category]})"
    trend = _trend(series, indicator)
    return (f"{text}; {trend}." if trend else f"{text}."), category


def _group_state(categories: list[SignalCategory | None]) -> str | None:
    known = [c for c in categories if c is not None]
    if not known:
        return None
    if SignalCategory.C in known:
        return "kwetsbaar"
    if all(c is SignalCategory.A for c in known):
        return "sterk"
    return "gemiddeld"


_CONCLUSIONS = {
    ("sterk", "sterk"): "Balans en exploitatie zijn beide gezond: er is ruimte om tegenvallers op te vangen.",
    ("kwetsbaar", "kwetsbaar"): (
        "Zowel de balans als de exploitatie laten risico's zien: de ruimte om tegenvallers op te vangen "
        "is beperkt en vraagt bijzondere aandacht."
    ),
    ("kwetsbaar", "sterk"): (
        "De balanspositie is kwetsbaar, maar de exploitatie is gezond: de structurele ruimte maakt het "
        "mogelijk de balans te versterken."
    ),
    ("kwetsbaar", "gemiddeld"): (
        "De balanspositie is kwetsbaar en de exploitatie biedt beperkte ruimte om die te versterken."
    ),
    ("sterk", "kwetsbaar"): (
        "De balans is solide, maar de exploitatie staat onder druk: een structureel tekort of hoge "
        "woonlasten tasten op termijn ook de balans aan."
    ),
    ("gemiddeld", "kwetsbaar"): (
        "De exploitatie staat onder druk; de balans biedt een gemiddelde buffer om dat op te vangen."
    ),
}
_DEFAULT_CONCLUSION = "Balans en exploitatie geven samen een gemiddeld beeld zonder directe knelpunten."


def indicator_reading(series: IndicatorSeries, thresholds: SignalThresholds = DEFAULT_THRESHOLDS) -> str:
    """A proposal for the reading of the kengetallen in samenhang, in Dutch (a few sentences).

    Group state: "kwetsbaar" when any kengetal of the group is in category C, "sterk" when all known
    ones are A, otherwise "gemiddeld"; the conclusion follows from the pair (balans, exploitatie).
    """
    t = series.budget_year
    if t not in series.by_year:
        return f"Er zijn geen kengetallen voor het begrotingsjaar {t}; vul eerst de gegevens van dat jaar in."
    paragraphs = []
    states = []
    for title, group in (("Balans", BALANCE_GROUP), ("Exploitatie", EXPLOITATION_GROUP)):
        sentences, categories = zip(*(_sentence(series, i, thresholds) for i in group), strict=True)
        state = _group_state(list(categories))
        states.append(state)
        intro = f"{title} ({t}): " + (f"het beeld is {state}. " if state else "geen kengetallen bekend. ")
        paragraphs.append(intro + " ".join(sentences))
    balance, exploitation = states
    if balance is None or exploitation is None:
        paragraphs.append("Een oordeel in samenhang vraagt kengetallen van beide groepen.")
    else:
        paragraphs.append(_CONCLUSIONS.get((balance, exploitation), _DEFAULT_CONCLUSION))
    return "\n\n".join(paragraphs)
