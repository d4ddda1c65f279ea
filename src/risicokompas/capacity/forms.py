# SPDX-License-Identifier: EUPL-1.2
"""Forms for the paragraph's inputs: tax capacity, separate groups, kengetallen, signal values, reading."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from risicokompas.capacity.indicator_sheet import MAX_YEAR, MIN_YEAR
from risicokompas.capacity.models import CapacityItem, IndicatorYear, SeparateRequirement, TaxCapacityInputs
from risicokompas.capacity.services import LETTER_FIELDS, SIGNED_FIELDS
from risicokompas.engine.capacity import RatioBand, RatioScale
from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.indicators import SignalThresholds
from risicokompas.engine.riskmap import GevolgBands
from risicokompas.organisations.models import Organisation
from risicokompas.ui.fields import PM, AmountField
from risicokompas.ui.forms import ReasonField, require_reason, style_widgets

TAX_AMOUNT_FIELDS = (
    "woz_dwellings",
    "woz_non_dwellings",
    "sewage_revenue",
    "sewage_costs",
    "waste_revenue",
    "waste_costs",
)
TAX_RATE_FIELDS = ("norm_rate", "own_rate_dwellings", "own_rate_non_dwellings")


def _label(model, name: str) -> str:
    label = str(model._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


class SignedAmountField(AmountField):
    """An amount that may be negative ("-1.250.000"): eigen vermogen and book values of land."""

    def to_python(self, value):
        text = (value or "").strip() if isinstance(value, str) else value
        if isinstance(text, str) and text[:1] in ("-", "−"):
            amount = super().to_python(text[1:])
            return None if amount is None else -amount
        return super().to_python(value)


class ReasonOnChangeMixin(forms.ModelForm):
    """A reason is required when an existing row changes (kept in its history); optional for a new one."""

    def _reason_on_change(self) -> None:
        if self.instance.pk is None:
            self.fields["reason"].help_text = _("Optioneel bij nieuwe gegevens, bijvoorbeeld de bron.")

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if self.instance.pk is not None:
            require_reason(self)
        return cleaned


class TaxCapacityForm(ReasonOnChangeMixin, forms.ModelForm):
    nature = forms.ChoiceField(label=_("Aard"), choices=CapacityItem.Nature.choices)
    reason = ReasonField()

    class Meta:
        model = TaxCapacityInputs
        fields = ["year", *TAX_RATE_FIELDS, *TAX_AMOUNT_FIELDS, "nature", "explanation"]
        localized_fields = list(TAX_RATE_FIELDS)
        widgets = {"explanation": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in TAX_AMOUNT_FIELDS:
            self.fields[name] = AmountField(label=_label(TaxCapacityInputs, name), min_value=Decimal("0"))
        for name in TAX_RATE_FIELDS:
            field = self.fields[name]
            field.label = _label(TaxCapacityInputs, name)
            field.validators.append(_non_negative)
        self.fields["norm_rate"].help_text = _(
            "Het OZB-tarief dat een artikel-12-gemeente minstens moet heffen, als percentage van de "
            "WOZ-waarde (bijvoorbeeld 0,1953)."
        )
        self.fields["year"].label = _("Jaar")
        self.fields["explanation"].label = _("Toelichting")
        self.order_fields([*self.Meta.fields, "reason"])
        self._reason_on_change()
        style_widgets(self)


def _non_negative(value) -> None:
    if value is not None and value < 0:
        raise forms.ValidationError(_("Een tarief kan niet negatief zijn."))


class SeparateRequirementForm(ReasonOnChangeMixin, forms.ModelForm):
    amount = AmountField(label=_("Benodigd bedrag (€)"), min_value=Decimal("0"), required=True)
    reason = ReasonField()

    class Meta:
        model = SeparateRequirement
        fields = ["name", "kind", "amount", "explanation"]
        labels = {"name": _("Naam"), "kind": _("Soort"), "explanation": _("Toelichting en methode")}
        widgets = {"explanation": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "explanation": _(
                "Hoe is het bedrag bepaald? Bijvoorbeeld de risicoanalyse van de grondexploitaties."
            )
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._reason_on_change()
        style_widgets(self)


class IndicatorYearForm(ReasonOnChangeMixin, forms.ModelForm):
    """The letters of one year and kind of figures, labelled with their Dutch names and BBV letters.

    ``with_year`` adds the year as a field (adding figures for any year); otherwise the year is the
    instance's. A year holds each kind at most once: a second row of the same year and kind is refused with
    a Dutch message on the kind, before the database's constraint would.
    """

    class Meta:
        model = IndicatorYear
        fields = ["kind", *LETTER_FIELDS]
        labels = {"kind": _("Soort cijfers")}
        help_texts = {
            "kind": _(
                "Jaarrekening: de gerealiseerde cijfers. Begroting: de begroting van dat jaar; voor een vorig "
                "jaar de begroting na wijziging. Meerjarenraming: de jaren na het begrotingsjaar."
            )
        }

    def __init__(self, *args, with_year: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if with_year:
            self.fields = {
                "year": forms.IntegerField(
                    label=_("Jaar"), min_value=MIN_YEAR, max_value=MAX_YEAR, initial=self.instance.year
                ),
                **self.fields,
            }
        for name in LETTER_FIELDS:
            label = _label(IndicatorYear, name)
            if name in SIGNED_FIELDS:
                self.fields[name] = SignedAmountField(label=label)
            else:
                self.fields[name] = AmountField(label=label, min_value=Decimal("0"))
        for name in SIGNED_FIELDS:
            self.fields[name].help_text = _("Mag negatief zijn.")
        self.fields["reason"] = ReasonField()
        self._reason_on_change()
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year", self.instance.year)
        if "year" in self.fields and year is not None:
            self.instance.year = year  # not a Meta field: the form sets it on the row itself
        kind = cleaned.get("kind")
        if year is None or not kind:
            return cleaned
        others = IndicatorYear.objects.filter(
            organisation_id=self.instance.organisation_id, year=year, kind=kind
        ).exclude(pk=self.instance.pk)
        if others.exists():
            message = _(
                "Voor %(year)s zijn al kengetallen van de soort „%(kind)s” vastgelegd. Kies een andere soort, "
                "of wijzig de gegevens van %(year)s — %(kind)s in het overzicht."
            ) % {"year": year, "kind": IndicatorYear.Kind(kind).label.lower()}
            self.add_error("kind", message)
        return cleaned


#: (field of SignalThresholds, Dutch label) for the override form.
THRESHOLD_LABELS = (
    ("net_debt", _("Netto schuldquote (1a en 1b)")),
    ("solvency", _("Solvabiliteitsratio")),
    ("land_development", _("Grondexploitatie")),
    ("structural_margin", _("Structurele exploitatieruimte")),
    ("tax_capacity", _("Belastingcapaciteit")),
)


def _percent_field(label) -> forms.DecimalField:
    return forms.DecimalField(label=label, localize=True, decimal_places=2, max_digits=7)


class SignalThresholdsForm(forms.Form):
    """The B band (ondergrens and bovengrens, in %) of each kengetal; both bounds belong to B."""

    def __init__(self, *args, thresholds: SignalThresholds, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, label in THRESHOLD_LABELS:
            lower, upper = getattr(thresholds, name)
            self.fields[f"{name}_lower"] = _percent_field(
                _("%(name)s: ondergrens categorie B (%%)") % {"name": label}
            )
            self.fields[f"{name}_upper"] = _percent_field(
                _("%(name)s: bovengrens categorie B (%%)") % {"name": label}
            )
            self.initial.setdefault(f"{name}_lower", _as_percent(lower))
            self.initial.setdefault(f"{name}_upper", _as_percent(upper))
        style_widgets(self)

    def pairs(self):
        """(label, lower field, upper field) per kengetal, for the template."""
        return [(label, self[f"{name}_lower"], self[f"{name}_upper"]) for name, label in THRESHOLD_LABELS]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        bands = {}
        for name, _label_text in THRESHOLD_LABELS:
            lower, upper = cleaned.get(f"{name}_lower"), cleaned.get(f"{name}_upper")
            if lower is None or upper is None:
                continue
            if lower > upper:
                self.add_error(f"{name}_upper", _("De bovengrens mag niet lager zijn dan de ondergrens."))
                continue
            bands[name] = (float(lower / 100), float(upper / 100))
        if not self.errors:
            try:
                cleaned["thresholds"] = SignalThresholds(**bands)
            except EngineInputError as error:  # pragma: no cover - the checks above catch it first
                raise forms.ValidationError(error.message) from None
        return cleaned


def _as_percent(fraction: float) -> Decimal:
    percent = Decimal(repr(fraction)) * 100
    return percent.quantize(Decimal(1)) if percent == percent.to_integral_value() else percent.normalize()


class IndicatorReadingForm(forms.Form):
    indicator_reading = forms.CharField(
        label=_("Duiding van de kengetallen in samenhang"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Dit tekstvoorstel wordt gegenereerd; pas het aan waar nodig. Het komt in de paragraaf."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class IndicatorImportForm(forms.Form):
    budget_year = forms.IntegerField(label=_("Begrotingsjaar t"), min_value=1990, max_value=2100)
    file = forms.FileField(
        label=_("Excel-bestand (.xlsx)"),
        help_text=_(
            "Een rij per gegeven, een kolom per jaar en soort (bijvoorbeeld „2025 begroting”). Gebruik het sjabloon."
        ),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["budget_year"].widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size is not None and upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        return upload


BAND_FIELDS = ("band_1", "band_2", "band_3", "band_4")


class OrganisationSettingsForm(forms.ModelForm):
    """The policy settings the engine and the risicokaart use. Certainty is entered as a percentage."""

    certainty_percent = forms.DecimalField(
        label=_("Zekerheidspercentage (%)"),
        min_value=Decimal("50"),
        max_value=Decimal("99.9"),
        decimal_places=1,
        localize=True,
        help_text=_("Bijvoorbeeld 90 voor 90% zekerheid."),
    )
    reason = ReasonField()
    band_1 = AmountField(label=_("Gevolgklasse 1 tot en met (€)"), min_value=Decimal("1"), whole=True)
    band_2 = AmountField(label=_("Gevolgklasse 2 tot en met (€)"), min_value=Decimal("1"), whole=True)
    band_3 = AmountField(label=_("Gevolgklasse 3 tot en met (€)"), min_value=Decimal("1"), whole=True)
    band_4 = AmountField(
        label=_("Gevolgklasse 4 tot en met (€)"),
        min_value=Decimal("1"),
        whole=True,
        help_text=_("Een gevolg boven deze grens is gevolgklasse 5."),
    )

    class Meta:
        model = Organisation
        fields = [
            "calculation",
            "calculation_factor",
            "default_shape",
            "structural_years",
            *BAND_FIELDS,
            "norm_minimum",
            "norm_maximum",
            "review_interval_days",
            "signal_response_days",
        ]
        localized_fields = ["norm_minimum", "norm_maximum", "calculation_factor"]

    field_order = [
        "calculation",
        "calculation_factor",
        "certainty_percent",
        "default_shape",
        "structural_years",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        percent = Decimal(self.instance.certainty) * 100
        whole = percent == percent.to_integral_value()
        self.fields["certainty_percent"].initial = int(percent) if whole else percent.quantize(Decimal("0.1"))
        self.fields["norm_minimum"].help_text = _("Bijvoorbeeld 1,0: de ratio moet minstens 1,0 zijn.")
        self.fields["norm_maximum"].help_text = _("Optioneel; leeg laten als er geen maximum is.")
        style_widgets(self)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        require_reason(self)
        bounds = [cleaned.get(name) for name in BAND_FIELDS]
        known = [b for b in bounds if b is not None]
        if len(known) == len(bounds):
            try:
                GevolgBands.from_bounds(float(b) for b in known)
            except EngineInputError:
                self.add_error(
                    "band_1",
                    _(
                        "De bovengrenzen van de gevolgklassen moeten van klasse 1 naar klasse 4 oplopen "
                        "(bijvoorbeeld 50.000, 200.000, 500.000, 1.000.000)."
                    ),
                )
        calculation, factor = cleaned.get("calculation"), cleaned.get("calculation_factor")
        if calculation == Organisation.Calculation.SIMULATION and factor is not None and factor != 1:
            self.add_error(
                "calculation_factor",
                _(
                    "Bij de simulatie hoort geen factor (laat 1 staan): kies het zekerheidspercentage, of een "
                    "rekenmethode als Σ kans × maximaal gevolg of de som van de maxima."
                ),
            )
        minimum, maximum = cleaned.get("norm_minimum"), cleaned.get("norm_maximum")
        if minimum is not None and maximum is not None and maximum < minimum:
            self.add_error(
                "norm_maximum", _("De maximale ratio mag niet kleiner zijn dan de minimale ratio.")
            )
        for name in ("norm_minimum", "norm_maximum"):
            value = cleaned.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("Een ratio kan niet negatief zijn."))
        return cleaned

    def save(self, commit: bool = True) -> Organisation:
        self.instance.certainty = (self.cleaned_data["certainty_percent"] / 100).quantize(Decimal("0.001"))
        return super().save(commit=commit)


class CapacityItemForm(forms.ModelForm):
    """A capacity item with its amounts for the budget year t and the years t+1 … t+3 (DESIGN §6).

    An amount that is not known yet is "PM": the checkbox, or "PM" (p.m., onbekend, nog niet bekend) typed
    as the amount of year t, as a capacity file writes it. A PM item has no amounts: it is listed and never
    counted. An empty later year of an item with an amount is "niet geraamd".
    """

    amount = AmountField(label=_("Bedrag jaar t (€)"), min_value=Decimal("0"), allow_pm=True)
    amount_unknown = forms.BooleanField(label=_("Bedrag nog niet bekend (PM)"), required=False)
    amount_t1 = AmountField(label=_("Bedrag jaar t+1 (€)"), min_value=Decimal("0"), allow_pm=True)
    amount_t2 = AmountField(label=_("Bedrag jaar t+2 (€)"), min_value=Decimal("0"), allow_pm=True)
    amount_t3 = AmountField(label=_("Bedrag jaar t+3 (€)"), min_value=Decimal("0"), allow_pm=True)
    reason = ReasonField()

    LATER_YEARS = ("amount_t1", "amount_t2", "amount_t3")

    class Meta:
        model = CapacityItem
        fields = [
            "name",
            "kind",
            "nature",
            "amount",
            "amount_unknown",
            "amount_t1",
            "amount_t2",
            "amount_t3",
            "explanation",
        ]
        labels = {"name": _("Naam"), "kind": _("Soort"), "nature": _("Aard"), "explanation": _("Toelichting")}
        widgets = {"explanation": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "kind": _(
                "De component van de weerstandscapaciteit. Kies onbenutte belastingcapaciteit alleen als u "
                "die niet laat berekenen; anders telt ze dubbel."
            ),
            "nature": _("Incidenteel: eenmalig inzetbaar. Structureel: elk jaar opnieuw beschikbaar."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"].help_text = _("Nog niet bekend? Typ PM of vink hieronder PM aan.")
        self.fields["amount_unknown"].help_text = _(
            "De post staat dan als PM in de overzichten en de paragraaf, zonder bedragen, en telt niet mee "
            "in de totalen en de ratio (PM is niet € 0)."
        )
        self.fields["amount_t1"].help_text = _(
            "Leeg laten als het bedrag voor dat jaar niet is geraamd; het jaar krijgt dan geen totaal."
        )
        if self.instance.pk is None:
            self.fields["reason"].help_text = _(
                "Optioneel bij een nieuwe post, bijvoorbeeld de bron van het bedrag."
            )
        style_widgets(self)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        typed_pm = cleaned.get("amount") == PM
        if typed_pm:
            cleaned["amount"] = None
        if cleaned.get("amount_unknown") and cleaned.get("amount") is not None:
            self.add_error("amount", _("Bij PM hoort geen bedrag: laat het bedrag leeg of vink PM uit."))
        pm = typed_pm or bool(cleaned.get("amount_unknown"))
        cleaned["amount_unknown"] = pm
        if not pm and "amount" in cleaned and cleaned["amount"] is None:
            self.add_error(
                "amount",
                _("Vul het bedrag voor jaar t in. Nog niet bekend? Typ PM of vink PM aan."),
            )
        for name in self.LATER_YEARS:
            value = cleaned.get(name)
            if value == PM:
                cleaned[name] = None
                if not pm:
                    self.add_error(
                        name,
                        _(
                            "PM geldt voor de hele post (vanaf jaar t). Is alleen dit jaar nog niet "
                            "geraamd, laat het dan leeg."
                        ),
                    )
            elif pm and value is not None:
                self.add_error(
                    name,
                    _("Een post met bedrag PM heeft nog geen bedragen voor latere jaren: laat dit leeg."),
                )
        if self.instance.pk is not None:
            require_reason(self)
        return cleaned


class RatioBandForm(forms.Form):
    """One class of the organisation's own ratio scale: letter, description and lower bound."""

    letter = forms.CharField(label=_("Klasse"), max_length=12, required=False)
    label = forms.CharField(label=_("Omschrijving"), max_length=100, required=False)
    lower = forms.DecimalField(
        label=_("Ondergrens (ratio)"),
        required=False,
        localize=True,
        decimal_places=3,
        max_digits=7,
        help_text=_("Leeg bij de laagste klasse."),
    )
    includes_lower = forms.BooleanField(
        label=_("Ondergrens hoort bij deze klasse"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)
        # Shown as one row of a table: each input names its field and row for screen readers.
        row = self.prefix.rsplit("-", 1)[-1] if self.prefix else ""
        number = f", klasse {int(row) + 1}" if row.isdigit() else ""
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label}{number}"


RatioBandFormSet = forms.formset_factory(RatioBandForm, extra=2, min_num=2, max_num=10, validate_min=True)


def scale_from_formset(formset) -> RatioScale:
    """The scale the rows describe, highest class first; empty rows are skipped. Raises EngineInputError
    (field "schaal") with a Dutch message when the classes do not form a scale."""
    bands = [
        RatioBand(
            letter=row["letter"].strip(),
            label=row["label"].strip(),
            lower=None if row.get("lower") is None else float(row["lower"]),
            includes_lower=bool(row.get("includes_lower")),
        )
        for row in formset.cleaned_data
        if row and (row.get("letter") or row.get("label") or row.get("lower") is not None)
    ]
    return RatioScale(tuple(bands))


class ScaleReasonForm(forms.Form):
    reason = ReasonField(required=True)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)
