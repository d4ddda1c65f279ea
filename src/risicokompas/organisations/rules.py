# SPDX-License-Identifier: EUPL-1.2
"""The access rules: one per action, with the roles that may do it and a plain-Dutch description.

The access helpers of the apps, the ``Membership.can_*`` properties, the role page of the "Beheer" menu and
the tests all read this table, so what the page says a role may do is what the application lets it do.

A rule has the roles that may do the action everywhere in the organisation (``roles``) and, for some
actions, roles that may do it only for their own team or programme (``team_roles``); the app that owns the
action checks the team. A person may hold several roles (``Membership.roles``): one that may is enough.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from risicokompas.organisations.models import Membership

Role = Membership.Role
EVERYONE = frozenset(Role.values)


@dataclass(frozen=True)
class Rule:
    action: str
    #: What the action is, in plain Dutch, as the role page shows it ("Risico's van anderen wijzigen").
    description: str | Promise
    roles: frozenset[str]
    #: Roles that may do the action only for their own team or programme.
    team_roles: frozenset[str] = frozenset()


def _rule(
    action: str,
    description: str | Promise,
    roles: Iterable[str],
    team_roles: Iterable[str] = frozenset(),
) -> Rule:
    return Rule(action, description, frozenset(roles), frozenset(team_roles))


MANAGERS = {Role.CONTROLLER, Role.BEHEERDER}

RULES: tuple[Rule, ...] = (
    # Register and risks
    _rule("read_register", _("Het risicoregister en de risico's lezen"), EVERYONE),
    _rule("report_risk", _("Een risico melden"), EVERYONE),
    _rule("edit_own_risks", _("Eigen risico's bijwerken"), {*MANAGERS, Role.RISK_OWNER}),
    _rule("edit_all_risks", _("Risico's van anderen wijzigen, toevoegen en eigenaren kiezen"), MANAGERS),
    _rule("import_register", _("Een risicoregister inlezen uit Excel of CSV"), MANAGERS),
    _rule("set_appetite", _("De risicobereidheid per programma vaststellen"), {Role.BESTUUR}),
    # Signals
    _rule("use_inbox", _("De inbox met meldingen gebruiken"), {*MANAGERS, Role.RISK_OWNER}),
    _rule("triage_signals", _("Meldingen behandelen"), MANAGERS, frozenset({Role.RISK_OWNER})),
    # Conversations
    _rule(
        "plan_conversations", _("Risicogesprekken plannen en leiden"), MANAGERS, frozenset({Role.RISK_OWNER})
    ),
    # Deviations
    _rule("record_deviation", _("Een afwijking van een regel vastleggen"), EVERYONE - {Role.LEZER}),
    _rule("see_all_deviations", _("De afwijkingen van alle teams zien"), {*MANAGERS, Role.BESTUUR}),
    _rule(
        "lead_deliberation",
        _("Het gesprek over een afwijking leiden en moresprudentie maken"),
        {*MANAGERS, Role.BESTUUR},
        frozenset({Role.RISK_OWNER}),
    ),
    _rule("manage_rules", _("Regels (normen) beheren"), MANAGERS),
    _rule("export_deviations", _("Afwijkingen exporteren"), {*MANAGERS, Role.BESTUUR}),
    _rule("decide_as_manager", _("Over een afwijking beslissen met het mandaat van een manager"), MANAGERS),
    _rule(
        "decide_as_college", _("Over een afwijking beslissen met het mandaat van het college"), {Role.BESTUUR}
    ),
    # Paragraph, capacity and snapshots
    _rule(
        "read_paragraph",
        _("De paragraaf lezen: weerstandscapaciteit, apart berekende groepen en kengetallen"),
        {*MANAGERS, Role.BESTUUR},
    ),
    _rule("manage_settings", _("Instellingen, weerstandscapaciteit en kengetallen beheren"), MANAGERS),
    _rule("read_snapshots", _("Momentopnamen lezen"), EVERYONE),
    _rule("write_snapshots", _("Een momentopname maken en de teksten ervan schrijven"), MANAGERS),
    _rule("approve_snapshots", _("Een momentopname vaststellen"), {Role.BESTUUR}),
    # Beheer
    _rule(
        "manage_people",
        _("Mensen beheren: uitnodigen, rollen toekennen, (de)activeren; teams, programma's en functies"),
        {Role.BEHEERDER},
    ),
    _rule(
        "read_security_log",
        _("Het beveiligingslog van de organisatie lezen en exporteren; een tweede factor herstellen"),
        {Role.BEHEERDER},
    ),
)

RULE_BY_ACTION: dict[str, Rule] = {rule.action: rule for rule in RULES}


def rule(action: str) -> Rule:
    try:
        return RULE_BY_ACTION[action]
    except KeyError:
        raise KeyError(f"onbekende actie {action!r}") from None


def may(membership: Membership | None, action: str) -> bool:
    """Whether ``membership`` may do ``action`` throughout its organisation (one of its roles suffices)."""
    the_rule = rule(action)
    return membership is not None and membership.has_role(*the_rule.roles)


def may_for_own_team(membership: Membership | None, action: str) -> bool:
    """Whether ``membership`` may do ``action`` at least for its own team (the app checks the team)."""
    the_rule = rule(action)
    return membership is not None and membership.has_role(*the_rule.roles, *the_rule.team_roles)


@dataclass(frozen=True)
class RoleSummary:
    role: str
    label: str
    everywhere: tuple[Rule, ...]
    own_team: tuple[Rule, ...]


def role_summaries() -> list[RoleSummary]:
    """Per role, what it may do: the role page of the "Beheer" menu."""
    return [
        RoleSummary(
            role=value,
            label=str(label),
            everywhere=tuple(r for r in RULES if value in r.roles),
            own_team=tuple(r for r in RULES if value in r.team_roles and value not in r.roles),
        )
        for value, label in Role.choices
    ]


def role_q(*roles: str) -> Q:
    """A filter on ``Membership`` for who holds one of ``roles``, as main role or as an extra role."""
    query = Q(role__in=roles)
    for role in roles:
        query |= Q(extra_roles__icontains=f'"{role}"')
    return query
