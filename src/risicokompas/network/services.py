# SPDX-License-Identifier: EUPL-1.2
"""Every change in a learning network goes through here; views only decide access and render.

The share step is the heart of it: ``share_digest`` fingerprints exactly the title, body and source the
preview shows, and ``share`` publishes only when the confirmed content has that same fingerprint.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from risicokompas.network.models import (
    Application,
    ChangeAssignment,
    Network,
    NetworkMember,
    Participant,
    SharedItem,
)


@dataclass(frozen=True)
class ShareContent:
    kind: str
    title: str
    body: str
    source: str


def share_digest(content: ShareContent) -> str:
    """SHA-256 of exactly what will be published (kind, title, body, source)."""
    canonical = json.dumps(
        [content.kind, content.title, content.body, content.source], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@transaction.atomic
def share(member: NetworkMember, user, content: ShareContent, shown_digest: str) -> SharedItem:
    """Publish ``content`` to the member's network, but only if it is exactly what the preview showed."""
    if member.status != NetworkMember.Status.ACTIVE:
        raise ValidationError(_("Uw organisatie neemt niet (meer) deel aan dit netwerk."))
    digest = share_digest(content)
    if digest != shown_digest:
        raise ValidationError(
            _("De inhoud is gewijzigd na de voorvertoning. Bekijk de voorvertoning opnieuw.")
        )
    return SharedItem.objects.create(
        network=member.network,
        member=member,
        kind=content.kind,
        title=content.title,
        body=content.body,
        source=content.source,
        content_hash=digest,
        shared_by=user,
    )


@transaction.atomic
def create_network(coordinator, values: dict) -> Network:
    network = Network.objects.create(**values)
    network.coordinators.add(coordinator)
    return network


def invite(network: Network, organisation) -> NetworkMember:
    member, created = NetworkMember.objects.get_or_create(network=network, organisation=organisation)
    if not created and member.status == NetworkMember.Status.LEFT:
        member.status = NetworkMember.Status.INVITED
        member.joined_at = None
        member.save(update_fields=["status", "joined_at"])
    return member


@transaction.atomic
def accept(member: NetworkMember, user) -> NetworkMember:
    """A controller/beheerder accepts the invitation; they become the organisation's first participant."""
    member.status = NetworkMember.Status.ACTIVE
    member.joined_at = timezone.now()
    member.save(update_fields=["status", "joined_at"])
    Participant.objects.get_or_create(member=member, user=user, defaults={"role": Participant.Role.CONTROL})
    ChangeAssignment.objects.get_or_create(member=member)
    return member


def name_participant(member: NetworkMember, user, role: str) -> Participant:
    if not user.memberships.filter(organisation=member.organisation).exists():
        raise ValidationError(_("Alleen medewerkers van uw eigen organisatie kunnen deelnemer zijn."))
    participant, _created = Participant.objects.update_or_create(
        member=member, user=user, defaults={"role": role}
    )
    return participant


def assignment_of(member: NetworkMember) -> ChangeAssignment:
    assignment, _created = ChangeAssignment.objects.get_or_create(member=member)
    return assignment


# --- applying to an open network ------------------------------------------------------------------------


def open_networks():
    """Networks a coordinator has opened for applications, for organisations that are not in them yet."""
    return Network.objects.filter(open_for_applications=True)


def _is_in(network: Network, organisation) -> bool:
    return (
        network.members.filter(organisation=organisation).exclude(status=NetworkMember.Status.LEFT).exists()
    )


def applicable_networks(organisation):
    """Open networks the organisation may apply to now: not a member, not invited, no application pending."""
    # Subqueries, not exclude() across the relation: that would match the organisation and the status on
    # two different rows (an organisation that left, next to another that is active).
    joined = NetworkMember.objects.filter(organisation=organisation).exclude(status=NetworkMember.Status.LEFT)
    pending = Application.objects.filter(organisation=organisation, status=Application.Status.PENDING)
    return (
        open_networks()
        .exclude(pk__in=joined.values("network_id"))
        .exclude(pk__in=pending.values("network_id"))
    )


@transaction.atomic
def apply(network: Network, organisation, user, motivation: str) -> Application:
    """Ask to join ``network``; refused when it is closed, the organisation is in it or has applied already."""
    motivation = motivation.strip()
    if not network.open_for_applications:
        raise ValidationError(_("Dit netwerk staat niet open voor aanmelding."))
    if _is_in(network, organisation):
        raise ValidationError(_("Uw organisatie is al uitgenodigd voor dit netwerk of neemt al deel."))
    if network.applications.filter(organisation=organisation, status=Application.Status.PENDING).exists():
        raise ValidationError(_("Uw organisatie heeft zich al aangemeld; de coördinator beslist nog."))
    if not motivation:
        raise ValidationError(_("Schrijf kort waarom uw organisatie wil meedoen."))
    return Application.objects.create(
        network=network, organisation=organisation, motivation=motivation, applied_by=user
    )


def _decide(application: Application, user, status: str, reason: str) -> None:
    application.status = status
    application.decided_by = user
    application.decided_at = timezone.now()
    application.reason = reason
    application.save(update_fields=["status", "decided_by", "decided_at", "reason"])


@transaction.atomic
def accept_application(application: Application, user, reason: str = "") -> NetworkMember:
    """The coordinator accepts: the organisation becomes an active member, as if it had accepted an
    invitation, with the person who applied as its first participant."""
    if application.status != Application.Status.PENDING:
        raise ValidationError(_("Over deze aanmelding is al beslist."))
    member = invite(application.network, application.organisation)
    applicant = application.applied_by
    if applicant is not None and applicant.memberships.filter(organisation=application.organisation).exists():
        accept(member, applicant)
    else:
        member.status = NetworkMember.Status.ACTIVE
        member.joined_at = timezone.now()
        member.save(update_fields=["status", "joined_at"])
        ChangeAssignment.objects.get_or_create(member=member)
    _decide(application, user, Application.Status.ACCEPTED, reason.strip())
    return member


@transaction.atomic
def decline_application(application: Application, user, reason: str) -> Application:
    """The coordinator declines, always with a reason the organisation reads."""
    if application.status != Application.Status.PENDING:
        raise ValidationError(_("Over deze aanmelding is al beslist."))
    if not reason.strip():
        raise ValidationError(_("Geef de reden van de afwijzing; de organisatie leest die."))
    _decide(application, user, Application.Status.DECLINED, reason.strip())
    return application
