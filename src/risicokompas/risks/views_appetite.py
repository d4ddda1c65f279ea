# SPDX-License-Identifier: EUPL-1.2
"""Risk appetite per programme: the bestuur sets it, everyone sees which open risks lie above it."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from risicokompas.organisations.access import current_membership, require
from risicokompas.organisations.models import Membership
from risicokompas.organisations.rules import may
from risicokompas.risks import appetite
from risicokompas.risks.models import RiskAppetite
from risicokompas.ui.history import version_rows

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
DATE = forms.DateInput(attrs={**TEXT, "type": "date"}, format="%Y-%m-%d")


def may_set_appetite(membership: Membership) -> bool:
    return may(membership, "set_appetite")


class AppetiteForm(forms.ModelForm):
    class Meta:
        model = RiskAppetite
        fields = ["programme", "level", "statement", "decided_on"]
        widgets = {
            "level": forms.RadioSelect,
            "statement": forms.Textarea(attrs=TEXTAREA),
            "decided_on": DATE,
        }

    def __init__(self, *args, programmes: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"] = forms.ChoiceField(
            label=_("Categorie (programma)"),
            choices=[("", _("(kies een programma)"))] + [(p, p) for p in programmes],
            widget=forms.Select(attrs=SELECT),
        )
        self.fields["level"].label = _("Risicobereidheid")
        # The model field "level" has choices, so its form field is a TypedChoiceField.
        cast(forms.ChoiceField, self.fields["level"]).choices = [
            (level.value, f"{level.label} ({_('risicoscore tot en met %s') % RiskAppetite.MAX_SCORE[level]})")
            for level in RiskAppetite.Level
        ]
        self.fields["statement"].label = _("Verklaring")


def _programmes(organisation) -> list[str]:
    names = set(organisation.risks.exclude(programme="").values_list("programme", flat=True))
    names |= set(RiskAppetite.objects.filter(organisation=organisation).values_list("programme", flat=True))
    return sorted(names, key=str.casefold)


@login_required
def appetite_overview(request):
    """Risk appetite per programme (set by the bestuur) and the open risks above it."""
    membership = current_membership(request)
    organisation = membership.organisation
    may_set = may_set_appetite(membership)
    form = None
    if may_set:
        programme = request.POST.get("programme", "") if request.method == "POST" else ""
        instance = RiskAppetite.objects.filter(organisation=organisation, programme=programme).first()
        instance = instance or RiskAppetite(organisation=organisation, set_by=request.user)
        form = AppetiteForm(request.POST or None, instance=instance, programmes=_programmes(organisation))
        if request.method == "POST" and form.is_valid():
            appetite_row = form.save(commit=False)
            appetite_row.set_by = request.user
            appetite_row.save()
            messages.success(
                request, _("De risicobereidheid voor %s is vastgelegd.") % appetite_row.programme
            )
            return redirect("risks:appetite")
    elif request.method == "POST":
        require(False)
    context = {
        "rows": appetite.overview(organisation),
        "form": form,
        "levels": [(level.label, RiskAppetite.MAX_SCORE[level]) for level in RiskAppetite.Level],
        "versions": version_rows(RiskAppetite.history.filter(organisation=organisation)),
    }
    return render(request, "risks/appetite.html", context)
