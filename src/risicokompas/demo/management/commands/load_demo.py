# SPDX-License-Identifier: EUPL-1.2
"""``manage.py load_demo``: the fictional Gemeente Voorbeeldrecht, its 60 risks, capacity, kengetallen (every
BBV column of the begroting of next year and the jaarstukken of this year, ``demo.indicators``) and demo
users.

Idempotent: what exists is left alone, so running it twice changes nothing; ``--reset`` deletes the demo
organisations and users first and builds them again. A second, small organisation (Gemeente Anderdorp)
shows tenant isolation, and the user ``netwerk`` belongs to both to show the organisation switcher.

The demo users all have the password ``voorbeeld-wachtwoord``. It is published here and in the README:
demo data is for a laptop or a test server, never for an installation with real data.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from risicokompas.capacity.models import CapacityItem, IndicatorYear
from risicokompas.demo.files import read_toml
from risicokompas.demo.history import DEMO_HISTORY_YEARS
from risicokompas.demo.indicators import demo_budget_year, demo_indicator_rows
from risicokompas.demo.register import DEMO_BOWTIES, DEMO_CAPACITY, DEMO_ORGANISATION, DEMO_RISKS
from risicokompas.deviations.models import Deviation, Precedent
from risicokompas.organisations.models import Function, Membership, Organisation, Programme, Unit
from risicokompas.paragraph.guard import allow_deleting_snapshots
from risicokompas.paragraph.models import SnapshotApproval
from risicokompas.risks.fields import AMOUNT_FIELDS, COLUMN_OF, FIELD_OF
from risicokompas.risks.models import Risk
from risicokompas.risks.services import create_risk, save_measure

_PEOPLE = read_toml("mensen.toml")
_ORGANISATIONS = read_toml("organisaties.toml")
_REGISTER = read_toml("register.toml")

DEMO_PASSWORD: str = _PEOPLE["password"]  # demo only: published, never for real data
DEMO_DOMAIN: str = _PEOPLE["domain"]  # the reserved .example domain: no mail ever reaches a real person
REASON: str = _REGISTER["reason"]
ANDERDORP: str = _ORGANISATIONS["anderdorp"]["name"]
Role = Membership.Role

#: username → (organisation name → role), from ``data/mensen.toml``.
DEMO_USERS: dict[str, dict[str, str]] = {
    person["username"]: {m["organisation"]: m["role"] for m in person["memberships"]}
    for person in _PEOPLE["people"]
}
#: username → (full name, function, unit in the first organisation).
DEMO_PEOPLE: dict[str, tuple[str, str, str]] = {
    person["username"]: (person["full_name"], person["function"], person["memberships"][0].get("unit", ""))
    for person in _PEOPLE["people"]
}
#: (username, organisation name) → unit, which is also the member's team.
DEMO_MEMBER_UNITS: dict[tuple[str, str], str] = {
    (person["username"], m["organisation"]): m.get("unit", "")
    for person in _PEOPLE["people"]
    for m in person["memberships"]
}
#: The team of the demo risk owner; signals and deviations of the demo match it.
OWNER_TEAM: str = DEMO_PEOPLE[_REGISTER["owner"]][2]
#: Per organisation its units, parents first: name → (kind, parent).
DEMO_UNITS: dict[str, dict[str, tuple[str, str]]] = {
    data["name"]: {unit["name"]: (unit["kind"], unit.get("parent", "")) for unit in data.get("units", ())}
    for data in _ORGANISATIONS.values()
}
#: The risks the demo risk owner keeps up to date.
OWNED_CODES: tuple[str, ...] = tuple(_REGISTER["owned"])
#: A register in use has history: a few risks are closed or have occurred.
STATUSES: dict[str, str] = _REGISTER["statuses"]
#: code → days from today for the review date; negative is overdue.
REVIEW_DAYS: dict[str, int] = _REGISTER["review_days"]
#: code → its measures (description, status, owner_label and optionally due_days, probability_after,
#: impact_factor).
DEMO_MEASURES: dict[str, list[dict]] = {}
for _measure in _REGISTER["measures"]:
    DEMO_MEASURES.setdefault(_measure["risk"], []).append(
        {key: value for key, value in _measure.items() if key != "risk"}
    )
#: Anderdorp's small register: code, name, programme, probability, maximum.
ANDERDORP_RISKS: tuple[dict, ...] = tuple(_ORGANISATIONS["anderdorp"]["risks"])


def _amount(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def risk_values(row: dict) -> dict:
    """A ``DEMO_RISKS`` row (register-file keys) as the fields of ``Risk``, by ``risks.fields``."""
    values = {FIELD_OF[key]: value for key, value in row.items() if key in FIELD_OF}
    values["probability"] = Decimal(str(row["kans"]))
    for name in AMOUNT_FIELDS:
        values[name] = _amount(row.get(COLUMN_OF[name]))
    values.setdefault("nature", Risk.Nature.INCIDENTAL)
    values["excluded"] = row.get(COLUMN_OF["excluded"]) == "ja"
    for name in ("description", "shape", "group", "programme", "owner_label", "measures_text"):
        values.setdefault(name, "")
    values.setdefault("years", None)
    return values


class Command(BaseCommand):
    help = (
        "Laadt de voorbeeldgemeente Voorbeeldrecht (60 risico's, capaciteit, gebruikers per rol) en Anderdorp. "
        f"Alle voorbeeldgebruikers hebben het wachtwoord {DEMO_PASSWORD!r} (alleen voor een demo)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="verwijder de voorbeeldgegevens eerst en bouw ze opnieuw op"
        )

    @transaction.atomic
    def handle(self, *args, reset: bool = False, **options) -> None:
        if reset:
            self.delete_demo()
        today = date.today()
        main = self.organisation(DEMO_ORGANISATION["name"], **self.policy())
        other = self.organisation(ANDERDORP)
        organisations = {main.name: main, other.name: other}
        self.structure(
            main, [row["programma"] for row in DEMO_RISKS], [row["eigenaar"] for row in DEMO_RISKS]
        )
        self.structure(other, [row["programme"] for row in ANDERDORP_RISKS], [])
        users = self.users(organisations)
        controller = users["controller"]

        owner_membership = Membership.objects.get(user=users[_REGISTER["owner"]], organisation=main)
        existing = set(main.risks.values_list("code", flat=True))
        created = 0
        for row in DEMO_RISKS:
            if row["id"] in existing:
                continue
            values = risk_values(row)
            values.update(DEMO_BOWTIES.get(row["id"], {}))
            values["status"] = STATUSES.get(row["id"], Risk.Status.OPEN)
            if row["id"] in REVIEW_DAYS:
                values["review_date"] = today + timedelta(days=REVIEW_DAYS[row["id"]])
            if row["id"] in OWNED_CODES:
                values["owner"] = owner_membership
            risk = create_risk(main, controller, values, reason=REASON)
            for data in DEMO_MEASURES.get(risk.code, ()):
                measure: dict[str, object] = {
                    "description": data["description"],
                    "status": data["status"],
                    "owner_label": data["owner_label"],
                }
                due = data.get("due_days")
                measure["due_date"] = today + timedelta(days=due) if due else None
                measure["probability_after"] = _amount(data.get("probability_after"))
                measure["impact_factor"] = _amount(data.get("impact_factor"))
                save_measure(risk, controller, measure)
            created += 1

        existing = set(other.risks.values_list("code", flat=True))
        for row in ANDERDORP_RISKS:
            if row["code"] not in existing:
                values = {
                    **row,
                    "probability": Decimal(row["probability"]),
                    "impact_max": Decimal(row["impact_max"]),
                }
                create_risk(other, users["controller-anderdorp"], values, reason=REASON)
                created += 1

        for item in DEMO_CAPACITY:
            CapacityItem.objects.get_or_create(
                organisation=main,
                name=item["naam"],
                defaults={
                    "kind": item["soort"],
                    "nature": item["aard"],
                    "amount": Decimal(item["bedrag"]),
                    "explanation": item["toelichting"],
                },
            )
        CapacityItem.objects.get_or_create(
            organisation=other,
            name="Algemene reserve",
            defaults={"amount": Decimal(_ORGANISATIONS["anderdorp"]["reserve"])},
        )
        for year, kind, letters in demo_indicator_rows(demo_budget_year(today), DEMO_HISTORY_YEARS[-1]):
            IndicatorYear.objects.get_or_create(organisation=main, year=year, kind=kind, defaults=letters)
        self.stdout.write(
            f"Voorbeeldgegevens geladen: {created} risico's toegevoegd; "
            f"gebruikers {', '.join(DEMO_USERS)} (wachtwoord {DEMO_PASSWORD!r}, alleen voor een demo)."
        )

    @staticmethod
    def policy() -> dict:
        return {
            "kind": DEMO_ORGANISATION["kind"],
            "certainty": Decimal(str(DEMO_ORGANISATION["certainty"])),
            "default_shape": DEMO_ORGANISATION["default_shape"],
            "structural_years": DEMO_ORGANISATION["structural_years"],
            "norm_minimum": Decimal(str(DEMO_ORGANISATION["norm_min_ratio"])),
        }

    @staticmethod
    def organisation(name: str, **policy) -> Organisation:
        organisation, _ = Organisation.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, **policy}
        )
        return organisation

    @staticmethod
    def structure(organisation: Organisation, programmes: list[str], functions: list[str]) -> None:
        """Programma's in the order of the register, the functions that own risks or that its people hold,
        and its units: only what is missing is added."""
        for name, (kind, parent) in DEMO_UNITS.get(organisation.name, {}).items():
            Unit.objects.get_or_create(
                organisation=organisation,
                name=name,
                defaults={"kind": kind, "parent": organisation.units.filter(name=parent).first()},
            )
        people = [username for username, roles in DEMO_USERS.items() if organisation.name in roles]
        functions = [*functions, *(DEMO_PEOPLE[username][1] for username in people)]
        for position, name in enumerate(dict.fromkeys(programmes), start=1):
            Programme.objects.get_or_create(
                organisation=organisation, name=name, defaults={"position": position}
            )
        for name in dict.fromkeys(f for f in functions if f):
            Function.objects.get_or_create(organisation=organisation, name=name)

    @staticmethod
    def users(organisations: dict[str, Organisation]) -> dict:
        User = get_user_model()
        users = {}
        for username, roles in DEMO_USERS.items():
            full_name, function, _unit = DEMO_PEOPLE[username]
            first_name, _space, last_name = full_name.partition(" ")
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@{DEMO_DOMAIN}",
                    "first_name": first_name,
                    "last_name": last_name,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            elif not user.email:  # a demo loaded before people had e-mail addresses and names
                user.email, user.first_name, user.last_name = (
                    f"{username}@{DEMO_DOMAIN}",
                    first_name,
                    last_name,
                )
                user.save()
            for organisation_name, role in roles.items():
                organisation = organisations[organisation_name]
                unit_name = DEMO_MEMBER_UNITS[username, organisation_name]
                unit = organisation.units.filter(name=unit_name).first() if unit_name else None
                team = unit.name if unit is not None else (OWNER_TEAM if role == Role.RISK_OWNER else "")
                membership, created = Membership.objects.get_or_create(
                    user=user,
                    organisation=organisation,
                    defaults={"role": role, "team": team, "unit": unit, "function": function},
                )
                if not created and (not membership.function or (membership.unit is None and unit)):
                    # add what an older demo lacked (a function, a unit), once
                    membership.function, membership.unit = membership.function or function, unit
                    membership.team = team or membership.team
                    membership.save()
            users[username] = user
        return users

    @staticmethod
    def delete_demo() -> None:
        slugs = [slugify(DEMO_ORGANISATION["name"]), slugify(ANDERDORP)]
        # Approvals protect their snapshot (load_demo_history adopts some): remove them first.
        allow_deleting_snapshots()  # called inside handle's transaction
        SnapshotApproval.objects.filter(snapshot__organisation__slug__in=slugs).delete()
        # Rules are protected by their deviations and precedents (load_demo_awareness makes them).
        Precedent.objects.filter(organisation__slug__in=slugs).delete()
        Deviation.objects.filter(organisation__slug__in=slugs).delete()
        Organisation.objects.filter(slug__in=slugs).delete()  # cascades to risks, history, capacity
        get_user_model().objects.filter(username__in=DEMO_USERS).delete()
