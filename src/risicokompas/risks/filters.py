# SPDX-License-Identifier: EUPL-1.2
"""Searching, filtering and sorting the register, with kansklasse, gevolgklasse and score in the database.

The classes follow ``engine.riskmap`` exactly (each upper bound belongs to its class) but are computed as
SQL ``CASE`` expressions, so a filter on score or colour is correct over the whole register and a page of
2.000 risks never loads more than the 50 rows it shows.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import cast

from django import forms
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from risicokompas.engine.riskmap import CLASSES, DEFAULT_COLOURS, PROBABILITY_UPPER_BOUNDS, RiskColour
from risicokompas.organisations.models import Organisation
from risicokompas.risks import owners
from risicokompas.risks.forms import FUNCTION_PREFIX
from risicokompas.risks.models import Risk

ALL = "alle"
SELECT = {"class": "utrecht-select utrecht-select--html-select"}

#: ``sort=`` values and the columns they order by (``-`` in front: descending).
SORTS = {
    "code": ("code",),
    "naam": ("name",),
    "programma": ("programme",),
    "eigenaar": ("owner__user__last_name", "owner__user__first_name", "owner__user__username", "owner_label"),
    "kans": ("probability",),
    "gevolg": ("impact_max",),
    "score": ("score",),
    "status": ("status",),
    "herbeoordeling": ("review_date",),
}
DEFAULT_SORT = "code"


def _class_case(field: str, upper_bounds) -> Case:
    whens = [When(**{f"{field}__isnull": True}, then=Value(None))]
    whens += [
        When(**{f"{field}__lte": Decimal(str(bound))}, then=Value(klass))
        for klass, bound in zip(CLASSES, upper_bounds, strict=False)
    ]
    return Case(*whens, default=Value(len(upper_bounds) + 1), output_field=IntegerField())


def with_classes(queryset: QuerySet, organisation: Organisation) -> QuerySet:
    """Annotate kansklasse, gevolgklasse (on the maximum amount) and score; None when not quantified."""
    return queryset.annotate(
        kansklasse=_class_case("probability", PROBABILITY_UPPER_BOUNDS),
        gevolgklasse=_class_case("impact_max", organisation.bands.upper_bounds),
    ).annotate(score=F("kansklasse") * F("gevolgklasse"))


def score_colour(score: int | None) -> str:
    return "" if score is None else DEFAULT_COLOURS.colour(score).value


def _colour_q(colour: str) -> Q:
    green, orange = DEFAULT_COLOURS.green_max, DEFAULT_COLOURS.orange_max
    return {
        RiskColour.GREEN: Q(score__lte=green),
        RiskColour.ORANGE: Q(score__gt=green, score__lte=orange),
        RiskColour.RED: Q(score__gt=orange),
    }[RiskColour(colour)]


def owner_filter_choices(organisation: Organisation) -> list:
    """Every owner a filter can pick: members (with their function) and functions without an account."""
    members, labels = owners.filter_options(organisation)
    choices: list = [("", _("Alle eigenaren"))]
    if members:
        choices.append((_("Personen"), [(str(m.pk), owners.member_label(m)) for m in members]))
    if labels:
        choices.append((_("Functies zonder account"), [(FUNCTION_PREFIX + label, label) for label in labels]))
    return choices


class RegisterFilter(forms.Form):
    """The register's search and filters, read from the query string."""

    q = forms.CharField(label=_("Zoeken"), required=False, widget=forms.TextInput(attrs={"type": "search"}))
    programma = forms.ChoiceField(label=_("Programma"), required=False)
    eigenaar = forms.ChoiceField(label=_("Risico-eigenaar"), required=False)
    kleur = forms.ChoiceField(
        label=_("Score"),
        required=False,
        choices=[("", _("Alle scores")), *((c.value, c.value) for c in RiskColour)],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[*Risk.Status.choices, (ALL, _("Alle statussen"))]
    )
    kansklasse = forms.TypedChoiceField(
        label=_("Kansklasse"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Alle")), *((k, k) for k in CLASSES)],
    )
    gevolgklasse = forms.TypedChoiceField(
        label=_("Gevolgklasse"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Alle")), *((k, k) for k in CLASSES)],
    )
    verlopen = forms.BooleanField(label=_("Alleen herbeoordeling verlopen"), required=False)
    niet_gekwantificeerd = forms.BooleanField(label=_("Alleen niet gekwantificeerd"), required=False)

    def __init__(self, params, organisation: Organisation) -> None:
        params = params.copy()
        params.setdefault("status", Risk.Status.OPEN)  # the register opens on the open risks
        super().__init__(params)
        self.organisation = organisation
        programmes = (
            organisation.risks.exclude(programme="")
            .order_by("programme")
            .values_list("programme", flat=True)
            .distinct()
        )
        # Both are declared above as ChoiceFields without choices: they depend on the organisation.
        cast(forms.ChoiceField, self.fields["programma"]).choices = [
            ("", _("Alle programma's")),
            *((p, p) for p in programmes),
        ]
        cast(forms.ChoiceField, self.fields["eigenaar"]).choices = owner_filter_choices(organisation)
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.update(SELECT)
            elif name == "q":
                field.widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"

    def value(self, name: str):
        """The cleaned value of a filter, or None when it was absent or invalid (then it is ignored)."""
        self.is_valid()
        return self.cleaned_data.get(name) or None

    def apply(self, queryset: QuerySet, today: date) -> QuerySet:
        if q := self.value("q"):
            queryset = queryset.filter(
                Q(code__icontains=q) | Q(name__icontains=q) | Q(description__icontains=q)
            )
        if programme := self.value("programma"):
            queryset = queryset.filter(programme=programme)
        if owner := self.value("eigenaar"):
            if owner.startswith(FUNCTION_PREFIX):
                queryset = queryset.filter(
                    owner__isnull=True, owner_label=owner.removeprefix(FUNCTION_PREFIX)
                )
            else:
                queryset = queryset.filter(owner_id=int(owner))
        status = self.value("status")
        if status and status != ALL:
            queryset = queryset.filter(status=status)
        if self.value("verlopen"):
            queryset = queryset.filter(review_date__lt=today)
        if self.value("niet_gekwantificeerd"):
            queryset = queryset.filter(Q(probability__isnull=True) | Q(impact_max__isnull=True))
        if kansklasse := self.value("kansklasse"):
            queryset = queryset.filter(kansklasse=kansklasse)
        if gevolgklasse := self.value("gevolgklasse"):
            queryset = queryset.filter(gevolgklasse=gevolgklasse)
        if colour := self.value("kleur"):
            queryset = queryset.filter(_colour_q(colour))
        return queryset

    @property
    def is_filtered(self) -> bool:
        self.is_valid()
        return any(
            value not in (None, "", False) and not (name == "status" and value == Risk.Status.OPEN)
            for name, value in self.cleaned_data.items()
        )


def sort_order(sort: str | None) -> tuple[str, list]:
    """The whitelisted sort key (default: code) and the ORDER BY; empty values last either way."""
    key = sort if sort and sort.removeprefix("-") in SORTS else DEFAULT_SORT
    descending = key.startswith("-")
    columns = SORTS[key.removeprefix("-")]
    order = [
        F(column).desc(nulls_last=True) if descending else F(column).asc(nulls_last=True)
        for column in columns
    ]
    return key, [*order, "code", "pk"]
