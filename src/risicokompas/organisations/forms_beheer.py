# SPDX-License-Identifier: EUPL-1.2
"""Forms of the "Beheer" menu: people, units (directie → afdeling → team), programma's and functions."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from risicokompas.organisations.models import Function, Membership, Organisation, Programme, Unit
from risicokompas.organisations.peoplefile import MAX_BYTES
from risicokompas.ui.forms import style_widgets

Role = Membership.Role

#: How high a kind of unit stands: a parent must stand higher than its child.
UNIT_LEVEL = {Unit.Kind.DIRECTORATE: 3, Unit.Kind.DEPARTMENT: 2, Unit.Kind.TEAM: 1}


def _function_choices(organisation: Organisation, current: str = "") -> list[tuple[str, Any]]:
    names = list(Function.objects.filter(organisation=organisation).values_list("name", flat=True))
    if current and current not in names:
        names.append(current)
    return [("", _("(geen functie)"))] + [(name, name) for name in sorted(names, key=str.casefold)]


class RolesMixin(forms.Form):
    role = forms.ChoiceField(label=_("Hoofdrol"), choices=Role.choices, initial=Role.MEDEWERKER)
    extra_roles = forms.MultipleChoiceField(
        label=_("Extra rollen"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Iemand kan meer rollen hebben, bijvoorbeeld controller én beheerder."),
    )


class PersonFieldsMixin(RolesMixin):
    function = forms.ChoiceField(label=_("Functie"), required=False)
    unit = forms.ModelChoiceField(label=_("Team of afdeling"), queryset=Unit.objects.none(), required=False)

    def setup(self, organisation: Organisation, current_function: str = "") -> None:
        function, unit = self.fields["function"], self.fields["unit"]
        assert isinstance(function, forms.ChoiceField) and isinstance(unit, forms.ModelChoiceField)
        function.choices = _function_choices(organisation, current_function)
        unit.queryset = Unit.objects.filter(organisation=organisation)
        unit.empty_label = _("(geen)")
        style_widgets(self)


class InviteForm(PersonFieldsMixin):
    name = forms.CharField(label=_("Naam"), max_length=300)
    email = forms.EmailField(label=_("E-mailadres"), help_text=_("Hiermee logt de persoon straks in."))
    field_order = ["name", "email", "function", "role", "extra_roles", "unit"]

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setup(organisation)


class PersonForm(PersonFieldsMixin):
    field_order = ["role", "extra_roles", "function", "unit"]

    def __init__(self, *args, membership: Membership, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {
                "role": membership.role,
                "extra_roles": list(membership.extra_roles or []),
                "function": membership.function,
                "unit": membership.unit,
            },
        )
        super().__init__(*args, **kwargs)
        self.setup(membership.organisation, membership.function)


class PeopleFileForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (Excel of CSV)"),
        help_text=_("Kolommen: naam, e-mail, functie, rol, team. Hoogstens 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "utrecht-form-field__input"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 2 MB."))
        return upload


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "kind", "parent"]

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        units = Unit.objects.filter(organisation=organisation).exclude(kind=Unit.Kind.TEAM)
        if self.instance.pk:
            units = units.exclude(pk=self.instance.pk)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        parent.queryset = units
        parent.empty_label = _("(bovenaan)")
        self.fields["name"].label = _("Naam")
        self.fields["kind"].label = _("Soort")
        self.fields["parent"].label = _("Valt onder")
        style_widgets(self)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        others = Unit.objects.filter(organisation=self.organisation, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Er is al een onderdeel met deze naam."))
        return name

    def clean(self):
        cleaned = super().clean() or {}
        kind, parent = cleaned.get("kind"), cleaned.get("parent")
        if kind and parent is not None:
            if UNIT_LEVEL[parent.kind] <= UNIT_LEVEL[kind]:
                self.add_error(
                    "parent",
                    _("Een %(kind)s kan niet onder een %(parent)s vallen: kies een hoger onderdeel.")
                    % {"kind": Unit.Kind(kind).label.lower(), "parent": parent.get_kind_display().lower()},
                )
            elif self.instance.pk and _is_below(parent, self.instance):
                self.add_error("parent", _("Een onderdeel kan niet onder zijn eigen onderdelen vallen."))
        if kind and self.instance.pk:
            for child in self.instance.children.all():
                if UNIT_LEVEL[child.kind] >= UNIT_LEVEL[kind]:
                    self.add_error(
                        "kind",
                        _(
                            "%(child)s (%(child_kind)s) valt eronder; kies een hogere soort of verplaats het eerst."
                        )
                        % {"child": child.name, "child_kind": child.get_kind_display().lower()},
                    )
                    break
        return cleaned

    def save(self, commit: bool = True) -> Unit:
        self.instance.organisation = self.organisation
        return super().save(commit)


def _is_below(unit: Unit, ancestor: Unit) -> bool:
    """Whether ``unit`` lies (somewhere) under ``ancestor``: the parent chain is at most a few long."""
    seen: set[int] = set()
    current: Unit | None = unit
    while current is not None and current.pk not in seen:
        if current.pk == ancestor.pk:
            return True
        seen.add(current.pk)
        current = current.parent
    return False


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name"]

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["name"].label = _("Naam van het programma")
        style_widgets(self)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        others = Programme.objects.filter(organisation=self.organisation, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Er is al een programma met deze naam."))
        return name


class FunctionForm(forms.ModelForm):
    class Meta:
        model = Function
        fields = ["name"]

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["name"].label = _("Naam van de functie")
        style_widgets(self)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        others = Function.objects.filter(organisation=self.organisation, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Er is al een functie met deze naam."))
        return name


DOMAIN = re.compile(r"^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


class SsoDomainsForm(forms.Form):
    """The e-mail domains whose people may join the organisation through single sign-on."""

    domains = forms.CharField(
        label=_("Toegestane e-maildomeinen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Eén domein per regel, bijvoorbeeld aadorp.nl. Wie voor het eerst inlogt via single sign-on met "
            "een e-mailadres in zo'n domein, krijgt een account in deze organisatie. Leeg: niemand."
        ),
    )
    sso_only = forms.BooleanField(
        label=_("Gekoppelde accounts alleen via single sign-on"),
        required=False,
        help_text=_(
            "Aan: wie een account heeft dat aan single sign-on is gekoppeld, kan niet meer met het "
            "wachtwoord inloggen. Uit: het wachtwoord (met de tweede factor) werkt ook."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean_domains(self) -> list[str]:
        domains = []
        for number, line in enumerate(self.cleaned_data["domains"].splitlines(), start=1):
            domain = line.strip().lower().lstrip("@").rstrip(".")
            if not domain:
                continue
            if not DOMAIN.match(domain):
                raise forms.ValidationError(
                    _("Regel %(n)s: %(value)s is geen domeinnaam (zoals aadorp.nl).")
                    % {"n": number, "value": line.strip()}
                )
            domains.append(domain)
        return sorted(set(domains))
