# SPDX-License-Identifier: EUPL-1.2
"""The paragraph weerstandsvermogen en risicobeheersing: its inputs beyond the register, and snapshots.

A snapshot (momentopname at a peildatum) freezes everything a document needs: register, capacity,
kengetallen, policy settings and the engine result. It never changes afterwards; only the text blocks of
the paragraph may be edited until a bestuur member approves it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from risicokompas.organisations.models import Organisation

AMOUNT = {"max_digits": 16, "decimal_places": 2, "null": True, "blank": True}
RATE = {"max_digits": 8, "decimal_places": 5, "null": True, "blank": True}


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


class Snapshot(models.Model):
    """A frozen momentopname for one document. ``inputs`` and ``result`` never change after creation."""

    class Document(models.TextChoices):
        BUDGET = "begroting", _("Begroting")
        ACCOUNTS = "jaarstukken", _("Jaarstukken")
        OTHER = "overig", _("Overig")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="snapshots")
    title = models.CharField(_("titel"), max_length=200)
    document = models.CharField(
        _("document"), max_length=16, choices=Document.choices, default=Document.BUDGET
    )
    year = models.PositiveSmallIntegerField(_("begrotingsjaar t"))
    reference_date = models.DateField(_("peildatum"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    inputs = models.JSONField()  # everything the numbers depend on, as plain JSON
    result = models.JSONField()  # engine result (SimulationResult.to_dict()) and derived figures
    engine_version = models.CharField(max_length=20)
    input_hash = models.CharField(max_length=64)
    content_hash = models.CharField(max_length=64)  # SHA-256 of inputs + result: what an approval binds to
    texts = models.JSONField(default=dict, blank=True)  # editable text blocks until approved

    #: Fields that never change once the snapshot exists (``texts`` may change until approval).
    FROZEN_FIELDS = (
        "organisation_id",
        "document",
        "year",
        "reference_date",
        "inputs",
        "result",
        "engine_version",
        "input_hash",
        "content_hash",
    )

    class FrozenError(Exception):
        """Raised when a save would change a frozen snapshot (or the texts of an approved one)."""

    class Meta:
        ordering = ["-reference_date", "-created_at"]
        verbose_name = _("momentopname")
        verbose_name_plural = _("momentopnamen")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Create freely; afterwards refuse any change to the frozen fields, and to the texts once approved.

        The check compares with the stored row rather than trusting in-memory state, so it also catches
        a modified copy. (``QuerySet.update`` bypasses ``save``; nothing in the code base uses it here.)
        """
        if self.pk is not None and not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values(*self.FROZEN_FIELDS, "texts").first()
            if stored is not None:
                changed = [f for f in self.FROZEN_FIELDS if getattr(self, f) != stored[f]]
                if changed:
                    raise self.FrozenError(f"momentopname {self.pk} is vastgelegd: {', '.join(changed)}")
                if self.texts != stored["texts"] and self.is_approved:
                    raise self.FrozenError(f"momentopname {self.pk} is vastgesteld: teksten liggen vast")
        super().save(*args, **kwargs)

    @property
    def is_approved(self) -> bool:
        return SnapshotApproval.objects.filter(snapshot_id=self.pk).exists() if self.pk else False


class SnapshotApproval(models.Model):
    """A bestuur member's approval of exactly one snapshot (bound to its content hash)."""

    snapshot = models.OneToOneField(Snapshot, on_delete=models.PROTECT, related_name="approval")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)
    decision_reference = models.CharField(_("besluit (kenmerk)"), max_length=200)
    content_hash = models.CharField(max_length=64)

    def save(self, *args, **kwargs) -> None:
        """An approval is written once, bound to the snapshot's content hash, and never changed."""
        if not self._state.adding:
            raise Snapshot.FrozenError("een vaststelling wordt niet gewijzigd")
        self.content_hash = self.snapshot.content_hash
        super().save(*args, **kwargs)

    @property
    def is_bound(self) -> bool:
        """True while the approval's hash is the snapshot's hash (always, unless data was tampered with)."""
        return self.content_hash == self.snapshot.content_hash
