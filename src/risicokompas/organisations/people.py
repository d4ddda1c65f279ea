# SPDX-License-Identifier: EUPL-1.2
"""The people of an organisation, as its beheerder manages them: invite, change roles, (de)activate.

An account's user name is its e-mail address (lower case). A new account has no usable password: the only
way in is the one-time link of the invitation (``organisations.invitations``). Deactivating a person
closes every session of theirs at once and keeps them out; they stay in every history, named
"(inactief)". An organisation always keeps at least one active beheerder.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from risicokompas.organisations.invitations import send_invitation
from risicokompas.organisations.models import Function, Membership, Organisation, Unit
from risicokompas.security.sessions import end_sessions_before

Role = Membership.Role


class PeopleError(ValueError):
    """A change the beheerder cannot make, with a Dutch message; nothing has been changed."""


@dataclass(frozen=True)
class Person:
    """Who to invite: what the invitation form or one row of a bulk file says."""

    name: str
    email: str
    function: str = ""
    role: str = Role.MEDEWERKER
    extra_roles: tuple[str, ...] = ()
    unit: Unit | None = None


@dataclass
class InviteResult:
    memberships: list[Membership] = field(default_factory=list)
    mailed: int = 0  # invitations sent (new accounts, and existing ones that never set a password)
    new_functions: int = 0


def normalise_email(raw: str) -> str:
    email = raw.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise PeopleError(_("‘%(email)s’ is geen geldig e-mailadres") % {"email": raw.strip()}) from None
    return email


def split_name(name: str) -> tuple[str, str]:
    """ "Anna de Vries" → ("Anna", "de Vries"): the first word is the first name."""
    first, _sep, last = name.strip().partition(" ")
    return first, last.strip()


def is_member(organisation: Organisation, email: str) -> bool:
    return Membership.objects.filter(organisation=organisation, user__username__iexact=email).exists()


def apply_unit(membership: Membership, unit: Unit | None) -> None:
    """Set the unit and keep the old free-text team (used by signals, deviations, conversations) in step."""
    membership.unit = unit
    if unit is not None:
        membership.team = unit.name


def invite(
    organisation: Organisation, people: list[Person], invited_by=None, base_url: str | None = None
) -> InviteResult:
    """Give each person an account (when they have none) and a membership, and mail the new ones a
    one-time link. All or nothing: when one person cannot be invited, nobody is."""
    result = InviteResult()
    User = get_user_model()
    to_mail = []
    with transaction.atomic():
        for person in people:
            email = normalise_email(person.email)
            if is_member(organisation, email):
                raise PeopleError(
                    _("%(email)s is al lid van %(org)s") % {"email": email, "org": organisation}
                )
            user = User.objects.filter(username__iexact=email).first()
            if user is None:
                first, last = split_name(person.name)
                user = User(username=email, email=email, first_name=first[:150], last_name=last[:150])
                user.set_unusable_password()
                user.save()
            membership = Membership(
                user=user,
                organisation=organisation,
                role=person.role,
                extra_roles=sorted(set(person.extra_roles) - {person.role}),
                function=person.function.strip(),
            )
            apply_unit(membership, person.unit)
            membership._change_reason = _("Uitgenodigd")  # type: ignore[attr-defined]
            membership.save()
            result.new_functions += ensure_function(organisation, membership.function)
            result.memberships.append(membership)
            if not user.has_usable_password():
                to_mail.append(user)
        for user in to_mail:
            send_invitation(user, organisation, base_url, invited_by=invited_by)
            result.mailed += 1
    return result


def resend(membership: Membership, invited_by=None, base_url: str | None = None) -> None:
    """A new one-time link for someone who has not set a password yet (the old link keeps working until
    it expires or a password is set)."""
    user = membership.user
    if user.has_usable_password():
        raise PeopleError(_("%(name)s heeft al een wachtwoord en kan gewoon inloggen") % {"name": user})
    if user.external_identities.exists():
        raise PeopleError(
            _("%(name)s logt in via single sign-on en heeft geen uitnodiging nodig") % {"name": user}
        )
    if not user.is_active:
        raise PeopleError(_("Deze persoon is gedeactiveerd; activeer eerst opnieuw"))
    send_invitation(user, membership.organisation, base_url, invited_by=invited_by)
    membership._change_reason = _("Uitnodiging opnieuw verstuurd")  # type: ignore[attr-defined]
    membership.save()


def ensure_function(organisation: Organisation, name: str) -> int:
    """Add ``name`` to the organisation's functions when it is new; returns 1 when added."""
    name = name.strip()
    if not name or Function.objects.filter(organisation=organisation, name__iexact=name).exists():
        return 0
    Function.objects.create(organisation=organisation, name=name)
    return 1


def status(membership: Membership) -> str:
    user = membership.user
    if not user.is_active:
        return _("inactief")
    if user.external_identities.all():
        return _("actief, via single sign-on")
    if not user.has_usable_password():
        return _("uitgenodigd")
    return _("actief")


def _active_beheerders(organisation: Organisation, without: Membership | None = None) -> int:
    members = Membership.objects.filter(organisation=organisation, user__is_active=True).select_related(
        "user"
    )
    return sum(1 for m in members if m.has_role(Role.BEHEERDER) and (without is None or m.pk != without.pk))


def set_roles(membership: Membership, role: str, extra_roles: list[str] | tuple[str, ...]) -> bool:
    """Give ``membership`` a main role and extra roles; False when nothing changed."""
    extra = sorted(set(extra_roles) - {role})
    if membership.role == role and sorted(membership.extra_roles or []) == extra:
        return False
    keeps_beheerder = role == Role.BEHEERDER or Role.BEHEERDER in extra
    if (
        membership.has_role(Role.BEHEERDER)
        and not keeps_beheerder
        and membership.user.is_active
        and _active_beheerders(membership.organisation, without=membership) == 0
    ):
        raise PeopleError(_("%(org)s moet een beheerder houden") % {"org": membership.organisation})
    membership.role = role
    membership.extra_roles = extra
    membership.save()
    return True


def sign_out_everywhere(user) -> int:
    """End every session of ``user``, in the database or in a shared cache; returns how many database
    sessions were deleted (sessions in Redis cannot be counted: they end at their next request)."""
    end_sessions_before(user)
    user_id = str(user.pk)
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            session.delete()
            ended += 1
    return ended


def deactivate(membership: Membership, by=None) -> int:
    """Close the person's account: they are signed out at once and cannot log in. Returns the number of
    sessions ended. A beheerder cannot deactivate themselves, and the last active beheerder stays."""
    user = membership.user
    if by is not None and by.pk == user.pk:
        raise PeopleError(_("U kunt uzelf niet deactiveren"))
    if not user.is_active:
        return 0
    if membership.has_role(Role.BEHEERDER) and _active_beheerders(membership.organisation, membership) == 0:
        raise PeopleError(_("%(org)s moet een actieve beheerder houden") % {"org": membership.organisation})
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        membership._change_reason = _("Gedeactiveerd")  # type: ignore[attr-defined]
        membership.save()
        return sign_out_everywhere(user)


def reactivate(membership: Membership) -> bool:
    user = membership.user
    if user.is_active:
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    membership._change_reason = _("Opnieuw geactiveerd")  # type: ignore[attr-defined]
    membership.save()
    return True


def role_labels(membership: Membership) -> str:
    """ "Controller / risicomanager, Beheerder": the main role first, then the extra roles."""
    labels = dict(Role.choices)
    extra = [labels.get(role, role) for role in membership.extra_roles or [] if role != membership.role]
    return ", ".join(str(label) for label in [labels.get(membership.role, membership.role), *extra])
