# SPDX-License-Identifier: EUPL-1.2
"""Weerstandscapaciteit and the financial inputs of the paragraph: capacity items, the computed onbenutte
belastingcapaciteit, separately computed risk groups, kengetallen, and the history of every change to them
and to the organisation's policy settings (who, when, why, old → new).

The policy values themselves (certainty, default shape, structural years, gevolgklasse bands, norm) are
columns of ``organisations.Organisation`` (one row per organisation); this app owns the form, the rules
and the history that change them.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from risicokompas.organisations.models import Organisation

AMOUNT = {"max_digits": 16, "decimal_places": 2, "null": True, "blank": True}
RATE = {"max_digits": 8, "decimal_places": 5, "null": True, "blank": True}


class CapacityItem(models.Model):
    """An item of available weerstandscapaciteit: a component (BBV), incidental or structural, with its
    amount in the budget year t and, for the multi-year view, in t+1 … t+3."""

    class Nature(models.TextChoices):
        INCIDENTAL = "incidenteel", _("Incidenteel")
        STRUCTURAL = "structureel", _("Structureel")

    class Kind(models.TextChoices):
        GENERAL_RESERVE = "algemene reserve", _("Algemene reserve")
        EARMARKED_RESERVES = "vrij besteedbare bestemmingsreserves", _("Vrij besteedbare bestemmingsreserves")
        HIDDEN_RESERVES = "stille reserves", _("Stille reserves")
        BUDGET_MARGIN = "begrotingsruimte", _("Begrotingsruimte")
        CONTINGENCIES = "post onvoorzien", _("Post onvoorzien")
        TAX_CAPACITY = "onbenutte belastingcapaciteit", _("Onbenutte belastingcapaciteit")
        OTHER = "overig", _("Overig")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="capacity_items")
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=100, choices=Kind.choices, default=Kind.OTHER, blank=True)
    nature = models.CharField(_("aard"), max_length=12, choices=Nature.choices, default=Nature.INCIDENTAL)
    amount = models.DecimalField(
        _("bedrag jaar t (€)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    amount_t1 = models.DecimalField(
        _("bedrag t+1 (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    amount_t2 = models.DecimalField(
        _("bedrag t+2 (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    amount_t3 = models.DecimalField(
        _("bedrag t+3 (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    explanation = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("capaciteitspost")
        verbose_name_plural = _("capaciteitsposten")

    def __str__(self) -> str:
        return self.name

    def amounts(self) -> tuple[Decimal | None, ...]:
        """Amounts for t, t+1, t+2, t+3 (None where not given)."""
        return (self.amount, self.amount_t1, self.amount_t2, self.amount_t3)


def available_capacity(organisation: Organisation) -> Decimal:
    """The sum of the organisation's capacity items."""
    total = organisation.capacity_items.aggregate(total=models.Sum("amount"))["total"]
    return total or Decimal("0")


class PolicyChange(models.Model):
    """One change to an organisation's policy settings or its capacity: who, when, why, old → new.

    Written by the function that makes the change (``capacity.history``), never reconstructed.
    """

    class Subject(models.TextChoices):
        SETTINGS = "instellingen", _("Instellingen")
        CAPACITY = "capaciteit", _("Weerstandscapaciteit")
        TAX_CAPACITY = "belastingcapaciteit", _("Onbenutte belastingcapaciteit")
        SEPARATE = "risicogroepen", _("Apart berekende risicogroepen")
        INDICATORS = "kengetallen", _("Kengetallen")

    class Action(models.TextChoices):
        CREATED = "toegevoegd", _("Toegevoegd")
        CHANGED = "gewijzigd", _("Gewijzigd")
        DELETED = "verwijderd", _("Verwijderd")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="policy_changes")
    subject = models.CharField(max_length=24, choices=Subject.choices)
    label = models.CharField(max_length=200)  # what changed, e.g. the capacity item's name
    action = models.CharField(max_length=12, choices=Action.choices)
    changes = models.JSONField(default=dict)  # {field label: [old, new]}
    reason = models.TextField(_("reden"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("wijziging van beleid of capaciteit")
        verbose_name_plural = _("wijzigingen van beleid of capaciteit")


class TaxCapacityInputs(models.Model):
    """The inputs of the computed onbenutte belastingcapaciteit (one set per organisation).

    OZB: (norm rate for artikel-12 gemeenten − own rate) × WOZ value, for woningen and niet-woningen;
    rioolheffing and afvalstoffenheffing: the room up to 100% cost coverage (costs − revenue, not < 0).
    Rates are percentages of the WOZ value (e.g. 0,1234 for 0,1234%).
    """

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="tax_capacity")
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    norm_rate = models.DecimalField(_("artikel-12-norm OZB (% van de WOZ-waarde)"), **RATE)
    own_rate_dwellings = models.DecimalField(_("eigen OZB-tarief woningen (%)"), **RATE)
    woz_dwellings = models.DecimalField(_("WOZ-waarde woningen (€)"), **AMOUNT)
    own_rate_non_dwellings = models.DecimalField(_("eigen OZB-tarief niet-woningen (%)"), **RATE)
    woz_non_dwellings = models.DecimalField(_("WOZ-waarde niet-woningen (€)"), **AMOUNT)
    sewage_revenue = models.DecimalField(_("opbrengst rioolheffing (€)"), **AMOUNT)
    sewage_costs = models.DecimalField(_("kosten riolering (€)"), **AMOUNT)
    waste_revenue = models.DecimalField(_("opbrengst afvalstoffenheffing (€)"), **AMOUNT)
    waste_costs = models.DecimalField(_("kosten afvalinzameling en -verwerking (€)"), **AMOUNT)
    explanation = models.TextField(_("toelichting"), blank=True)
    nature = models.CharField(_("aard"), max_length=12, default="structureel")

    class Meta:
        verbose_name = _("onbenutte belastingcapaciteit")
        verbose_name_plural = _("onbenutte belastingcapaciteit")


class SeparateRequirement(models.Model):
    """A risk group computed separately and added to the simulated requirement (e.g. grondexploitaties)."""

    class Kind(models.TextChoices):
        LAND = "grondexploitaties", _("Grondexploitaties")
        GUARANTEES = "garanties", _("Garanties en borgstellingen")
        OTHER = "overig", _("Overig")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="separate_requirements"
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    amount = models.DecimalField(
        _("benodigd bedrag (€)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    explanation = models.TextField(_("toelichting en methode"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("apart berekende risicogroep")
        verbose_name_plural = _("apart berekende risicogroepen")

    def __str__(self) -> str:
        return self.name


class IndicatorYear(models.Model):
    """The letters of the BBV kengetallen for one year (field names as engine.indicators.IndicatorInputs)."""

    class Kind(models.TextChoices):
        ACTUAL = "realisatie", _("Realisatie")
        BUDGET = "begroting", _("Begroting")
        FORECAST = "meerjarenraming", _("Meerjarenraming")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="indicator_years")
    year = models.PositiveSmallIntegerField(_("jaar"))
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices, default=Kind.BUDGET)
    long_term_debt = models.DecimalField(_("A vaste schulden"), **AMOUNT)
    net_floating_debt = models.DecimalField(_("B netto vlottende schuld"), **AMOUNT)
    accrued_liabilities = models.DecimalField(_("C overlopende passiva"), **AMOUNT)
    long_term_investments = models.DecimalField(
        _("D financiële vaste activa: uitzettingen ≥ 1 jaar"), **AMOUNT
    )
    loans_granted = models.DecimalField(_("D verstrekte leningen (voor kengetal 1b)"), **AMOUNT)
    short_term_investments = models.DecimalField(_("E uitzettingen < 1 jaar"), **AMOUNT)
    cash = models.DecimalField(_("F liquide middelen"), **AMOUNT)
    accrued_assets = models.DecimalField(_("G overlopende activa"), **AMOUNT)
    total_revenue = models.DecimalField(_("H totale baten (excl. mutaties reserves)"), **AMOUNT)
    equity = models.DecimalField(_("eigen vermogen"), **AMOUNT)
    balance_sheet_total = models.DecimalField(_("balanstotaal"), **AMOUNT)
    land_not_in_development = models.DecimalField(_("niet in exploitatie genomen bouwgronden"), **AMOUNT)
    land_in_development = models.DecimalField(_("bouwgronden in exploitatie"), **AMOUNT)
    structural_revenue = models.DecimalField(_("structurele baten"), **AMOUNT)
    structural_expenses = models.DecimalField(_("structurele lasten"), **AMOUNT)
    structural_reserve_withdrawals = models.DecimalField(_("structurele onttrekkingen reserves"), **AMOUNT)
    structural_reserve_additions = models.DecimalField(_("structurele toevoegingen reserves"), **AMOUNT)
    property_tax = models.DecimalField(_("OZB-lasten gezin bij gemiddelde WOZ-waarde"), **AMOUNT)
    sewage_charge = models.DecimalField(_("rioolheffing gezin"), **AMOUNT)
    waste_charge = models.DecimalField(_("afvalstoffenheffing gezin"), **AMOUNT)
    tax_discount = models.DecimalField(_("heffingskorting"), **AMOUNT)
    national_average_housing_costs = models.DecimalField(_("landelijke gemiddelde woonlasten t−1"), **AMOUNT)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="indicator_year_per_org")
        ]
        verbose_name = _("kengetallen van een jaar")
        verbose_name_plural = _("kengetallen per jaar")

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"


class ParagraphSettings(models.Model):
    """Per organisation: overridden signal values, the editable reading of the kengetallen, default texts."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="paragraph_settings"
    )
    signal_thresholds = models.JSONField(_("signaleringswaarden"), default=dict, blank=True)
    indicator_reading = models.TextField(_("duiding van de kengetallen"), blank=True)
    policy_text = models.TextField(_("beleid (inleiding van de paragraaf)"), blank=True)

    history = HistoricalRecords()
