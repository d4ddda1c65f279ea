# SPDX-License-Identifier: EUPL-1.2
"""Who owns a risk: a member of the organisation (shown with their function) or a function without an
account (``Risk.owner_label``, ideally one of the organisation's ``Function`` names).

A risk has one of the two: when ``owner`` is set, any ``owner_label`` is a leftover and is ignored. The
register file names an owner by text; ``Directory`` turns that text into a member (by e-mail, or by a full
name that only one member has) and back, so an export reads back as the same owner.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from risicokompas.organisations.models import Function, Membership, Organisation
from risicokompas.risks.models import Risk
from risicokompas.ui.people import person_name


def member_name(membership: Membership) -> str:
    """The member's name, with "(inactief)" once their account is deactivated (so history stays legible)."""
    return person_name(membership.user)


def member_label(membership: Membership) -> str:
    """The member as an owner: "Jan Jansen (Manager Sociaal Domein)", "(inactief)" when deactivated."""
    user = membership.user
    name = user.get_full_name() or user.get_username()
    if membership.function:
        name = f"{name} ({membership.function})"
    return name if user.is_active else _("%(name)s (inactief)") % {"name": name}


def owner_label(risk: Risk) -> str:
    """The owner as people read it: the member with their function, or the function text; "" if none."""
    if risk.owner is not None:
        return member_label(risk.owner)
    return risk.owner_label


#: The roles that may own risks (as main role or as an extra role).
OWNER_ROLES = (Membership.Role.RISK_OWNER, Membership.Role.CONTROLLER)


def may_own(membership: Membership) -> bool:
    """Whether a member is offered as owner: a risico-eigenaar or controller (also as an extra role)."""
    return membership.has_role(*OWNER_ROLES)


def _by_name(membership: Membership) -> tuple[str, str, str]:
    user = membership.user
    return (user.last_name, user.first_name, user.get_username())


def candidates(organisation: Organisation, current_owner_id: int | None = None) -> QuerySet[Membership]:
    """Who can be chosen as owner (``may_own``), and the current owner whatever their role now, so saving
    a risk never fails on an owner nobody changed."""
    members = Membership.objects.filter(organisation=organisation).only("pk", "role", "extra_roles")
    wanted = [m.pk for m in members if may_own(m) or m.pk == current_owner_id]
    return (
        Membership.objects.filter(pk__in=wanted)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def filter_options(organisation: Organisation) -> tuple[list[Membership], list[str]]:
    """What a register filter offers as owner: the members who may own risks or own one now, and the
    texts of the risks owned by a function without an account (two queries, whatever the register's size)."""
    pairs = organisation.risks.order_by().values_list("owner_id", "owner_label").distinct()
    owning: set[int] = set()
    labels: set[str] = set()
    for owner_id, label in pairs:
        if owner_id is not None:
            owning.add(owner_id)
        elif label:
            labels.add(label)
    # Only the members who can be chosen are read: a municipality has hundreds of medewerkers.
    members = (
        Membership.objects.filter(organisation=organisation)
        .filter(Q(role__in=OWNER_ROLES) | Q(pk__in=owning) | ~Q(extra_roles=[]))
        .select_related("user")
    )
    chosen = sorted((m for m in members if may_own(m) or m.pk in owning), key=_by_name)
    return chosen, sorted(labels, key=str.casefold)


def function_names(organisation: Organisation) -> list[str]:
    return list(Function.objects.filter(organisation=organisation).values_list("name", flat=True))


@dataclass(frozen=True)
class Owner:
    """An owner as an import reads it: a member, or the text kept as it was. ``str()`` says which."""

    membership: Membership | None = None
    label: str = ""
    is_function: bool = False  # the text is one of the organisation's functions

    @property
    def membership_id(self) -> int | None:
        return None if self.membership is None else self.membership.pk

    def __str__(self) -> str:
        if self.membership is not None:
            return _("%s (lid)") % member_label(self.membership)
        if not self.label:
            return ""
        if self.is_function:
            return _("%s (functie zonder account)") % self.label
        return _("%s (tekst: geen lid gevonden)") % self.label


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class Directory:
    """The members and functions of one organisation, to read an owner's name or e-mail from a file.

    A text is a member when it is the e-mail of exactly one member (any case), or else the full name of
    exactly one member; otherwise it stays text. Deactivated members are found too: an export names them,
    so its import must find them again.
    """

    def __init__(self, organisation: Organisation | int) -> None:
        organisation_id = organisation if isinstance(organisation, int) else organisation.pk
        members = Membership.objects.filter(organisation_id=organisation_id).select_related("user")
        self._by_pk: dict[int, Membership] = {}
        self._by_email: dict[str, list[Membership]] = defaultdict(list)
        self._by_name: dict[str, list[Membership]] = defaultdict(list)
        for membership in members:
            self._by_pk[membership.pk] = membership
            user = membership.user
            if user.email:
                self._by_email[_key(user.email)].append(membership)
            if user.get_full_name():
                self._by_name[_key(user.get_full_name())].append(membership)
        self._functions = {
            _key(name)
            for name in Function.objects.filter(organisation_id=organisation_id).values_list(
                "name", flat=True
            )
        }

    def find(self, text: str) -> Membership | None:
        """The one member this e-mail address or full name belongs to, else None."""
        key = _key(text)
        if not key:
            return None
        for found in (self._by_email.get(key, ()), self._by_name.get(key, ())):
            if len(found) == 1:
                return found[0]
            if found:  # shared by several: a guess would be wrong as often as right
                return None
        return None

    def read(self, text: str) -> Owner:
        """The owner a file's ``eigenaar`` cell names: a member, or the text itself (never dropped)."""
        membership = self.find(text)
        if membership is not None:
            return Owner(membership=membership)
        return Owner(label=text, is_function=_key(text) in self._functions)

    def of(self, membership_id: int | None, label: str) -> Owner:
        """The owner stored on a risk (a member wins over a leftover text)."""
        if membership_id is not None and membership_id in self._by_pk:
            return Owner(membership=self._by_pk[membership_id])
        return Owner(label=label, is_function=_key(label) in self._functions)

    def text_of(self, risk: Risk) -> str:
        """How a register file names the owner so that reading it back finds the same member: the full
        name, or the e-mail address when the name is shared or missing; the text for a function."""
        membership = self._by_pk.get(risk.owner_id) if risk.owner_id is not None else None
        if membership is None:
            return risk.owner_label
        user = membership.user
        for text in (user.get_full_name(), user.email):
            if text and self.find(text) == membership:
                return text
        return user.get_full_name() or user.get_username()
