# SPDX-License-Identifier: EUPL-1.2
"""Section 8 "Risicobeheersing en risicobewustzijn" from the snapshot's frozen records, and the jaarstukken
section "Wat er in <jaar> gebeurde": events, the capacity used, expected next to realised, calibration.

Counts and team names only: the records never hold a person's name, and nothing here adds one.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from risicokompas.engine.present import format_date_nl, format_eur, format_number, format_percent
from risicokompas.reports.compose import NOT_FILLED, SECTION_TITLES, level_text, num, shown
from risicokompas.reports.data import AWARENESS_LABELS, ParagraphData
from risicokompas.reports.document import Block, Cell, Facts, Section, Subheading, Table, Text
from risicokompas.snapshot import ManagementRecord, YearAccount

#: The groups of facts in section 8: heading, the app that records them, and their keys.
FACT_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Risicogesprekken", ("conversations", "premortems", "discussed_share")),
    (
        "Signalen van medewerkers",
        ("signals_reported", "signals_handled", "signals_in_time", "signals_to_register"),
    ),
    (
        "Afwijken volgens de bedoeling",
        ("deviations_recorded", "deviations_discussed", "precedents", "rules_changed"),
    ),
)
#: Facts shown as a share (fractions), not as a count.
SHARES = {"discussed_share"}
BASIS_TEXT = {
    "herschat": "herschat na de maatregel",
    "ongewijzigd": "schatting (nog) niet aangepast",
    "nieuw": "geen eerdere schatting",
    "niet gekwantificeerd": "risico niet gekwantificeerd",
}


def _date(iso: str) -> str:
    return format_date_nl(datetime.date.fromisoformat(iso)) if iso else NOT_FILLED


def _short_date(iso: str) -> str:
    """A table date as "15-03-2025": fits a narrow column without breaking."""
    return datetime.date.fromisoformat(iso).strftime("%d-%m-%Y") if iso else NOT_FILLED


def _fact(key: str, facts: Mapping[str, Any]) -> str:
    value = facts[key]
    if key in SHARES:
        return format_percent(float(value))
    if key == "signals_in_time" and facts.get("signals_handled"):
        return f"{format_number(value)} ({format_percent(value / facts['signals_handled'])})"
    return format_number(value)


def _period_text(record: ManagementRecord) -> str:
    start = datetime.date.fromisoformat(record.period_start) + datetime.timedelta(days=1)
    since = f" (sinds de momentopname “{record.previous}”)" if record.previous else ""
    return f"{format_date_nl(start)} tot en met {_date(record.period_end)}{since}"


def _measures(data: ParagraphData, record: ManagementRecord) -> list[Block]:
    blocks: list[Block] = [Subheading("Beheersmaatregelen")]
    count = int(record.facts.get("measures_completed", len(record.measures)))
    done = (
        "is in deze periode geen beheersmaatregel uitgevoerd"
        if count == 0
        else "is in deze periode één beheersmaatregel uitgevoerd"
        if count == 1
        else f"zijn in deze periode {format_number(count)} beheersmaatregelen uitgevoerd"
    )
    if not record.measures:
        blocks.append(Text(f"Volgens het register {done}."))
        return blocks
    blocks.append(
        Text(
            f"Volgens het register {done}. De tabel laat per "
            "risico zien wat de nieuwe schatting na de maatregel doet met de benodigde weerstandscapaciteit: "
            "‘voor’ rekent met het risico zoals het bij de vorige momentopname was geschat, ‘na’ met de "
            "schatting van nu. Een maatregel zonder nieuwe schatting verandert de berekening (nog) niet."
        )
    )
    # Rounded as the paragraph's required capacity is (one figure everywhere), so "na" for an unchanged
    # register is exactly the figure of section 4.
    step = shown(data).total.step

    def rounded(amount: float | None) -> float | None:
        return None if amount is None else (round(amount / step) * step if step else amount)

    rows = []
    for effect in record.measures:
        before, after = rounded(effect.before), rounded(effect.after)
        difference = format_eur(after - before) if before is not None and after is not None else "–"
        rows.append(
            (
                Cell(effect.risk),
                Cell(effect.measure or NOT_FILLED),
                num(format_eur(before) if before is not None else "–"),
                num(format_eur(after) if after is not None else "–"),
                num(difference),
                Cell(BASIS_TEXT.get(effect.basis, effect.basis)),
            )
        )
    blocks.append(
        Table(
            "Uitgevoerde maatregelen en de benodigde weerstandscapaciteit voor en na",
            ("Risico", "Maatregel", "Voor", "Na", "Verschil", "Toelichting"),
            tuple(rows),
            key="maatregelen",
        )
    )
    if record.required_before is not None:
        blocks.append(
            Text(
                f"Over het hele register ging de benodigde weerstandscapaciteit van "
                f"{format_eur(rounded(record.required_before))} bij de vorige momentopname naar "
                f"{shown(data).total.text} nu; daarin zitten ook nieuwe, vervallen en "
                "anders geschatte risico's."
            )
        )
    return blocks


def management(data: ParagraphData) -> Section:
    """Section 8 from the frozen records: measures, conversations, signals, deviations, examples."""
    record = data.records
    assert record is not None
    facts = record.facts
    blocks: list[Block] = [
        Text(
            "Risicobeheersing is meer dan een berekening. Dit deel laat zien wat de organisatie in de periode "
            f"van {_period_text(record)} met haar risico's deed, geteld uit de eigen vastleggingen in "
            "Risicokompas. Het gaat om aantallen en voorbeelden, niet om personen."
        ),
        *_measures(data, record),
    ]
    for heading, keys in FACT_GROUPS:
        blocks.append(Subheading(heading))
        shown = [key for key in keys if key in facts]
        if not shown:
            blocks.append(
                Text("Hierover is in deze periode niets vastgelegd in Risicokompas.", "placeholder")
            )
            continue
        items = [(AWARENESS_LABELS.get(key, key), _fact(key, facts)) for key in shown]
        if heading == "Risicogesprekken" and record.teams:
            items.append(("Teams die een risicogesprek voerden", ", ".join(record.teams)))
        blocks.append(Facts(tuple(items)))
    if data.examples:
        blocks.append(Subheading("Voorbeelden"))
        blocks.extend(Text(example) for example in data.examples)
    return Section(8, SECTION_TITLES[7], tuple(blocks))


def _expected(account: YearAccount) -> list[Block]:
    year = account.year
    if not account.budget_snapshot or account.expected_required is None:
        return [
            Text(
                f"Voor {year} is geen vastgestelde begroting in Risicokompas: wat verwacht werd en wat gebeurde "
                "zijn voor dit jaar niet naast elkaar te zetten."
            )
        ]
    certainty = level_text(account.certainty) if account.certainty is not None else NOT_FILLED
    items = [
        ("Momentopname van de begroting", account.budget_snapshot),
        ("Verwacht verlies (gemiddelde)", format_eur(account.expected_mean)),
        (f"Benodigde weerstandscapaciteit ({certainty} zekerheid)", format_eur(account.expected_required)),
        ("Werkelijk verlies", format_eur(account.realised)),
        ("Benodigde weerstandscapaciteit overschreden", "ja" if account.exceeded else "nee"),
    ]
    if account.pit is not None:
        items.append(
            (
                "Plaats in de verdeling",
                f"in {format_percent(account.pit)} van de gesimuleerde jaren was het verlies lager",
            )
        )
    return [Subheading("Verwacht en werkelijk"), Facts(tuple(items))]


def _calibration(account: YearAccount) -> list[Block]:
    c = account.calibration
    if not c:
        return []
    exceedance, amounts, surprises = c["exceedance"], c["amounts"], c["surprises"]

    def decimals(value: float | None) -> str:
        return "–" if value is None else format_number(value, 3)

    items = [
        ("Brierscore van de kansen (0 is perfect)", decimals(c["brier"])),
        ("Brierscore als steeds de gemiddelde kans was geschat", decimals(c["brier_reference"])),
        (
            "Verbetering ten opzichte daarvan (skill)",
            "–" if c["brier_skill"] is None else format_percent(c["brier_skill"]),
        ),
        (
            "Jaren met overschrijding van de benodigde capaciteit",
            f"{format_number(exceedance['exceeded'])} van {format_number(exceedance['years'])} "
            f"(verwacht {format_number(exceedance['expected'], 1)})",
        ),
        (
            "Bedrag van opgetreden risico's binnen de geschatte bandbreedte",
            "geen opgetreden risico's"
            if not amounts["occurred"]
            else f"{format_percent(amounts['within_range'])} van {format_number(amounts['occurred'])}; "
            f"{format_percent(amounts['above_max'])} kostte meer dan het geschatte maximum",
        ),
        (
            "Schade buiten het register",
            f"{format_number(surprises['count'])} keer, {format_eur(surprises['amount'])}"
            + (
                ""
                if surprises["share"] is None
                else f" ({format_percent(surprises['share'])} van alle schade)"
            ),
        ),
    ]
    blocks: list[Block] = [
        Subheading("Klopten de ramingen?"),
        Text(
            "Risicokompas legt de schattingen uit de vastgestelde begrotingen naast wat er werkelijk gebeurde, "
            f"over alle jaren tot en met {account.year} met een vastgestelde begroting."
        ),
        Facts(tuple(items)),
    ]
    if c.get("reading"):
        blocks.append(Text(str(c["reading"])))
    return blocks


def year_account(data: ParagraphData) -> Section:
    """The jaarstukken section: the year's events, the capacity used, expected next to realised."""
    account = data.year_account
    assert account is not None
    year = account.year or data.year
    title = f"Wat er in {year} gebeurde"
    blocks: list[Block] = []
    if account.events:
        surprises = [e for e in account.events if e.surprise]
        blocks.append(
            Text(
                f"In {year} zijn {format_number(len(account.events))} gebeurtenissen vastgelegd met samen "
                f"{format_eur(account.realised)} schade: de weerstandscapaciteit die is aangesproken. "
                f"{format_number(len(surprises))} daarvan stonden niet in het register "
                f"({format_eur(sum(e.amount for e in surprises))})."
            )
        )
        blocks.append(
            Table(
                f"Opgetreden risico's en andere schade in {year}",
                ("Datum", "Risico", "Omschrijving", "Bedrag"),
                tuple(
                    (
                        Cell(_short_date(e.date)),
                        Cell(e.risks or "niet in het register"),
                        Cell(e.description or NOT_FILLED),
                        num(format_eur(e.amount)),
                    )
                    for e in account.events
                ),
                foot=((Cell("Totaal"), Cell(""), Cell(""), num(format_eur(account.realised))),),
                key="gebeurtenissen",
            )
        )
    else:
        blocks.append(
            Text(f"In {year} is geen schade vastgelegd: er is geen weerstandscapaciteit aangesproken.")
        )
    blocks.extend(_expected(account))
    blocks.extend(_calibration(account))
    return Section(9, title, tuple(blocks))
