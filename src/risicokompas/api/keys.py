# SPDX-License-Identifier: EUPL-1.2
"""Creating, revoking, checking and logging API keys. A key is shown once, at creation; only its SHA-256
hash is stored (the key is 256 random bits, so an unsalted fast hash is enough, as for receipt codes).

A key reads ``rk_<prefix>_<secret>``: the prefix finds the row, the hash of the whole key must match.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, time

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from risicokompas.api.models import ApiKey, ApiKeyUse
from risicokompas.organisations.models import Membership

KEY_PREFIX = "rk_"


@dataclass(frozen=True)
class NewKey:
    key: ApiKey
    plaintext: str  # shown once to the beheerder, never stored


def hash_key(plaintext: str) -> str:
    return hashlib.sha256(plaintext.strip().encode()).hexdigest()


@transaction.atomic
def create_key(membership: Membership, *, name: str, scope: str, created_by) -> NewKey:
    """A new key for ``membership``'s organisation that acts as ``membership``."""
    prefix = secrets.token_hex(6)
    plaintext = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        organisation=membership.organisation,
        membership=membership,
        name=name.strip(),
        scope=scope,
        prefix=prefix,
        key_hash=hash_key(plaintext),
        created_by=created_by,
    )
    return NewKey(key=key, plaintext=plaintext)


def revoke_key(key: ApiKey, *, revoked_by) -> ApiKey:
    """Revoke ``key`` for good (a revoked key is never valid again); revoking twice changes nothing."""
    ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=revoked_by
    )
    key.refresh_from_db()
    return key


def find_key(plaintext: str) -> ApiKey | None:
    """The active key ``plaintext`` names, with its membership, user and organisation; else None."""
    text = plaintext.strip()
    if not text.startswith(KEY_PREFIX) or text.count("_") < 2:
        return None
    prefix = text[len(KEY_PREFIX) :].split("_", 1)[0]
    key = (
        ApiKey.objects.select_related("membership__user", "membership__organisation", "organisation")
        .filter(prefix=prefix)
        .first()
    )
    if key is None or not hmac.compare_digest(key.key_hash, hash_key(text)):
        return None
    return key


def log_use(key: ApiKey, *, method: str, path: str, status: int, day_only: bool = False) -> ApiKeyUse:
    """Log one request with ``key`` and stamp its last use.

    ``day_only`` (filing an anonymous signal) keeps only the day, as the signal itself does, so neither the
    log nor the last-use stamp gives the moment that would link the key's holder to the signal.
    """
    now = timezone.now()
    if day_only:
        local = timezone.localtime(now)
        now = timezone.make_aware(datetime.combine(local.date(), time.min))
    use = ApiKeyUse.objects.create(key=key, at=now, method=method, path=path[:500], status=status)
    ApiKey.objects.filter(Q(last_used_at__isnull=True) | Q(last_used_at__lt=now), pk=key.pk).update(
        last_used_at=now
    )
    return use
