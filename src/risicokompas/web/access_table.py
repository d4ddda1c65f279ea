# SPDX-License-Identifier: EUPL-1.2
"""Who may open which address: one declared table for every route of the application, web and API.

``tests/web/test_access_walk.py`` walks every route the URL resolver knows, as an anonymous visitor, as
every role and as a member of another organisation, and compares each answer with this table; a route that
is missing here fails that test with its name. The roles come from ``organisations.rules`` where a route
does exactly what one rule allows (``by_rule``); otherwise the table names the roles itself, and the note
says which object-level rule (own team, own risk, organiser, participant) narrows them.

How to read an entry:

- ``get`` / ``post``: who gets an answer for that method. ``PUBLIC`` is everyone, signed in or not;
  ``SIGNED_IN`` everyone signed in, also a network coordinator who belongs to no organisation; ``MEMBER``
  every role of the organisation; ``NOBODY`` no one; a set of roles only those roles. ``COORDINATOR`` in a
  set is the learning network's coordinator (a platform role, not a role in an organisation; the walk's
  coordinator belongs to no organisation, so every organisation route answers them 404, and a coordinator
  of another network gets 404 on this network's routes).
  ``post=None`` means the route refuses POST (405).
- ``denied``: what a signed-in member whose role is not named gets: 403, or 404 where the route does not
  reveal that the object exists (deviations, learning networks).
- ``objects``: which object each URL argument names; for these routes a member of another organisation
  always gets a 404, whatever their roles. A value starting with "=" is a literal the route needs
  (``"=pdf"``), not an object.
- Anonymous visitors are sent to the login page (web) or get a 401 problem document (API), unless
  ``PUBLIC``. The Django admin under /beheer/ is for operators (staff) only: ``STAFF_PREFIX``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from risicokompas.organisations.rules import rule

PUBLIC = "iedereen"
SIGNED_IN = "ingelogd"
MEMBER = "elke rol"
NOBODY = "niemand"

Who = str | frozenset[str]

MEDEWERKER = "medewerker"
EIGENAAR = "risico-eigenaar"
CONTROLLER = "controller"
BESTUUR = "bestuur"
LEZER = "lezer"
BEHEERDER = "beheerder"
COORDINATOR = "netwerkcoördinator"

#: The Django admin (operators only): every route under this prefix, whatever its name.
STAFF_PREFIX = "beheer/"
#: The REST API: API keys instead of a session; errors as problem details.
API_PREFIX = "api/v1/"


JOB_NOTE = "a job is seen only by the person who started it (here the controller); anyone else gets a 404"
SSO_NOTE = (
    "404 unless a provider is configured (OIDC_PROVIDERS; the test settings configure none); the configured "
    "flow is tested against a real provider in tests/web/test_oidc.py"
)


def by_rule(action: str) -> frozenset[str]:
    """The roles that may do ``action`` throughout the organisation (``organisations.rules``)."""
    return rule(action).roles


def roles(*names: str) -> frozenset[str]:
    return frozenset(names)


@dataclass(frozen=True)
class Access:
    get: Who | None
    post: Who | None = None
    #: What a member whose role is not named gets; two values where it depends on the object (a network
    #: member who may not do something gets 403, someone who does not see the network 404).
    denied: tuple[int, ...] = (403,)
    objects: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: What an allowed member gets for a POST without any form fields, when that is a refusal because the
    #: form names what to act on (an organisation, an action): never a 500.
    empty_post: int | None = None
    note: str = ""
    #: The API's other methods (PUT, PATCH, DELETE): who may use each; a method not named is refused (405).
    writes: Mapping[str, Who] = field(default_factory=lambda: MappingProxyType({}))
    #: An API route that stores nothing (``stores_nothing`` on its view): a read key may POST to it.
    stores_nothing: bool = False

    def who(self, method: str) -> Who | None:
        if method == "GET":
            return self.get
        if method == "POST":
            return self.post
        return self.writes.get(method)


def _a(
    get: Who | None,
    post: Who | None = None,
    *,
    denied: int | tuple[int, ...] = 403,
    objects: dict[str, str] | None = None,
    empty_post: int | None = None,
    note: str = "",
) -> Access:
    statuses = denied if isinstance(denied, tuple) else (denied,)
    return Access(get, post, statuses, MappingProxyType(dict(objects or {})), empty_post, note)


def api(
    get: Who | None,
    post: Who | None = None,
    *,
    objects: dict[str, str] | None = None,
    stores_nothing: bool = False,
    note: str = "",
    **writes: Who,
) -> Access:
    """An API route: who may GET, POST and (keyword arguments ``PUT``, ``PATCH``, ``DELETE``) write.

    The walk sends every method to every API route with a read key, a write key of every role, another
    organisation's key and no key; a method the view declares but this entry does not name fails it.
    """
    return Access(
        get,
        post,
        (403,),
        MappingProxyType(dict(objects or {})),
        None,
        note,
        MappingProxyType(writes),
        stores_nothing,
    )


def same(
    who: Who,
    *,
    denied: int | tuple[int, ...] = 403,
    objects: dict[str, str] | None = None,
    note: str = "",
) -> Access:
    """GET and POST for the same people."""
    return _a(who, who, denied=denied, objects=objects, note=note)


def post_only(
    who: Who,
    *,
    denied: int | tuple[int, ...] = 403,
    objects: dict[str, str] | None = None,
    empty_post: int | None = None,
    note: str = "",
) -> Access:
    """An action: POST only, GET is refused with 405."""
    return _a(None, who, denied=denied, objects=objects, empty_post=empty_post, note=note)


def get_only(
    who: Who, *, denied: int | tuple[int, ...] = 403, objects: dict[str, str] | None = None, note: str = ""
) -> Access:
    """A page or download that refuses POST with 405."""
    return _a(who, None, denied=denied, objects=objects, note=note)


MANAGERS = roles(CONTROLLER, BEHEERDER)
#: Who sees the learning network of the world's organisation: its controller and beheerder (who manage its
#: place in the network) and the participant named for it (a medewerker).
NETWORK = roles(MEDEWERKER, CONTROLLER, BEHEERDER)
#: The network's content, for its members and its coordinator.
NETWORK_ALL = NETWORK | {COORDINATOR}
COORDINATOR_ONLY = roles(COORDINATOR)
#: Deviations of team "Sociaal domein": the team (its risico-eigenaar) and the managers; others get a 404.
DEVIATION = roles(EIGENAAR, CONTROLLER, BESTUUR, BEHEERDER)
PERSON = {"pk": "person"}
DEVIATION_NOTE = "others, the lezer included, get a 404: its existence is not revealed"
#: Conversations of team "Sociaal domein" organised by a controller.
CONVERSATION = roles(EIGENAAR, CONTROLLER, BEHEERDER)
CONVERSATION_NOTE = "plan_conversations (a risico-eigenaar for their own team); also organiser, participants"


ROUTES: Mapping[str, Access] = MappingProxyType(
    {
        "home": same(SIGNED_IN, note="a lezer is sent on to the register, a coordinator to the networks"),
        "getting_started": same(by_rule("manage_settings")),
        "login": same(PUBLIC),
        "logout": post_only(PUBLIC),
        "logged_out": get_only(PUBLIC, note="where a provider sends the browser back after logging out"),
        "set_language": same(PUBLIC),
        "security_txt": get_only(PUBLIC),
        "account:overview": same(SIGNED_IN),
        "account:set_password": same(PUBLIC),
        "account:change_password": same(SIGNED_IN),
        "account:mfa_verify": same(SIGNED_IN),
        "account:mfa_enrol": same(SIGNED_IN),
        "account:mfa_recovery_codes": post_only(SIGNED_IN),
        "account:sso_link": post_only(NOBODY, denied=404, note=SSO_NOTE),
        "organisations:switch": post_only(
            MEMBER, empty_post=404, note="an organisation the user is no member of: 404"
        ),
        "beheer:people": same(by_rule("manage_people")),
        "beheer:invite": same(by_rule("manage_people")),
        "beheer:import": same(by_rule("manage_people")),
        "beheer:person": same(by_rule("manage_people"), objects=PERSON),
        "beheer:resend": post_only(by_rule("manage_people"), objects=PERSON),
        "beheer:deactivate": post_only(by_rule("manage_people"), objects=PERSON),
        "beheer:reactivate": post_only(by_rule("manage_people"), objects=PERSON),
        "beheer:reset_mfa": post_only(by_rule("read_security_log"), objects=PERSON),
        "beheer:unlink_sso": post_only(by_rule("manage_people"), objects=PERSON),
        "beheer:units": same(by_rule("manage_people")),
        "beheer:unit_edit": same(by_rule("manage_people"), objects={"pk": "unit"}),
        "beheer:unit_delete": post_only(by_rule("manage_people"), objects={"pk": "unit"}),
        "beheer:programmes": same(by_rule("manage_people")),
        "beheer:programme_edit": same(by_rule("manage_people"), objects={"pk": "programme"}),
        "beheer:programme_move": post_only(by_rule("manage_people"), objects={"pk": "programme"}),
        "beheer:programme_delete": post_only(by_rule("manage_people"), objects={"pk": "programme"}),
        "beheer:functions": same(by_rule("manage_people")),
        "beheer:function_edit": same(by_rule("manage_people"), objects={"pk": "function"}),
        "beheer:function_delete": post_only(by_rule("manage_people"), objects={"pk": "function"}),
        "beheer:roles": same(by_rule("manage_people")),
        "beheer:security_log": same(by_rule("read_security_log")),
        "beheer:security_log_csv": same(by_rule("read_security_log")),
        "capacity:settings": same(by_rule("manage_settings")),
        "capacity:scale": _a(by_rule("read_paragraph"), by_rule("manage_settings")),
        "capacity:capacity": same(by_rule("read_paragraph"), note="POST changes nothing: the list page"),
        "capacity:capacity_create": same(by_rule("manage_settings")),
        "capacity:capacity_edit": same(by_rule("manage_settings"), objects={"pk": "capacity_item"}),
        "capacity:capacity_delete": same(by_rule("manage_settings"), objects={"pk": "capacity_item"}),
        "capacity:capacity_tax": _a(by_rule("read_paragraph"), by_rule("manage_settings")),
        "capacity:separate": same(by_rule("read_paragraph")),
        "capacity:separate_create": same(by_rule("manage_settings")),
        "capacity:separate_edit": same(by_rule("manage_settings"), objects={"pk": "separate"}),
        "capacity:separate_delete": same(by_rule("manage_settings"), objects={"pk": "separate"}),
        "capacity:indicators": same(by_rule("read_paragraph")),
        "capacity:indicator_year": same(by_rule("manage_settings"), objects={"kind": "=begroting"}),
        "capacity:indicator_import": same(by_rule("manage_settings")),
        "capacity:indicator_template": same(by_rule("read_paragraph")),
        "capacity:indicator_settings": post_only(
            by_rule("manage_settings"), empty_post=404, note="an unknown action: 404"
        ),
        "risks:list": same(MEMBER),
        "risks:create": same(by_rule("edit_own_risks")),
        "risks:detail": same(MEMBER, objects={"pk": "risk"}),
        "risks:edit": same(
            by_rule("edit_own_risks"), objects={"pk": "risk"}, note="a risico-eigenaar only their own risk"
        ),
        "risks:measure_create": same(by_rule("edit_own_risks"), objects={"pk": "risk"}, note="as the risk"),
        "risks:measure_edit": same(by_rule("edit_own_risks"), objects={"pk": "measure"}, note="as the risk"),
        "risks:import": same(by_rule("import_register")),
        "risks:import_confirm": same(by_rule("import_register")),
        "risks:export": get_only(MEMBER),
        "risks:report": get_only(MEMBER),
        "risks:import_large_confirm": same(
            roles(CONTROLLER),
            denied=(403, 404),
            objects={"pk": "import_check"},
            note="only the person who started the check (here the controller); other importers get a 404",
        ),
        "jobs:list": get_only(MEMBER, note="each person sees only the jobs they started themselves"),
        "jobs:detail": get_only(roles(CONTROLLER), denied=404, objects={"pk": "job"}, note=JOB_NOTE),
        "jobs:status": get_only(roles(CONTROLLER), denied=404, objects={"pk": "job"}, note=JOB_NOTE),
        "jobs:download": get_only(roles(CONTROLLER), denied=404, objects={"pk": "job"}, note=JOB_NOTE),
        "jobs:retry": post_only(roles(CONTROLLER), denied=404, objects={"pk": "job"}, note=JOB_NOTE),
        "paragraph:snapshot_report_job": post_only(
            by_rule("read_snapshots"), objects={"pk": "snapshot", "format": "=pdf"}
        ),
        "capacity:indicator_year_new": same(by_rule("manage_settings")),
        "beheer:sso": same(by_rule("manage_people")),
        "sso:start": get_only(NOBODY, denied=404, note=SSO_NOTE),
        "sso:callback": get_only(NOBODY, denied=404, note=SSO_NOTE),
        "risks:appetite": _a(MEMBER, by_rule("set_appetite")),
        "risks:template": get_only(MEMBER),
        "dashboard:home": same(MEMBER),
        "dashboard:chart": get_only(MEMBER, objects={"kind": "=overschrijding"}),
        "signals:create": same(MEMBER),
        "signals:mine": same(MEMBER),
        "signals:receipt": same(MEMBER),
        "signals:inbox": same(by_rule("use_inbox")),
        "signals:detail": same(
            roles(MEDEWERKER, EIGENAAR, CONTROLLER, BEHEERDER),
            objects={"pk": "signal"},
            note="who may triage it, and its named reporter (the medewerker)",
        ),
        "signals:triage": same(
            CONVERSATION,
            objects={"pk": "signal"},
            note="triage_signals; a risico-eigenaar for their own team",
        ),
        "conversations:list": same(MEMBER),
        "conversations:create": same(CONVERSATION, note="plan_conversations; a risico-eigenaar with a team"),
        "conversations:detail": same(CONVERSATION, objects={"pk": "conversation"}, note=CONVERSATION_NOTE),
        "conversations:status": post_only(
            CONVERSATION, objects={"pk": "conversation"}, note=CONVERSATION_NOTE
        ),
        "conversations:report": same(CONVERSATION, objects={"pk": "conversation"}, note=CONVERSATION_NOTE),
        "conversations:mail": post_only(CONVERSATION, objects={"pk": "conversation"}, note=CONVERSATION_NOTE),
        "conversations:item_add": post_only(
            CONVERSATION, objects={"pk": "conversation"}, note=CONVERSATION_NOTE
        ),
        "conversations:item": same(
            CONVERSATION, objects={"pk": "conversation", "item_pk": "agenda_item"}, note=CONVERSATION_NOTE
        ),
        "conversations:item_remove": post_only(
            CONVERSATION, objects={"pk": "conversation", "item_pk": "agenda_item"}, note=CONVERSATION_NOTE
        ),
        "conversations:event_create": same(
            CONVERSATION, objects={"pk": "conversation"}, note=CONVERSATION_NOTE
        ),
        "conversations:item_event_create": same(
            CONVERSATION, objects={"pk": "conversation", "item_pk": "agenda_item"}, note=CONVERSATION_NOTE
        ),
        "conversations:action_create": post_only(
            CONVERSATION, objects={"pk": "conversation"}, note=CONVERSATION_NOTE
        ),
        "conversations:action_complete": post_only(
            CONVERSATION, objects={"pk": "conversation", "action_pk": "action"}, note=CONVERSATION_NOTE
        ),
        "conversations:premortem": get_only(
            CONVERSATION, objects={"pk": "premortem"}, note=CONVERSATION_NOTE
        ),
        "conversations:premortem_add": post_only(
            CONVERSATION, objects={"pk": "premortem"}, note=CONVERSATION_NOTE
        ),
        "conversations:premortem_close": post_only(
            CONVERSATION, objects={"pk": "premortem"}, note=CONVERSATION_NOTE
        ),
        "conversations:premortem_cluster": post_only(
            CONVERSATION, objects={"pk": "premortem"}, note=CONVERSATION_NOTE
        ),
        "deviations:list": same(MEMBER),
        "deviations:create": same(by_rule("record_deviation")),
        "deviations:agenda": same(by_rule("record_deviation")),
        "deviations:export": same(by_rule("export_deviations")),
        "deviations:report": same(by_rule("see_all_deviations")),
        "deviations:detail": same(DEVIATION, denied=404, objects={"pk": "deviation"}, note=DEVIATION_NOTE),
        "deviations:advance": post_only(
            DEVIATION, denied=404, objects={"pk": "deviation"}, note=DEVIATION_NOTE
        ),
        "deviations:mandate": post_only(
            DEVIATION, denied=404, objects={"pk": "deviation"}, note=DEVIATION_NOTE
        ),
        "deviations:deliberate": same(
            DEVIATION, denied=404, objects={"pk": "deviation"}, note=DEVIATION_NOTE
        ),
        "deviations:precedent_create": same(
            DEVIATION, denied=404, objects={"pk": "deviation"}, note=DEVIATION_NOTE
        ),
        "deviations:rules": same(MEMBER),
        "deviations:rule_create": same(by_rule("manage_rules")),
        "deviations:rule": _a(
            MEMBER,
            roles(CONTROLLER, BESTUUR, BEHEERDER),
            objects={"pk": "rule"},
            note="POST: the rule owner's decision, for the rule owner and the managers",
        ),
        "deviations:rule_edit": same(
            by_rule("manage_rules"), objects={"pk": "rule"}, note="also the rule's owner"
        ),
        "deviations:precedents": same(MEMBER),
        "deviations:precedent": _a(
            MEMBER, NOBODY, objects={"pk": "precedent"}, note="POST publishes; this one is published already"
        ),
        "deviations:settings": same(by_rule("manage_rules")),
        "network:list": same(SIGNED_IN),
        "network:create": same(COORDINATOR_ONLY, note="only a network coordinator"),
        "network:detail": same(NETWORK_ALL, denied=(403, 404), objects={"pk": "network"}),
        "network:edit": same(
            COORDINATOR_ONLY, denied=(403, 404), objects={"pk": "network"}, note="only its coordinators"
        ),
        "network:invite": same(
            COORDINATOR_ONLY, denied=(403, 404), objects={"pk": "network"}, note="only its coordinators"
        ),
        "network:accept": post_only(MANAGERS, denied=(403, 404), objects={"pk": "network"}),
        "network:apply": same(
            MANAGERS, note="open networks and the current organisation's own applications, never others'"
        ),
        "network:applications": get_only(
            COORDINATOR_ONLY, denied=(403, 404), objects={"pk": "network"}, note="only its coordinators"
        ),
        "network:application": same(
            COORDINATOR_ONLY,
            denied=(403, 404),
            objects={"pk": "network", "application_pk": "network_application"},
            note="only its coordinators; the applying organisation reads the outcome on network:apply",
        ),
        "network:participants": same(MANAGERS, denied=(403, 404), objects={"pk": "network"}),
        "network:assignment": same(
            NETWORK_ALL, denied=(403, 404), objects={"pk": "network", "member_pk": "network_member"}
        ),
        "network:meeting_create": same(
            COORDINATOR_ONLY, denied=(403, 404), objects={"pk": "network"}, note="only its coordinators"
        ),
        "network:meeting": _a(
            NETWORK_ALL,
            NETWORK,
            denied=(403, 404),
            objects={"pk": "network", "meeting_pk": "meeting"},
            note="POST is a member organisation's contribution to the meeting",
        ),
        "network:meeting_edit": same(
            COORDINATOR_ONLY,
            denied=(403, 404),
            objects={"pk": "network", "meeting_pk": "meeting"},
            note="only its coordinators",
        ),
        "network:attendance": same(
            COORDINATOR_ONLY,
            denied=(403, 404),
            objects={"pk": "network", "meeting_pk": "meeting"},
            note="only its coordinators",
        ),
        "network:meeting_ics": same(
            NETWORK_ALL, denied=(403, 404), objects={"pk": "network", "meeting_pk": "meeting"}
        ),
        "network:stories": same(NETWORK_ALL, denied=(403, 404), objects={"pk": "network"}),
        "network:share": same(NETWORK, denied=(403, 404), objects={"pk": "network"}),
        "network:story": same(NETWORK_ALL, denied=(403, 404), objects={"pk": "network", "item_pk": "story"}),
        "network:comment": post_only(
            NETWORK_ALL, denied=(403, 404), objects={"pk": "network", "item_pk": "story"}
        ),
        "network:reuse": post_only(NETWORK, denied=(403, 404), objects={"pk": "network", "item_pk": "story"}),
        "network:benchmark": same(NETWORK_ALL, denied=(403, 404), objects={"pk": "network"}),
        "network:benchmark_optin": same(MANAGERS, denied=(403, 404), objects={"pk": "network"}),
        "network:calibration_optin": same(MANAGERS, denied=(403, 404), objects={"pk": "network"}),
        "paragraph:snapshots": same(by_rule("read_snapshots")),
        "paragraph:snapshot_create": same(by_rule("write_snapshots")),
        "paragraph:snapshot_compare": same(MEMBER),
        "paragraph:snapshot_detail": same(by_rule("read_snapshots"), objects={"pk": "snapshot"}),
        "paragraph:snapshot_approve": same(by_rule("approve_snapshots"), objects={"pk": "snapshot"}),
        "paragraph:snapshot_offer": post_only(by_rule("write_snapshots"), objects={"pk": "snapshot"}),
        "paragraph:snapshot_texts": same(by_rule("write_snapshots"), objects={"pk": "snapshot"}),
        "paragraph:snapshot_sensitivity": same(by_rule("read_snapshots"), objects={"pk": "snapshot"}),
        "paragraph:snapshot_whatif": same(by_rule("read_snapshots"), objects={"pk": "snapshot"}),
        "paragraph:snapshot_report": get_only(by_rule("read_snapshots"), objects={"pk": "snapshot"}),
        "calibration:page": same(MEMBER),
        "calibration:events": same(MEMBER),
        "calibration:event_create": same(
            by_rule("edit_own_risks"), note="a risico-eigenaar for the risks they own"
        ),
        "calibration:event_import": same(by_rule("edit_own_risks")),
        "calibration:event_import_confirm": same(by_rule("edit_own_risks")),
        "calibration:event_template": get_only(by_rule("edit_own_risks")),
        "calibration:event_detail": same(MEMBER, objects={"pk": "event"}),
        "livez": get_only(PUBLIC),
        "readyz": get_only(PUBLIC),
        "api:openapi": api(PUBLIC),
        "api:simulation": api(None, MEMBER, stores_nothing=True, note="stateless: a read key may use it"),
        "api:risk-list": api(by_rule("read_register"), by_rule("edit_own_risks")),
        "api:risk-detail": api(
            by_rule("read_register"),
            objects={"pk": "risk"},
            note="PUT/PATCH as risks:edit (a risico-eigenaar: their own risk), with a reason for the history",
            PUT=by_rule("edit_own_risks"),
            PATCH=by_rule("edit_own_risks"),
        ),
        "api:measure-list": api(by_rule("read_register")),
        "api:measure-detail": api(by_rule("read_register"), objects={"pk": "measure"}),
        "api:capacity-item-list": api(by_rule("read_paragraph")),
        "api:capacity-item-detail": api(by_rule("read_paragraph"), objects={"pk": "capacity_item"}),
        "api:signal-list": api(None, by_rule("report_risk")),
        "api:snapshot-list": api(by_rule("read_snapshots")),
        "api:snapshot-detail": api(by_rule("read_snapshots"), objects={"pk": "snapshot"}),
        "api:snapshot-paragraph": api(by_rule("read_snapshots"), objects={"pk": "snapshot"}),
        "api:not_found": Access(
            NOBODY,
            NOBODY,
            (404,),
            note="an unknown API path, for everyone and every method",
            writes=MappingProxyType({"PUT": NOBODY, "PATCH": NOBODY, "DELETE": NOBODY}),
        ),
        "api_keys:list": same(by_rule("manage_people")),
        "api_keys:revoke": post_only(by_rule("manage_people"), objects={"pk": "api_key"}),
    }
)
