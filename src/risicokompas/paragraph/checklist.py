# SPDX-License-Identifier: EUPL-1.2
""" "Aan de slag": the steps a new organisation takes towards its first paragraaf weerstandsvermogen.

Each step is done or not, computed from the organisation's data (never ticked off by hand), and links to
the page that does it. The checklist lives here, in the paragraph app, because every step is an input of
the paragraph and the last one is its first snapshot; the apps below (risks, capacity, organisations) are
read, never changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from risicokompas.capacity.models import CapacityItem, IndicatorYear, PolicyChange
from risicokompas.organisations.models import Organisation
from risicokompas.paragraph.models import Snapshot
from risicokompas.risks.models import Risk


@dataclass(frozen=True)
class Step:
    key: str
    title: str | Promise
    explanation: str | Promise
    done: bool
    #: The page that does this step; None when that page is not available.
    url: str | None


@dataclass(frozen=True)
class Checklist:
    steps: tuple[Step, ...]

    @property
    def done(self) -> bool:
        return all(step.done for step in self.steps)

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def next_step(self) -> Step | None:
        return next((step for step in self.steps if not step.done), None)


def _url(*names: str) -> str | None:
    """The first of ``names`` that resolves (a page another app may not offer yet), else None."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def _policy_set(organisation: Organisation) -> bool:
    # The settings start at sensible defaults; the step is done once someone has saved a choice.
    return PolicyChange.objects.filter(
        organisation=organisation, subject=PolicyChange.Subject.SETTINGS
    ).exists()


def _structure_set(organisation: Organisation) -> bool:
    return organisation.units.exists() and organisation.programmes.exists()


def _people_invited(organisation: Organisation) -> bool:
    return organisation.memberships.count() > 1


#: (key, title, explanation, done?, URL names to try in order).
STEPS: tuple[tuple[str, Promise, Promise, Callable[[Organisation], bool], tuple[str, ...]], ...] = (
    (
        "policy",
        _("Beleid vastleggen"),
        _("Kies het zekerheidspercentage, de norm voor de ratio en de rekenmethode, en sla ze op."),
        _policy_set,
        ("capacity:settings",),
    ),
    (
        "structure",
        _("Teams en programma's"),
        _("Leg de afdelingen en teams vast en de programma's van de begroting, in hun volgorde."),
        _structure_set,
        ("beheer:units",),
    ),
    (
        "people",
        _("Mensen uitnodigen"),
        _("Nodig collega's uit, één voor één of met een Excel- of CSV-bestand, en geef ze een rol."),
        _people_invited,
        ("beheer:people",),
    ),
    (
        "register",
        _("Risicoregister inlezen"),
        _("Lees het bestaande risicoregister in uit Excel of CSV, of voer risico's in."),
        lambda organisation: Risk.objects.filter(organisation=organisation).exists(),
        ("risks:import",),
    ),
    (
        "capacity",
        _("Weerstandscapaciteit"),
        _("Voer de posten van de beschikbare weerstandscapaciteit in."),
        lambda organisation: CapacityItem.objects.filter(organisation=organisation).exists(),
        ("capacity:capacity",),
    ),
    (
        "indicators",
        _("Kengetallen"),
        _("Voer de financiële kengetallen in of lees ze in uit een bestand."),
        lambda organisation: IndicatorYear.objects.filter(organisation=organisation).exists(),
        ("capacity:indicators",),
    ),
    (
        "snapshot",
        _("Eerste momentopname"),
        _("Maak een momentopname voor de begroting of de jaarstukken: de basis van de paragraaf."),
        lambda organisation: Snapshot.objects.filter(organisation=organisation).exists(),
        ("paragraph:snapshot_create",),
    ),
)


def checklist_for(organisation: Organisation) -> Checklist:
    return Checklist(
        tuple(
            Step(key, title, explanation, is_done(organisation), _url(*url_names))
            for key, title, explanation, is_done, url_names in STEPS
        )
    )
