# SPDX-License-Identifier: EUPL-1.2
"""API keys: created and revoked by the organisation's beheerder, stored as a SHA-256 hash, each use logged.

A key acts as one membership of the organisation (the person or the service account it was made for), so
the API applies exactly the access rules of the web to it; its scope (read / write) can only narrow them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from risicokompas.organisations.models import Membership, Organisation


class ApiKey(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("Lezen")
        WRITE = "write", _("Lezen en schrijven")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_keys")
    membership = models.ForeignKey(
        Membership, verbose_name=_("werkt namens"), on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(_("naam"), max_length=200, help_text=_("Bijvoorbeeld de naam van het systeem."))
    scope = models.CharField(_("rechten"), max_length=5, choices=Scope.choices, default=Scope.READ)
    #: The public part of the key (shown in lists, used to find the row); the rest is only hashed.
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)  # SHA-256 of the whole key
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def may_write(self) -> bool:
        return self.scope == self.Scope.WRITE


class ApiKeyUse(models.Model):
    """One request made with a key: the log the beheerder reads. Append-only."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="uses")
    at = models.DateTimeField(db_index=True)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    status = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("gebruik van een API-sleutel")
        verbose_name_plural = _("gebruik van API-sleutels")

    def __str__(self) -> str:
        return f"{self.key.prefix} {self.method} {self.path} {self.status}"
