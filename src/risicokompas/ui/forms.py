# SPDX-License-Identifier: EUPL-1.2
"""Form pieces every app shares: NL Design System widget classes and the reason a change needs."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

WIDGET_CLASSES = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.NumberInput: "utrecht-textbox utrecht-textbox--html-input",
}


def style_widgets(form: forms.BaseForm) -> None:
    """Give every widget its NL Design System (Utrecht) class."""
    for field in form.fields.values():
        for widget_type, css_class in WIDGET_CLASSES.items():
            if isinstance(field.widget, widget_type):
                field.widget.attrs.setdefault("class", css_class)
                break


class ReasonField(forms.CharField):
    """Why a setting or capacity item changes: kept in its history (who, when, why)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Reden van de wijziging"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Bijvoorbeeld: jaarrekening 2025, raadsbesluit of herziene raming. Wordt bewaard.")
        )
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"})
        )
        super().__init__(**kwargs)


def require_reason(form: forms.BaseForm) -> None:
    """A change needs a reason; saving an unchanged form does not."""
    changed = [name for name in form.changed_data if name != "reason"]
    if changed and not form.cleaned_data.get("reason", "").strip():
        form.add_error(
            "reason", _("Geef een reden voor deze wijziging; die wordt bewaard in de geschiedenis.")
        )
