# SPDX-License-Identifier: EUPL-1.2
"""Forms for planning a conversation, recording decisions and actions, and the pre-mortem."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from risicokompas.conversations.models import Action, AgendaItem, Conversation
from risicokompas.organisations.models import Membership
from risicokompas.risks.display import person
from risicokompas.risks.forms import PercentField
from risicokompas.risks.models import Risk
from risicokompas.ui.fields import AmountField

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
AREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", **TEXT})


def _capitalised(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if field.label:
            field.label = str(field.label)[:1].upper() + str(field.label)[1:]


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, membership: Membership) -> str:
        return f"{person(membership)} ({membership.get_role_display()})"


class MembersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership: Membership) -> str:
        team = f", {membership.team}" if membership.team else ""
        return f"{person(membership)} ({membership.get_role_display()}{team})"


class RiskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, risk: Risk) -> str:
        return f"{risk.code} {risk.name}"


def members(organisation):
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


class ConversationForm(forms.ModelForm):
    class Meta:
        model = Conversation
        fields = ["title", "kind", "programme", "date", "subject_risk", "participants"]
        widgets = {
            "title": forms.TextInput(attrs=TEXT),
            "kind": forms.RadioSelect,
            "programme": forms.TextInput(attrs=TEXT),
            "date": DATE,
        }

    def __init__(self, *args, organisation, fixed_programme: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_programme = fixed_programme
        self.fields["participants"] = MembersChoiceField(
            queryset=members(organisation),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=gettext_lazy("Deelnemers"),
        )
        self.fields["subject_risk"] = RiskChoiceField(
            queryset=organisation.risks.order_by("code"),
            required=False,
            label=gettext_lazy("Opgetreden risico (bij een evaluatie)"),
            empty_label=_("(geen)"),
            widget=forms.Select(attrs=SELECT),
        )
        if fixed_programme is not None:
            self.fields["programme"].disabled = True
            self.fields["programme"].initial = fixed_programme
            self.fields["programme"].help_text = _(
                "Een risico-eigenaar plant gesprekken voor het eigen team."
            )
        _capitalised(self)

    def clean_programme(self) -> str:
        if self.fixed_programme is not None:
            return self.fixed_programme
        return self.cleaned_data["programme"].strip()


class DecisionForm(forms.Form):
    """One decision on an agenda item; the fields a decision needs are checked in ``clean``."""

    notes = forms.CharField(
        label=gettext_lazy("Aantekeningen"), required=False, widget=forms.Textarea(attrs=AREA)
    )
    decision = forms.ChoiceField(
        label=gettext_lazy("Besluit"),
        choices=[c for c in AgendaItem.Decision.choices if c[0]],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=gettext_lazy("Toelichting bij het besluit"),
        required=False,
        widget=forms.Textarea(attrs=AREA),
        help_text=gettext_lazy("Komt als reden in de geschiedenis van het risico."),
    )
    probability = PercentField(
        label=gettext_lazy("Nieuwe kans"), help_text=gettext_lazy("Bijvoorbeeld 30% of 0,3.")
    )
    impact_max = AmountField(label=gettext_lazy("Nieuw maximaal gevolg (€)"))
    new_code = forms.CharField(
        label=gettext_lazy("Id van het nieuwe risico"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs=TEXT),
        help_text=gettext_lazy("Leeg: er wordt een id gekozen."),
    )
    new_name = forms.CharField(
        label=gettext_lazy("Naam van het nieuwe risico"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs=TEXT),
    )
    measure_description = forms.CharField(
        label=gettext_lazy("Afgesproken maatregel"), required=False, widget=forms.Textarea(attrs=AREA)
    )
    measure_owner = forms.CharField(
        label=gettext_lazy("Uitvoerder van de maatregel"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=TEXT),
    )
    measure_due = forms.DateField(label=gettext_lazy("Maatregel gereed vóór"), required=False, widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, item: AgendaItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        if item.risk is None:  # only decisions that do not need an existing risk
            decision = cast(forms.ChoiceField, self.fields["decision"])  # declared above
            decision.choices = [c for c in AgendaItem.Decision.choices if c[0] in ("nieuw risico", "geen")]
        else:
            self.fields["version"].initial = item.risk.version
            self.fields["probability"].initial = item.risk.probability
            self.fields["impact_max"].initial = item.risk.impact_max

    def clean(self):
        super().clean()
        data = self.cleaned_data
        decision = data.get("decision")
        D = AgendaItem.Decision
        if decision and decision != D.NOTHING and not data.get("text", "").strip():
            self.add_error("text", _("Beschrijf het besluit; het komt in de geschiedenis van het risico."))
        if decision == D.CHANGED:
            for name in ("probability", "impact_max"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Vul de nieuwe waarde in."))
        if decision == D.NEW_RISK and not data.get("new_name", "").strip():
            self.add_error("new_name", _("Geef het nieuwe risico een naam."))
        if decision == D.MEASURE and not data.get("measure_description", "").strip():
            self.add_error("measure_description", _("Beschrijf de maatregel."))
        return data

    def estimate(self) -> dict:
        return {
            "probability": self.cleaned_data["probability"],
            "impact_max": self.cleaned_data["impact_max"],
        }

    def new_risk(self) -> dict:
        data = self.cleaned_data
        return {
            "code": data["new_code"].strip(),
            "name": data["new_name"].strip(),
            "probability": data["probability"] if data["probability"] is not None else None,
            "impact_max": data["impact_max"],
        }

    def measure(self) -> dict:
        data = self.cleaned_data
        return {
            "description": data["measure_description"].strip(),
            "owner_label": data["measure_owner"].strip(),
            "due_date": data["measure_due"],
        }


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Onderwerp"), max_length=300, widget=forms.TextInput(attrs=TEXT)
    )

    def __init__(self, *args, organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["risk"] = RiskChoiceField(
            queryset=organisation.risks.filter(status=Risk.Status.OPEN).order_by("code"),
            required=False,
            label=_("Over risico"),
            empty_label=_("(geen)"),
            widget=forms.Select(attrs=SELECT),
        )


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["description", "owner", "due_date", "agenda_item"]
        widgets = {"description": forms.Textarea(attrs=AREA), "due_date": DATE}

    def __init__(self, *args, conversation: Conversation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = MemberChoiceField(
            queryset=members(conversation.organisation),
            required=False,
            label=_("Eigenaar"),
            empty_label=_("(geen)"),
            widget=forms.Select(attrs=SELECT),
        )
        # The form field of the agenda_item foreign key: a ModelChoiceField.
        agenda_item = cast(forms.ModelChoiceField, self.fields["agenda_item"])
        agenda_item.queryset = conversation.items.filter(removed=False)
        agenda_item.empty_label = _("(geen)")
        agenda_item.widget.attrs.update(SELECT)
        _capitalised(self)

    def clean_description(self) -> str:
        text = self.cleaned_data["description"].strip()
        if not text:
            raise ValidationError(_("Beschrijf de actie."))
        return text


class PremortemForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Het is een jaar later en het project is mislukt. Waarom?"),
        widget=forms.Textarea(attrs=AREA),
        help_text=gettext_lazy("Anderen zien uw punt pas als de ronde is gesloten, en nooit van wie het is."),
    )
