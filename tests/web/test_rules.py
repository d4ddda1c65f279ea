# SPDX-License-Identifier: EUPL-1.2
"""The access rules (organisations.rules): one per action, several roles per person."""

from __future__ import annotations

import pytest

from risicokompas.organisations.models import Membership
from risicokompas.organisations.rules import RULES, may, may_for_own_team, role_q, role_summaries

Role = Membership.Role


def member(role: str, *extra: str) -> Membership:
    return Membership(role=role, extra_roles=list(extra))


def test_every_rule_has_a_dutch_description_and_a_role():
    actions = [rule.action for rule in RULES]
    assert len(actions) == len(set(actions))
    for rule in RULES:
        assert str(rule.description).strip()
        assert rule.roles or rule.team_roles
        assert rule.roles | rule.team_roles <= set(Role.values)


@pytest.mark.parametrize(
    ("role", "action", "expected"),
    [
        (Role.CONTROLLER, "edit_all_risks", True),
        (Role.RISK_OWNER, "edit_all_risks", False),
        (Role.RISK_OWNER, "edit_own_risks", True),
        (Role.BEHEERDER, "manage_people", True),
        (Role.CONTROLLER, "manage_people", False),
        (Role.BESTUUR, "approve_snapshots", True),
        (Role.CONTROLLER, "approve_snapshots", False),
        (Role.BESTUUR, "read_paragraph", True),
        (Role.LEZER, "read_paragraph", False),
        (Role.LEZER, "record_deviation", False),
        (Role.MEDEWERKER, "record_deviation", True),
    ],
)
def test_single_role(role, action, expected):
    assert may(member(role), action) is expected


def test_several_roles_each_count():
    both = member(Role.CONTROLLER, Role.BEHEERDER)
    assert may(both, "manage_people") and may(both, "manage_settings")
    assert both.can_manage_people and both.can_edit_all_risks
    reader_and_board = member(Role.LEZER, Role.BESTUUR)
    assert may(reader_and_board, "approve_snapshots")
    assert not may(member(Role.LEZER), "approve_snapshots")


def test_team_roles_only_for_own_team():
    owner = member(Role.RISK_OWNER)
    assert not may(owner, "triage_signals")
    assert may_for_own_team(owner, "triage_signals")
    assert not may_for_own_team(member(Role.MEDEWERKER), "triage_signals")


def test_no_membership_may_nothing():
    assert not may(None, "read_register")


def test_unknown_action_is_an_error():
    with pytest.raises(KeyError, match="onbekende actie"):
        may(member(Role.BEHEERDER), "fly")


def test_role_summaries_cover_every_role_and_rule():
    summaries = role_summaries()
    assert [s.role for s in summaries] == list(Role.values)
    listed = {rule.action for s in summaries for rule in (*s.everywhere, *s.own_team)}
    assert listed == {rule.action for rule in RULES}


@pytest.mark.django_db
def test_role_q_finds_extra_roles(cast):
    extra = cast.membership(cast.employee)
    extra.extra_roles = [Role.BESTUUR]
    extra.save()
    found = set(Membership.objects.filter(role_q(Role.BESTUUR), organisation=cast.org))
    assert found == {extra}
    controllers = set(Membership.objects.filter(role_q(Role.CONTROLLER), organisation=cast.org))
    assert controllers == {cast.membership(cast.controller)}
