# SPDX-License-Identifier: EUPL-1.2
"""A new organisation and its first beheerder, for the platform operator (``manage.py createorganisation``).

Nothing is created twice: an organisation with the same code or name is a clear Dutch error and the
database is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import slugify

from risicokompas.organisations.models import Membership, Organisation
from risicokompas.security.log import Kind, record

#: The types the command accepts, as an operator writes them, and the organisation kind each means.
KINDS: dict[str, str] = {
    "gemeente": Organisation.Kind.GEMEENTE,
    "provincie": Organisation.Kind.PROVINCIE,
    "waterschap": Organisation.Kind.WATERSCHAP,
    "gemeenschappelijke-regeling": Organisation.Kind.GR,
}


class OnboardingError(Exception):
    """A Dutch message for the operator; nothing has been created."""


@dataclass(frozen=True)
class NewOrganisation:
    organisation: Organisation
    admin: AbstractBaseUser  # the user model instance
    #: False when the e-mail address already had an account (with a password of its own).
    admin_is_new: bool

    @property
    def needs_link(self) -> bool:
        return not self.admin.has_usable_password()


def normalise_email(raw: str) -> str:
    email = raw.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise OnboardingError(f"‘{raw}’ is geen geldig e-mailadres.") from None
    return email


def create_organisation(name: str, kind: str, admin_email: str, code: str = "") -> NewOrganisation:
    """Create the organisation, an account for ``admin_email`` (username = e-mail, no usable password,
    so the only way in is the one-time link) and its beheerder membership."""
    name, code = name.strip(), code.strip().upper()
    if not name:
        raise OnboardingError("Geef de naam van de organisatie.")
    if kind not in KINDS:
        raise OnboardingError(f"Onbekend type ‘{kind}’: kies uit {', '.join(KINDS)}.")
    email = normalise_email(admin_email)
    if code and Organisation.objects.filter(code__iexact=code).exists():
        existing = Organisation.objects.get(code__iexact=code)
        raise OnboardingError(
            f"Er bestaat al een organisatie met code {code}: {existing.name}. Er is niets aangemaakt."
        )
    if Organisation.objects.filter(name__iexact=name).exists():
        raise OnboardingError(f"Er bestaat al een organisatie met de naam ‘{name}’. Er is niets aangemaakt.")

    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=name, slug=_free_slug(name), kind=KINDS[kind], code=code
        )
        User = get_user_model()
        existing_user = User.objects.filter(username__iexact=email).first()
        is_new = existing_user is None
        if existing_user is None:
            admin = User(username=email, email=email)
            admin.set_unusable_password()
            admin.save()
        else:
            admin = existing_user
        membership = Membership.objects.create(
            user=admin, organisation=organisation, role=Membership.Role.BEHEERDER
        )
        record(
            Kind.INVITED,
            actor_name="createorganisation",
            organisation_id=organisation.pk,
            obj=membership,
            role=membership.role,
            source="command line",
        )
    return NewOrganisation(organisation, admin, is_new)


def _free_slug(name: str) -> str:
    base = slugify(name)[:45] or "organisatie"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
