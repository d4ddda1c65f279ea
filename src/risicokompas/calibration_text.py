# SPDX-License-Identifier: EUPL-1.2
"""The calibration of a history as Dutch text tables, for ``risicokompas calibrate``.

Compute and present stay apart: the numbers come from ``engine.calibration``; this module only lays them out.
"""

from __future__ import annotations

import textwrap

from risicokompas.engine.calibration import CalibrationResult
from risicokompas.engine.present import MISSING, format_eur, format_number, format_percent


def render_calibration(result: CalibrationResult, *, source: str, estimates: int) -> str:
    """The four checks of a calibration as plain text: probabilities, capacity, amounts, surprises."""
    lines: list[str] = []
    add = lines.append
    years = [y.year for y in result.years]
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else "geen jaren"
    add(
        f"Kalibratie {source}: {span}, {estimates} ramingen, "
        f"{result.surprises.count} {'verlies' if result.surprises.count == 1 else 'verliezen'} buiten het register"
    )

    brier = result.brier
    add("")
    add("Kansen: kwam uit wat geraamd was?")
    base = MISSING if brier.base_rate is None else format_percent(brier.base_rate, 1)
    rows = [
        ("Brierscore (0 is perfect)", _number(brier.score, 3)),
        (f"Referentie: altijd de waargenomen frequentie ({base}) ramen", _number(brier.reference, 3)),
        ("Vaardigheid: 1 − Brierscore / referentie (1 is perfect, 0 niet beter)", _number(brier.skill, 2)),
    ]
    width = max(len(label) for label, _ in rows) + 2
    lines.extend(f"  {label:<{width}}{value:>8}" for label, value in rows)
    add("")
    add(f"  {'Kansklasse':<12}{'Geraamd':>9}{'Opgetreden':>12}{'Risicojaren':>13}   95%-interval")
    for band in result.bands:
        interval = (
            MISSING
            if band.lower is None
            else f"{format_percent(band.lower, 1)} – {format_percent(band.upper, 1)}"
        )
        add(
            f"  {band.label:<12}{_percent(band.predicted):>9}{_percent(band.observed):>12}"
            f"{band.n:>13}   {interval}"
        )

    add("")
    add(f"Benodigde weerstandscapaciteit bij {format_percent(result.certainty)} zekerheid: toereikend?")
    add(f"  {'Jaar':<6}{'Benodigd':>16}{'Werkelijk':>16}   {'Overschreden':<14}Plaats in de verdeling")
    for y in result.years:
        add(
            f"  {y.year:<6}{format_eur(y.required_capacity):>16}{format_eur(y.realised):>16}   "
            f"{'ja' if y.exceeded else 'nee':<14}{format_percent(y.pit)}"
        )
    lines.extend(textwrap.wrap(result.exceedance.reading, 100, initial_indent="  ", subsequent_indent="  "))

    amounts = result.amounts
    add("")
    add(f"Bedragen: {amounts.occurred} opgetreden risico's, lag het bedrag binnen de raming?")
    add(f"  {'Binnen de geraamde bandbreedte (minimum–maximum)':<52}{_percent(amounts.within_range):>8}")
    add(f"  {'Boven het maximum':<52}{_percent(amounts.above_max):>8}")

    surprises = result.surprises
    add("")
    add("Verrassingen: verliezen die niet in het register stonden")
    add(
        f"  {surprises.count} keer, samen {format_eur(surprises.amount)}: "
        f"{_percent(surprises.share)} van alle werkelijke schade"
    )
    return "\n".join(lines) + "\n"


def _number(value: float | None, decimals: int) -> str:
    return MISSING if value is None else format_number(value, decimals)


def _percent(value: float | None) -> str:
    return MISSING if value is None else format_percent(value, 1)
