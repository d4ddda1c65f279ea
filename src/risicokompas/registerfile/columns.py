# SPDX-License-Identifier: EUPL-1.2
"""The canonical columns of the risk-register template and how headers in a file are recognised.

A header cell matches a column by its key (``gevolg_max``), its friendly label ("Maximaal financieel
gevolg (€)") or a common alias ("Naam"), compared case-insensitively with underscores, hyphens and runs of
spaces treated alike and currency/percentage decorations such as "(€)" or "(%)" ignored. When that finds
nothing, a trailing explanation in brackets is dropped, so "Groep (correlatie)" and "Kans (per jaar)" match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One canonical column: its key, the label the template shows and what the instructions say."""

    key: str
    label: str
    help: str
    aliases: tuple[str, ...] = ()
    width: int = 16


COLUMNS: tuple[Column, ...] = (
    Column(
        "id",
        "Id",
        "Eigen kenmerk van het risico, uniek in het register. Leeg: het programma kent 'R' plus het "
        "rijnummer toe (bijvoorbeeld R5). Rijen waarvan het id met VOORBEELD begint worden overgeslagen.",
        ("nr", "nummer", "code", "risico id", "risiconummer", "kenmerk"),
        width=12,
    ),
    Column(
        "risico",
        "Risico",
        "Verplicht. Korte naam van het risico.",
        ("naam", "risico naam", "risiconaam", "titel"),
        width=36,
    ),
    Column(
        "omschrijving", "Omschrijving", "Toelichting op het risico: oorzaak en gevolg.", ("toelichting",), 48
    ),
    Column(
        "kans",
        "Kans",
        "Verplicht. Kans per jaar dat het risico optreedt: 30%, 30, 0,3 of 0.3. Een getal boven 1 is een "
        "percentage; een getal van 0 tot en met 1 is een fractie, dus 1 betekent 100%. Nog niet bekend: PM.",
        ("kans per jaar", "kans van optreden", "waarschijnlijkheid"),
        width=10,
    ),
    Column(
        "gevolg_max",
        "Maximaal financieel gevolg (€)",
        "Verplicht. Het maximale financiële gevolg in euro's, bijvoorbeeld € 1.250.000 of 1250000. Bij "
        "structurele risico's het bedrag per jaar. Bij verdeling lognormaal: de 90%-waarde. Nog niet "
        "bekend: PM.",
        ("maximaal gevolg", "max gevolg", "gevolg max", "financieel gevolg", "gevolg", "bedrag"),
        width=20,
    ),
    Column(
        "gevolg_min",
        "Minimaal gevolg (€)",
        "Het kleinste gevolg als het risico optreedt. Leeg: 0. Voor uniform, driehoek en pert.",
        ("minimaal financieel gevolg", "min gevolg", "gevolg min", "minimum"),
        width=18,
    ),
    Column(
        "gevolg_modus",
        "Meest waarschijnlijk gevolg (€)",
        "Het meest waarschijnlijke gevolg, voor driehoek en pert (leeg: het midden tussen minimum en "
        "maximum). Bij verdeling lognormaal: de mediaan (het bedrag dat even vaak over- als onderschreden "
        "wordt), verplicht.",
        ("meest waarschijnlijk", "modus", "gevolg modus", "mediaan"),
        width=18,
    ),
    Column(
        "verdeling",
        "Verdeling",
        "Hoe het gevolg varieert: vast (altijd het maximum), uniform (elk bedrag tussen minimum en maximum "
        "even waarschijnlijk), driehoek, pert of lognormaal. Leeg: de standaardverdeling van de organisatie "
        "(normaal uniform tussen 0 en het maximum).",
        ("kansverdeling", "verdeling gevolg"),
        width=14,
    ),
    Column(
        "aard",
        "Aard",
        "incidenteel (eenmalig) of structureel (elk jaar terugkerend). Leeg: incidenteel.",
        ("incidenteel of structureel", "incidenteel/structureel", "karakter"),
        width=14,
    ),
    Column(
        "jaren",
        "Aantal jaren (structureel)",
        "Alleen voor structurele risico's: hoeveel jaren het gevolg meetelt, een geheel getal van 1 of "
        "meer. Leeg: het aantal jaren uit het beleid van de organisatie.",
        ("aantal jaren", "jaren structureel"),
        width=14,
    ),
    Column(
        "groep",
        "Groep (correlatie)",
        "Risico's met dezelfde groep kunnen samenhangen (correlatie), bijvoorbeeld alle grondexploitaties.",
        ("correlatiegroep",),
        width=16,
    ),
    Column(
        "uitgesloten",
        "Uitgesloten (voorziening/verzekering)",
        "ja als het risico al gedekt is door een voorziening of verzekering: het blijft in het register, "
        "maar telt niet mee in het risicoprofiel. Leeg: nee.",
        ("uitsluiten", "gedekt"),
        width=16,
    ),
    Column("programma", "Programma", "Het programma van de begroting waar het risico bij hoort.", (), 20),
    Column("eigenaar", "Risico-eigenaar", "Wie het risico beheert.", ("eigenaar",), 20),
    Column(
        "beheersmaatregelen",
        "Beheersmaatregelen",
        "Wat er gedaan wordt om de kans of het gevolg te verkleinen.",
        ("maatregelen", "beheersmaatregel", "maatregel"),
        width=48,
    ),
)

COLUMN_BY_KEY: dict[str, Column] = {column.key: column for column in COLUMNS}

#: Columns a file must have; without them no row can become a risk.
REQUIRED_KEYS: tuple[str, ...] = ("risico", "kans", "gevolg_max")

#: Columns that identify the header row.
HEADER_KEYS: tuple[str, ...] = ("risico", "kans")

_DECORATIONS = re.compile(r"\((?:€|%|eur|euro|euro's|in euro's|in €)\)|\bin (?:€|euro's|euro)$|[€%*:]")
_SEPARATORS = re.compile(r"[\s_\-]+")
_TRAILING_BRACKETS = re.compile(r"\s*\(([^()]*)\)\s*$")
# "x € 1.000", "in duizenden", "k€", "mln": amounts in a unit the reader must not silently take as euros.
_SCALE_HINT = re.compile(r"\d|duizend|miljoen|mln|mio|k€|€ ?k\b", re.IGNORECASE)
AMOUNT_KEYS: tuple[str, ...] = ("gevolg_max", "gevolg_min", "gevolg_modus")


def normalise_header(text: str) -> str:
    """Header text reduced for comparison: lower case, decorations gone, separators one space."""
    text = str(text).strip().lower().replace("’", "'")
    text = _DECORATIONS.sub(" ", text)
    return _SEPARATORS.sub(" ", text).strip()


def _lookup_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for column in COLUMNS:
        for name in (column.key, column.label, *column.aliases):
            table.setdefault(normalise_header(name), column.key)
    return table


_LOOKUP = _lookup_table()


def column_key(header: object) -> str | None:
    """The canonical key of a header cell, or None when it is not one of the template's columns."""
    if header is None:
        return None
    text = normalise_header(str(header))
    if not text:
        return None
    if text in _LOOKUP:
        return _LOOKUP[text]
    match = _TRAILING_BRACKETS.search(str(header))
    if match is None or _SCALE_HINT.search(match.group(1)):
        return None
    stripped = normalise_header(str(header)[: match.start()])
    return _LOOKUP.get(stripped) if stripped else None


def scaled_amount_column(header: object) -> str | None:
    """The amount column a header like "Maximaal gevolg (x € 1.000)" means, else None.

    Such a column states its amounts in thousands or millions; the reader refuses it rather than guess.
    """
    match = _TRAILING_BRACKETS.search(str(header or ""))
    if match is None or not _SCALE_HINT.search(match.group(1)):
        return None
    key = _LOOKUP.get(normalise_header(str(header)[: match.start()]))
    return key if key in AMOUNT_KEYS else None


def column_letter(index: int) -> str:
    """The Excel letter of a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


#: How many rows from the top may hold a title before the header row must have appeared.
HEADER_SEARCH_ROWS = 10


def is_header(values: Iterable[object]) -> bool:
    """Whether a row of cell values contains a recognisable ``risico`` and ``kans`` header."""
    keys = {column_key(value) for value in values}
    return all(key in keys for key in HEADER_KEYS)
