# SPDX-License-Identifier: EUPL-1.2
"""Forms of the snapshot pages: freeze, approve, texts and what-if (its choices come from the frozen JSON)."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from risicokompas.paragraph.freeze import TEXT_BLOCKS, Inputs
from risicokompas.paragraph.models import Snapshot
from risicokompas.reports.snapshot import EXAMPLES_KEY, MAX_EXAMPLES, examples_of
from risicokompas.snapshot import given, inputs_of
from risicokompas.ui.fields import TEXT_ATTRS, AmountField

TEXTAREA_ATTRS = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 8}
DATE_ATTRS = {**TEXT_ATTRS, "type": "date"}


class SnapshotCreateForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, widget=forms.TextInput(attrs=TEXT_ATTRS))
    document = forms.ChoiceField(
        label=_("Document"),
        choices=Snapshot.Document.choices,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    year = forms.IntegerField(
        label=_("Begrotingsjaar t"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs=TEXT_ATTRS),
    )
    reference_date = forms.DateField(label=_("Peildatum"), widget=forms.DateInput(attrs=DATE_ATTRS))


class ApprovalForm(forms.Form):
    decision_reference = forms.CharField(
        label=_("Besluit (kenmerk)"),
        max_length=200,
        help_text=_("Bijvoorbeeld het kenmerk van het collegebesluit."),
        widget=forms.TextInput(attrs=TEXT_ATTRS),
    )


#: Form fields of the examples in section 8 ("voorbeeld_1" …), stored together under ``EXAMPLES_KEY``.
EXAMPLE_FIELDS = tuple(f"voorbeeld_{n}" for n in range(1, MAX_EXAMPLES + 1))
EXAMPLE_ATTRS = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}


class TextsForm(forms.Form):
    """The snapshot's text blocks, and up to three short examples for "Risicobeheersing en
    risicobewustzijn" (stored as one list under ``EXAMPLES_KEY``)."""

    def __init__(self, *args, **kwargs) -> None:
        initial = dict(kwargs.pop("initial", None) or {})
        for name, example in zip(EXAMPLE_FIELDS, examples_of(initial), strict=False):
            initial[name] = example
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for key, label in TEXT_BLOCKS:
            self.fields[key] = forms.CharField(
                label=_(label), required=False, widget=forms.Textarea(attrs=TEXTAREA_ATTRS)
            )
        for number, name in enumerate(EXAMPLE_FIELDS, start=1):
            self.fields[name] = forms.CharField(
                label=_("Voorbeeld %(n)s") % {"n": number},
                required=False,
                max_length=600,
                widget=forms.Textarea(attrs=EXAMPLE_ATTRS),
            )

    def text_fields(self) -> list:
        return [self[key] for key, _label in TEXT_BLOCKS]

    def example_fields(self) -> list:
        return [self[name] for name in EXAMPLE_FIELDS]

    def texts(self) -> dict[str, str | list[str]]:
        """The cleaned texts as stored in ``Snapshot.texts``."""
        texts: dict[str, str | list[str]] = {key: self.cleaned_data[key] for key, _label in TEXT_BLOCKS}
        examples = [
            self.cleaned_data[name].strip() for name in EXAMPLE_FIELDS if self.cleaned_data[name].strip()
        ]
        if examples:
            texts[EXAMPLES_KEY] = examples
        return texts


class WhatIfForm(forms.Form):
    """Choices are the snapshot's planned measures, counted risks and capacity items."""

    measures = forms.TypedMultipleChoiceField(
        label=_("Geplande maatregelen toepassen"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    remove = forms.MultipleChoiceField(
        label=_("Risico's weglaten"), required=False, widget=forms.CheckboxSelectMultiple
    )
    capacity_item = forms.TypedChoiceField(
        label=_("Capaciteitspost wijzigen"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    new_amount = AmountField(label=_("Nieuw bedrag van die post (€)"), min_value=Decimal("0"))

    def __init__(self, *args, inputs: Inputs, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.inputs = inputs = inputs_of(inputs)
        # The three choice fields are declared above; the choices come from the frozen inputs.
        measures = cast(forms.ChoiceField, self.fields["measures"])
        remove = cast(forms.ChoiceField, self.fields["remove"])
        capacity_item = cast(forms.ChoiceField, self.fields["capacity_item"])
        measures.choices = [
            (m.id, f"{risk.code}: {m.description[:80]}")
            for risk in inputs.risks
            for m in risk.measures
            if m.status == "gepland" and m.changes_estimate
        ]
        remove.choices = [(risk.code, f"{risk.code} {risk.name}") for risk in inputs.risks if risk.quantified]
        capacity_item.choices = [("", _("(geen)"))] + [
            (index, f"{item.name} (PM)" if item.amount_unknown else item.name)
            for index, item in enumerate(inputs.capacity_items)
        ]

    def groups(self, name: str) -> list[tuple[str, list, bool]]:
        """The options of the ``measures`` or ``remove`` field grouped by the risk's programma, in order,
        each group with whether one of its options is chosen (so it opens)."""
        programme = {r.code: r.programme.strip() or str(_("Zonder programma")) for r in self.inputs.risks}
        group_of = {str(m.id): programme[r.code] for r in self.inputs.risks for m in r.measures}
        if name == "remove":
            group_of = {code: label for code, label in programme.items()}
        grouped: dict[str, list] = {}
        for option in self[name]:
            grouped.setdefault(group_of.get(str(option.data["value"]), str(_("Overig"))), []).append(option)
        return [
            (label, options, any(o.data["selected"] for o in options))
            for label, options in sorted(grouped.items())
        ]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("capacity_item") is not None and data.get("new_amount") is None:
            self.add_error("new_amount", _("Vul het nieuwe bedrag van de gekozen capaciteitspost in."))
        return data

    def capacity_delta(self) -> Decimal:
        index = self.cleaned_data.get("capacity_item")
        if index is None:
            return Decimal("0")
        item = self.inputs.capacity_items[index]
        # A PM item counts nothing: its new amount is what the variant adds.
        old = Decimal("0") if item.amount_unknown else given(item.amount, f"capacity_items[{index}].amount")
        return Decimal(self.cleaned_data["new_amount"]) - old
