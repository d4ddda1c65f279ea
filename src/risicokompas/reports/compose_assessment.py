# SPDX-License-Identifier: EUPL-1.2
"""Sections 5–8 of the paragraph: weerstandsvermogen, kengetallen, samenhang, and what was done."""

from __future__ import annotations

from risicokompas.engine.capacity import RatioBand, RatioClass, RatioScale, capacity_ratio, classify_ratio
from risicokompas.engine.present import format_eur, format_percent, format_ratio
from risicokompas.reports.compose import (
    NOT_FILLED,
    SECTION_TITLES,
    _texts,
    estimated,
    later_years_text,
    num,
    shown,
)
from risicokompas.reports.data import AWARENESS_LABELS, EXPECTED_AWARENESS, KengetalLine, ParagraphData
from risicokompas.reports.document import Block, Cell, Facts, Section, Subheading, Table, Text


def class_text(letter: str | None, label: str | None) -> str:
    return f"{letter} ({label})" if letter else "–"


def assessment(data: ParagraphData) -> Section:
    sim = data.simulation
    required = shown(data).total.text
    blocks: list[Block] = []
    if sim.available is None or sim.ratio is None:
        blocks.append(
            Text("Zonder beschikbare en benodigde weerstandscapaciteit is er geen ratio te berekenen.")
        )
    else:
        blocks.append(
            Text(
                f"Ratio weerstandsvermogen = beschikbare / benodigde weerstandscapaciteit = "
                f"{format_eur(sim.available)} / {required} = {format_ratio(sim.ratio)}. "
                f"Dat is klasse {class_text(sim.class_letter, sim.class_label)}. {sim.norm_message}"
            )
        )
    blocks.append(
        Facts(
            (
                ("Beschikbare weerstandscapaciteit", format_eur(sim.available)),
                ("Benodigde weerstandscapaciteit", required),
                ("Ratio weerstandsvermogen", format_ratio(sim.ratio)),
                ("Waarderingsklasse", class_text(sim.class_letter, sim.class_label)),
                ("Norm", sim.norm_message),
                (
                    "Kans dat het verlies de beschikbare capaciteit overschrijdt",
                    format_percent(sim.p_exceed, 1),
                ),
            )
        )
    )
    years = data.capacity_years
    if len(years) > 1:
        rows = []
        for offset, year in enumerate(years):
            available = data.capacity_total(offset)
            # A ratio and class only for a year with both sides; the later years' requirement is year t's.
            ratio = None if available is None else capacity_ratio(available, sim.total_required)
            cls = classify_ratio(ratio, sim.scale) if ratio is not None else None
            rows.append(
                (
                    Cell(_year_label(year, data.year)),
                    num(estimated(available)),
                    num(required),
                    num(format_ratio(ratio)),
                    Cell(class_text(cls.letter, cls.label) if cls else "–"),
                )
            )
        blocks.append(
            Table(
                "Ratio weerstandsvermogen in de komende jaren",
                ("Jaar", "Beschikbaar", "Benodigd", "Ratio", "Klasse"),
                tuple(rows),
                key="meerjarig",
            )
        )
        blocks.append(Text(later_years_text(data), "note"))
    if data.history:
        blocks.append(
            Table(
                "Ratio weerstandsvermogen in eerdere documenten",
                ("Document", "Ratio", "Klasse"),
                tuple(
                    (Cell(label), num(format_ratio(ratio)), Cell(_class_of(ratio, sim.scale)))
                    for label, ratio in (*data.history, (data.title, sim.ratio))
                ),
                key="historie",
            )
        )
    if sim.scale is None:
        blocks.append(
            Table(
                "Waarderingstabel ratio weerstandsvermogen (NAR/Universiteit Twente)",
                ("Klasse", "Ratio", "Betekenis"),
                tuple((Cell(c.letter), Cell(_bounds(c)), Cell(c.label)) for c in RatioClass),
                key="waardering",
            )
        )
    else:
        blocks.append(
            Table(
                "Waarderingstabel ratio weerstandsvermogen (eigen schaal uit de nota)",
                ("Klasse", "Ratio", "Betekenis"),
                tuple(
                    (Cell(b.letter), Cell(_scale_bounds(sim.scale, b)), Cell(b.label))
                    for b in sim.scale.bands
                ),
                key="waardering",
            )
        )
    return Section(5, SECTION_TITLES[4], tuple(blocks))


def _class_of(ratio: float | None, scale: RatioScale | None = None) -> str:
    cls = classify_ratio(ratio, scale)
    return class_text(cls.letter, cls.label) if cls else "–"


def _scale_bounds(scale: RatioScale, band: RatioBand) -> str:
    lower, upper = scale.bounds(band)
    low = None if lower is None else ("≥ " if band.includes_lower else "> ") + format_ratio(lower)
    high = None if upper is None else "tot " + format_ratio(upper)
    return " ".join(part for part in (low, high) if part) or "–"


def _bounds(cls: RatioClass) -> str:
    if cls.lower is None:
        return f"< {format_ratio(cls.upper)}"
    if cls.upper is None:
        return f"> {format_ratio(cls.lower)}"
    return f"{format_ratio(cls.lower)} – {format_ratio(cls.upper)}"


def _year_label(year: int, budget_year: int) -> str:
    if year < budget_year:
        return f"{year} (realisatie)"
    return f"{year} (begroting)" if year == budget_year else f"{year} (raming)"


#: What a BBV column shows when the organisation recorded no figures of that kind for that year.
NOT_RECORDED = "niet vastgelegd"


def bbv_slots(edition: str, year: int) -> tuple[tuple[str, int, str], ...]:
    """The kengetallen columns the BBV asks of each edition, as (label, year, kind of figures).

    Begroting t: jaarrekening t−2, begroting t−1 (na wijziging), begroting t, meerjarenraming t+1 … t+3.
    Jaarstukken t: jaarrekening t−1, begroting t, realisatie t.
    """
    if edition == "jaarstukken":
        return (
            (f"Jaarrekening {year - 1}", year - 1, "realisatie"),
            (f"Begroting {year}", year, "begroting"),
            (f"Realisatie {year}", year, "realisatie"),
        )
    return (
        (f"Jaarrekening {year - 2}", year - 2, "realisatie"),
        (f"Begroting {year - 1} (na wijziging)", year - 1, "begroting"),
        (f"Begroting {year}", year, "begroting"),
        *((f"Meerjarenraming {y}", y, "meerjarenraming") for y in range(year + 1, year + 4)),
    )


def _default_kind(year: int, budget_year: int) -> str:
    """The kind of a year recorded without one: realisatie before t, begroting in t, raming after."""
    if year < budget_year:
        return "realisatie"
    return "begroting" if year == budget_year else "meerjarenraming"


def bbv_columns(data: ParagraphData) -> tuple[tuple[str, int | None], ...]:
    """(column label, index into the kengetallen's years or None when not recorded). Without the kind of
    each year (the command line's figures) the years are shown as given."""
    k = data.kengetallen
    assert k is not None
    if not k.kinds:
        return tuple((_year_label(y, data.year), i) for i, y in enumerate(k.years))
    found = {
        (y, kind or _default_kind(y, data.year)): i
        for i, (y, kind) in enumerate(zip(k.years, k.kinds, strict=True))
    }
    return tuple((label, found.get((y, kind))) for label, y, kind in bbv_slots(data.edition, data.year))


def indicators(data: ParagraphData) -> Section:
    k = data.kengetallen
    if k is None or not k.lines:
        return Section(
            6, SECTION_TITLES[5], (Text("Er zijn (nog) geen kengetallen vastgelegd voor deze momentopname."),)
        )
    columns = bbv_columns(data)

    def value(line: KengetalLine, index: int | None) -> Cell:
        if index is None:
            return num(NOT_RECORDED)
        amount, category = line.values[index], line.categories[index]
        return num("–" if amount is None else f"{format_percent(amount, 1)} ({category})")

    rows = tuple((Cell(line.label), *(value(line, index) for _label, index in columns)) for line in k.lines)
    table = Table(
        "Financiële kengetallen met signaleringscategorie (A minst risicovol, C meest)",
        ("Kengetal", *(label for label, _index in columns)),
        rows,
        key="kengetallen",
    )
    blocks: list[Block] = [
        Text(
            "De kengetallen uit de Regeling BBV geven samen een beeld van de financiële positie. Achter elk "
            "percentage staat de signaleringscategorie van het provinciaal toezicht."
        ),
        table,
        Text(
            "Signaleringswaarden: netto schuldquote A < 90%, B 90–130%, C > 130%; solvabiliteit A > 50%, "
            "B 20–50%, C < 20%; grondexploitatie A < 20%, B 20–35%, C > 35%; structurele exploitatieruimte "
            "A > 0%, B 0%, C < 0%; belastingcapaciteit A < 95%, B 95–105%, C > 105%.",
            "note",
        ),
    ]
    if k.reading.strip():
        blocks.append(Subheading("Duiding"))
        blocks.extend(_texts(k.reading))
    return Section(6, SECTION_TITLES[5], tuple(blocks))


def coherence(data: ParagraphData) -> Section:
    blocks: list[Block] = list(_texts(data.coherence_text))
    if data.conclusions_text.strip():
        blocks.append(Subheading("Conclusies"))
        blocks.extend(_texts(data.conclusions_text))
    return Section(7, SECTION_TITLES[6], tuple(blocks))


def awareness(data: ParagraphData) -> Section:
    facts = dict(data.awareness or {})
    items = tuple((AWARENESS_LABELS.get(key, key), _fact(value)) for key, value in facts.items())
    missing = [AWARENESS_LABELS[key].lower() for key in EXPECTED_AWARENESS if key not in facts]
    blocks: list[Block] = [
        Text(
            "Risicobeheersing is meer dan een berekening: dit deel laat zien wat de organisatie in de "
            "afgelopen periode met haar risico's heeft gedaan."
        )
    ]
    if items:
        blocks.append(Facts(items))
    else:
        blocks.append(Text("Over deze periode is nog niets vastgelegd.", "placeholder"))
    if missing:
        blocks.append(Text("Nog niet vastgelegd in Risicokompas: " + ", ".join(missing) + "."))
    return Section(8, SECTION_TITLES[7], tuple(blocks))


def _fact(value: object) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
        from risicokompas.engine.present import format_number

        return format_number(value)
    return str(value) if value not in (None, "") else NOT_FILLED
