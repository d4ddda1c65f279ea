# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on: who a provider's login is in Risicokompas, and what they may do.

- A person is found by (provider, ``sub``) in ``ExternalIdentity``, never by e-mail address alone.
- The first login makes the person only when an organisation's beheerder allowed the e-mail domain
  (``Organisation.sso_domains``); an existing local account with that address is not taken over.
- Roles: with the provider's ``ROLES_CLAIM`` ("<organisation slug>:<role>" values) the claim decides, at
  every login, the memberships in the organisations that allow the person's domain (added, changed,
  removed); without it a new person becomes medewerker there and the beheerder assigns roles as usual.
- The second factor is the provider's: a session that came in through SSO is marked (``SESSION_KEY``) and
  the second-factor middleware does not ask for TOTP.

The HTTP part (authorisation request, callback, token and signature checks) is ``organisations.oidc``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from risicokompas.organisations import people
from risicokompas.organisations.models import ExternalIdentity, Membership, Organisation
from risicokompas.security.log import Kind, Outcome, record

Role = Membership.Role
#: The session key of a session that came in through single sign-on: the provider's slug.
SESSION_KEY = "rk_sso_provider"


@dataclass(frozen=True)
class Provider:
    slug: str
    name: str
    issuer: str
    client_id: str
    client_secret: str
    scopes: str = "openid email profile"
    roles_claim: str = ""
    sign_algo: str = "RS256"
    endpoints: dict = field(default_factory=dict)


def providers() -> list[Provider]:
    """The configured providers (``OIDC_PROVIDERS``), in their order; empty without configuration."""
    return [Provider(**config) for config in getattr(settings, "OIDC_PROVIDERS", {}).values()]


def provider(slug: str) -> Provider | None:
    config = getattr(settings, "OIDC_PROVIDERS", {}).get(slug)
    return Provider(**config) if config else None


def session_provider(request: HttpRequest) -> Provider | None:
    """The provider this session signed in through, or None for a password login."""
    session = getattr(request, "session", None)
    slug = session.get(SESSION_KEY) if session is not None else None
    return provider(slug) if slug else None


def forget_on_other_login(sender, request, user, **kwargs) -> None:
    """A login that is not through single sign-on (a password login in the same browser session) drops the
    SSO mark, so that session is asked for the second factor again."""
    if request is not None and not getattr(request, "sso_provider", None) and hasattr(request, "session"):
        request.session.pop(SESSION_KEY, None)


class Refused(Exception):
    """A provider's login that Risicokompas does not accept; ``message`` is for the person (Dutch)."""

    def __init__(self, reason: str, message: str, *, organisation_id: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.message = message
        self.organisation_id = organisation_id


def normalise_domain(value: str) -> str:
    return value.strip().lower().lstrip("@").rstrip(".")


def _domain(email: str) -> str:
    return normalise_domain(email.rsplit("@", 1)[1]) if "@" in email else ""


def organisations_allowing(domain: str) -> list[Organisation]:
    """Organisations whose beheerder allowed ``domain`` for single sign-on."""
    if not domain:
        return []
    return [o for o in Organisation.objects.exclude(sso_domains=[]) if domain in (o.sso_domains or [])]


def roles_from_claims(provider: Provider, claims: dict) -> dict[str, list[str]] | None:
    """Organisation slug → roles (main role first) from the provider's roles claim; None when the provider
    has no roles claim or the token does not carry it. Unknown roles are left out."""
    if not provider.roles_claim or provider.roles_claim not in claims:
        return None
    values = claims[provider.roles_claim]
    if isinstance(values, str):
        values = [values]
    known = set(Role.values)
    roles: dict[str, list[str]] = {}
    for value in values if isinstance(values, list) else []:
        slug, _sep, role = str(value).partition(":")
        if role in known and role not in roles.setdefault(slug.strip(), []):
            roles[slug.strip()].append(role)
    return {slug: found for slug, found in roles.items() if found}


@dataclass
class SignIn:
    user: Any
    created: bool
    changes: list[tuple[str, Membership | None, dict]] = field(default_factory=list)


def sign_in(provider: Provider, claims: dict) -> SignIn:
    """The person for a verified login at ``provider``; raises ``Refused`` with a Dutch reason."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise Refused("no_sub", _("De provider gaf geen kenmerk (sub) van de gebruiker mee."))
    if claims.get("email_verified") is False:
        raise Refused(
            "email_unverified", _("Uw e-mailadres is bij %(name)s niet bevestigd.") % {"name": provider.name}
        )
    email = str(claims.get("email") or "").strip().lower()
    domain = _domain(email)
    allowing = organisations_allowing(domain)
    claimed = roles_from_claims(provider, claims)
    identity = (
        ExternalIdentity.objects.select_related("user")
        .filter(provider=provider.slug, subject=subject)
        .first()
    )
    with transaction.atomic():
        if identity is not None:
            user = identity.user
            if not user.is_active:
                raise Refused(
                    "inactive", _("Uw account in Risicokompas is gedeactiveerd. Vraag uw beheerder.")
                )
            result = SignIn(user, created=False)
            if claimed is not None:
                _sync_memberships(result, allowing, claimed)
            return result
        if not domain:
            raise Refused(
                "no_email", _("De provider gaf geen e-mailadres mee; zonder kunnen wij u niet aanmelden.")
            )
        targets = _targets(allowing, claimed)
        if allowing and not targets:
            raise Refused(
                "no_role",
                _("%(name)s geeft u geen rol in een organisatie in Risicokompas. Vraag uw beheerder.")
                % {"name": provider.name},
                organisation_id=allowing[0].pk,
            )
        if not targets:
            raise Refused(
                "domain_not_allowed",
                _(
                    "Het e-maildomein %(domain)s is niet toegestaan voor inloggen via %(name)s. Vraag de "
                    "beheerder van uw organisatie in Risicokompas om het domein toe te staan."
                )
                % {"domain": domain, "name": provider.name},
            )
        User = get_user_model()
        if User.objects.filter(email__iexact=email).exists():
            raise Refused(
                "email_in_use",
                _(
                    "Er bestaat al een account met het e-mailadres %(email)s. Dat wordt niet automatisch "
                    "gekoppeld aan uw inlog bij %(name)s; vraag uw beheerder."
                )
                % {"email": email, "name": provider.name},
                organisation_id=targets[0][0].pk,
            )
        # No password: this person logs in through the provider only (create_user without one).
        user = User.objects.create_user(
            username=_free_username(email),
            email=email,
            first_name=str(claims.get("given_name") or "")[:150],
            last_name=str(claims.get("family_name") or "")[:150],
        )
        ExternalIdentity.objects.create(user=user, provider=provider.slug, subject=subject, email=email)
        result = SignIn(user, created=True)
        for organisation, roles in targets:
            membership = Membership.objects.create(
                user=user, organisation=organisation, role=roles[0], extra_roles=sorted(set(roles[1:]))
            )
            result.changes.append(("added", membership, {"roles": roles}))
        return result


def _targets(allowing: list[Organisation], claimed: dict[str, list[str]] | None):
    """(organisation, roles) a new person joins: the claim's organisations that allow the domain, or, without
    a roles claim, every organisation that allows it, as medewerker."""
    if claimed is None:
        return [(organisation, [Role.MEDEWERKER.value]) for organisation in allowing]
    return [(o, claimed[o.slug]) for o in allowing if o.slug in claimed]


def _sync_memberships(result: SignIn, allowing: list[Organisation], claimed: dict[str, list[str]]) -> None:
    """The roles claim decides the memberships in the organisations that allow the person's domain."""
    user = result.user
    current = {
        m.organisation_id: m for m in Membership.objects.filter(user=user).select_related("organisation")
    }
    for organisation in allowing:
        membership = current.get(organisation.pk)
        roles = claimed.get(organisation.slug)
        if roles and membership is None:
            membership = Membership.objects.create(
                user=user, organisation=organisation, role=roles[0], extra_roles=sorted(set(roles[1:]))
            )
            result.changes.append(("added", membership, {"roles": roles}))
        elif roles and membership is not None:
            old = [membership.role, *sorted(membership.extra_roles or [])]
            try:
                changed = people.set_roles(membership, roles[0], roles[1:])
            except people.PeopleError as exc:
                result.changes.append(("refused", membership, {"reason": str(exc)}))
            else:
                if changed:
                    new = [membership.role, *sorted(membership.extra_roles or [])]
                    result.changes.append(("roles", membership, {"old": old, "new": new}))
        elif not roles and membership is not None:
            if (
                membership.has_role(Role.BEHEERDER)
                and people._active_beheerders(organisation, without=membership) == 0
            ):
                result.changes.append(("refused", membership, {"reason": "laatste beheerder"}))
                continue
            result.changes.append(
                ("removed", None, {"organisation": organisation.pk, "repr": str(membership)})
            )
            membership.delete()


def _free_username(email: str) -> str:
    User = get_user_model()
    base = email[:140]
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def record_sign_in(request: HttpRequest, provider: Provider, claims: dict, result: SignIn) -> None:
    """Security log: the login, and every membership the login added, changed or removed."""
    user = result.user
    first = Membership.objects.filter(user=user).values_list("organisation_id", flat=True).first()
    record(
        Kind.SSO_LOGIN,
        request=request,
        actor=user,
        obj=user,
        object_type="user",
        organisation_id=first,
        provider=provider.slug,
        sub=str(claims.get("sub")),
        email=str(claims.get("email") or "") or None,
        new_person=result.created or None,
    )
    for change, membership, detail in result.changes:
        if change == "roles":
            record(Kind.ROLES_CHANGED, request=request, actor=user, obj=membership, source="sso", **detail)
        elif change == "refused":
            record(
                Kind.ROLES_CHANGED,
                request=request,
                actor=user,
                obj=membership,
                outcome=Outcome.DENIED,
                source="sso",
                **detail,
            )
        elif change == "added":
            record(
                Kind.MEMBERSHIP_CHANGED,
                request=request,
                actor=user,
                obj=membership,
                organisation_id=membership.organisation_id if membership else None,
                change="added",
                source="sso",
                **detail,
            )
        else:
            record(
                Kind.MEMBERSHIP_CHANGED,
                request=request,
                actor=user,
                object_type="membership",
                organisation_id=detail["organisation"],
                change="removed",
                source="sso",
                membership=detail["repr"],
            )


def record_refused(request: HttpRequest, provider: Provider, claims: dict, refused: Refused) -> None:
    record(
        Kind.SSO_REFUSED,
        request=request,
        actor_name=str(claims.get("email") or claims.get("sub") or "")[:254],
        organisation_id=refused.organisation_id,
        outcome=Outcome.DENIED,
        provider=provider.slug,
        sub=str(claims.get("sub") or "") or None,
        email=str(claims.get("email") or "") or None,
        reason=refused.reason,
    )


def record_failed(request: HttpRequest, provider: Provider, reason: str, **detail) -> None:
    record(
        Kind.SSO_LOGIN_FAILED,
        request=request,
        outcome=Outcome.FAILURE,
        provider=provider.slug,
        reason=reason,
        **detail,
    )


def set_domains(
    request: HttpRequest | None,
    organisation: Organisation,
    domains: list[str],
    *,
    actor_name: str | None = None,
) -> bool:
    """The list of domains allowed for single sign-on (by the beheerder, or an operator's command);
    recorded in the security log."""
    new = sorted({normalise_domain(d) for d in domains if normalise_domain(d)})
    old = list(organisation.sso_domains or [])
    if new == old:
        return False
    organisation.sso_domains = new
    organisation.save(update_fields=["sso_domains"])
    record(
        Kind.SSO_DOMAINS_CHANGED,
        request=request,
        actor_name=actor_name,
        organisation_id=organisation.pk,
        obj=organisation,
        old=old,
        new=new,
    )
    return True
