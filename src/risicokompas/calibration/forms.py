# SPDX-License-Identifier: EUPL-1.2
"""The form to record an event: what happened, when, what it cost, and which risks it realised."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from risicokompas.calibration.models import Event
from risicokompas.risks.models import Risk
from risicokompas.ui.fields import AmountField
from risicokompas.ui.forms import style_widgets


class RiskChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Risk) -> str:
        return f"{obj.code} {obj.name}"


class EventForm(forms.ModelForm):
    amount = AmountField(label=_("Bedrag (€)"), required=True, min_value=Decimal("0"))
    risks = RiskChoiceField(
        label=_("Risico's die hiermee zijn opgetreden"),
        queryset=Risk.objects.none(),
        required=False,
        help_text=_(
            "Kies een of meer risico's uit het register. Stond het verlies niet in het register? "
            "Kies dan geen risico en vink ‘Niet in het register’ aan."
        ),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    surprise = forms.BooleanField(
        label=_("Niet in het register"),
        required=False,
        help_text=_("Een verlies dat in geen enkel risico was voorzien."),
    )

    class Meta:
        model = Event
        fields = ["date", "amount", "description", "programme"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, risks: QuerySet[Risk], allow_surprise: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["risks"]).queryset = risks
        if not allow_surprise:
            del self.fields["surprise"]
        style_widgets(self)
        self.fields["date"].widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")

    def clean_date(self) -> datetime.date:
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("Een gebeurtenis is al gebeurd: kies een datum die niet in de toekomst ligt.")
            )
        return day

    def clean(self) -> dict:
        data = super().clean() or {}
        chosen = data.get("risks")
        surprise = data.get("surprise", False)
        if chosen and surprise:
            raise forms.ValidationError(_("Kies risico's óf ‘Niet in het register’, niet allebei."))
        if not chosen and not surprise:
            if "surprise" in self.fields:
                raise forms.ValidationError(
                    _("Kies de risico's die zijn opgetreden, of ‘Niet in het register’.")
                )
            self.add_error("risks", _("Kies de risico's die zijn opgetreden."))
        return data

    def values(self) -> dict:
        return {key: self.cleaned_data[key] for key in ("date", "amount", "description", "programme")}


class CalibrationFilterForm(forms.Form):
    """Which years and programme the calibration page shows."""

    jaar = forms.ChoiceField(label=_("Jaar"), required=False)
    programma = forms.ChoiceField(label=_("Programma"), required=False)

    def __init__(self, *args, years: tuple[int, ...], programmes: tuple[str, ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["jaar"]).choices = [("", _("Alle jaren"))] + [
            (str(y), str(y)) for y in years
        ]
        cast(forms.ChoiceField, self.fields["programma"]).choices = [("", _("Alle programma's"))] + [
            (p, p) for p in programmes
        ]
        style_widgets(self)

    def selection(self) -> tuple[tuple[int, ...] | None, str]:
        if not self.is_valid():
            return None, ""
        year = self.cleaned_data.get("jaar") or ""
        return ((int(year),) if year else None), self.cleaned_data.get("programma") or ""
