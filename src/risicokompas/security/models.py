# SPDX-License-Identifier: EUPL-1.2
"""The security log: one append-only row per security event (BIO2), with who, what, when, from where,
on which object and the outcome.

A row names people and organisations by id and by name as they were at the time, without foreign keys: the
log outlives the accounts and objects it mentions, and deleting one never touches the log. Rows are never
changed: ``save`` refuses an existing row, ``delete`` refuses always, the queryset refuses ``update`` and
``delete``, and on PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002). Only the retention
command (``prune_security_log``) removes rows older than ``SECURITY_LOG_RETENTION_DAYS``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    """A security log row cannot be changed or deleted."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("het beveiligingslog wordt nooit gewijzigd")

    def delete(self):
        raise AppendOnly("het beveiligingslog wordt nooit gewijzigd; alleen de bewaartermijn ruimt op")

    def _prune(self) -> int:
        """Delete these rows, bypassing the guard: only for ``security.retention.prune``."""
        return models.QuerySet.delete(self)[0]


class SecurityEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("Ingelogd")
        LOGIN_FAILED = "login_failed", _("Inloggen mislukt")
        LOCKED_OUT = "locked_out", _("Geblokkeerd na mislukte pogingen")
        LOGOUT = "logout", _("Uitgelogd")
        PASSWORD_SET = "password_set", _("Wachtwoord ingesteld")
        PASSWORD_CHANGED = "password_changed", _("Wachtwoord gewijzigd")
        MFA_ENROLLED = "mfa_enrolled", _("Tweede factor ingesteld")
        MFA_VERIFIED = "mfa_verified", _("Tweede factor gecontroleerd")
        MFA_FAILED = "mfa_failed", _("Tweede factor onjuist")
        MFA_RECOVERY_USED = "mfa_recovery_used", _("Herstelcode gebruikt")
        MFA_RESET = "mfa_reset", _("Tweede factor hersteld door beheerder")
        INVITED = "invited", _("Uitgenodigd")
        INVITATION_RESENT = "invitation_resent", _("Uitnodiging opnieuw verstuurd")
        ROLES_CHANGED = "roles_changed", _("Rollen gewijzigd")
        MEMBERSHIP_CHANGED = "membership_changed", _("Lidmaatschap gewijzigd")
        DEACTIVATED = "deactivated", _("Gedeactiveerd")
        REACTIVATED = "reactivated", _("Opnieuw geactiveerd")
        EXPORTED = "exported", _("Geëxporteerd")
        IMPORTED = "imported", _("Ingelezen")
        APPROVED = "approved", _("Vastgesteld")
        LOG_EXPORTED = "log_exported", _("Beveiligingslog geëxporteerd")
        LOG_PRUNED = "log_pruned", _("Beveiligingslog opgeschoond")
        SSO_LOGIN = "sso_login", _("Ingelogd via single sign-on")
        SSO_LOGIN_FAILED = "sso_login_failed", _("Inloggen via single sign-on mislukt")
        SSO_REFUSED = "sso_refused", _("Inloggen via single sign-on geweigerd")
        SSO_DOMAINS_CHANGED = "sso_domains_changed", _("Domeinen voor single sign-on gewijzigd")
        SSO_LINKED = "sso_linked", _("Account gekoppeld aan single sign-on")
        SSO_UNLINKED = "sso_unlinked", _("Koppeling met single sign-on verwijderd")
        SSO_ONLY_CHANGED = "sso_only_changed", _("Alleen single sign-on gewijzigd")
        API_KEY_CREATED = "api_key_created", _("API-sleutel aangemaakt")
        API_KEY_REVOKED = "api_key_revoked", _("API-sleutel ingetrokken")
        API_KEY_REFUSED = "api_key_refused", _("API-sleutel geweigerd")
        BACKUP_MADE = "backup_made", _("Back-up gemaakt")
        RESTORED = "restored", _("Back-up teruggezet")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("gelukt")
        FAILURE = "failure", _("mislukt")
        DENIED = "denied", _("geweigerd")

    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    kind = models.CharField(_("gebeurtenis"), max_length=40, choices=Kind.choices)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS)
    #: Who did it: the account's id (when there is one) and its user name at the time.
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor = models.CharField(_("wie"), max_length=254, blank=True)
    #: The organisation the event belongs to (the beheerder of that organisation reads it).
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    #: The object the event is about: its kind ("user", "membership", "snapshot", …), id and name.
    object_type = models.CharField(_("soort object"), max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=254, blank=True)
    detail = models.JSONField(_("toelichting"), default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("beveiligingsgebeurtenis")
        verbose_name_plural = _("beveiligingslog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.kind} {self.actor} {self.outcome}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnly("het beveiligingslog wordt nooit gewijzigd")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("het beveiligingslog wordt nooit gewijzigd; alleen de bewaartermijn ruimt op")


class SessionCutoff(models.Model):
    """Every session of ``user`` that began before ``not_before`` is over ("sign out everywhere").

    Sessions in the database could simply be deleted, but sessions in a shared cache (Redis, with several
    app servers) cannot be listed per person; the middleware compares each signed-in request's session
    start with this moment instead, whatever the session engine (security/sessions.py).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_cutoff", primary_key=True
    )
    not_before = models.DateTimeField()

    class Meta:
        verbose_name = _("afmelding overal")
        verbose_name_plural = _("afmeldingen overal")

    def __str__(self) -> str:
        return f"{self.user_id} {self.not_before:%Y-%m-%d %H:%M:%S}"
