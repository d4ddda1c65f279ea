# SPDX-License-Identifier: EUPL-1.2
"""Cell values as Dutch users type them: probabilities, amounts, years, yes/no and choices.

Numbers follow Dutch conventions first (DESIGN §8): a comma is the decimal separator and dots group
thousands, so "1.250.000,50" is 1250000.5 and "1.250" is 1250. A dot is read as a decimal point only where it
cannot be a thousands separator ("0.3", "12.5", "1250000.00"); several comma groups with or without a
decimal point ("1,250,000" or "1,250,000.00") are read the English way because no Dutch reading exists.
Anything else is refused rather than guessed.

Parsing goes through ``Decimal`` so that a value written by the writer reads back as exactly the same float.
Each parser raises ``ValueProblem`` with a Dutch message; the reader adds the row and the column.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import TypeGuard

from risicokompas.engine.present import MONTHS_NL
from risicokompas.engine.present import format_exact as format_number
from risicokompas.engine.present import format_exact_percent as format_percent

#: Text that a spreadsheet would run as a formula when it starts with one of these (DESIGN §8).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

_EXCEL_ERROR = re.compile(r"^#(?:N/[AB]|[A-Z]+(?:/0)?[!?])$")
_CURRENCY = re.compile(r"€|\beur(?:o|o's)?\b", re.IGNORECASE)
_SCALE_SUFFIX = re.compile(r"\s*(k|mln|mio|miljoen)\.?$", re.IGNORECASE)
_SCALES = {
    "k": Decimal(1_000),
    "mln": Decimal(1_000_000),
    "mio": Decimal(1_000_000),
    "miljoen": Decimal(1_000_000),
}
_WHOLE_EUROS = re.compile(r",[-–—]{1,2}$")  # "€ 1.250,-": Dutch for whole euros
_GROUP_SPACE = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
_SIGN = re.compile(r"^([-−+]?)\s*")
_PLAIN = re.compile(r"\d+")
_DUTCH_DECIMAL = re.compile(r"\d+,\d+")
_DUTCH_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
_DOT_DECIMAL = re.compile(r"\d*\.\d+")
_ENGLISH_GROUPED = re.compile(r"[1-9]\d{0,2}(?:,\d{3}){2,}(?:\.\d+)?|[1-9]\d{0,2}(?:,\d{3})+\.\d+")

_TRUE = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x"})
_FALSE = frozenset({"nee", "n", "no", "false", "onwaar", "0"})


class ValueProblem(ValueError):
    """A cell value that cannot be used; ``message`` is Dutch and names the value, not the cell."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def neutralise(text: str) -> str:
    """Text made safe for a spreadsheet: a leading formula character gets a quote in front.

    Text that already starts with such a quote gets one more, so :func:`unneutralise` gives it back whole.
    """
    return "'" + text if text.lstrip("'").startswith(FORMULA_TRIGGERS) else text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise`: drop a quote that protects a formula character ("'s-Gravenhage" stays)."""
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_TRIGGERS) else text


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_number(value: object) -> TypeGuard[int | float | Decimal]:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def cell_text(value: object) -> str:
    """Any cell as stripped text, e.g. for names and notes; a number keeps its plain digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, str):
        return unneutralise(value).strip()
    return str(value)


def display(value: object) -> str:
    """A cell value as a message shows it, Dutch style for numbers."""
    if is_number(value):
        return format_number(value)
    return cell_text(value)


def plain_decimal(value: float | int | Decimal, *, comma: bool = True) -> str:
    """A number without grouping or exponent, exact: 1250000.5 → "1250000,5" (for CSV export)."""
    text = format(_decimal(value).normalize(), "f")
    return text.replace(".", ",") if comma else text


def _decimal(value: float | int | Decimal) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(int(value))


def parse_decimal(text: str, *, scale_suffixes: bool = False) -> Decimal:
    """A number typed as text (see the module docstring for the rules); ValueError when it is not one."""
    text = _WHOLE_EUROS.sub("", _CURRENCY.sub(" ", text).strip())
    scale = Decimal(1)
    if scale_suffixes:
        match = _SCALE_SUFFIX.search(text)
        if match and match.start() > 0:
            scale = _SCALES[match.group(1).lower()]
            text = text[: match.start()]
    text = _GROUP_SPACE.sub("", text.strip())
    sign_match = _SIGN.match(text)
    assert sign_match is not None  # every part of the pattern is optional, so it always matches
    negative = sign_match.group(1) in ("-", "−")
    body = text[sign_match.end() :]
    if _PLAIN.fullmatch(body):
        number = Decimal(body)
    elif _DUTCH_DECIMAL.fullmatch(body):
        number = Decimal(body.replace(",", "."))
    elif _DUTCH_GROUPED.fullmatch(body):
        number = Decimal(body.replace(".", "").replace(",", "."))
    elif _DOT_DECIMAL.fullmatch(body):
        number = Decimal(body)
    elif _ENGLISH_GROUPED.fullmatch(body):
        number = Decimal(body.replace(",", ""))
    else:
        raise ValueError(text)
    number *= scale
    return -number if negative else number


def _number_from_cell(value: object, invalid: str, *, scale_suffixes: bool = False) -> Decimal:
    """The number in a cell, or a ValueProblem "'<value>' is <invalid>"."""
    if is_number(value):
        if not math.isfinite(value):
            raise ValueProblem(f"'{display(value)}' is {invalid}")
        return _decimal(value)
    text = cell_text(value)
    if _EXCEL_ERROR.match(text):
        raise ValueProblem(f"de cel bevat een Excel-foutwaarde ({text})")
    if isinstance(value, str):
        try:
            return parse_decimal(text, scale_suffixes=scale_suffixes)
        except (ValueError, InvalidOperation):
            pass
    raise ValueProblem(f"'{text}' is {invalid}")


def parse_probability(value: object, *, percent_format: bool = False) -> float:
    """A yearly probability as a fraction 0–1: the one rule for the web form, the register file and the API.

    The rule, for text as typed and for numbers:

    * with a % sign it is a percentage: "30%" and "0,3%" are 30% and 0,3%;
    * without a % sign, a number above 1 is a percentage ("30" is 30%, "12,5" is 12,5%) and a number from
      0 to 1 is a fraction ("0,3" and "0.3" are 30%). So "1" is 1 as a fraction: 100% ("1%" is 1%);
    * Dutch decimals first ("0,3"); a decimal point where it cannot group thousands ("0.3") also reads;
    * an Excel cell with a percentage number format holds the fraction itself (Excel stores 30% as 0.3):
      ``percent_format=True`` takes such a number as it is.

    Anything outside 0%–100% or not a number raises ``ValueProblem`` with a Dutch message. A form that
    labels its field "%" should say so next to it: "1" there still means 100%, so type "1%" for 1%.
    """
    typed_percent = isinstance(value, str) and cell_text(value).endswith("%")
    if typed_percent:
        value = cell_text(value)[:-1]
    number = _number_from_cell(value, "geen geldige kans (bijvoorbeeld 30% of 0,3)")
    if typed_percent or (not percent_format and abs(number) > 1):
        number = number / 100
    if not 0 <= number <= 1:
        raise ValueProblem(f"{format_percent(number)} ligt niet tussen 0% en 100%")
    return float(number)


#: What a register writes for a probability or an amount that is not known yet ("pro memorie").
NOT_QUANTIFIED_MARK = "PM"

_NOT_QUANTIFIED = frozenset({"pm", "p.m.", "p.m", "pm.", "p m", "nog niet bekend", "onbekend"})


def is_not_quantified(value: object) -> bool:
    """Whether a kans or amount cell says "not quantified": empty, "PM", "p.m.", "onbekend", "nog niet bekend".

    Case and surrounding spaces do not matter. Such a cell is never read as zero.
    """
    if is_empty(value):
        return True
    if not isinstance(value, str):
        return False
    return " ".join(cell_text(value).lower().split()) in _NOT_QUANTIFIED


def parse_amount(value: object) -> float:
    """An amount in euros, 0 or more, from "€ 1.250.000", "1250000", "1.250.000,00", "250k" or a number."""
    return float(parse_exact_amount(value))


def parse_exact_amount(value: object) -> Decimal:
    """:func:`parse_amount` as an exact ``Decimal``, for amounts stored to the cent."""
    number = _number_from_cell(
        value, "geen geldig bedrag (bijvoorbeeld € 1.250.000 of 1250000)", scale_suffixes=True
    )
    if number < 0:
        raise ValueProblem(f"bedrag {format_number(number)} mag niet negatief zijn")
    return number


def parse_years(value: object) -> int:
    """A whole number of years, 1 or more."""
    invalid = "geen positief geheel aantal jaren"
    number = _number_from_cell(value, invalid)
    if number != number.to_integral_value() or number < 1:
        raise ValueProblem(f"'{display(value)}' is {invalid}")
    return int(number)


_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_WORDED_DATE = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})")
_MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(MONTHS_NL, start=1)},
    **{"jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9},
    **{"okt": 10, "nov": 11, "dec": 12},
}
#: Day 0 of Excel's date serial numbers: right from 1 March 1900 on (Excel counts a 29 February 1900).
_EXCEL_EPOCH = date(1899, 12, 30)
#: The years a date in a file may have; anything else is a typing error (or an amount in the wrong column).
DATE_YEARS = range(1900, 2201)
INVALID_DATE = "geen geldige datum; vul een datum in als dd-mm-jjjj, bijvoorbeeld 31-12-2024"


def parse_date(value: object) -> date:
    """A date as Excel stores it or as typed: 31-12-2024 (also 31/12/2024, 31.12.2024 and 1-3-2024),
    2024-12-31 (ISO, optionally with a time), 31 december 2024 (also "31 dec 2024") or an Excel date number.

    The day comes before the month unless the year comes first; a date that does not exist (31-02-2024) or
    whose year lies outside 1900–2200 raises ``ValueProblem``.
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        if value.year not in DATE_YEARS:
            raise ValueProblem(f"'{value:%d-%m-%Y}' is {INVALID_DATE}")
        return value
    if is_number(value):
        return _excel_date(value)
    text = " ".join(cell_text(value).lower().split())
    parts: tuple[int, int, int] | None = None
    if match := _DUTCH_DATE.fullmatch(text):
        parts = (int(match.group(3)), int(match.group(2)), int(match.group(1)))
    elif match := _ISO_DATE.fullmatch(text):
        parts = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    elif (match := _WORDED_DATE.fullmatch(text)) and match.group(2) in _MONTHS:
        parts = (int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
    if parts is not None and parts[0] in DATE_YEARS:
        try:
            return date(*parts)
        except ValueError:
            pass
    raise ValueProblem(f"'{cell_text(value)}' is {INVALID_DATE}")


def _excel_date(value: int | float | Decimal) -> date:
    """An Excel date serial number (days since 30-12-1899; a fraction is the time of day, dropped)."""
    if math.isfinite(value) and 1 <= value < 2_958_466:  # 2_958_466 is 1-1-10000
        day = _EXCEL_EPOCH + timedelta(days=int(value))
        if day.year in DATE_YEARS:
            return day
    raise ValueProblem(f"'{display(value)}' is {INVALID_DATE}")


def parse_flag(value: object) -> bool:
    """Yes or no: ja/nee, j/n, true/false, waar/onwaar, 1/0, x; empty is no."""
    if isinstance(value, bool):
        return value
    if is_empty(value):
        return False
    text = cell_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem(f"'{cell_text(value)}' is geen geldige waarde; vul ja of nee in")


def parse_choice(value: object, choices: dict[str, str], *, what: str, options: str) -> str:
    """One of a fixed set of words (case- and space-insensitive), mapped through ``choices``."""
    text = " ".join(cell_text(value).lower().split())
    if text in choices:
        return choices[text]
    raise ValueProblem(f"'{cell_text(value)}' is geen bekende {what}; kies {options}")
