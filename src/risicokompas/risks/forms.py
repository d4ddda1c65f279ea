# SPDX-License-Identifier: EUPL-1.2
"""Forms for risks and measures: Dutch numbers in, exact Decimals out, errors on the field they concern.

Parsing reuses the register file's value parsers, so "30%", "30,5" and "€ 1.250.000" mean the same here as
in an imported spreadsheet. Shape parameters are checked by building the engine's impact, so the form refuses
exactly what the simulation would refuse.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from risicokompas.engine import EngineInputError
from risicokompas.engine.present import format_exact as format_number
from risicokompas.organisations.models import Membership
from risicokompas.registerfile.values import ValueProblem, parse_decimal, parse_probability
from risicokompas.risks import owners
from risicokompas.risks.fields import FORM_FIELDS
from risicokompas.risks.models import Measure, Risk
from risicokompas.risks.profile import impact_of
from risicokompas.ui.fields import AmountField

#: Engine field names → form field names, to put an engine complaint next to the right input.
ENGINE_FIELDS = {
    "gevolg_min": "impact_min",
    "gevolg_modus": "impact_mode",
    "gevolg_max": "impact_max",
    "gevolg": "impact_max",
    "verdeling": "shape",
}
TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
NUMBER = {**TEXT, "inputmode": "decimal", "autocomplete": "off"}


class PercentField(forms.CharField):
    """A probability, read by the one rule the register file and the API use
    (``registerfile.values.parse_probability``): "30%", "30" and "0,3" are all 30%; "1%" is 1%.
    Cleaned to a 0–1 Decimal; shown back with its % sign so it reads back the same."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs=NUMBER))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
            return format_number(Decimal(str(value)) * 100) + "%"
        return value

    def to_python(self, value):  # Decimal or None; unannotated like AmountField: CharField types it str
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        try:
            fraction = parse_probability(text)
        except ValueProblem as problem:
            raise ValidationError(problem.message, code="invalid") from None
        return Decimal(repr(fraction)).quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)


class FactorField(forms.CharField):
    """A factor 0–1 typed the Dutch way ("0,5")."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs=NUMBER))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_number(value)
        return value

    def to_python(self, value):  # Decimal or None; unannotated like AmountField: CharField types it str
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        try:
            factor = parse_decimal(text)
        except (ValueError, InvalidOperation):
            raise ValidationError(_("'%s' is geen geldig getal (bijvoorbeeld 0,5)") % text) from None
        if not 0 <= factor <= 1:
            raise ValidationError(_("%s ligt niet tussen 0 en 1") % format_number(factor))
        return factor.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def owner_choices(organisation, current_owner_id: int | None = None):
    """Who can own a risk: the organisation's risico-eigenaren and controllers (and the current owner)."""
    return owners.candidates(organisation, current_owner_id)


#: The value of a function (without an account) in the owner select; a member's value is their pk.
FUNCTION_PREFIX = "functie:"


class FunctionOwner(str):
    """A function chosen as owner (the text for ``Risk.owner_label``), told apart from a member."""


class OwnerChoiceField(forms.ModelChoiceField):
    """A member (``queryset``) or a function without an account (``functions``), in two groups."""

    def __init__(self, queryset, *, functions=(), **kwargs) -> None:
        self.functions = tuple(functions)  # before super(): setting the queryset reads the choices
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, membership: Membership) -> str:
        return owners.member_label(membership)

    def _get_choices(self):
        choices: list = [("", self.empty_label)]
        members = [(str(m.pk), self.label_from_instance(m)) for m in self.queryset or ()]
        if members:
            choices.append((_("Personen"), members))
        if self.functions:
            functions = [(FUNCTION_PREFIX + name, name) for name in self.functions]
            choices.append((_("Functies zonder account"), functions))
        return choices

    choices = property(_get_choices, forms.ChoiceField.choices.fset)  # type: ignore[union-attr]

    def prepare_value(self, value):
        if isinstance(value, FunctionOwner):
            return FUNCTION_PREFIX + value
        return super().prepare_value(value)

    def to_python(self, value):
        if isinstance(value, str) and value.startswith(FUNCTION_PREFIX):
            name = value.removeprefix(FUNCTION_PREFIX)
            if name not in self.functions:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            return FunctionOwner(name)
        return super().to_python(value)


class RiskForm(forms.ModelForm):
    """Create or change a risk. ``values()`` is what the service receives."""

    probability = PercentField(
        label=gettext_lazy("Kans"),
        help_text=gettext_lazy("Kans per jaar, bijvoorbeeld 30% of 0,3 (hetzelfde). Eén procent: 1%."),
    )
    impact_min = AmountField(label=gettext_lazy("Minimaal gevolg (€)"))
    impact_mode = AmountField(label=gettext_lazy("Meest waarschijnlijk gevolg (€)"))
    impact_max = AmountField(
        label=gettext_lazy("Maximaal gevolg (€)"), help_text=gettext_lazy("Bijvoorbeeld 1.250.000.")
    )
    reason = forms.CharField(
        label=gettext_lazy("Reden van de wijziging"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea utrecht-textarea--html-textarea"}),
        help_text=gettext_lazy("Verplicht als de kans, het gevolg of de status verandert."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Risk
        fields = list(FORM_FIELDS)
        widgets = {"review_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", **TEXT})}

    def __init__(self, *args, organisation, may_choose_owner: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if may_choose_owner:
            label = self.instance.owner_label if self.instance.owner_id is None else ""
            functions = owners.function_names(organisation)
            if label and label not in functions:
                functions.append(label)  # an imported text stays choosable until someone changes it
            self.fields["owner"] = OwnerChoiceField(
                queryset=owner_choices(organisation, self.instance.owner_id),
                functions=sorted(functions, key=str.casefold),
                required=False,
                label=self.fields["owner"].label,
                empty_label=_("(geen)"),
                help_text=_("Een persoon met een account, of een functie zonder account."),
            )
            if label:
                self.initial["owner"] = FunctionOwner(label)
        else:
            del self.fields["owner"]  # a risico-eigenaar keeps their own risks
        if not self.instance.pk:
            del self.fields["reason"]
        self.fields["version"].initial = self.instance.version
        self.fields["version"].required = bool(self.instance.pk)  # no edit without optimistic locking
        self.fields["shape"].label = _("Verdeling van het gevolg")
        self.fields["shape"].help_text = _("Leeg: de standaard van de organisatie (%s).") % (
            organisation.get_default_shape_display()
        )
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "utrecht-textarea utrecht-textarea--html-textarea")
                widget.attrs["rows"] = 3
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "utrecht-select utrecht-select--html-select")
            elif not isinstance(widget, forms.CheckboxInput | forms.HiddenInput):
                widget.attrs.setdefault("class", TEXT["class"])
            if name in self.fields and field.label:
                field.label = str(field.label)[:1].upper() + str(field.label)[1:]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        others = Risk.objects.filter(organisation=self.organisation, code=code).exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(_("Er is al een risico met id %s.") % code)
        return code

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if "owner" in self.fields and "owner" in data:
            # One owner: a member, or a function's name (the model field keeps the member only).
            owner = data["owner"]
            data["owner_label"] = str(owner) if isinstance(owner, FunctionOwner) else ""
            data["owner"] = None if isinstance(owner, FunctionOwner) else owner
        amounts = [data.get(name) for name in ("impact_min", "impact_mode")]
        if data.get("impact_max") is None:
            if any(amount is not None for amount in amounts) and "impact_max" not in self.errors:
                self.add_error("impact_max", _("Vul ook het maximale gevolg in."))
            return data
        trial = Risk(
            shape=data.get("shape") or "",
            impact_min=data.get("impact_min"),
            impact_mode=data.get("impact_mode"),
            impact_max=data["impact_max"],
        )
        try:
            impact_of(trial, self.organisation.default_shape)
        except EngineInputError as error:
            field = ENGINE_FIELDS.get(error.field, "impact_max")
            if field not in self.errors:
                self.add_error(field, error.message[:1].upper() + error.message[1:] + ".")
        return data

    def values(self) -> dict:
        """The risk's fields as the service takes them."""
        values = {name: self.cleaned_data[name] for name in self.fields if name not in ("reason", "version")}
        if "owner" in values:
            values["owner_label"] = self.cleaned_data["owner_label"]
        return values


class MeasureForm(forms.ModelForm):
    probability_after = PercentField(
        label=gettext_lazy("Kans na de maatregel"),
        help_text=gettext_lazy("Verwachte kans per jaar als de maatregel is uitgevoerd, bijvoorbeeld 10%."),
    )
    impact_factor = FactorField(
        label=gettext_lazy("Gevolg na de maatregel (factor)"),
        help_text=gettext_lazy("Bijvoorbeeld 0,5 als de maatregel het gevolg halveert."),
    )

    class Meta:
        model = Measure
        fields = ["description", "status", "owner_label", "due_date", "probability_after", "impact_factor"]
        widgets = {
            "description": forms.Textarea(
                attrs={"rows": 3, "class": "utrecht-textarea utrecht-textarea--html-textarea"}
            ),
            "status": forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
            "owner_label": forms.TextInput(attrs=TEXT),
            "due_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", **TEXT}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = str(field.label)[:1].upper() + str(field.label)[1:]

    def values(self) -> dict:
        return dict(self.cleaned_data)
