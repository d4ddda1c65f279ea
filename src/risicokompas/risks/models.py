# SPDX-License-Identifier: EUPL-1.2
"""The risk register: risks with their estimate, measures, and the history of every change."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from risicokompas.organisations.models import Membership, Organisation

if TYPE_CHECKING:
    from django.db.models.expressions import Combinable
    from django_stubs_ext import StrOrPromise


def _amount_field(
    verbose_name: StrOrPromise,
) -> models.DecimalField[str | float | Decimal | Combinable | None, Decimal | None]:
    """An optional, non-negative amount in euros, to the cent."""
    return models.DecimalField(
        verbose_name,
        null=True,
        blank=True,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )


class Risk(models.Model):
    """One risk of an organisation: cause → event → consequence, with its estimate.

    The estimate (probability, impact shape and amounts, nature) feeds the engine. A risk without a
    probability or a maximum amount is "niet gekwantificeerd": it is listed, never counted as zero.
    """

    class Shape(models.TextChoices):
        DEFAULT = "", _("Standaard van de organisatie")
        FIXED = "vast", _("Vast bedrag")
        UNIFORM = "uniform", _("Uniform (niet, geheel of gedeeltelijk)")
        TRIANGULAR = "driehoek", _("Driehoek")
        PERT = "pert", _("PERT")
        LOGNORMAL = "lognormaal", _("Lognormaal (mediaan en 90%-waarde)")

    class Nature(models.TextChoices):
        INCIDENTAL = "incidenteel", _("Incidenteel")
        STRUCTURAL = "structureel", _("Structureel")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "gesloten", _("Gesloten")
        OCCURRED = "opgetreden", _("Opgetreden")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="risks")
    code = models.CharField(_("id"), max_length=40)
    name = models.CharField(_("risico"), max_length=300)
    cause = models.TextField(_("oorzaak"), blank=True)
    event = models.TextField(_("gebeurtenis"), blank=True)
    consequence = models.TextField(_("gevolg"), blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    programme = models.CharField(_("programma"), max_length=200, blank=True, db_index=True)
    owner = models.ForeignKey(
        Membership,
        verbose_name=_("risico-eigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_risks",
    )
    owner_label = models.CharField(_("eigenaar (tekst)"), max_length=200, blank=True)

    probability = models.DecimalField(
        _("kans"),
        max_digits=6,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    shape = models.CharField(_("verdeling"), max_length=12, choices=Shape.choices, blank=True, default="")
    impact_min = _amount_field(_("minimaal gevolg (€)"))
    impact_mode = _amount_field(_("meest waarschijnlijk gevolg (€)"))
    impact_max = _amount_field(_("maximaal gevolg (€)"))
    nature = models.CharField(_("aard"), max_length=12, choices=Nature.choices, default=Nature.INCIDENTAL)
    years = models.PositiveSmallIntegerField(_("jaren (structureel)"), null=True, blank=True)
    group = models.CharField(_("groep"), max_length=100, blank=True)
    excluded = models.BooleanField(_("uitgesloten (voorziening/verzekering)"), default=False)
    measures_text = models.TextField(_("beheersmaatregelen (tekst)"), blank=True)
    notes = models.JSONField(_("overige kolommen"), default=dict, blank=True)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    review_date = models.DateField(_("herbeoordelen vóór"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking: bumped on every change
    # When a risk conversation last decided about this risk, written by the service that records the
    # decision (``conversations.services``), so the register never has to ask the conversations app.
    last_discussed_on = models.DateField(_("laatst besproken"), null=True, blank=True, editable=False)
    last_discussed_team = models.CharField(max_length=200, blank=True, editable=False)
    last_discussed_title = models.CharField(max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="risk_code_per_org")]
        indexes = [models.Index(fields=["organisation", "status"])]
        verbose_name = _("risico")
        verbose_name_plural = _("risico's")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_quantified(self) -> bool:
        return self.probability is not None and self.impact_max is not None


class Measure(models.Model):
    """A beheersmaatregel: planned or done, with the effect it is expected to have on the estimate."""

    class Status(models.TextChoices):
        PLANNED = "gepland", _("Gepland")
        DONE = "uitgevoerd", _("Uitgevoerd")

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="measures")
    description = models.TextField(_("maatregel"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    owner_label = models.CharField(_("uitvoerder"), max_length=200, blank=True)
    due_date = models.DateField(_("gereed vóór"), null=True, blank=True)
    probability_after = models.DecimalField(
        _("kans na de maatregel"),
        max_digits=6,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    impact_factor = models.DecimalField(
        _("gevolg na de maatregel (factor)"),
        max_digits=5,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Bijvoorbeeld 0,5 als de maatregel het gevolg halveert."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("beheersmaatregel")
        verbose_name_plural = _("beheersmaatregelen")

    def __str__(self) -> str:
        return self.description[:80]


class RiskChange(models.Model):
    """One change to a risk: who, when, why, and each field's old and new value. Never edited."""

    class Source(models.TextChoices):
        MANUAL = "handmatig", _("Handmatig")
        IMPORT = "import", _("Import")
        CONVERSATION = "gesprek", _("Risicogesprek")
        SIGNAL = "melding", _("Melding")

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    reason = models.TextField(_("reden"))
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.MANUAL)
    created = models.BooleanField(default=False)
    changes = models.JSONField(default=dict)  # {field: [old, new]}, values as strings

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")

    def __str__(self) -> str:
        return f"{self.risk} @ {self.changed_at:%Y-%m-%d %H:%M}"


class RiskAppetite(models.Model):
    """How much risk the bestuur accepts in one category (a programme of the register)."""

    class Level(models.TextChoices):
        AVERSE = "afkerig", _("Risicomijdend")
        CAUTIOUS = "voorzichtig", _("Voorzichtig")
        OPEN = "open", _("Open")
        EAGER = "gretig", _("Risicozoekend")

    #: The highest risicoscore (kansklasse × gevolgklasse, 1–25) each level accepts.
    MAX_SCORE = {Level.AVERSE: 4, Level.CAUTIOUS: 9, Level.OPEN: 15, Level.EAGER: 25}

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="risk_appetites")
    programme = models.CharField(_("categorie (programma)"), max_length=200)
    level = models.CharField(_("risicobereidheid"), max_length=12, choices=Level.choices)
    statement = models.TextField(_("verklaring"))
    decided_on = models.DateField(_("datum van het besluit"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["programme"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "programme"], name="one_appetite_per_programme")
        ]
        verbose_name = _("risicobereidheid")
        verbose_name_plural = _("risicobereidheid")

    def __str__(self) -> str:
        return f"{self.programme}: {self.get_level_display()}"

    @property
    def max_score(self) -> int:
        return self.MAX_SCORE[self.Level(self.level)]


class ReminderSent(models.Model):
    """That an owner was mailed on a day about a risk whose review date had passed. ``send_reminders``
    reads it to mail each owner at most once a day, however often it runs. Written once, never changed."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reminders")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="risk_reminders")
    sent_on = models.DateField(_("verstuurd op"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "risk"]
        constraints = [
            models.UniqueConstraint(fields=["risk", "membership", "sent_on"], name="one_reminder_per_day")
        ]
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")

    def __str__(self) -> str:
        return f"{self.risk} → {self.membership.user} ({self.sent_on})"
