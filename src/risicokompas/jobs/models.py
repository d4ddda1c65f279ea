# SPDX-License-Identifier: EUPL-1.2
"""A background job: who started it in which organisation, what it does, how far it is and what it made.

The inputs (``params``, an uploaded file) and the result (``result``, a file) live on the row itself, so a
worker on another machine needs nothing but the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="jobs", null=True, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="jobs", null=True, blank=True
    )
    kind = models.CharField(_("soort"), max_length=80)
    title = models.CharField(_("omschrijving"), max_length=200)
    params = models.JSONField(_("invoer"), default=dict, blank=True)
    #: A fingerprint of kind, params and input file: starting the same work again joins the waiting job.
    input_key = models.CharField(max_length=64, db_index=True, blank=True)
    input_file = models.BinaryField(_("ingelezen bestand"), null=True, blank=True)
    input_name = models.CharField(_("naam van het ingelezen bestand"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    message = models.TextField(_("melding"), blank=True)
    result = models.JSONField(_("uitkomst"), default=dict, blank=True)
    result_file = models.BinaryField(_("gemaakt bestand"), null=True, blank=True)
    result_name = models.CharField(_("naam van het gemaakte bestand"), max_length=255, blank=True)
    result_content_type = models.CharField(max_length=120, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    started_at = models.DateTimeField(_("begonnen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        indexes = [models.Index(fields=["organisation", "user", "kind", "status"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def has_file(self) -> bool:
        return self.status == self.Status.DONE and bool(self.result_name)
