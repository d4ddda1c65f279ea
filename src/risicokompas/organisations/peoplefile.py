# SPDX-License-Identifier: EUPL-1.2
"""Read a list of people to invite from an Excel (.xlsx) or CSV file: naam, e-mail, functie, rol, team.

The file is read like a register (``registerfile.sources.load_table``): the header may stand below a
title, CSV may use ";" or ",". Reading is all-or-nothing: every problem is collected, each with its row and
column as the user sees them ("Rij 4, kolom e-mail: …"), and nobody is invited while one remains.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from risicokompas.organisations.models import Membership, Organisation, Unit
from risicokompas.organisations.people import PeopleError, Person, is_member, normalise_email
from risicokompas.registerfile.errors import Problem, RegisterFileError
from risicokompas.registerfile.sources import RawCell, load_table

#: Larger files are refused before reading: a list of people is small.
MAX_BYTES = 2 * 1024 * 1024
MAX_PEOPLE = 1000
HEADER_SEARCH_ROWS = 10

#: column key → the header texts that name it (lower case, without spaces around).
COLUMNS: dict[str, tuple[str, ...]] = {
    "naam": ("naam", "name", "volledige naam", "naam medewerker"),
    "e-mail": ("e-mail", "email", "e-mailadres", "emailadres", "mail", "mailadres"),
    "functie": ("functie", "function"),
    "rol": ("rol", "rollen", "role"),
    "team": ("team", "afdeling", "team of afdeling", "onderdeel"),
}
REQUIRED = ("naam", "e-mail")

Role = Membership.Role
ROLE_WORDS: dict[str, str] = {
    **{value: value for value in Role.values},
    **{str(label).casefold(): value for value, label in Role.choices},
    "risicomanager": Role.CONTROLLER,
    "risico eigenaar": Role.RISK_OWNER,
    "eigenaar": Role.RISK_OWNER,
    "admin": Role.BEHEERDER,
}
_ROLE_SEPARATORS = re.compile(r"\s*(?:[,;+&]|\ben\b)\s*")


class PeopleFileError(ValueError):
    """A people file that cannot be used; ``problems`` lists everything that is wrong with it."""

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(None, None, problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = self.messages
        if len(lines) == 1:
            text = lines[0]
        else:
            text = "\n".join(
                [_("Het bestand bevat %(n)s problemen; er is niemand uitgenodigd.") % {"n": len(lines)}]
                + [f"- {line}" for line in lines]
            )
        super().__init__(text)

    @property
    def messages(self) -> list[str]:
        return [str(problem) for problem in self.problems]


def _text(cell: RawCell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _column_key(text: str) -> str | None:
    wanted = " ".join(text.replace("*", "").split()).casefold()
    for key, names in COLUMNS.items():
        if wanted in names:
            return key
    return None


def parse_roles(text: str) -> tuple[str, tuple[str, ...]]:
    """ "controller, beheerder" → ("controller", ("beheerder",)); the first role is the main role.
    Empty → medewerker. Raises ValueError naming the unknown word."""
    words = [w for w in _ROLE_SEPARATORS.split(text.strip().casefold()) if w]
    if not words:
        return Role.MEDEWERKER, ()
    roles = []
    for word in words:
        role = ROLE_WORDS.get(" ".join(word.replace("-", " ").split())) or ROLE_WORDS.get(word)
        if role is None:
            known = ", ".join(Role.values)
            raise ValueError(
                _("onbekende rol ‘%(word)s’; kies uit %(known)s") % {"word": word, "known": known}
            )
        if role not in roles:
            roles.append(role)
    return roles[0], tuple(roles[1:])


def read_people(data: bytes, filename: str, organisation: Organisation) -> list[Person]:
    """The people in the file, or PeopleFileError listing every problem (nothing is half read)."""
    if len(data) > MAX_BYTES:
        raise PeopleFileError(_("het bestand is groter dan 2 MB; een lijst met mensen is kleiner"))
    try:
        table = load_table(data, filename=filename)
    except RegisterFileError as exc:
        raise PeopleFileError(
            [
                Problem(
                    p.row,
                    p.column,
                    p.message.replace("risicoregister", "lijst").replace("register", "bestand"),
                )
                for p in exc.problems
            ]
        ) from None
    header_row, columns = _find_header(table.rows)
    rows = table.rows[header_row:]
    people: list[Person] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    units = {unit.name.casefold(): unit for unit in Unit.objects.filter(organisation=organisation)}
    for offset, cells in enumerate(rows):
        number = header_row + offset + 1
        values = {
            key: _text(cells[index]) if index < len(cells) else "" for key, (index, _l) in columns.items()
        }
        if not any(values.values()):
            continue
        if len(people) >= MAX_PEOPLE:
            problems.append(
                Problem(number, None, _("meer dan %(n)s mensen in één bestand") % {"n": MAX_PEOPLE})
            )
            break
        row_problems: list[Problem] = []

        def problem(key: str, message: str, number: int = number, into: list = row_problems) -> None:
            into.append(Problem(number, columns[key][1] if key in columns else key, message))

        name = values.get("naam", "")
        if not name:
            problem("naam", _("de naam ontbreekt"))
        email = ""
        if not values.get("e-mail"):
            problem("e-mail", _("het e-mailadres ontbreekt"))
        else:
            try:
                email = normalise_email(values["e-mail"])
            except PeopleError as exc:
                problem("e-mail", str(exc))
        if email and email in seen:
            problem("e-mail", _("%(email)s staat ook in rij %(row)s") % {"email": email, "row": seen[email]})
        elif email and is_member(organisation, email):
            problem("e-mail", _("%(email)s is al lid van %(org)s") % {"email": email, "org": organisation})
        if email:
            seen.setdefault(email, number)
        try:
            role, extra = parse_roles(values.get("rol", ""))
        except ValueError as exc:
            problem("rol", str(exc))
            role, extra = Role.MEDEWERKER, ()
        unit = None
        team = values.get("team", "")
        if team:
            unit = units.get(team.casefold())
            if unit is None:
                problem(
                    "team",
                    _("onbekend team of afdeling ‘%(team)s’; voeg het eerst toe onder Teams en afdelingen")
                    % {"team": team},
                )
        if len(values.get("functie", "")) > 200:
            problem("functie", _("de functie is langer dan 200 tekens"))
        if row_problems:
            problems.extend(row_problems)
            continue
        people.append(Person(name, email, values.get("functie", ""), role, extra, unit))
    if problems:
        raise PeopleFileError(problems)
    if not people:
        raise PeopleFileError(_("het bestand bevat geen mensen onder de kopregel"))
    return people


def _find_header(rows) -> tuple[int, dict[str, tuple[int, str]]]:
    """The 1-based row number of the header and, per column key, its index and label as written."""
    for position, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, tuple[int, str]] = {}
        problems: list[Problem] = []
        for index, cell in enumerate(cells):
            label = _text(cell)
            key = _column_key(label) if label else None
            if key is None:
                continue
            if key in columns:
                problems.append(Problem(position + 1, label, _("de kolom komt twee keer voor")))
            else:
                columns[key] = (index, label)
        if all(key in columns for key in REQUIRED):
            if problems:
                raise PeopleFileError(problems)
            return position + 1, columns
    raise PeopleFileError(
        _("geen kopregel gevonden: de eerste %(n)s rijen bevatten geen kolommen ‘naam’ en ‘e-mail’")
        % {"n": HEADER_SEARCH_ROWS}
    )
