# SPDX-License-Identifier: EUPL-1.2
"""Afwijken volgens de bedoeling (C7): rules, deliberate deviations, the team's judgement, precedents
(moresprudentie), the rule owner's decisions, and the risk appetite set by the bestuur.

A deviation is a reasoned departure from the letter of a rule to serve its purpose; nothing here calls it
a violation. Deviations belong to a team; precedents are anonymised and organisation-wide once published.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from risicokompas.organisations.models import Membership, Organisation


class Mandate(models.IntegerChoices):
    """Who may decide to deviate from a rule, in rising order: a higher level includes the lower ones."""

    PROFESSIONAL = 1, _("Professional zelf")
    TEAM_LEAD = 2, _("Teamleider")
    MANAGER = 3, _("Manager")
    COLLEGE = 4, _("College")


class Value(models.TextChoices):
    """The public values a deliberation weighs (a small fixed list, so precedents can be found by value)."""

    LAWFULNESS = "rechtmatigheid", _("Rechtmatigheid")
    JUSTICE = "rechtvaardigheid", _("Rechtvaardigheid")
    EFFICIENCY = "doelmatigheid", _("Doelmatigheid")
    CARE = "zorgvuldigheid", _("Zorgvuldigheid")
    HUMAN_SCALE = "menselijke maat", _("Menselijke maat")
    EQUALITY = "gelijkheid", _("Gelijkheid")
    TRANSPARENCY = "transparantie", _("Transparantie")


class Rule(models.Model):
    """A rule in the library, with the purpose it serves and who may decide to deviate from it."""

    class Kind(models.TextChoices):
        INTERNAL = "interne regel", _("Interne regel")
        POLICY = "beleidsregel", _("Beleidsregel")
        PROTOCOL = "protocol", _("Protocol")
        PROCEDURE = "procedure", _("Procedure")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="rules")
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.INTERNAL)
    owner = models.ForeignKey(
        Membership,
        verbose_name=_("regeleigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_rules",
    )
    owner_team = models.CharField(_("team van de regeleigenaar"), max_length=200, blank=True)
    purpose = models.TextField(_("bedoeling"))
    legal_basis = models.CharField(_("juridische grondslag"), max_length=300, blank=True)
    hardship_clause = models.BooleanField(_("er is een hardheidsclausule"), default=False)
    risks = models.ManyToManyField(
        "risks.Risk", verbose_name=_("beheerste risico's"), blank=True, related_name="rules"
    )
    mandate = models.PositiveSmallIntegerField(
        _("wie mag besluiten tot afwijken"), choices=Mandate.choices, default=Mandate.TEAM_LEAD
    )
    review_date = models.DateField(_("herzien vóór"), null=True, blank=True)
    active = models.BooleanField(_("van kracht"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("regel")
        verbose_name_plural = _("regels")

    def __str__(self) -> str:
        return self.title


class Deviation(models.Model):
    """A deliberate, reasoned deviation from a rule, recorded by a professional before or right after acting."""

    class Status(models.TextChoices):
        INTENDED = "voorgenomen", _("Voorgenomen")
        DONE = "uitgevoerd", _("Uitgevoerd")
        DISCUSSED = "besproken", _("Besproken")
        CLOSED = "afgesloten", _("Afgesloten")

    class MandateDecision(models.TextChoices):
        NONE = "", _("Niet nodig")
        PENDING = "voorgelegd", _("Voorgelegd, nog geen besluit")
        CONFIRMED = "bekrachtigd", _("Bekrachtigd door de bevoegde")
        REFUSED = "niet bekrachtigd", _("Niet bekrachtigd door de bevoegde")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="deviations")
    rule = models.ForeignKey(
        Rule, verbose_name=_("regel"), on_delete=models.PROTECT, related_name="deviations"
    )
    # The recorder's team at the time: decides who sees the deviation (see access.py).
    team = models.CharField(_("team"), max_length=200, blank=True, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    situation = models.TextField(_("de situatie"))
    why_letter_defeats_purpose = models.TextField(_("waarom de letter hier de bedoeling tegenwerkt"))
    what_instead = models.TextField(_("wat er in plaats daarvan is gedaan"))
    alternatives = models.TextField(_("welke alternatieven zijn afgewogen"), blank=True)
    decided_by_level = models.PositiveSmallIntegerField(
        _("besloten op het niveau van"), choices=Mandate.choices, default=Mandate.PROFESSIONAL
    )
    decided_by_name = models.CharField(_("wie besloot (functie)"), max_length=200, blank=True)
    # Set when recorded below the rule's mandate: the deviation is then put before the required level.
    outside_mandate = models.BooleanField(_("buiten het mandaat"), default=False)
    routed_to_level = models.PositiveSmallIntegerField(
        _("voorgelegd aan"), choices=Mandate.choices, null=True, blank=True
    )
    mandate_decision = models.CharField(
        _("besluit van de bevoegde"), max_length=20, choices=MandateDecision.choices, blank=True, default=""
    )
    mandate_note = models.TextField(_("toelichting van de bevoegde"), blank=True)
    mandate_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mandate_decided_at = models.DateTimeField(null=True, blank=True)
    accepted_risk = models.ForeignKey(
        "risks.Risk",
        verbose_name=_("aanvaard risico in het register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deviations",
    )
    accepted_risk_text = models.TextField(_("welk risico wordt aanvaard"), blank=True)
    financial_effect = models.DecimalField(
        _("verwachte kosten of financieel effect (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    acted_on = models.DateField(_("datum van handelen"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.INTENDED)
    version = models.PositiveIntegerField(default=1)  # bumped on every change
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "team", "status"])]
        verbose_name = _("afwijking")
        verbose_name_plural = _("afwijkingen")

    def __str__(self) -> str:
        return f"{self.rule} ({self.acted_on:%d-%m-%Y})"

    @property
    def awaits_mandate(self) -> bool:
        return self.mandate_decision == self.MandateDecision.PENDING


class DeviationChange(models.Model):
    """One change to a deviation: who, when, why, and each field's old and new value. Never edited."""

    class Action(models.TextChoices):
        RECORDED = "vastgelegd", _("Vastgelegd")
        STATUS = "status", _("Status gewijzigd")
        MANDATE = "mandaatbesluit", _("Besluit van de bevoegde")
        DELIBERATED = "besproken", _("Besproken in het team")
        PRECEDENT = "moresprudentie", _("Moresprudentie gemaakt")
        PUBLISHED = "gepubliceerd", _("Moresprudentie gepubliceerd")

    deviation = models.ForeignKey(Deviation, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(_("wijziging"), max_length=20, choices=Action.choices)
    reason = models.TextField(_("reden"), blank=True)
    changes = models.JSONField(default=dict, blank=True)  # {field: [old, new]}, values as display strings

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("wijziging van een afwijking")
        verbose_name_plural = _("wijzigingen van afwijkingen")

    def __str__(self) -> str:
        return f"{self.deviation} @ {self.changed_at:%Y-%m-%d %H:%M}"


class Deliberation(models.Model):
    """The team's structured moral deliberation on one deviation, and its outcome."""

    class Outcome(models.TextChoices):
        ENDORSED = "onderschreven", _("Onderschreven")
        CONDITIONS = "onder voorwaarden", _("Onderschreven onder voorwaarden")
        NOT_ENDORSED = "niet onderschreven", _("Niet onderschreven")

    deviation = models.OneToOneField(Deviation, on_delete=models.CASCADE, related_name="deliberation")
    case = models.TextField(_("de casus"))
    stake = models.TextField(_("wat staat er op het spel, en voor wie"))
    values = models.JSONField(_("waarden in het geding"), default=list, blank=True)
    values_text = models.TextField(_("toelichting op de waarden"), blank=True)
    options = models.TextField(_("de opties"))
    judgement = models.TextField(_("het oordeel"))
    damage_limitation = models.TextField(_("hoe beperken we de schade"), blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices)
    conditions = models.TextField(_("voorwaarden"), blank=True)
    lesson = models.TextField(_("wat leren we ervan"))
    participants = models.CharField(_("deelnemers (functies)"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("moreel beraad")
        verbose_name_plural = _("morele beraden")

    def value_labels(self) -> list[str]:
        return [str(Value(value).label) for value in self.values if value in Value.values]


class Precedent(models.Model):
    """Moresprudentie: an anonymised, judged deviation that guides later ones."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="precedents")
    deviation = models.OneToOneField(
        Deviation, null=True, blank=True, on_delete=models.SET_NULL, related_name="precedent"
    )
    rule = models.ForeignKey(
        Rule, verbose_name=_("regel"), on_delete=models.PROTECT, related_name="precedents"
    )
    summary = models.TextField(_("geanonimiseerde samenvatting"))
    values = models.JSONField(_("waarden"), default=list, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Deliberation.Outcome.choices)
    conditions = models.TextField(_("voorwaarden"), blank=True)
    tipping_point = models.TextField(_("kantelpunt"))
    published = models.BooleanField(_("gepubliceerd"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("moresprudentie")
        verbose_name_plural = _("moresprudentie")

    def __str__(self) -> str:
        return self.summary[:80]

    def value_labels(self) -> list[str]:
        return [str(Value(value).label) for value in self.values if value in Value.values]


class RuleReview(models.Model):
    """The rule owner's recorded decision after a rule was set aside repeatedly."""

    class Decision(models.TextChoices):
        KEEP = "handhaven", _("Regel handhaven")
        REWRITE = "herschrijven", _("Regel herschrijven")
        HARDSHIP = "hardheidsclausule", _("Hardheidsclausule toevoegen")
        MANDATE = "mandaat wijzigen", _("Mandaat wijzigen")
        ESCALATE = "escaleren", _("Escaleren")

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(_("beslissing"), max_length=20, choices=Decision.choices)
    explanation = models.TextField(_("toelichting"))
    deviations_counted = models.PositiveIntegerField(_("aantal afwijkingen op dat moment"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True, db_index=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("beslissing over een regel")
        verbose_name_plural = _("beslissingen over regels")


class DeviationSettings(models.Model):
    """When a rule counts as 'set aside repeatedly': so many deviations within so many months."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="deviation_settings"
    )
    threshold = models.PositiveSmallIntegerField(
        _("drempel: aantal afwijkingen"), default=3, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    window_months = models.PositiveSmallIntegerField(
        _("binnen (maanden)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instellingen voor afwijkingen")
        verbose_name_plural = _("instellingen voor afwijkingen")

    @classmethod
    def for_organisation(cls, organisation: Organisation) -> DeviationSettings:
        return cls.objects.get_or_create(organisation=organisation)[0]
