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
from risicokompas.demo.history import DEMO_HISTORY_YEARS
from risicokompas.demo.indicators import demo_budget_year, demo_indicator_rows
from risicokompas.demo.register import DEMO_CAPACITY, DEMO_ORGANISATION, DEMO_RISKS
from risicokompas.deviations.models import Deviation, Precedent
from risicokompas.organisations.models import Function, Membership, Organisation, Programme, Unit
from risicokompas.paragraph.guard import allow_deleting_snapshots
from risicokompas.paragraph.models import SnapshotApproval
from risicokompas.risks.fields import AMOUNT_FIELDS, COLUMN_OF, FIELD_OF
from risicokompas.risks.models import Measure, Risk
from risicokompas.risks.services import create_risk, save_measure

DEMO_PASSWORD = "voorbeeld-wachtwoord"  # demo only: published, never for real data
REASON = "Voorbeeldgegevens"
ANDERDORP = "Gemeente Anderdorp"
Role = Membership.Role

#: username → (organisation name → role). Team only matters for the risk owner.
DEMO_USERS: dict[str, dict[str, str]] = {
    "controller": {DEMO_ORGANISATION["name"]: Role.CONTROLLER},
    "eigenaar": {DEMO_ORGANISATION["name"]: Role.RISK_OWNER},
    "medewerker": {DEMO_ORGANISATION["name"]: Role.MEDEWERKER},
    "bestuur": {DEMO_ORGANISATION["name"]: Role.BESTUUR},
    "lezer": {DEMO_ORGANISATION["name"]: Role.LEZER},
    "beheerder": {DEMO_ORGANISATION["name"]: Role.BEHEERDER},
    "controller-anderdorp": {ANDERDORP: Role.CONTROLLER},
    "netwerk": {DEMO_ORGANISATION["name"]: Role.CONTROLLER, ANDERDORP: Role.LEZER},
}
OWNER_TEAM = "Sociaal domein"
DEMO_DOMAIN = "voorbeeldrecht.example"  # the reserved .example domain: no mail ever reaches a real person
#: username → (full name, function, unit); the unit is one of DEMO_UNITS of the user's first organisation.
DEMO_PEOPLE: dict[str, tuple[str, str, str]] = {
    "controller": ("Carla Verbeek", "Concerncontroller", "Team Control"),
    "eigenaar": ("Erik de Groot", "Afdelingshoofd Sociaal Domein", OWNER_TEAM),
    "medewerker": ("Mila Jansen", "Consulent Jeugd", "Team Jeugd en gezin"),
    "bestuur": ("Bert Smit", "Wethouder Financiën", ""),
    "lezer": ("Lotte Visser", "Medewerker Planning en Control", "Financiën"),
    "beheerder": ("Bas Hendriks", "Functioneel beheerder", "Team Informatievoorziening"),
    "controller-anderdorp": ("Coen Bos", "Controller", ""),
    "netwerk": ("Nina Mulder", "Risicomanager", "Team Control"),
}
#: The units of Voorbeeldrecht, parents first: name → (kind, parent).
DEMO_UNITS: dict[str, tuple[str, str]] = {
    "Directie Bedrijfsvoering": (Unit.Kind.DIRECTORATE, ""),
    "Directie Samenleving": (Unit.Kind.DIRECTORATE, ""),
    "Financiën": (Unit.Kind.DEPARTMENT, "Directie Bedrijfsvoering"),
    "Informatievoorziening": (Unit.Kind.DEPARTMENT, "Directie Bedrijfsvoering"),
    OWNER_TEAM: (Unit.Kind.DEPARTMENT, "Directie Samenleving"),
    "Team Control": (Unit.Kind.TEAM, "Financiën"),
    "Team Informatievoorziening": (Unit.Kind.TEAM, "Informatievoorziening"),
    "Team Jeugd en gezin": (Unit.Kind.TEAM, OWNER_TEAM),
}
#: The risks the demo risk owner (user ``eigenaar``) keeps up to date.
OWNED_CODES = ("R40", "R41", "R42", "R43", "R44", "R46", "R47", "R50")
#: A register in use has history: a few risks are closed or have occurred.
STATUSES = {"R16": Risk.Status.CLOSED, "R27": Risk.Status.CLOSED, "R22": Risk.Status.OCCURRED}
#: code → days from today for the review date; negative is overdue.
REVIEW_DAYS = {
    "R01": 60, "R03": -20, "R08": 30, "R12": -45, "R17": 90, "R25": 14, "R31": -5, "R35": 120,
    "R40": -10, "R41": 45, "R43": 75, "R47": -60, "R51": 150, "R56": 21, "R57": -3,
}  # fmt: skip
#: code → measures (description, status, owner, days until due, probability after, impact factor).
DEMO_MEASURES: dict[str, list[tuple[str, Measure.Status, str, int | None, str | None, str | None]]] = {
    "R03": [("Offline back-ups en jaarlijkse hersteltest", Measure.Status.DONE, "CISO", None, "0.2", None)],
    "R40": [("Regionale inkoop jeugdzorg met budgetplafonds", Measure.Status.PLANNED, "Contractmanager Zorg", 120, None, "0.8")],
    "R56": [
        ("Fasering van de kaveluitgifte", Measure.Status.PLANNED, "Manager Grondzaken", 200, "0.4", None),
        ("Marktconsultatie ontwikkelaars", Measure.Status.DONE, "Manager Grondzaken", None, None, None),
    ],
}  # fmt: skip
ANDERDORP_RISKS = (
    ("A01", "Tekort jeugdzorg", "Sociaal domein", "0.5", 600_000),
    ("A02", "Onderhoud gemeentehuis", "Bestuur en ondersteuning", "0.3", 250_000),
    ("A03", "Grondexploitatie Dorpshart", "Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing", "0.3", 900_000),
    ("A04", "Uitkering gemeentefonds lager", "Bestuur en ondersteuning", "0.7", 400_000),
    ("A05", "Claim wateroverlast", "Verkeer, vervoer en waterstaat", "0.1", 150_000),
)  # fmt: skip


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
        self.structure(other, [programme for _code, _name, programme, _p, _a in ANDERDORP_RISKS], [])
        users = self.users(organisations)
        controller = users["controller"]

        owner_membership = Membership.objects.get(user=users["eigenaar"], organisation=main)
        existing = set(main.risks.values_list("code", flat=True))
        created = 0
        for row in DEMO_RISKS:
            if row["id"] in existing:
                continue
            values = risk_values(row)
            values["status"] = STATUSES.get(row["id"], Risk.Status.OPEN)
            if row["id"] in REVIEW_DAYS:
                values["review_date"] = today + timedelta(days=REVIEW_DAYS[row["id"]])
            if row["id"] in OWNED_CODES:
                values["owner"] = owner_membership
            risk = create_risk(main, controller, values, reason=REASON)
            for description, status, owner_label, due, probability, factor in DEMO_MEASURES.get(
                risk.code, ()
            ):
                measure: dict[str, object] = {
                    "description": description,
                    "status": status,
                    "owner_label": owner_label,
                }
                measure["due_date"] = today + timedelta(days=due) if due else None
                measure["probability_after"] = _amount(probability)
                measure["impact_factor"] = _amount(factor)
                save_measure(risk, controller, measure)
            created += 1

        existing = set(other.risks.values_list("code", flat=True))
        for code, name, programme, probability, amount in ANDERDORP_RISKS:
            if code not in existing:
                values = {"code": code, "name": name, "programme": programme}
                values.update(probability=Decimal(probability), impact_max=Decimal(amount))
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
            organisation=other, name="Algemene reserve", defaults={"amount": Decimal(1_200_000)}
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
        """Programma's in the order of the register, the functions that own risks, and (for Voorbeeldrecht)
        the units: only what is missing is added."""
        if organisation.name == DEMO_ORGANISATION["name"]:
            for name, (kind, parent) in DEMO_UNITS.items():
                Unit.objects.get_or_create(
                    organisation=organisation,
                    name=name,
                    defaults={"kind": kind, "parent": organisation.units.filter(name=parent).first()},
                )
            functions = [*functions, *(function for _name, function, _unit in DEMO_PEOPLE.values())]
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
            full_name, function, unit_name = DEMO_PEOPLE[username]
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
            for index, (organisation_name, role) in enumerate(roles.items()):
                organisation = organisations[organisation_name]
                unit = organisation.units.filter(name=unit_name).first() if index == 0 and unit_name else None
                team = unit.name if unit is not None else (OWNER_TEAM if role == Role.RISK_OWNER else "")
                membership, created = Membership.objects.get_or_create(
                    user=user,
                    organisation=organisation,
                    defaults={"role": role, "team": team, "unit": unit, "function": function},
                )
                if not created and not membership.function:  # add what an older demo lacked, once
                    membership.function, membership.unit = function, unit
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
