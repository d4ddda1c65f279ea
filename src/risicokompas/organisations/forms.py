# SPDX-License-Identifier: EUPL-1.2
"""Forms for the organisation's policy settings and its capacity items, with Dutch number input."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from risicokompas.engine.errors import EngineInputError
from risicokompas.engine.riskmap import GevolgBands
from risicokompas.organisations.models import CapacityItem, Organisation
from risicokompas.web.fields import AmountField

BAND_FIELDS = ("band_1", "band_2", "band_3", "band_4")
WIDGET_CLASSES = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.NumberInput: "utrecht-textbox utrecht-textbox--html-input",
}


def style_widgets(form: forms.BaseForm) -> None:
    """Give every widget its NL Design System (Utrecht) class."""
    for field in form.fields.values():
        for widget_type, css_class in WIDGET_CLASSES.items():
            if isinstance(field.widget, widget_type):
                field.widget.attrs.setdefault("class", css_class)
                break


class ReasonField(forms.CharField):
    """Why a setting or capacity item changes: kept in its history (who, when, why)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Reden van de wijziging"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Bijvoorbeeld: jaarrekening 2025, raadsbesluit of herziene raming. Wordt bewaard.")
        )
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"})
        )
        super().__init__(**kwargs)


def require_reason(form: forms.Form) -> None:
    """A change needs a reason; saving an unchanged form does not."""
    changed = [name for name in form.changed_data if name != "reason"]
    if changed and not form.cleaned_data.get("reason", "").strip():
        form.add_error(
            "reason", _("Geef een reden voor deze wijziging; die wordt bewaard in de geschiedenis.")
        )


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
            "default_shape",
            "structural_years",
            *BAND_FIELDS,
            "norm_minimum",
            "norm_maximum",
            "review_interval_days",
            "signal_response_days",
        ]
        localized_fields = ["norm_minimum", "norm_maximum"]

    field_order = ["certainty_percent", "default_shape", "structural_years"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        percent = Decimal(self.instance.certainty) * 100
        whole = percent == percent.to_integral_value()
        self.fields["certainty_percent"].initial = int(percent) if whole else percent.quantize(Decimal("0.1"))
        self.fields["norm_minimum"].help_text = _("Bijvoorbeeld 1,0: de ratio moet minstens 1,0 zijn.")
        self.fields["norm_maximum"].help_text = _("Optioneel; leeg laten als er geen maximum is.")
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        require_reason(self)
        bounds = [cleaned.get(name) for name in BAND_FIELDS]
        if all(b is not None for b in bounds):
            try:
                GevolgBands(tuple(float(b) for b in bounds))
            except EngineInputError:
                self.add_error(
                    "band_1",
                    _(
                        "De bovengrenzen van de gevolgklassen moeten van klasse 1 naar klasse 4 oplopen "
                        "(bijvoorbeeld 50.000, 200.000, 500.000, 1.000.000)."
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
    """A capacity item with its amounts for the budget year t and the years t+1 … t+3 (DESIGN §6)."""

    amount = AmountField(label=_("Bedrag jaar t (€)"), min_value=Decimal("0"), required=True)
    amount_t1 = AmountField(label=_("Bedrag jaar t+1 (€)"), min_value=Decimal("0"))
    amount_t2 = AmountField(label=_("Bedrag jaar t+2 (€)"), min_value=Decimal("0"))
    amount_t3 = AmountField(label=_("Bedrag jaar t+3 (€)"), min_value=Decimal("0"))
    reason = ReasonField()

    class Meta:
        model = CapacityItem
        fields = ["name", "kind", "nature", "amount", "amount_t1", "amount_t2", "amount_t3", "explanation"]
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
        self.fields["amount_t1"].help_text = _("Leeg laten als het bedrag voor dat jaar onbekend is.")
        if self.instance.pk is None:
            self.fields["reason"].help_text = _(
                "Optioneel bij een nieuwe post, bijvoorbeeld de bron van het bedrag."
            )
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            require_reason(self)
        return cleaned
