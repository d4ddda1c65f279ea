# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on: who a provider's login is in Risicokompas, and what they may do.

- A person is found by (provider, ``sub``) in ``ExternalIdentity``, never by e-mail address alone.
- The first login makes the person only when an organisation's beheerder allowed the e-mail domain
  (``Organisation.sso_domains``).
- Linking an existing account (``_link_existing``): an unknown ``sub`` whose e-mail address the provider
  says is verified (``email_verified`` true) and that belongs to exactly one active account, all of whose
  organisations allow the domain, is linked to that account (a new ``ExternalIdentity``): the person keeps
  their account, roles, memberships and history. An unverified address, two accounts with the address, or
  an organisation that does not allow the domain: refused, never linked. A signed-in person can also link
  their own login at a provider from their account page (``link_signed_in``). A beheerder sees and removes
  links (``unlink``). With the organisation's "alleen single sign-on" (``Organisation.sso_only``) a linked
  account's password is refused at the login page (``password_refused``); otherwise it keeps working, with
  the second factor as before.
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
    #: The identity made by this login for an existing account (linked by its verified e-mail address).
    linked: ExternalIdentity | None = None


def email_verified(claims: dict) -> bool:
    """True only when the provider says the e-mail address is verified (``email_verified`` true; a few
    providers send the string "true"). Absent is not verified."""
    value = claims.get("email_verified")
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _not_allowing(memberships: list[Membership], domain: str) -> list[Organisation]:
    return [m.organisation for m in memberships if domain not in (m.organisation.sso_domains or [])]


def _link_existing(
    provider: Provider,
    claims: dict,
    subject: str,
    email: str,
    accounts: list,
    allowing: list[Organisation],
    claimed: dict[str, list[str]] | None,
) -> SignIn:
    """An unknown ``sub`` with the e-mail address of existing accounts: link it to the one account, or
    refuse (never a second person with the same address)."""
    domain = _domain(email)
    values = {"email": email, "name": provider.name, "domain": domain}
    memberships = list(
        Membership.objects.filter(user__in=accounts).select_related("organisation").order_by("pk")
    )
    first = memberships[0].organisation_id if memberships else None
    if not email_verified(claims):
        raise Refused(
            "link_unverified",
            _(
                "Er bestaat al een account met het e-mailadres %(email)s, maar %(name)s bevestigt niet dat "
                "dit e-mailadres van u is. Daarom koppelen wij uw inlog niet aan dat account. Log in met uw "
                "wachtwoord en koppel uw inlog onder Mijn account, of vraag uw beheerder."
            )
            % values,
            organisation_id=first,
        )
    if len(accounts) > 1:
        raise Refused(
            "link_ambiguous",
            _(
                "Er zijn meerdere accounts met het e-mailadres %(email)s. Risicokompas kiest daar niet zelf "
                "één van om aan uw inlog bij %(name)s te koppelen; vraag uw beheerder."
            )
            % values,
            organisation_id=first,
        )
    account = accounts[0]
    if not account.is_active:
        raise Refused(
            "inactive",
            _("Uw account in Risicokompas is gedeactiveerd. Vraag uw beheerder."),
            organisation_id=first,
        )
    if account.external_identities.filter(provider=provider.slug).exists():
        raise Refused(
            "link_other_identity",
            _(
                "Het account met het e-mailadres %(email)s is al gekoppeld aan een andere inlog bij "
                "%(name)s. Vraag uw beheerder."
            )
            % values,
            organisation_id=first,
        )
    not_allowing = _not_allowing(memberships, domain)
    if not memberships or not_allowing:
        raise Refused(
            "link_not_allowed",
            _(
                "Er bestaat al een account met het e-mailadres %(email)s, maar niet elke organisatie van dat "
                "account staat inloggen via single sign-on voor %(domain)s toe. Daarom koppelen wij uw inlog "
                "bij %(name)s niet aan dat account. Vraag de beheerder van uw organisatie."
            )
            % values,
            organisation_id=not_allowing[0].pk if not_allowing else first,
        )
    if claimed is not None and not _targets(allowing, claimed):
        raise Refused(
            "no_role",
            _("%(name)s geeft u geen rol in een organisatie in Risicokompas. Vraag uw beheerder.") % values,
            organisation_id=first,
        )
    identity = ExternalIdentity.objects.create(
        user=account, provider=provider.slug, subject=subject, email=email
    )
    result = SignIn(account, created=False, linked=identity)
    if claimed is not None:  # the roles claim decides at every login, this one included
        _sync_memberships(result, allowing, claimed)
    return result


def link_signed_in(provider: Provider, claims: dict, user) -> ExternalIdentity | None:
    """Link the login at ``provider`` to the signed-in ``user`` (from their account page); None when it is
    linked to them already. The person proved both: their Risicokompas session and a fresh login at the
    provider. The provider's e-mail address must be the account's, and every organisation of the account
    must allow its domain. Raises ``Refused``."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise Refused("no_sub", _("De provider gaf geen kenmerk (sub) van de gebruiker mee."))
    memberships = list(Membership.objects.filter(user=user).select_related("organisation").order_by("pk"))
    first = memberships[0].organisation_id if memberships else None
    email = str(claims.get("email") or "").strip().lower()
    values = {
        "name": provider.name,
        "email": email or "—",
        "own": user.email or "—",
        "domain": _domain(email),
    }
    with transaction.atomic():
        found = ExternalIdentity.objects.filter(provider=provider.slug, subject=subject).first()
        if found is not None and found.user_id == user.pk:
            return None
        if found is not None:
            raise Refused(
                "sub_in_use",
                _(
                    "Deze inlog bij %(name)s hoort al bij een ander account in Risicokompas. Vraag uw beheerder."
                )
                % values,
                organisation_id=first,
            )
        if user.external_identities.filter(provider=provider.slug).exists():
            raise Refused(
                "link_other_identity",
                _(
                    "Uw account is al gekoppeld aan een andere inlog bij %(name)s. Vraag uw beheerder die "
                    "koppeling eerst te verwijderen."
                )
                % values,
                organisation_id=first,
            )
        if not email or email != (user.email or "").strip().lower():
            raise Refused(
                "link_email_mismatch",
                _(
                    "U bent bij %(name)s ingelogd als %(email)s; dat is niet het e-mailadres van uw account "
                    "in Risicokompas (%(own)s). Log bij %(name)s in met uw eigen account, of vraag uw "
                    "beheerder uw e-mailadres aan te passen."
                )
                % values,
                organisation_id=first,
            )
        not_allowing = _not_allowing(memberships, _domain(email))
        if not memberships or not_allowing:
            raise Refused(
                "link_not_allowed",
                _(
                    "Niet elke organisatie van uw account staat inloggen via single sign-on voor %(domain)s "
                    "toe. Vraag de beheerder van uw organisatie het domein toe te staan."
                )
                % values,
                organisation_id=not_allowing[0].pk if not_allowing else first,
            )
        return ExternalIdentity.objects.create(
            user=user, provider=provider.slug, subject=subject, email=email
        )


def password_refused(user) -> bool:
    """True when ``user`` may not log in with a password: the account is linked to a provider and one of
    its organisations has "alleen single sign-on" (``Organisation.sso_only``) on."""
    return (
        user.external_identities.exists()
        and Membership.objects.filter(user=user, organisation__sso_only=True).exists()
    )


def unlink(request: HttpRequest, membership: Membership) -> int:
    """Remove every link of the person of ``membership`` to a provider (by a beheerder of that
    organisation), recorded in the security log; the person is signed out everywhere. Returns how many
    links were removed."""
    user = membership.user
    identities = list(user.external_identities.order_by("pk"))
    with transaction.atomic():
        for identity in identities:
            record(
                Kind.SSO_UNLINKED,
                request=request,
                obj=user,
                object_type="user",
                organisation_id=membership.organisation_id,
                provider=identity.provider,
                sub=identity.subject,
                email=identity.email or None,
            )
            identity.delete()
    if identities:
        people.sign_out_everywhere(user)
    return len(identities)


def set_sso_only(request: HttpRequest | None, organisation: Organisation, value: bool) -> bool:
    """The beheerder's "alleen single sign-on" for linked accounts; recorded in the security log."""
    if organisation.sso_only == value:
        return False
    organisation.sso_only = value
    organisation.save(update_fields=["sso_only"])
    record(
        Kind.SSO_ONLY_CHANGED,
        request=request,
        organisation_id=organisation.pk,
        obj=organisation,
        old=not value,
        new=value,
    )
    return True


def record_linked(
    request: HttpRequest, provider: Provider, user, identity: ExternalIdentity, *, how: str
) -> None:
    """Security log: ``identity`` (provider and ``sub``) was linked to the existing account ``user``;
    ``how`` is "verified_email" (at login) or "account_page" (by the person while signed in)."""
    first = Membership.objects.filter(user=user).values_list("organisation_id", flat=True).first()
    record(
        Kind.SSO_LINKED,
        request=request,
        actor=user,
        obj=user,
        object_type="user",
        organisation_id=first,
        provider=provider.slug,
        issuer=provider.issuer,
        sub=identity.subject,
        email=identity.email or None,
        how=how,
    )


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
        accounts = list(get_user_model().objects.filter(email__iexact=email).order_by("pk"))
        if accounts:
            return _link_existing(provider, claims, subject, email, accounts, allowing, claimed)
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
    if result.linked is not None:
        record_linked(request, provider, user, result.linked, how="verified_email")
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
        linked=(result.linked is not None) or None,
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


def record_refused(
    request: HttpRequest, provider: Provider, claims: dict, refused: Refused, *, actor=None
) -> None:
    record(
        Kind.SSO_REFUSED,
        request=request,
        actor=actor,
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
