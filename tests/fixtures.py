# SPDX-License-Identifier: EUPL-1.2
"""A small cast of characters for the web tests, made with plain helpers (no fixture files).

Gemeente Aadorp has a controller, a risk owner, an employee (medewerker) and a reader (lezer);
Gemeente Bedorp has its own controller, who must never see anything of Aadorp. Test modules import these
helpers from here; ``tests/conftest.py`` only turns them into pytest fixtures (``cast``, ``login``).
"""

from __future__ import annotations

from decimal import Decimal

PASSWORD = "correct-horse-battery-staple"


def make_organisation(name: str = "Gemeente Aadorp", **fields):
    from django.utils.text import slugify

    from risicokompas.organisations.models import Organisation

    return Organisation.objects.create(name=name, slug=slugify(name), **fields)


def make_user(username: str, organisation=None, role: str = "medewerker", team: str = ""):
    from django.contrib.auth import get_user_model

    from risicokompas.organisations.models import Membership

    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role, team=team)
    return user


def make_risk(organisation, code: str = "R01", **fields):
    from risicokompas.risks.models import Risk

    values = {
        "name": f"Risico {code}",
        "probability": Decimal("0.3"),
        "impact_max": Decimal("1000000"),
        "programme": "Sociaal domein",
    }
    values.update(fields)
    return Risk.objects.create(organisation=organisation, code=code, **values)


class Cast:
    def __init__(self) -> None:
        self.org = make_organisation("Gemeente Aadorp")
        self.other_org = make_organisation("Gemeente Bedorp")
        self.controller = make_user("controller", self.org, "controller")
        self.owner = make_user("eigenaar", self.org, "risico-eigenaar", team="Sociaal domein")
        self.employee = make_user("medewerker", self.org, "medewerker")
        self.reader = make_user("lezer", self.org, "lezer")
        self.other_controller = make_user("controller-bedorp", self.other_org, "controller")

    def membership(self, user):
        return user.memberships.get()
