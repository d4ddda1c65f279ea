# SPDX-License-Identifier: EUPL-1.2
"""Forms for rules, deviations, the deliberation, precedents, the rule owner's decision and the appetite.

Every free-text field that could describe a case carries the privacy warning: no citizen's personal data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from risicokompas.deviations.models import (
    Deliberation,
    Deviation,
    DeviationSettings,
    Mandate,
    Precedent,
    Rule,
    RuleReview,
    Value,
)
from risicokompas.organisations.models import Membership
from risicokompas.risks.models import Risk
from risicokompas.ui.fields import AmountField

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
DATE = forms.DateInput(attrs={**TEXT, "type": "date"}, format="%Y-%m-%d")
PRIVACY = gettext_lazy(
    "Geen persoonsgegevens van inwoners: geen namen, adressen, BSN of herleidbare details."
)


def _text(help_text=PRIVACY) -> dict:
    return {"widget": forms.Textarea(attrs=TEXTAREA), "help_text": help_text}


class RiskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, risk: Risk) -> str:
        return f"{risk.code} {risk.name}"


class RisksChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, risk: Risk) -> str:
        return f"{risk.code} {risk.name}"


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, membership: Membership) -> str:
        user = membership.user
        name = user.get_full_name() or user.get_username()
        return f"{name} ({membership.get_role_display()})"


class RuleForm(forms.ModelForm):
    class Meta:
        model = Rule
        fields = [
            "title",
            "kind",
            "purpose",
            "legal_basis",
            "hardship_clause",
            "mandate",
            "owner",
            "owner_team",
            "risks",
            "review_date",
            "active",
        ]
        widgets = {
            "title": forms.TextInput(attrs=TEXT),
            "kind": forms.Select(attrs=SELECT),
            "purpose": forms.Textarea(attrs=TEXTAREA),
            "legal_basis": forms.TextInput(attrs=TEXT),
            "mandate": forms.Select(attrs=SELECT),
            "owner_team": forms.TextInput(attrs=TEXT),
            "review_date": DATE,
        }
        help_texts = {
            "purpose": gettext_lazy("De bedoeling in gewone woorden: waarom bestaat deze regel?"),
            "legal_basis": gettext_lazy("Bijvoorbeeld een artikel uit een verordening of de Awb."),
            "mandate": gettext_lazy("Wie mag besluiten om van deze regel af te wijken?"),
        }

    def __init__(self, *args, organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = MemberChoiceField(
            label=_("Regeleigenaar"),
            queryset=organisation.memberships.select_related("user").order_by("user__username"),
            required=False,
            widget=forms.Select(attrs=SELECT),
        )
        self.fields["risks"] = RisksChoiceField(
            label=_("Welke risico's beheerst deze regel?"),
            queryset=Risk.objects.filter(organisation=organisation).order_by("code"),
            required=False,
            widget=forms.SelectMultiple(attrs={**SELECT, "size": 6}),
            help_text=_(
                "Koppeling met het risicoregister. Houd Ctrl (of Cmd) ingedrukt om er meer te kiezen."
            ),
        )


class DeviationForm(forms.ModelForm):
    """Recording a deviation: before acting (voorgenomen) or right after (uitgevoerd)."""

    new_risk_name = forms.CharField(
        label=gettext_lazy("Of: neem het aanvaarde risico op als nieuw risico"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs=TEXT),
        help_text=gettext_lazy("De naam van het nieuwe risico; de risico-eigenaar vult de inschatting aan."),
    )
    financial_effect = AmountField(
        label=gettext_lazy("Verwachte kosten of financieel effect (€, optioneel)"),
        help_text=gettext_lazy("Bijvoorbeeld 1.250. Telt mee in de rechtmatigheidsverantwoording."),
    )

    class Meta:
        model = Deviation
        fields = [
            "rule",
            "status",
            "acted_on",
            "situation",
            "why_letter_defeats_purpose",
            "what_instead",
            "alternatives",
            "decided_by_level",
            "decided_by_name",
            "accepted_risk_text",
            "accepted_risk",
            "financial_effect",
        ]
        widgets = {"acted_on": DATE, "decided_by_name": forms.TextInput(attrs=TEXT)}

    def __init__(self, *args, organisation, may_create_risks: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"] = forms.ModelChoiceField(
            label=_("Van welke regel wijkt u af?"),
            queryset=Rule.objects.filter(organisation=organisation, active=True),
            empty_label=_("(kies een regel)"),
            widget=forms.Select(attrs=SELECT),
        )
        self.fields["status"] = forms.ChoiceField(
            label=_("Wanneer legt u dit vast?"),
            choices=[
                (Deviation.Status.INTENDED, _("Vóór het handelen (voorgenomen)")),
                (Deviation.Status.DONE, _("Direct na het handelen (uitgevoerd)")),
            ],
            widget=forms.RadioSelect,
            initial=Deviation.Status.INTENDED,
        )
        self.fields["decided_by_level"] = forms.TypedChoiceField(
            label=_("Wie besloot tot de afwijking?"),
            choices=Mandate.choices,
            coerce=int,
            widget=forms.Select(attrs=SELECT),
            help_text=_(
                "Ligt dit onder het mandaat van de regel, dan wordt de afwijking voorgelegd aan wie wel bevoegd is."
            ),
        )
        self.fields["accepted_risk"] = RiskChoiceField(
            label=_("Aanvaard risico in het register (optioneel)"),
            queryset=Risk.objects.filter(organisation=organisation, status=Risk.Status.OPEN).order_by("code"),
            required=False,
            empty_label=_("(geen koppeling)"),
            widget=forms.Select(attrs=SELECT),
        )
        if not may_create_risks:
            del self.fields["new_risk_name"]
        labels = {
            "acted_on": _("Datum van (voorgenomen) handelen"),
            "situation": _("De situatie"),
            "why_letter_defeats_purpose": _("Waarom werkt het volgen van de letter hier de bedoeling tegen?"),
            "what_instead": _("Wat is er in plaats daarvan gedaan?"),
            "alternatives": _("Welke alternatieven zijn afgewogen?"),
            "decided_by_name": _("Functie van wie besloot (optioneel)"),
            "accepted_risk_text": _("Welk risico wordt aanvaard?"),
        }
        for name, label in labels.items():
            self.fields[name].label = label
        for name in (
            "situation",
            "why_letter_defeats_purpose",
            "what_instead",
            "alternatives",
            "accepted_risk_text",
        ):
            self.fields[name].widget = forms.Textarea(attrs=TEXTAREA)
            self.fields[name].help_text = PRIVACY
        self.fields["why_letter_defeats_purpose"].help_text = _(
            "Awb 4:84: zou de regel in deze bijzondere omstandigheden onevenredig uitpakken? "
        ) + str(PRIVACY)
        self.fields["decided_by_name"].help_text = _("Bijvoorbeeld ‘teamleider Wmo’. Geen namen nodig.")

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("accepted_risk") and data.get("new_risk_name"):
            self.add_error("new_risk_name", _("Kies een bestaand risico of een nieuw risico, niet allebei."))
        return data

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "new_risk_name"}


class MandateDecisionForm(forms.Form):
    confirmed = forms.TypedChoiceField(
        label=gettext_lazy("Uw besluit als bevoegde"),
        choices=[("1", gettext_lazy("Bekrachtigen")), ("0", gettext_lazy("Niet bekrachtigen"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=gettext_lazy("Toelichting"), required=False, **_text())


class DeliberationForm(forms.ModelForm):
    values = forms.MultipleChoiceField(
        label=gettext_lazy("Welke waarden staan op gespannen voet?"),
        choices=Value.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Deliberation
        fields = [
            "case",
            "stake",
            "values",
            "values_text",
            "options",
            "judgement",
            "damage_limitation",
            "outcome",
            "conditions",
            "lesson",
            "participants",
        ]
        widgets = {"outcome": forms.RadioSelect, "participants": forms.TextInput(attrs=TEXT)}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels: dict[str, tuple[StrOrPromise, StrOrPromise]] = {
            "case": (_("1. De casus"), PRIVACY),
            "stake": (_("2. Wat staat er op het spel, en voor wie?"), PRIVACY),
            "values_text": (_("Toelichting op de waarden (optioneel)"), ""),
            "options": (_("4. Welke opties waren er?"), ""),
            "judgement": (_("5. Het oordeel"), _("‘Wij doen … omdat … ondanks …’")),
            "damage_limitation": (_("6. Hoe beperken we de schade?"), ""),
            "conditions": (_("Voorwaarden"), _("Verplicht bij ‘onderschreven onder voorwaarden’.")),
            "lesson": (_("Wat leren we ervan?"), _("De les telt mee in de overzichten; personen niet.")),
            "participants": (
                _("Deelnemers (functies, optioneel)"),
                _("Bijvoorbeeld ‘team Wmo, teamleider’."),
            ),
        }
        for name, (label, help_text) in labels.items():
            self.fields[name].label = label
            self.fields[name].help_text = help_text
            if name != "participants":
                self.fields[name].widget = forms.Textarea(attrs=TEXTAREA)
        self.fields["values"].label = _("3. Welke waarden staan op gespannen voet?")
        self.fields["outcome"].label = _("Uitkomst")

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("outcome") == Deliberation.Outcome.CONDITIONS and not data.get("conditions", "").strip():
            self.add_error(
                "conditions", _("Noem de voorwaarden waaronder het team de afwijking onderschrijft.")
            )
        return data


class PrecedentForm(forms.ModelForm):
    values = forms.MultipleChoiceField(
        label=gettext_lazy("Waarden"),
        choices=Value.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Nu publiceren: de hele organisatie kan dit lezen"), required=False
    )

    class Meta:
        model = Precedent
        fields = ["summary", "values", "conditions", "tipping_point"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["summary"].label = _("Geanonimiseerde samenvatting")
        self.fields["summary"].help_text = _(
            "Beschrijf de situatie zo dat niemand herkenbaar is: geen inwoner, geen medewerker."
        )
        self.fields["conditions"].label = _("Voorwaarden (optioneel)")
        self.fields["tipping_point"].label = _("Kantelpunt")
        self.fields["tipping_point"].help_text = _("‘Als … anders was geweest, hadden we anders besloten.’")
        for name in ("summary", "conditions", "tipping_point"):
            self.fields[name].widget = forms.Textarea(attrs=TEXTAREA)

    def values_dict(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "publish"}


class RuleReviewForm(forms.ModelForm):
    class Meta:
        model = RuleReview
        fields = ["decision", "explanation"]
        widgets = {"decision": forms.RadioSelect, "explanation": forms.Textarea(attrs=TEXTAREA)}
        labels = {"decision": gettext_lazy("Uw beslissing"), "explanation": gettext_lazy("Toelichting")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A required choice: no blank "---------" radio (deviations/_choices.html renders the options).
        decision = cast(forms.ChoiceField, self.fields["decision"])
        decision.choices = RuleReview.Decision.choices


class SettingsForm(forms.ModelForm):
    class Meta:
        model = DeviationSettings
        fields = ["threshold", "window_months"]
        widgets = {"threshold": forms.NumberInput(attrs=TEXT), "window_months": forms.NumberInput(attrs=TEXT)}
