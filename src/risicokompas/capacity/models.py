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
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from risicokompas.organisations.models import Organisation

if TYPE_CHECKING:
    from django.db.models.expressions import Combinable
    from django_stubs_ext import StrOrPromise

    OptionalDecimalField = models.DecimalField[str | float | Decimal | Combinable | None, Decimal | None]


def amount_field(verbose_name: StrOrPromise) -> OptionalDecimalField:
    """An optional amount in euros, to the cent."""
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=2, null=True, blank=True)


def rate_field(verbose_name: StrOrPromise) -> OptionalDecimalField:
    """An optional tax rate in percent, to five decimals."""
    return models.DecimalField(verbose_name, max_digits=8, decimal_places=5, null=True, blank=True)


class CapacityItem(models.Model):
    """An item of available weerstandscapaciteit: a component (BBV), incidental or structural, with its
    amount in the budget year t and, for the multi-year view, in t+1 … t+3.

    An item whose amount is not yet known is "PM" (``amount_unknown``): it has no amount in any year, is
    listed wherever the items are, and never counts in a total or the ratio (it is not € 0). An empty later
    year of an item with an amount is "niet geraamd", as in the paragraph.
    """

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
        _("bedrag jaar t (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    amount_unknown = models.BooleanField(_("bedrag nog niet bekend (PM)"), default=False)
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
        constraints = [
            # PM: no amount in any year; otherwise an amount in year t.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        amount_unknown=True,
                        amount__isnull=True,
                        amount_t1__isnull=True,
                        amount_t2__isnull=True,
                        amount_t3__isnull=True,
                    )
                    | models.Q(amount_unknown=False, amount__isnull=False)
                ),
                name="capacity_item_pm_or_amount",
                violation_error_message=_(
                    "Een post met bedrag PM heeft geen bedragen; een andere post heeft een bedrag in jaar t."
                ),
            )
        ]
        verbose_name = _("capaciteitspost")
        verbose_name_plural = _("capaciteitsposten")

    def __str__(self) -> str:
        return self.name

    def amounts(self) -> tuple[Decimal | None, ...]:
        """Amounts for t, t+1, t+2, t+3 (None where not given; all None for a PM item)."""
        return (self.amount, self.amount_t1, self.amount_t2, self.amount_t3)


def available_capacity(organisation: Organisation) -> Decimal:
    """The sum of the organisation's capacity items in year t (a PM item has no amount: not counted)."""
    counted = organisation.capacity_items.filter(amount_unknown=False)
    total = counted.aggregate(total=models.Sum("amount"))["total"]
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
    norm_rate = rate_field(_("artikel-12-norm OZB (% van de WOZ-waarde)"))
    own_rate_dwellings = rate_field(_("eigen OZB-tarief woningen (%)"))
    woz_dwellings = amount_field(_("WOZ-waarde woningen (€)"))
    own_rate_non_dwellings = rate_field(_("eigen OZB-tarief niet-woningen (%)"))
    woz_non_dwellings = amount_field(_("WOZ-waarde niet-woningen (€)"))
    sewage_revenue = amount_field(_("opbrengst rioolheffing (€)"))
    sewage_costs = amount_field(_("kosten riolering (€)"))
    waste_revenue = amount_field(_("opbrengst afvalstoffenheffing (€)"))
    waste_costs = amount_field(_("kosten afvalinzameling en -verwerking (€)"))
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
    """The letters of the BBV kengetallen for one year and one kind of figures (field names as
    engine.indicators.IndicatorInputs).

    A year can hold several kinds: the begroting of 2026 (after amendments) and the jaarrekening of 2026 are
    both needed (the paragraph's BBV columns, ``reports.compose_assessment.bbv_slots``), so a row is unique
    per (organisation, year, kind). The kind values are the ones those slots use.
    """

    class Kind(models.TextChoices):
        ACTUAL = "realisatie", _("Jaarrekening (realisatie)")
        BUDGET = "begroting", _("Begroting")
        FORECAST = "meerjarenraming", _("Meerjarenraming")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="indicator_years")
    year = models.PositiveSmallIntegerField(_("jaar"))
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices, default=Kind.BUDGET)
    long_term_debt = amount_field(_("A vaste schulden"))
    net_floating_debt = amount_field(_("B netto vlottende schuld"))
    accrued_liabilities = amount_field(_("C overlopende passiva"))
    long_term_investments = amount_field(_("D financiële vaste activa: uitzettingen ≥ 1 jaar"))
    loans_granted = amount_field(_("D verstrekte leningen (voor kengetal 1b)"))
    short_term_investments = amount_field(_("E uitzettingen < 1 jaar"))
    cash = amount_field(_("F liquide middelen"))
    accrued_assets = amount_field(_("G overlopende activa"))
    total_revenue = amount_field(_("H totale baten (excl. mutaties reserves)"))
    equity = amount_field(_("eigen vermogen"))
    balance_sheet_total = amount_field(_("balanstotaal"))
    land_not_in_development = amount_field(_("niet in exploitatie genomen bouwgronden"))
    land_in_development = amount_field(_("bouwgronden in exploitatie"))
    structural_revenue = amount_field(_("structurele baten"))
    structural_expenses = amount_field(_("structurele lasten"))
    structural_reserve_withdrawals = amount_field(_("structurele onttrekkingen reserves"))
    structural_reserve_additions = amount_field(_("structurele toevoegingen reserves"))
    property_tax = amount_field(_("OZB-lasten gezin bij gemiddelde WOZ-waarde"))
    sewage_charge = amount_field(_("rioolheffing gezin"))
    waste_charge = amount_field(_("afvalstoffenheffing gezin"))
    tax_discount = amount_field(_("heffingskorting"))
    national_average_housing_costs = amount_field(_("landelijke gemiddelde woonlasten t−1"))

    class Meta:
        ordering = ["year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "kind"], name="indicator_year_kind_per_org"
            )
        ]
        verbose_name = _("kengetallen van een jaar")
        verbose_name_plural = _("kengetallen per jaar")

    def __str__(self) -> str:
        return f"{self.organisation} {self.year} {self.get_kind_display().lower()}"

    @property
    def label(self) -> str:
        """ "2025 — jaarrekening (realisatie)": the year and the kind of figures, as lists show them."""
        return f"{self.year} — {self.get_kind_display().lower()}"


class ParagraphSettings(models.Model):
    """Per organisation: overridden signal values, the editable reading of the kengetallen, default texts."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="paragraph_settings"
    )
    signal_thresholds = models.JSONField(_("signaleringswaarden"), default=dict, blank=True)
    indicator_reading = models.TextField(_("duiding van de kengetallen"), blank=True)
    policy_text = models.TextField(_("beleid (inleiding van de paragraaf)"), blank=True)

    history = HistoricalRecords()
