# SPDX-License-Identifier: EUPL-1.2
"""Forms for signals: the one-minute report, the receipt lookup, and the three triage outcomes.

A new risk from a signal reuses the register's ``RiskForm``, so a triager edits the prefilled values with
exactly the checks a risk gets anywhere else.
"""

from __future__ import annotations

import itertools
from typing import cast

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from risicokompas.engine.present import format_exact as format_number
from risicokompas.risks.models import Risk
from risicokompas.signals.models import Signal

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
LIKELIHOOD_LABELS = (
    gettext_lazy("zeer klein (tot 10%)"),
    gettext_lazy("klein (10–30%)"),
    gettext_lazy("mogelijk (30–50%)"),
    gettext_lazy("groot (50–70%)"),
    gettext_lazy("zeer groot (meer dan 70%)"),
)
PRIVACY_WARNING = gettext_lazy("Schrijf geen persoonsgegevens van inwoners op (namen, adressen, BSN).")


def impact_choices(organisation) -> list[tuple[str, str]]:
    """Gevolgklasse 1–5 with the organisation's own amount bands."""
    bounds = [organisation.band_1, organisation.band_2, organisation.band_3, organisation.band_4]
    labels = [_("tot € %s") % format_number(bounds[0])]
    labels += [
        _("€ %(low)s – € %(high)s") % {"low": format_number(low), "high": format_number(high)}
        for low, high in itertools.pairwise(bounds)
    ]
    labels.append(_("meer dan € %s") % format_number(bounds[3]))
    return [("", _("Weet ik niet"))] + [(str(i), f"{i} – {label}") for i, label in enumerate(labels, 1)]


def programme_choices(organisation) -> list[tuple[str, str]]:
    """The teams and programmes the organisation already knows (from its risks and memberships)."""
    names = set(organisation.risks.exclude(programme="").values_list("programme", flat=True))
    names |= set(organisation.memberships.exclude(team="").values_list("team", flat=True))
    return [("", _("Weet ik niet"))] + [(name, name) for name in sorted(names, key=str.casefold)]


class SignalForm(forms.ModelForm):
    anonymous = forms.BooleanField(
        label=gettext_lazy("Anoniem melden"),
        required=False,
        help_text=gettext_lazy(
            "Uw naam wordt dan nergens bij de melding bewaard, ook niet voor beheerders. U krijgt een "
            "ontvangstcode om het antwoord op te zoeken; zonder die code kan niemand de melding aan u "
            "koppelen, ook u zelf niet."
        ),
    )

    class Meta:
        model = Signal
        fields = [
            "title",
            "threatens",
            "cause",
            "consequence",
            "likelihood_class",
            "impact_class",
            "programme",
        ]
        widgets = {
            "title": forms.TextInput(attrs=TEXT),
            "threatens": forms.TextInput(attrs=TEXT),
            "cause": forms.Textarea(attrs=TEXTAREA),
            "consequence": forms.Textarea(attrs=TEXTAREA),
        }
        help_texts = {
            "title": gettext_lazy("In één zin, bijvoorbeeld: ‘De aanbesteding van het vervoer loopt vast’."),
            "threatens": gettext_lazy("Welk doel of welke taak van de organisatie komt in gevaar?"),
            "cause": gettext_lazy("Waardoor zou het kunnen gebeuren?"),
            "consequence": gettext_lazy("Wat merken inwoners of de organisatie als het gebeurt?"),
        }

    def __init__(self, *args, organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        likelihood = [("", _("Weet ik niet"))] + [
            (str(i), f"{i} – {label}") for i, label in enumerate(LIKELIHOOD_LABELS, 1)
        ]
        self.fields["likelihood_class"] = forms.TypedChoiceField(
            label=_("Hoe groot is de kans? (optioneel)"),
            choices=likelihood,
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.Select(attrs=SELECT),
        )
        self.fields["impact_class"] = forms.TypedChoiceField(
            label=_("Hoe groot is het financiële gevolg? (optioneel)"),
            choices=impact_choices(organisation),
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.Select(attrs=SELECT),
        )
        programmes = programme_choices(organisation)
        self.fields["programme"] = forms.ChoiceField(
            label=_("Team of programma"),
            choices=programmes,
            required=False,
            # Never the reporter's own team: filled in for them, it would narrow an anonymous signal
            # down to that team.
            initial="",
            widget=forms.Select(attrs=SELECT),
            help_text=_("Wie gaat over dit risico? Laat leeg als u het niet weet."),
        )
        self.fields["title"].label = _("Wat kan er gebeuren?")
        self.fields["threatens"].label = _("Wat komt in gevaar?")
        self.fields["cause"].label = _("Oorzaak")
        self.fields["consequence"].label = _("Gevolg")

    def values(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "anonymous"}


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Ontvangstcode"),
        max_length=40,
        help_text=gettext_lazy("De code die u kreeg bij een anonieme melding, bijvoorbeeld K7QM-2XPD-9HWR."),
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off", "spellcheck": "false"}),
    )


class AnswerForm(forms.Form):
    """The message to the reporter that goes with a new risk or a merge (optional)."""

    answer = forms.CharField(
        label=gettext_lazy("Bericht aan de melder (optioneel)"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=format_lazy(
            "{}{}",
            gettext_lazy("Leeg: de melder krijgt een standaardbericht met het risico. "),
            PRIVACY_WARNING,
        ),
    )


class RiskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, risk: Risk) -> str:
        return f"{risk.code} {risk.name}"


class MergeForm(AnswerForm):
    risk = RiskChoiceField(
        label=gettext_lazy("Bestaand risico"),
        queryset=Risk.objects.none(),
        empty_label=gettext_lazy("(kies een risico)"),
        widget=forms.Select(attrs=SELECT),
    )
    field_order = ["risk", "answer"]

    def __init__(self, *args, risks, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(RiskChoiceField, self.fields["risk"]).queryset = risks  # declared above


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden (de melder ziet deze)"),
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=PRIVACY_WARNING,
        error_messages={"required": gettext_lazy("Geef een reden: de melder ziet die.")},
    )
