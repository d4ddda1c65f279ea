# SPDX-License-Identifier: EUPL-1.2
"""Events ("gebeurtenissen"): what actually happened, with the risks it realised or none (a surprise)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from risicokompas.organisations.models import Organisation


class Event(models.Model):
    """A loss that occurred: its date, amount and the register risks it realised.

    No risks means the loss was not in the register: a surprise (``surprise`` is then set).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="events")
    date = models.DateField(_("datum"))
    amount = models.DecimalField(
        _("bedrag (€)"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )
    description = models.TextField(_("omschrijving"))
    programme = models.CharField(_("programma"), max_length=200, blank=True)
    risks = models.ManyToManyField(
        "risks.Risk", blank=True, related_name="events", verbose_name=_("risico's")
    )
    surprise = models.BooleanField(_("niet in het register"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-recorded_at"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.description[:60]}"
