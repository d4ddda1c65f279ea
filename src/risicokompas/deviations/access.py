# SPDX-License-Identifier: EUPL-1.2
"""Who may see and do what with rules, deviations and precedents: the one access helper for this app.

- A deviation is visible to its team (members whose ``Membership.team`` equals the deviation's team), to
  the person who recorded it, and to the managers (controller, beheerder, bestuur). For anyone else in the
  organisation it is a 404 as well, like another organisation's: its existence is not revealed.
- The team lead (the team's risico-eigenaar) and the managers lead the deliberation and make precedents.
- Rules and published precedents are readable by the whole organisation; the per-rule overview (counts,
  outcomes) is for the rule owner and the managers, who also record the rule owner's decision.
- A lezer reads rules and published precedents only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from risicokompas.deviations.models import Deviation, Mandate, Precedent, Rule
from risicokompas.organisations.access import current_membership
from risicokompas.organisations.models import Membership
from risicokompas.organisations.rules import may

Role = Membership.Role
MANAGER_ROLES = {Role.CONTROLLER, Role.BEHEERDER, Role.BESTUUR}


def same_team(a: str, b: str) -> bool:
    return bool(a.strip()) and a.strip().casefold() == b.strip().casefold()


def is_manager(membership: Membership) -> bool:
    return membership.has_role(*MANAGER_ROLES)


def is_team_lead(membership: Membership, team: str) -> bool:
    return membership.has_role(Role.RISK_OWNER) and same_team(membership.team, team)


def mandate_level(membership: Membership, team: str) -> int:
    """The highest mandate this member holds for a deviation of ``team``."""
    if may(membership, "decide_as_college"):
        return Mandate.COLLEGE
    if may(membership, "decide_as_manager"):
        return Mandate.MANAGER
    if is_team_lead(membership, team):
        return Mandate.TEAM_LEAD
    return Mandate.PROFESSIONAL


def may_record(membership: Membership) -> bool:
    return may(membership, "record_deviation")


def may_see_deviation(membership: Membership, deviation: Deviation, user=None) -> bool:
    if membership.organisation_id != deviation.organisation_id or not may(membership, "record_deviation"):
        return False
    if is_manager(membership) or same_team(membership.team, deviation.team):
        return True
    return user is not None and deviation.recorded_by_id == user.pk


def may_lead_deliberation(membership: Membership, deviation: Deviation) -> bool:
    return is_manager(membership) or is_team_lead(membership, deviation.team)


def may_decide_mandate(membership: Membership, deviation: Deviation) -> bool:
    required = deviation.routed_to_level or deviation.rule.mandate
    return mandate_level(membership, deviation.team) >= required


def may_manage_rules(membership: Membership) -> bool:
    return may(membership, "manage_rules")


def may_edit_rule(membership: Membership, rule: Rule) -> bool:
    return may_manage_rules(membership) or (rule.owner_id is not None and rule.owner_id == membership.pk)


def may_see_rule_overview(membership: Membership, rule: Rule) -> bool:
    return is_manager(membership) or (rule.owner_id is not None and rule.owner_id == membership.pk)


def may_export(membership: Membership) -> bool:
    return is_manager(membership)


def may_set_appetite(membership: Membership) -> bool:
    return may(membership, "set_appetite")


def visible_deviations(membership: Membership, user) -> QuerySet[Deviation]:
    """The deviations this member may see (see the module docstring)."""
    deviations = Deviation.objects.filter(organisation=membership.organisation)
    if not may(membership, "record_deviation"):
        return deviations.none()
    if is_manager(membership):
        return deviations
    mine = Q(recorded_by=user)
    if membership.team.strip():
        return deviations.filter(mine | Q(team__iexact=membership.team.strip()))
    return deviations.filter(mine)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Uw rol staat dit niet toe")


def require_membership(request: HttpRequest, check=None) -> Membership:
    """The current membership, or a 403 when ``check(membership)`` is false."""
    membership = current_membership(request)
    if check is not None:
        require(check(membership))
    return membership


def get_deviation_for(request: HttpRequest, pk: int, lead: bool = False) -> Deviation:
    """Deviation ``pk`` if the user may see it (else 404); with ``lead`` only for the team lead/managers."""
    membership = current_membership(request)
    try:
        deviation = Deviation.objects.select_related("rule", "accepted_risk", "recorded_by").get(
            pk=pk, organisation=membership.organisation
        )
    except Deviation.DoesNotExist:
        raise Http404("Afwijking niet gevonden") from None
    if not may_see_deviation(membership, deviation, request.user):
        raise Http404("Afwijking niet gevonden")
    if lead:
        require(may_lead_deliberation(membership, deviation))
    return deviation


def get_rule_for(request: HttpRequest, pk: int, write: bool = False) -> Rule:
    membership = current_membership(request)
    try:
        rule = Rule.objects.select_related("owner__user").get(pk=pk, organisation=membership.organisation)
    except Rule.DoesNotExist:
        raise Http404("Regel niet gevonden") from None
    if write:
        require(may_edit_rule(membership, rule))
    return rule


def get_precedent_for(request: HttpRequest, pk: int) -> Precedent:
    """A published precedent of the organisation; an unpublished one only for who sees its deviation."""
    membership = current_membership(request)
    try:
        precedent = Precedent.objects.select_related("rule", "deviation").get(
            pk=pk, organisation=membership.organisation
        )
    except Precedent.DoesNotExist:
        raise Http404("Moresprudentie niet gevonden") from None
    if precedent.published:
        return precedent
    deviation = precedent.deviation
    if deviation is None or not may_see_deviation(membership, deviation, request.user):
        raise Http404("Moresprudentie niet gevonden")
    return precedent
