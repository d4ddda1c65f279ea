# SPDX-License-Identifier: EUPL-1.2
"""Command line: ``risicokompas simulate|report|template|calibrate|demo``.

A thin layer: each command parses its arguments, calls the register file module and the engine, and
prints. Library errors become one clear Dutch line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from risicokompas import __version__
from risicokompas.engine import EngineInputError, Settings, SimulationResult
from risicokompas.engine.capacity import assess
from risicokompas.engine.conventional import (
    PUBLISHED_SHARE_RANGE,
    CalculationName,
    RequiredCapacity,
    required_capacity,
)
from risicokompas.engine.model import Profile
from risicokompas.engine.present import (
    format_eur,
    format_number,
    format_percent,
    format_ratio,
    round_amount_for_display,
)
from risicokompas.registerfile import Register, RegisterFileError, read_register, write_template
from risicokompas.registerfile.model import UnquantifiedRow
from risicokompas.registerfile.shapes import MISSING_MODE_RULE
from risicokompas.registerfile.values import ValueProblem
from risicokompas.registersim import BadInput, simulate_register
from risicokompas.registersim import json_payload as _json_payload
from risicokompas.registersim import parse_level as _parse_level

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its own message
        return int(exit_.code or 0)
    try:
        code: int = args.handler(args, stdout, stderr)
        return code
    except (BadInput, RegisterFileError, EngineInputError, ValueProblem) as error:
        print(f"risicokompas: {error}", file=stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # the reader went away (e.g. `| head`): not an error of ours
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="risicokompas",
        description="Risicokompas: risicoprofiel en weerstandsvermogen van een gemeente uit haar risicoregister.",
    )
    parser.add_argument("--version", action="version", version=f"risicokompas {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDO")

    sim = commands.add_parser(
        "simulate",
        help="bereken de benodigde weerstandscapaciteit van een register (xlsx of csv)",
        description="Bereken het risicoprofiel van een risicoregister: kwantielen, benodigde "
        "weerstandscapaciteit, ratio en klasse, en de risico's die de uitkomst bepalen.",
    )
    sim.add_argument("register", type=Path, help="het risicoregister (.xlsx of .csv)")
    _add_simulation_options(sim)
    sim.add_argument("--json", action="store_true", help="druk één JSON-object af in plaats van tabellen")
    sim.set_defaults(handler=run_simulate)

    report = commands.add_parser(
        "report",
        help="schrijf de paragraaf weerstandsvermogen en risicobeheersing (.docx, .pdf of .html)",
        description="Bereken het register en schrijf de paragraaf weerstandsvermogen en risicobeheersing "
        "als Word-document (.docx), PDF (.pdf) of HTML-fragment voor een publicatieplatform (.html).",
    )
    report.add_argument("register", type=Path, help="het risicoregister (.xlsx of .csv)")
    report.add_argument(
        "--capaciteit",
        type=Path,
        required=True,
        help="beschikbare weerstandscapaciteit (.xlsx of .csv) met de kolommen naam, soort, aard, bedrag "
        "en eventueel bedrag_t1, bedrag_t2, bedrag_t3 en toelichting",
    )
    report.add_argument(
        "--out", type=Path, required=True, help="paragraaf.docx, paragraaf.pdf of paragraaf.html"
    )
    report.add_argument("--titel", default=None, help='titel van het document (standaard "Begroting JAAR")')
    report.add_argument("--jaar", type=int, default=None, help="begrotingsjaar t (standaard volgend jaar)")
    report.add_argument("--zekerheid", default="90", help="zekerheidspercentage (standaard 90)")
    report.add_argument(
        "--organisatie", default="Gemeente (naam niet opgegeven)", help="naam van de organisatie"
    )
    report.add_argument("--norm", default=None, help="minimale ratio weerstandsvermogen, bijvoorbeeld 1,0")
    report.add_argument(
        "--standaardverdeling", default="uniform", help="verdeling voor rijen zonder verdeling"
    )
    report.add_argument(
        "--structurele-jaren", type=int, default=1, help="jaren dat een structureel risico telt (standaard 1)"
    )
    report.add_argument(
        "--pagina",
        action="store_true",
        help="bij .html: een volledige HTML-pagina in plaats van een fragment",
    )
    report.set_defaults(handler=run_report)

    template = commands.add_parser(
        "template",
        help="schrijf een leeg registersjabloon (.xlsx) met instructies",
        description="Schrijf een leeg risicoregister met keuzelijsten, een voorbeeldrij en een instructieblad.",
    )
    template.add_argument("path", type=Path, help="waar het sjabloon komt, bijvoorbeeld register.xlsx")
    template.add_argument("--overschrijven", action="store_true", help="overschrijf een bestaand bestand")
    template.set_defaults(handler=run_template)

    calibrate = commands.add_parser(
        "calibrate",
        help="toets de ramingen van eerdere jaren aan wat er werkelijk gebeurde",
        description="Toets een geschiedenis van ramingen aan de werkelijkheid: Brierscore en betrouwbaarheid "
        "per kansklasse, overschrijdingen van de benodigde weerstandscapaciteit per jaar (Kupiec-toets), "
        "bedragen binnen of boven de raming en verliezen die niet in het register stonden.",
    )
    calibrate.add_argument(
        "geschiedenis",
        type=Path,
        help="de geschiedenis (.xlsx of .csv): de kolommen van het register per jaar plus jaar, opgetreden "
        "(ja/nee) en werkelijk_bedrag; een opgetreden rij zonder kans is een verlies buiten het register",
    )
    calibrate.add_argument("--zekerheid", default="90", help="zekerheidspercentage (standaard 90)")
    calibrate.add_argument(
        "--standaardverdeling", default="uniform", help="verdeling voor rijen zonder verdeling"
    )
    calibrate.add_argument(
        "--structurele-jaren", type=int, default=1, help="jaren dat een structureel risico telt (standaard 1)"
    )
    calibrate.add_argument(
        "--json", action="store_true", help="druk één JSON-object af in plaats van tabellen"
    )
    calibrate.set_defaults(handler=run_calibrate)

    demo = commands.add_parser(
        "demo",
        help="schrijf het voorbeeldregister van Gemeente Voorbeeldrecht en reken het door",
        description="Schrijf het voorbeeldregister van de fictieve Gemeente Voorbeeldrecht en bereken het.",
    )
    demo.add_argument(
        "--map", type=Path, default=None, help="map voor het voorbeeldregister (standaard: tijdelijk)"
    )
    demo.set_defaults(handler=run_demo)
    return parser


def _add_simulation_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--zekerheid", default="90", help="zekerheidspercentage, bijvoorbeeld 90 of 95%% (standaard 90)"
    )
    parser.add_argument(
        "--methode",
        choices=("auto", "exact", "montecarlo"),
        default="auto",
        help="auto (exact, tenzij er correlatie is), exact of montecarlo",
    )
    parser.add_argument(
        "--iteraties", type=int, default=100_000, help="iteraties voor Monte Carlo (standaard 100.000)"
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="startwaarde van Monte Carlo, voor herhaalbaarheid"
    )
    parser.add_argument(
        "--tolerantie",
        default=None,
        help="Monte Carlo: ga door tot het 95%%-interval van het gekozen kwantiel binnen ±dit percentage ligt",
    )
    parser.add_argument("--capaciteit", default=None, help="beschikbare weerstandscapaciteit in euro")
    parser.add_argument(
        "--rekenmethode",
        choices=[name.value for name in CalculationName],
        default=CalculationName.SIMULATION.value,
        help="de officiële methode voor de benodigde weerstandscapaciteit: simulatie (standaard), "
        "kans-maal-maximum (Σ kans × maximum), kans-maal-gemiddeld (Σ kans × gemiddeld gevolg) of "
        "som-maxima (som van de maxima); de simulatie staat er altijd naast",
    )
    parser.add_argument(
        "--factor",
        default=None,
        help="factor op de gekozen som, bijvoorbeeld 0,7 voor 70%% van de som van de maxima (standaard 1)",
    )
    parser.add_argument(
        "--standaardverdeling",
        default="uniform",
        help="verdeling voor rijen zonder verdeling: vast, uniform, driehoek, pert (standaard uniform); "
        "driehoek en pert zonder meest waarschijnlijk gevolg nemen het midden tussen minimum en maximum",
    )
    parser.add_argument(
        "--structurele-jaren",
        type=int,
        default=1,
        help="aantal jaren dat een structureel risico telt als het register er geen noemt (standaard 1)",
    )
    parser.add_argument(
        "--correlatie",
        action="append",
        default=[],
        metavar="GROEP=WAARDE",
        help="correlatie binnen een groep, bijvoorbeeld grondexploitaties=0,5 (herhaalbaar)",
    )


def run_simulate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    register = read_register(
        args.register, default_shape=args.standaardverdeling, structural_years=args.structurele_jaren
    )
    result, required, profile = simulate_register(
        register,
        zekerheid=args.zekerheid,
        methode=args.methode,
        iteraties=args.iteraties,
        seed=args.seed,
        tolerantie=args.tolerantie,
        capaciteit=args.capaciteit,
        rekenmethode=args.rekenmethode,
        factor=args.factor,
        correlatie=args.correlatie,
        progress=lambda settings: _ProgressBar(stderr) if _wants_progress(settings, stderr) else None,
    )
    if args.json:
        payload = _json_payload(result, args.register, required=required, register=register)
        json.dump(payload, stdout, indent=2, ensure_ascii=False)
        stdout.write("\n")
    else:
        stdout.write(
            render_result(result, profile, source=args.register.name, required=required, register=register)
        )
    return EXIT_OK


def run_report(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from risicokompas.reports.command import ReportRequest, output_format, parse_ratio, write_report

    if output_format(args.out) is None:
        raise BadInput(f"{args.out.name}: kies een naam die eindigt op .docx, .pdf of .html")
    year = args.jaar or datetime.date.today().year + 1
    request = ReportRequest(
        register=args.register,
        capacity=args.capaciteit,
        out=args.out,
        title=args.titel or f"Begroting {year}",
        year=year,
        certainty=_parse_level(args.zekerheid),
        organisation=args.organisatie,
        default_shape=args.standaardverdeling,
        structural_years=args.structurele_jaren,
        norm_min=parse_ratio(args.norm),
        full_page=args.pagina,
    )
    print(f"Paragraaf geschreven: {write_report(request)}", file=stdout)
    return EXIT_OK


def run_template(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    if args.path.exists() and not args.overschrijven:
        raise BadInput(f"{args.path} bestaat al; gebruik --overschrijven om het te vervangen")
    if args.path.suffix.lower() != ".xlsx":
        raise BadInput("het sjabloon is een Excel-bestand: geef een naam die eindigt op .xlsx")
    write_template(args.path)
    print(f"Sjabloon geschreven: {args.path}", file=stdout)
    return EXIT_OK


def run_calibrate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from risicokompas.calibration_text import render_calibration
    from risicokompas.engine.calibration import calibrate
    from risicokompas.registerfile.history import read_history

    history = read_history(
        args.geschiedenis, default_shape=args.standaardverdeling, structural_years=args.structurele_jaren
    )
    result = calibrate(history.to_engine(), Settings(certainty=_parse_level(args.zekerheid)))
    if args.json:
        json.dump(result.to_dict(), stdout, indent=2, ensure_ascii=False)
        stdout.write("\n")
    else:
        estimates = sum(1 for row in history.rows if not row.is_surprise)
        stdout.write(render_calibration(result, source=args.geschiedenis.name, estimates=estimates))
    return EXIT_OK


def run_demo(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from risicokompas.demo.register import demo_capacity_total, write_demo_register

    folder = args.map or Path(tempfile.mkdtemp(prefix="risicokompas-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = write_demo_register(folder / "voorbeeldrecht-register.xlsx")
    print(f"Voorbeeldregister: {path}", file=stdout)
    capacity = format_number(demo_capacity_total())
    print(f"Opdracht: risicokompas simulate {path} --capaciteit {capacity}\n", file=stdout)
    sim_args = build_parser().parse_args(["simulate", str(path), "--capaciteit", capacity])
    return run_simulate(sim_args, stdout, stderr)


def _wants_progress(settings: Settings, stream: TextIO) -> bool:
    long_run = settings.method == "montecarlo" and (settings.iterations >= 500_000 or settings.tolerance)
    return bool(long_run) and stream.isatty()


class _ProgressBar:
    """A one-line progress bar on stderr for long Monte Carlo runs."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = int(100 * done / max(1, total))
        if percent == self.shown:
            return
        self.shown = percent
        filled = self.width * percent // 100
        bar = "█" * filled + "·" * (self.width - filled)
        self.stream.write(f"\rSimuleren {bar} {percent:3d}% ({format_number(done)} iteraties)")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def render_result(
    result: SimulationResult,
    profile: Profile,
    *,
    source: str = "register",
    required: RequiredCapacity | None = None,
    register: Register | None = None,
) -> str:
    """The simulation as a Dutch text report (amounts rounded to what the method supports).

    With ``required`` the official method's figure is the benodigde weerstandscapaciteit (ratio and class
    follow it) and the simulation stands beside it; with ``register`` the report names the risks that are
    not quantified and says when the rule for a missing "meest waarschijnlijk gevolg" applied.
    """
    required = required or required_capacity(profile, result.required_capacity)
    lines: list[str] = []
    add = lines.append
    simulated = result.quantile(result.certainty)
    excluded = len(result.excluded_ids)
    unquantified = register.unquantified if register is not None else ()
    add(
        f"Risicoprofiel {source}: {result.risk_count} risico's, {result.active_count} in het profiel"
        + (f", {excluded} uitgesloten (voorziening/verzekering)" if excluded else "")
        + (f", {len(unquantified)} niet gekwantificeerd" if unquantified else "")
    )
    add(_method_line(result))
    if register is not None and register.assumed_mode_ids:
        add(f"Aanname ({', '.join(register.assumed_mode_ids)}): {MISSING_MODE_RULE}.")
    add("")
    add(f"{'Zekerheid':<11}{'Benodigd bedrag':>18}   {'Onzekerheid (' + _interval_name(result) + ')'}")
    for q in result.quantiles:
        add(
            f"{format_percent(q.level):<11}{format_eur(q.value):>18}   {format_eur(q.lower)} – {format_eur(q.upper)}"
        )
    add("")
    rounded = round_amount_for_display(simulated.value, simulated.relative_uncertainty)
    interval = f"{_interval_name(result)} {format_eur(simulated.lower)} – {format_eur(simulated.upper)}"
    method = required.method
    if method.is_simulation:
        rows = [
            (
                f"Benodigde weerstandscapaciteit ({format_percent(result.certainty)})",
                f"{rounded.text} ({interval})",
            )
        ]
    else:
        rows = [
            ("Rekenmethode", method.description),
            ("Benodigde weerstandscapaciteit", format_eur(required.value)),
        ]
    rows += [
        ("Verwachte waarde (Σ kans × gemiddeld gevolg)", format_eur(result.mean)),
        ("Som van de maximale gevolgen", format_eur(result.sum_max)),
    ]
    if result.capacity is not None:
        assessment = assess(result.capacity, required.value)
        ratio_class = assessment.ratio_class
        rows += [
            ("Beschikbare weerstandscapaciteit", format_eur(result.capacity)),
            (
                "Ratio weerstandsvermogen",
                f"{format_ratio(assessment.ratio)}"
                + (f" — klasse {ratio_class.letter} ({ratio_class.label})" if ratio_class else ""),
            ),
            ("Kans dat het verlies de capaciteit overschrijdt", format_percent(result.p_exceed_capacity, 1)),
        ]
    width = max(len(label) for label, _ in rows) + 2
    lines.extend(f"{label:<{width}}{value}" for label, value in rows)
    if not method.is_simulation:
        add(
            f"De simulatie komt uit op {rounded.text} bij {format_percent(result.certainty)} zekerheid "
            f"({interval})."
        )

    figures = required.conventional
    low, high = PUBLISHED_SHARE_RANGE
    add("")
    add("Ter vergelijking, gangbare methoden (zonder factor):")
    comparison = [
        ("Σ kans × maximum", format_eur(figures.probability_times_max)),
        ("Σ kans × gemiddeld gevolg", format_eur(figures.probability_times_mean)),
        (f"{format_percent(figures.factor)} van de som van de maxima", format_eur(figures.factor_of_sum_max)),
    ]
    lines.extend(f"  {label:<{width - 2}}{value}" for label, value in comparison)
    share = figures.simulated_share_of_sum_max
    if share is not None:
        add(
            f"  De simulatie komt uit op {format_percent(share)} van de som van de maxima "
            f"(gepubliceerde gemeentelijke profielen: doorgaans {format_percent(low)}–{format_percent(high)})."
        )

    if result.drivers:
        add("")
        add(_drivers_table(result))
    if unquantified:
        add("")
        add(_unquantified_table(unquantified))
    add("")
    add(f"Invoer-hash {result.input_hash[:16]} · rekenkern {result.engine_version}")
    return "\n".join(lines) + "\n"


def _drivers_table(result: SimulationResult) -> str:
    certainty = format_percent(result.certainty)
    lines = [
        f"Grootste risico's (bijdrage aan het gesimuleerde bedrag bij {certainty}):",
        f"{'#':>3}  {'Id':<8}{'Risico':<42}{'Bijdrage':>14}{'Aandeel':>9}{'Invloed':>9}"
        f"{'Effect weglaten':>19}{'Kans × gemiddeld gevolg':>26}",
    ]
    for rank, d in enumerate(result.top_drivers(10), start=1):
        name = d.name if len(d.name) <= 40 else d.name[:39] + "…"
        lines.append(
            f"{rank:>3}  {d.risk_id:<8}{name:<42}{format_eur(d.contribution):>14}{format_percent(d.share):>9}"
            f"{format_percent(d.influence):>9}{'−' + format_eur(d.marginal):>19}{format_eur(d.expected):>26}"
        )
    lines += [
        f"Bijdrage en aandeel: het deel van het gesimuleerde bedrag bij {certainty} dat het risico draagt "
        "(Euler-toerekening; de bijdragen tellen op tot dat bedrag).",
        "Invloed: kans × maximum van het risico als aandeel van Σ kans × maximum (zonder simulatie).",
    ]
    return "\n".join(lines)


def _unquantified_table(rows: Sequence[UnquantifiedRow]) -> str:
    lines = [
        f"Niet gekwantificeerd ({len(rows)} {'risico' if len(rows) == 1 else 'risico' + chr(39) + 's'}; "
        "tellen niet mee in de berekening):",
        f"{'':>3}  {'Id':<8}{'Risico':<42}{'Programma':<24}Ontbreekt",
    ]
    what = {"kans": "kans", "gevolg_max": "maximaal gevolg"}
    for row in rows:
        name = row.name if len(row.name) <= 40 else row.name[:39] + "…"
        programme = row.programme if len(row.programme) <= 22 else row.programme[:21] + "…"
        missing = " en ".join(what[key] for key in row.missing)
        lines.append(f"{'':>3}  {row.id:<8}{name:<42}{programme:<24}{missing}")
    return "\n".join(lines)


def _method_line(result: SimulationResult) -> str:
    if result.method == "exact":
        assert result.grid_size is not None, "an exact result has a grid size"
        return (
            f"Methode: exact (onafhankelijke risico's, rooster van {format_number(result.grid_size)} punten; "
            f"de werkelijke waarde ligt binnen het interval)"
        )
    assert result.iterations is not None, "a Monte Carlo result has its iterations"
    return (
        f"Methode: Monte Carlo ({format_number(result.iterations)} iteraties, seed {result.seed}; "
        "interval = 95%-betrouwbaarheidsinterval)"
    )


def _interval_name(result: SimulationResult) -> str:
    return "foutgrens" if result.method == "exact" else "95%-interval"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
