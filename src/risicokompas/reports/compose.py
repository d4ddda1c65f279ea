# SPDX-License-Identifier: EUPL-1.2
"""The paragraph's content in the order of DESIGN §6 (BBV art. 11), from ``ParagraphData`` to ``Document``.

Every amount goes through ``engine.present`` (``€ 1.234.567``, ratio ``1,45``), in whole euros, so a
reader can recompute the ratio from the amounts shown. Sections 1–4 live here, 5–8 in
``compose_assessment``.
"""

from __future__ import annotations

import itertools

from risicokompas.engine.present import (
    format_date_nl,
    format_eur,
    format_number,
    format_percent,
    format_ratio,
)
from risicokompas.engine.result import Driver, ExceedanceCurve
from risicokompas.engine.riskmap import ScoreColours
from risicokompas.engine.standing import capacity_for_simulation
from risicokompas.reports.data import CapacityRow, ParagraphData, TaxCapacity, TaxCapacityLine
from risicokompas.reports.document import (
    APPENDIX,
    Block,
    Cell,
    Chart,
    Document,
    Facts,
    Section,
    Table,
    Text,
)
from risicokompas.reports.figures import ShownRequirement, shown_required

SECTION_TITLES: tuple[str, ...] = (
    "Inleiding en beleid",
    "Inventarisatie weerstandscapaciteit",
    "Inventarisatie risico's",
    "Benodigde weerstandscapaciteit",
    "Weerstandsvermogen",
    "Kengetallen",
    "Beoordeling in samenhang",
    "Risicobeheersing en risicobewustzijn",
)

SHAPE_TEXT = {
    "uniform": "uniform: elk bedrag tussen 0 en het maximum is even waarschijnlijk (een risico treedt niet, "
    "geheel of gedeeltelijk op)",
    "vast": "vast: als het risico optreedt, is het gevolg het maximale bedrag",
    "driehoek": "driehoeksverdeling tussen minimum, meest waarschijnlijk bedrag en maximum",
    "pert": "PERT-verdeling tussen minimum, meest waarschijnlijk bedrag en maximum",
    "lognormaal": "lognormale verdeling",
}

NOT_FILLED = "Deze tekst is nog niet ingevuld."


def num(text: str) -> Cell:
    return Cell(text, numeric=True)


def level_text(level: float) -> str:
    return format_percent(level, 0 if float(round(level * 100, 6)).is_integer() else 1)


def method_text(data: ParagraphData) -> str:
    sim = data.simulation
    if sim.method == "exact":
        grid = f" op een rooster van {format_number(sim.grid_size)} punten" if sim.grid_size else ""
        return (
            "De kansverdeling van het totale verlies is exact berekend (convolutie" + grid + "). De uitkomst "
            "bevat geen toevalsruis; bij elk bedrag staat de foutgrens van de berekening."
        )
    iterations = format_number(sim.iterations) if sim.iterations else "–"
    seed = f", startwaarde {sim.seed}" if sim.seed is not None else ""
    return (
        f"De kansverdeling van het totale verlies is bepaald met een Monte Carlo-simulatie ({iterations} "
        f"trekkingen{seed}). Bij elk bedrag staat het 95%-betrouwbaarheidsinterval."
    )


def plain_method_text(data: ParagraphData) -> str:
    """How the required capacity was found, in the controller's words (the method's account is in the
    appendix)."""
    return (
        "Alle risico's zijn samen doorgerekend: uit de kans en het bedrag van elk risico volgt hoe groot de "
        f"tegenvallers in één jaar met {level_text(data.simulation.certainty)} zekerheid ten hoogste zijn. "
        "Hoe dat is berekend en hoe nauwkeurig, staat in de bijlage \u201cVerantwoording van de berekening\u201d."
    )


def shown(data: ParagraphData) -> ShownRequirement:
    """The required capacity as the dashboard and the snapshot page show it (``figures.shown_required``)."""
    sim = data.simulation
    q = sim.quantile(sim.certainty)
    return shown_required(
        sim.required, q.lower, q.upper, official=sim.official_required, separate=sim.separate_total
    )


def calculation_text(data: ParagraphData) -> str:
    """The official method, and the simulation beside it when the nota prescribes a sum."""
    sim = data.simulation
    if sim.uses_simulation:
        return f"simulatie: het bedrag dat met {level_text(sim.certainty)} zekerheid volstaat"
    simulated = shown(data).simulated
    return (
        f"{sim.calculation}; structurele risico's tellen even vaak mee als bij de simulatie. "
        f"De simulatie komt uit op {simulated.text} bij {level_text(sim.certainty)} zekerheid."
    )


def norm_text(data: ParagraphData) -> str:
    sim = data.simulation
    if sim.norm_min is not None and sim.norm_max is not None:
        return f"ratio van {format_ratio(sim.norm_min)} tot en met {format_ratio(sim.norm_max)}"
    if sim.norm_min is not None:
        return f"ratio van minimaal {format_ratio(sim.norm_min)}"
    if sim.norm_max is not None:
        return f"ratio van maximaal {format_ratio(sim.norm_max)}"
    return "geen norm vastgesteld"


def _texts(text: str) -> tuple[Text, ...]:
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return tuple(Text(p) for p in parts) or (Text(NOT_FILLED, "placeholder"),)


def introduction(data: ParagraphData) -> Section:
    sim = data.simulation
    facts = Facts(
        (
            ("Peildatum", format_date_nl(data.reference_date)),
            ("Rekenmethode volgens de nota", calculation_text(data)),
            ("Methode", plain_method_text(data)),
            ("Zekerheidspercentage", level_text(sim.certainty)),
            ("Norm voor de ratio weerstandsvermogen", norm_text(data)),
            (
                "Verdeling bij alleen een maximaal gevolg",
                SHAPE_TEXT.get(data.default_shape, data.default_shape),
            ),
            (
                "Structurele risico's",
                f"tellen {data.structural_years} jaar mee, tenzij bij het risico een ander aantal jaren staat",
            ),
        )
    )
    lead = Text(
        f"Deze paragraaf beschrijft het weerstandsvermogen en de risicobeheersing van {data.organisation} "
        f"voor {data.title}: welke middelen beschikbaar zijn om risico's op te vangen, welke risico's er "
        "zijn en hoe die zich tot elkaar verhouden."
    )
    return Section(1, SECTION_TITLES[0], (lead, *_texts(data.policy_text), facts))


#: What a table shows for a year without an estimate: never € 0.
NOT_ESTIMATED = "niet geraamd"


def estimated(amount: float | None) -> str:
    """An amount, or "niet geraamd" when there is no estimate for that year."""
    return NOT_ESTIMATED if amount is None else format_eur(amount)


#: What a table shows for an amount that is named but not known yet (pro memorie): never € 0.
PM = "PM"


def row_amount(row: CapacityRow, offset: int) -> str:
    """A capacity row's amount in year t+offset: "PM", the amount, or "niet geraamd"."""
    if row.is_pm(offset):
        return PM
    return estimated(row.amounts[offset] if len(row.amounts) > offset else None)


def pm_text(rows: tuple[CapacityRow, ...]) -> str:
    """The sentence that says which components are PM and that they are not counted."""
    names = ", ".join(r.name for r in rows)
    if len(rows) == 1:
        return (
            f"PM-posten tellen niet mee: van 1 onderdeel is het bedrag nog niet bekend (PM): {names}. Het "
            "staat in de tabel, maar telt niet mee in de totalen en de ratio; dat betekent niet dat het "
            "nul is."
        )
    return (
        f"PM-posten tellen niet mee: van {len(rows)} onderdelen is het bedrag nog niet bekend (PM): {names}. "
        "Ze staan in de tabel, maar tellen niet mee in de totalen en de ratio; dat betekent niet dat ze nul "
        "zijn."
    )


def later_years_text(data: ParagraphData) -> str:
    """What the figures for t+1 … t+3 assume, in one or two sentences."""
    years = data.capacity_years
    later = f"{years[1]}" if len(years) == 2 else f"{years[1]}–{years[-1]}"
    parts = [
        f"Voor {later} is aangenomen dat de benodigde weerstandscapaciteit gelijk blijft aan die van "
        f"{data.year}: het risicoprofiel is een momentopname."
    ]
    carried = data.carried_rows
    if carried:
        names = ", ".join(r.name.lower() for r in carried)
        parts.append(f"De {names} is voor die jaren gelijk gehouden aan {data.year} (huidige tarieven).")
    parts.append(
        f'Een jaar waarin niet elk onderdeel is geraamd, staat als "{NOT_ESTIMATED}" en krijgt geen '
        "totaal, ratio of klasse."
    )
    return " ".join(parts)


def _year_head(data: ParagraphData) -> tuple[str, ...]:
    return tuple(str(y) for y in data.capacity_years)


def capacity(data: ParagraphData) -> Section:
    years = data.capacity_years
    rows = tuple(
        (
            Cell(r.name),
            Cell(f"{r.kind}, {r.nature}"),
            *(num(row_amount(r, i)) for i in range(len(years))),
        )
        for r in data.capacity_rows
    )

    def total_row(label: str, nature: str | None) -> tuple[Cell, ...]:
        totals = (data.capacity_total(i, nature) for i in range(len(years)))
        return (Cell(label), Cell(""), *(num(estimated(t)) for t in totals))

    foot = (
        total_row("Waarvan incidenteel", "incidenteel"),
        total_row("Waarvan structureel", "structureel"),
        total_row("Totaal beschikbare weerstandscapaciteit", None),
    )
    blocks: list[Block] = []
    if rows:
        blocks.append(
            Text(
                "De beschikbare weerstandscapaciteit bestaat uit de middelen waarmee financiële tegenvallers "
                f"kunnen worden opgevangen zonder het beleid te wijzigen. In {data.year} is dat "
                f"{format_eur(data.capacity_total(0))}."
            )
        )
        blocks.append(
            Table(
                "Beschikbare weerstandscapaciteit per onderdeel en jaar",
                ("Onderdeel", "Soort en aard", *_year_head(data)),
                rows,
                foot,
                key="capaciteit",
            )
        )
        pm_rows = data.pm_rows()
        if pm_rows:
            blocks.append(Text(pm_text(pm_rows)))
        if len(years) > 1:
            blocks.append(Text(later_years_text(data), "note"))
        explained = tuple((r.name, r.explanation) for r in data.capacity_rows if r.explanation)
        if explained:
            blocks.append(Facts(explained))
    else:
        available = data.simulation.available
        blocks.append(
            Text(
                f"De beschikbare weerstandscapaciteit is {format_eur(available)}; een uitsplitsing naar "
                "onderdelen is niet vastgelegd."
                if available is not None
                else "Er is geen beschikbare weerstandscapaciteit vastgelegd."
            )
        )
    if data.tax_capacity is not None:
        tax = data.tax_capacity
        blocks.append(tax_table(tax))
        if tax.explanation.strip():
            blocks.append(Text(tax.explanation.strip(), "note"))
    return Section(2, SECTION_TITLES[1], tuple(blocks))


def tax_table(tax: TaxCapacity) -> Table:
    """The onbenutte belastingcapaciteit with its components: per part the norm, the current tariff or
    revenue, the base (WOZ-waarde or costs) and the room that leaves. Lines given only as text (the
    command line's capacity file) keep their one "Berekening" column."""
    structured = all(line.norm or line.current or line.base for line in tax.lines)

    def amount(line: TaxCapacityLine) -> Cell:
        return num("niet te berekenen" if line.amount is None else format_eur(line.amount))

    rows: tuple[tuple[Cell, ...], ...]
    foot: tuple[tuple[Cell, ...], ...]
    if structured:
        head: tuple[str, ...] = ("Onderdeel", "Norm", "Huidig tarief of opbrengst", "Grondslag", "Ruimte")
        rows = tuple(
            (Cell(line.label), Cell(line.norm), Cell(line.current), Cell(line.base), amount(line))
            for line in tax.lines
        )
        foot = (
            (
                Cell("Totaal onbenutte belastingcapaciteit"),
                Cell(""),
                Cell(""),
                Cell(""),
                num(format_eur(tax.total)),
            ),
        )
    else:
        head = ("Onderdeel", "Berekening", "Ruimte")
        rows = tuple((Cell(line.label), Cell(line.inputs), amount(line)) for line in tax.lines)
        foot = ((Cell("Totaal onbenutte belastingcapaciteit"), Cell(""), num(format_eur(tax.total))),)
    return Table("Onbenutte belastingcapaciteit", head, rows, foot, key="belastingcapaciteit")


def _driver_objects(data: ParagraphData) -> tuple[Driver, ...]:
    return tuple(
        Driver(d.risk_id, d.name, d.contribution, d.share, d.marginal, d.expected)
        for d in data.simulation.drivers
    )


def risks(data: ParagraphData) -> Section:
    sim = data.simulation
    summary = (
        f"Het risicoregister telt {sim.risk_count} risico's met een kans en een bedrag; {sim.active_count} "
        f"daarvan tellen mee in het risicoprofiel. De som van de maximale gevolgen is {format_eur(sim.sum_max)}; "
        f"de verwachte waarde (Σ kans × gemiddeld gevolg) is {format_eur(sim.mean)}."
    )
    blocks: list[Block] = [Text(summary)]
    if data.excluded:
        blocks.append(
            Text(
                "Niet in het profiel, omdat een voorziening of verzekering ze afdekt: "
                + "; ".join(data.excluded)
                + "."
            )
        )
    top = Table(
        f"De {len(sim.drivers)} risico's met de grootste bijdrage aan de benodigde weerstandscapaciteit",
        ("Risico", "Bijdrage", "Aandeel", "Kans × gemiddeld gevolg", "Beheersmaatregelen"),
        tuple(
            (
                Cell(f"{d.risk_id} {d.name}"),
                num(format_eur(d.contribution)),
                num(format_percent(d.share, 1)),
                num(format_eur(d.expected)),
                Cell(d.measures or "–"),
            )
            for d in sim.drivers
        ),
        key="top10",
    )
    if sim.drivers:
        blocks.append(
            Text(
                f"De bijdrage is het deel van de benodigde weerstandscapaciteit ({level_text(sim.certainty)}) dat "
                "aan het risico is toe te rekenen (Euler-toerekening); de bijdragen tellen op tot het totaal."
            )
        )
        blocks.append(Chart("drivers", "Grootste risico's naar bijdrage", top, drivers=_driver_objects(data)))
    blocks.append(risk_map_table(data))
    blocks.append(
        Text(
            f"Kansklasse 1 tot en met 5: tot en met 10%, 30%, 50%, 70% en daarboven. Risicoscore = kansklasse × "
            f"gevolgklasse: groen tot en met {data.risk_map.green_max}, oranje tot en met "
            f"{data.risk_map.orange_max}, rood daarboven.",
            "note",
        )
    )
    if data.unquantified:
        blocks.append(
            Text(
                "Risico's die (nog) niet in geld zijn uit te drukken en daarom niet meetellen: "
                + "; ".join(data.unquantified)
                + "."
            )
        )
    else:
        blocks.append(Text("Alle risico's in het register zijn gekwantificeerd."))
    return Section(3, SECTION_TITLES[2], tuple(blocks))


_PROBABILITY_LABELS = ("≤ 10%", "≤ 30%", "≤ 50%", "≤ 70%", "> 70%")


def risk_map_table(data: ParagraphData) -> Table:
    rm = data.risk_map
    colours = ScoreColours(rm.green_max, rm.orange_max)
    bounds = rm.bands
    band_labels = (
        f"≤ {format_eur(bounds[0])}",
        *(f"{format_eur(lo)} – {format_eur(hi)}" for lo, hi in itertools.pairwise(bounds)),
        f"> {format_eur(bounds[3])}",
    )
    rows = tuple(
        (
            Cell(f"Kansklasse {k} ({_PROBABILITY_LABELS[k - 1]})"),
            *(
                Cell(f"{rm.counts[k - 1][g - 1]}", numeric=True, tone=colours.colour(k * g).value)
                for g in range(1, 6)
            ),
        )
        for k in range(5, 0, -1)
    )
    head = ("Kans \\ gevolg", *(f"Gevolgklasse {g} ({band_labels[g - 1]})" for g in range(1, 6)))
    return Table(
        f"Risicokaart: aantal risico's per kans- en gevolgklasse (totaal {rm.total})",
        head,
        rows,
        key="risicokaart",
    )


def requirement(data: ParagraphData) -> Section:
    sim = data.simulation
    quantiles = Table(
        "Benodigde weerstandscapaciteit per zekerheidspercentage",
        ("Zekerheid", "Benodigd bedrag"),
        tuple(
            (
                Cell(level_text(q.level) + (" (gekozen)" if abs(q.level - sim.certainty) < 1e-12 else "")),
                num(shown_required(q.value, q.lower, q.upper).official.text),
            )
            for q in sim.quantiles
        ),
        key="kwantielen",
    )
    figure = shown(data)
    capacity_for_chart = (
        None if sim.available is None else capacity_for_simulation(sim.available, sim.separate_total)
    )
    curve = ExceedanceCurve(sim.exceedance_amounts, sim.exceedance_probabilities)
    # (label, amount for ordering, amount as shown, chance): quantiles rounded as in the table above.
    points = [
        (
            f"benodigd bij {level_text(q.level)} zekerheid",
            q.value,
            shown_required(q.value, q.lower, q.upper).official.text,
            1 - q.level,
        )
        for q in sim.quantiles
    ]
    if capacity_for_chart is not None:
        label = "beschikbare weerstandscapaciteit" + (
            " na aftrek apart berekende groepen" if sim.separate_total else ""
        )
        points.append(
            (
                label,
                capacity_for_chart,
                format_eur(capacity_for_chart),
                curve.probability_above(capacity_for_chart),
            )
        )
    chart_table = Table(
        "Kans dat het jaarlijkse verlies een bedrag overschrijdt",
        ("Punt", "Bedrag", "Kans op een groter verlies"),
        tuple(
            (Cell(lbl), num(text), num(format_percent(p, 1)))
            for lbl, _amount, text, p in sorted(points, key=lambda x: x[1])
        ),
        key="overschrijding",
    )
    blocks: list[Block] = [
        Text(
            f"De benodigde weerstandscapaciteit is het bedrag dat met {level_text(sim.certainty)} zekerheid "
            "voldoende is om de financiële gevolgen van de risico's in één jaar op te vangen. "
            + plain_method_text(data)
            + " De bedragen zijn afgerond op wat de berekening kan onderscheiden."
        ),
        quantiles,
        Chart(
            "exceedance",
            "Overschrijdingskans van het verlies (S-curve)",
            chart_table,
            curve=curve,
            required=sim.required,
            certainty=sim.certainty,
            capacity=capacity_for_chart,
        ),
    ]
    if data.separate:
        blocks.append(Text("Enkele risicogroepen zijn apart berekend en komen bij het gesimuleerde bedrag:"))
        blocks.append(
            Table(
                "Apart berekende risicogroepen",
                ("Groep", "Soort", "Benodigd bedrag", "Toelichting en methode"),
                tuple(
                    (Cell(s.name), Cell(s.kind), num(format_eur(s.amount)), Cell(s.explanation or "–"))
                    for s in data.separate
                ),
                ((Cell("Totaal apart berekend"), Cell(""), num(format_eur(sim.separate_total)), Cell("")),),
                key="apart",
            )
        )
    official: tuple[tuple[str, str], ...] = ()
    if not sim.uses_simulation:
        official = ((f"Volgens de nota ({sim.calculation})", figure.official.text),)
    simulated = shown(data).simulated
    blocks.append(
        Facts(
            (
                (f"Gesimuleerd ({level_text(sim.certainty)})", simulated.text),
                *official,
                ("Apart berekende groepen", format_eur(sim.separate_total)),
                ("Benodigde weerstandscapaciteit", figure.total.text),
            )
        )
    )
    return Section(4, SECTION_TITLES[3], tuple(blocks))


def compose(data: ParagraphData) -> Document:
    """The whole paragraph, sections 1 to 8 in the order of DESIGN §6."""
    from risicokompas.reports.compose_assessment import assessment, awareness, coherence, indicators
    from risicokompas.reports.compose_records import management, year_account

    sections: tuple[Section, ...] = (
        introduction(data),
        capacity(data),
        risks(data),
        requirement(data),
        assessment(data),
        indicators(data),
        coherence(data),
        management(data) if data.records is not None else awareness(data),
    )
    if data.edition == "jaarstukken" and data.year_account is not None:
        sections = (*sections, year_account(data))
    return Document(
        title="Paragraaf weerstandsvermogen en risicobeheersing",
        subtitle=f"{data.organisation} · {data.title}",
        sections=sections,
        approval_line=approval_line(data),
        trace_line=trace_line(data),
        appendix=account(data),
    )


def approval_line(data: ParagraphData) -> str | None:
    a = data.approval
    if a is None:
        return None
    reference = f", besluit {a.decision_reference}" if a.decision_reference else ""
    return f"Vastgesteld door {a.approved_by} op {format_date_nl(a.approved_on)}{reference}"


def trace_line(data: ParagraphData) -> str:
    return (
        f"Peildatum {format_date_nl(data.reference_date)} · de verantwoording van de berekening staat in de "
        "bijlage"
    )


def account(data: ParagraphData) -> Section:
    """The appendix "Verantwoording van de berekening": the method, its precision, the exact amounts and
    the kenmerken with which the figures can be traced and recomputed."""
    sim = data.simulation
    interval = "Foutgrens" if sim.method == "exact" else "95%-interval"
    exact = Table(
        "Onafgeronde bedragen per zekerheidspercentage",
        ("Zekerheid", "Bedrag", f"{interval}: ondergrens", f"{interval}: bovengrens"),
        tuple(
            (
                Cell(level_text(q.level)),
                num(format_eur(q.value)),
                num(format_eur(q.lower)),
                num(format_eur(q.upper)),
            )
            for q in sim.quantiles
        ),
        key="kwantielen-exact",
    )
    items: list[tuple[str, str]] = [
        ("Methode", method_text(data)),
        ("Rekenmethode volgens de nota", calculation_text(data)),
        (
            "Afronding",
            "Het benodigde bedrag is afgerond op de nauwkeurigheid van de berekening (de helft van "
            "de breedte van het interval); een voorgeschreven som staat op de euro. De ratio en de klasse zijn "
            "berekend op de onafgeronde bedragen.",
        ),
        ("Benodigde weerstandscapaciteit, onafgerond", format_eur(sim.total_required)),
    ]
    if data.content_hash:
        items.append(("Kenmerk van de inhoud (inhoudshash)", data.content_hash[:12]))
    if data.approval is not None and data.approval.content_hash:
        items.append(("Vastgesteld op de inhoud met kenmerk", data.approval.content_hash[:12]))
    if data.input_hash:
        items.append(("Kenmerk van de invoer", data.input_hash[:12]))
    if data.engine_version:
        items.append(("Versie van de rekenkern", data.engine_version))
    return Section(
        APPENDIX,
        "Verantwoording van de berekening",
        (
            Text(
                "Deze bijlage beschrijft hoe de bedragen in de paragraaf zijn berekend, hoe nauwkeurig ze zijn "
                "en met welke kenmerken ze zijn terug te vinden en opnieuw te berekenen."
            ),
            Facts(tuple(items)),
            exact,
        ),
    )
