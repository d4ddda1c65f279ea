# SPDX-License-Identifier: EUPL-1.2
"""Forms for the learning network. Labels and messages are Dutch; texts warn against personal data."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from risicokompas.network.models import (
    ChangeAssignment,
    Comment,
    Contribution,
    Meeting,
    Network,
    Participant,
    ProgressEntry,
    Reuse,
    SharedItem,
)
from risicokompas.organisations.models import Organisation

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "starts_on", "ends_on", "description", "open_for_applications"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("De einddatum ligt voor de begindatum."))
        return data


class InviteForm(forms.Form):
    organisation = forms.CharField(
        label=_("Naam van de organisatie"),
        max_length=200,
        help_text=_(
            "De naam precies zoals de organisatie in Risicokompas staat, bijvoorbeeld ‘Gemeente Aadorp’."
        ),
    )

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network

    def clean_organisation(self):
        name = self.cleaned_data["organisation"].strip()
        organisation = Organisation.objects.filter(name__iexact=name).first()
        if organisation is None:
            raise forms.ValidationError(_("Er is geen organisatie met deze naam."))
        if self.network.members.filter(organisation=organisation).exclude(status="vertrokken").exists():
            raise forms.ValidationError(_("Deze organisatie is al uitgenodigd of neemt al deel."))
        return organisation


class NetworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class ApplicationForm(forms.Form):
    """An organisation applies to one of the networks open to it."""

    network = NetworkChoiceField(
        label=_("Netwerk"), queryset=Network.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    motivation = forms.CharField(
        label=_("Waarom wil uw organisatie meedoen?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen de netwerkcoördinator leest dit; andere organisaties zien uw aanmelding niet."),
    )

    def __init__(self, *args, networks=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(NetworkChoiceField, self.fields["network"]).queryset = networks


class DecisionForm(forms.Form):
    """The coordinator's decision on an application; declining needs a reason."""

    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("aannemen", _("Aannemen")), ("afwijzen", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reden (verplicht bij afwijzen)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De organisatie leest de reden bij haar aanmelding."),
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("decision") == "afwijzen" and not data.get("reason", "").strip():
            self.add_error("reason", _("Geef de reden van de afwijzing; de organisatie leest die."))
        return data


class BenchmarkOptInForm(forms.Form):
    """Which benchmark indicators the organisation shares; drawn by the shared choice-group include."""

    indicator = forms.MultipleChoiceField(
        label=_("Onderdelen"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, specs=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["indicator"]).choices = [
            (spec.key, spec.label) for spec in specs
        ]


class CalibrationOptInForm(forms.Form):
    deelnemen = forms.ChoiceField(
        choices=[
            ("ja", _("Ja, wij doen mee aan de gezamenlijke kalibratie")),
            ("nee", _("Nee, wij doen niet mee")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of uw organisatie meedoet.")},
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deelnemen"].label = _("Doet %(org)s mee?") % {"org": organisation.name}


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class ParticipantForm(forms.Form):
    user = UserChoiceField(label=_("Medewerker"), queryset=get_user_model().objects.none())
    role = forms.ChoiceField(label=_("Rol in het netwerk"), choices=Participant.Role.choices)

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(memberships__organisation=organisation).order_by("username")
        user = cast(UserChoiceField, self.fields["user"])  # declared above
        user.queryset = users


class ChangeAssignmentForm(forms.ModelForm):
    class Meta:
        model = ChangeAssignment
        fields = ["goal", "approach", "milestones", "obstacles"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class ProgressEntryForm(forms.ModelForm):
    class Meta:
        model = ProgressEntry
        fields = ["month", "text"]
        widgets = {
            "month": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_month(self):
        return self.cleaned_data["month"].replace(day=1)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "place", "programme", "notes"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
            "programme": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("De bijeenkomst moet eindigen na het begin."))
        return data


class ContributionForm(forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class AttendanceForm(forms.Form):
    present = forms.BooleanField(label=_("Aanwezig"), required=False)
    names = forms.CharField(
        label=_("Wie waren er (deelnemers)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ShareForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=SharedItem.Kind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    body = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Anonimiseer: geen namen of andere persoonsgegevens van inwoners of collega's."),
    )
    source = forms.CharField(
        label=_("Bron (optioneel)"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld ‘moresprudentie over de regel Parkeervergunningen’."),
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        for name in ("title", "body", "source"):
            if name in data:
                data[name] = data[name].replace("\r\n", "\n").strip()
        return data


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class ReuseForm(forms.ModelForm):
    class Meta:
        model = Reuse
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
