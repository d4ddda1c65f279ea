# SPDX-License-Identifier: EUPL-1.2
"""Form pieces every app shares: NL Design System widget classes and the reason a change needs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

CHECKBOX_CLASS = "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
RADIO_CLASS = "utrecht-radio-button utrecht-radio-button--html-input"
TEXTBOX_CLASS = "utrecht-textbox utrecht-textbox--html-input"

# Subclasses before their parents: CheckboxSelectMultiple is a RadioSelect, DateInput a TextInput.
WIDGET_CLASSES = {
    forms.CheckboxSelectMultiple: CHECKBOX_CLASS,
    forms.RadioSelect: RADIO_CLASS,
    forms.CheckboxInput: CHECKBOX_CLASS,
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.NumberInput: TEXTBOX_CLASS,
    forms.EmailInput: TEXTBOX_CLASS,
    forms.URLInput: TEXTBOX_CLASS,
    forms.PasswordInput: TEXTBOX_CLASS,
}


def style_widgets(form: forms.BaseForm) -> None:
    """Give every widget its NL Design System (Utrecht) class."""
    for field in form.fields.values():
        style_field(field)


def style_field(field: forms.Field) -> forms.Field:
    """One field as NL Design System wants it: the widget's Utrecht class (unless the form set its own),
    a radio group without Django's blank "---------" choice, and a select whose blank choice is named.

    A required radio group needs no blank choice (it only preselects a non-answer); an optional one keeps
    it, as "Geen keuze", because a radio cannot be unchecked otherwise. The shared form_field include
    calls this for every field it renders, so forms that never call style_widgets look the same.
    """
    for widget_type, css_class in WIDGET_CLASSES.items():
        if isinstance(field.widget, widget_type):
            field.widget.attrs.setdefault("class", css_class)
            break
    if isinstance(field.widget, forms.RadioSelect) and not isinstance(
        field.widget, forms.CheckboxSelectMultiple
    ):
        _tidy_blank_radio(field)
    elif isinstance(field.widget, forms.Select) and not isinstance(field.widget, forms.SelectMultiple):
        _name_blank_option(field)
    return field


def _name_blank_option(field: forms.Field) -> None:
    """A select's blank choice says what it means instead of Django's "---------"."""
    label = _("(maak een keuze)") if field.required else _("(geen)")
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == "---------":
            field.empty_label = label
            field.widget.choices = field.choices
        return
    if isinstance(field, forms.ChoiceField):
        choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]
        if any(value in ("", None) and text == "---------" for value, text in choices):
            field.choices = [
                (value, label if value in ("", None) and text == "---------" else text)
                for value, text in choices
            ]


def _tidy_blank_radio(field: forms.Field) -> None:
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None:
            if field.required:
                field.empty_label = None
                field.widget.choices = field.choices
            elif field.empty_label == "---------":
                field.empty_label = _("Geen keuze")
                field.widget.choices = field.choices
        return
    if not isinstance(field, forms.ChoiceField):
        return
    choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]
    if not any(value in ("", None) for value, _label in choices):
        return
    if field.required:
        field.choices = [(value, label) for value, label in choices if value not in ("", None)]
    else:
        field.choices = [
            (value, _("Geen keuze") if value in ("", None) and label == "---------" else label)
            for value, label in choices
        ]


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
