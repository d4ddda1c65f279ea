# SPDX-License-Identifier: EUPL-1.2
"""The one Dutch formatting module: numbers, money, percentages and dates, and honest rounding.

Templates (``{% load nl %}``), the paragraph (reports), the register files and the CLI all format through
these functions, so a figure reads the same everywhere. Two families:

- rounded figures (``format_number``, ``format_eur``, ``format_percent``, ``format_ratio``) for results;
- exact values as entered (``format_exact``, ``format_exact_eur``, ``format_exact_percent``), which never
  round: an amount typed with cents keeps them, a kans of 12,345% stays 12,345%.

Every helper rounds *half away from zero* on the number as Python writes it (its shortest ``repr``), so
``1.005`` shows as ``1,01`` and ``0.145`` as ``15%`` — what a reader checking by hand expects — instead of
the binary-float or banker's rounding of ``format``/``round``. No helper depends on the system locale.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from risicokompas.engine.errors import EngineInputError

#: Shown for a value that does not exist (e.g. a ratio without required capacity).
MISSING = "–"

MONTHS_NL: tuple[str, ...] = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def _decimal(value: float, field: str) -> Decimal:
    """The number as written (shortest repr), so decimal rounding sees 1.005 and not 1.00499999…"""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise EngineInputError(field, f"{value!r} is geen getal")
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _check_decimals(decimals: int) -> None:
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise EngineInputError("decimalen", f"aantal decimalen {decimals!r} moet een geheel getal ≥ 0 zijn")


def _format_decimal(value: Decimal, decimals: int) -> str:
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never show "-0" or "-0,00"
    english = f"{rounded:,f}"  # "1,234,567.50": comma groups, point decimal
    return english.translate(str.maketrans(",.", ".,"))


def format_number(x: float, decimals: int = 0) -> str:
    """A number in Dutch notation: point for thousands, comma for decimals, ``1234.5`` → ``'1.234,5'``.

    Rounds half away from zero to ``decimals`` places; a result of zero is shown without a minus sign.
    """
    _check_decimals(decimals)
    return _format_decimal(_decimal(x, "getal"), decimals)


def format_eur(amount: float | None, decimals: int = 0) -> str:
    """An amount in euros: ``'€ 1.234.567'``, ``'€ 1.234,50'`` (``decimals=2``), ``None`` → ``'–'``.

    A negative amount keeps the sign with the number, after the symbol: ``'€ -1.234.567'`` (one rule, so
    columns of amounts stay aligned on the euro sign). A plain space follows the symbol, so the text
    compares easily in tests and CLIs; templates that need a non-breaking space can replace it.
    """
    if amount is None:
        return MISSING
    _check_decimals(decimals)
    return "€ " + _format_decimal(_decimal(amount, "bedrag"), decimals)


def format_ratio(r: float | None) -> str:
    """A ratio with two decimals, ``1.4537`` → ``'1,45'``; ``None`` (no ratio) → ``'–'`` (DESIGN §5)."""
    if r is None:
        return MISSING
    return _format_decimal(_decimal(r, "ratio"), 2)


def format_percent(p: float | None, decimals: int = 0) -> str:
    """A fraction as a percentage: ``0.9`` → ``'90%'``, ``0.125`` with one decimal → ``'12,5%'``.

    The fraction is multiplied by 100 exactly (in decimal), then rounded half away from zero, so
    ``0.145`` → ``'15%'``. ``None`` → ``'–'``.
    """
    if p is None:
        return MISSING
    _check_decimals(decimals)
    return _format_decimal(_decimal(p, "percentage") * 100, decimals) + "%"


def _exact(value: float | int | Decimal) -> Decimal:
    if isinstance(value, Decimal):
        return value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def format_exact(value: float | int | Decimal) -> str:
    """Dutch notation without rounding: ``1250000.5`` → ``'1.250.000,5'``, ``0.500`` → ``'0,5'``."""
    number = _exact(value)
    sign = "-" if number < 0 else ""
    text = format(abs(number).normalize(), "f")
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + fraction if fraction else "")


def format_exact_percent(fraction: float | Decimal) -> str:
    """A fraction as a percentage without rounding: ``0.12345`` → ``'12,345%'``."""
    return format_exact(_exact(fraction) * 100).replace(".", "") + "%"


def format_exact_eur(amount: float | int | Decimal) -> str:
    """An entered amount: whole euros, cents only when there are any: ``'€ 1.250.000'``, ``'€ 12,50'``."""
    value = _exact(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, _, cents = format_exact(value).partition(",")
    return f"€ {whole}" if not cents else f"€ {whole},{cents.ljust(2, '0')}"


@dataclass(frozen=True)
class RoundedAmount:
    """An amount rounded to the digits the method supports, with the step used and its display text."""

    value: float
    step: float
    text: str

    def __str__(self) -> str:
        return self.text


def _round_to_uncertainty(amount: float, relative_uncertainty: float) -> tuple[float, int]:
    """The rounded amount and the power of ten of its last kept digit (see ``round_significant``)."""
    value = _decimal(amount, "bedrag")
    rel = _decimal(relative_uncertainty, "relatieve_onzekerheid")
    uncertainty = abs(value) * rel
    # Decimal.adjusted() is exactly floor(log10(x)) for x > 0; never round finer than whole euros.
    exponent = max(uncertainty.adjusted(), 0) if uncertainty > 0 else 0
    rounded = value.scaleb(-exponent).quantize(Decimal(1), rounding=ROUND_HALF_UP).scaleb(exponent)
    return float(rounded), exponent


def round_significant(amount: float, relative_uncertainty: float) -> float:
    """Round ``amount`` so no digit is shown that the method cannot support.

    Rule: u = |amount| × relative_uncertainty; step = 10**floor(log10(u)); result = round(amount / step) ×
    step, rounding half away from zero. The last kept digit is thus at the order of magnitude of the
    uncertainty: 2.808.017 known to ±1% (u ≈ 28.080) → step 10.000 → 2.810.000; ±0,1% → 2.808.000;
    ±10% → 2.800.000. The step is never smaller than one euro, and a zero or negative uncertainty
    returns the amount rounded to whole euros. The arithmetic is decimal on the numbers as written, so
    the step changes exactly where |amount| × rel reaches a power of ten (1.000.000 × 1% → 10.000).
    """
    return _round_to_uncertainty(amount, relative_uncertainty)[0]


def round_amount_for_display(amount: float, relative_uncertainty: float) -> RoundedAmount:
    """``round_significant`` plus its step and text: 2.808.017 at ±1% → ``'€ 2.810.000'``, step 10.000."""
    rounded, exponent = _round_to_uncertainty(amount, relative_uncertainty)
    return RoundedAmount(value=rounded, step=float(10**exponent), text=format_eur(rounded))


def format_date_nl(date: datetime.date) -> str:
    """A date in Dutch, ``date(2026, 11, 27)`` → ``'27 november 2026'``, independent of the system locale."""
    if not isinstance(date, datetime.date):
        raise EngineInputError("datum", f"{date!r} is geen datum")
    return f"{date.day} {MONTHS_NL[date.month - 1]} {date.year}"
