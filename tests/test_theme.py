# SPDX-License-Identifier: EUPL-1.2
"""The Risicokompas theme: WCAG AA contrast of its palette, and form fields rendered as NL Design System
intends (label above the control, radio and checkbox groups as a fieldset with a legend, no blank radio).
"""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template.loader import render_to_string

from risicokompas.ui.contrast import (
    NON_TEXT,
    TEXT,
    THEME_CSS,
    THEME_PAIRS,
    check_pairs,
    contrast_ratio,
    theme_tokens,
)
from risicokompas.ui.forms import style_widgets


@pytest.fixture(scope="module")
def tokens() -> dict[str, str]:
    return theme_tokens(THEME_CSS.read_text(encoding="utf-8"))


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#fff", "#ffffff") == pytest.approx(1.0)
    # The WCAG grey that just passes AA for text on white, and order does not matter.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#ffffff", "#767676") == contrast_ratio("#767676", "#ffffff")
    assert contrast_ratio("#777777", "#ffffff") < TEXT


def test_theme_tokens_resolve_var_references():
    css = ".x { --a: #112233; --b: var(--a); /* --c: #000; */ --d: var(--b); }"
    assert theme_tokens(css) == {"--a": "#112233", "--b": "#112233", "--d": "#112233"}


@pytest.mark.parametrize(("foreground", "background", "minimum", "where"), THEME_PAIRS)
def test_every_theme_pair_meets_aa(tokens, foreground, background, minimum, where):
    ratio = contrast_ratio(tokens[foreground], tokens[background])
    assert ratio >= minimum, f"{where}: {foreground} op {background} is {ratio:.2f}:1, minimaal {minimum}:1"


def test_the_utrecht_tokens_the_pages_use_point_at_checked_pairs(tokens):
    pairs = [
        ("--utrecht-document-color", "--utrecht-document-background-color"),
        ("--utrecht-button-primary-action-color", "--utrecht-button-primary-action-background-color"),
        ("--utrecht-button-secondary-action-color", "--utrecht-button-secondary-action-background-color"),
        ("--utrecht-link-color", "--utrecht-document-background-color"),
        ("--utrecht-form-field-description-color", "--utrecht-document-background-color"),
        ("--utrecht-form-field-error-message-color", "--utrecht-document-background-color"),
        ("--utrecht-alert-error-color", "--utrecht-alert-error-background-color"),
        ("--utrecht-alert-warning-color", "--utrecht-alert-warning-background-color"),
        ("--utrecht-table-header-color", "--utrecht-table-header-background-color"),
        (
            "--utrecht-pagination-page-link-current-color",
            "--utrecht-pagination-page-link-current-background-color",
        ),
    ]
    for fg, bg in pairs:
        assert contrast_ratio(tokens[fg], tokens[bg]) >= TEXT, (fg, bg)
    for fg, bg in [
        ("--utrecht-textbox-border-color", "--utrecht-textbox-background-color"),
        ("--utrecht-select-border-color", "--utrecht-select-background-color"),
        ("--utrecht-focus-outline-color", "--utrecht-document-background-color"),
    ]:
        assert contrast_ratio(tokens[fg], tokens[bg]) >= NON_TEXT, (fg, bg)


def test_the_contrast_script_reports_every_pair_as_passing(tokens, capsys):
    from risicokompas.ui.contrast import main

    assert all(ratio >= minimum for _fg, _bg, ratio, minimum, _where in check_pairs(tokens))
    assert main() == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(THEME_PAIRS) and all(line.startswith("ok") for line in lines)


def test_the_theme_has_no_serif_font(tokens):
    families = [value for name, value in tokens.items() if name.endswith("font-family")]
    assert families and all(value.startswith('"Source Sans 3"') for value in families)
    assert not any(re.search(r"(?<!sans-)serif", value) for value in families)


def test_base_template_gives_the_root_the_theme_class(client):
    html = client.get("/inloggen/").content.decode()
    assert '<html lang="nl" class="rk-theme">' in html
    assert "/static/risicokompas/theme.css" in html
    assert "/static/nlds/fonts/source-sans-3/latin-400.css" in html
    assert "voorbeeld" not in html


class _Form(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals in het register.")
    kind = forms.ChoiceField(
        label="Soort", choices=[("", "---------"), ("a", "Eerste"), ("b", "Tweede")], widget=forms.RadioSelect
    )
    optional_kind = forms.ChoiceField(
        label="Soort (optioneel)",
        required=False,
        choices=[("", "---------"), ("a", "Eerste")],
        widget=forms.RadioSelect,
    )
    tags = forms.MultipleChoiceField(
        label="Labels", choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple, required=False
    )
    agree = forms.BooleanField(label="Akkoord", required=False)
    level = forms.ChoiceField(label="Niveau", choices=[("1", "Laag"), ("2", "Hoog")])


def _render(form, name: str) -> str:
    return render_to_string("includes/form_field.html", {"field": form[name]})


def test_a_text_field_has_its_label_above_then_description_then_control():
    html = _render(_Form(), "name")
    label, description, control = (html.index(s) for s in ("<label", '_helptext">', "<input"))
    assert label < description < control
    assert 'class="utrecht-textbox utrecht-textbox--html-input"' in html


def test_an_error_comes_before_the_control_and_marks_the_field_invalid():
    form = _Form(data={})
    form.is_valid()
    html = _render(form, "name")
    assert "utrecht-form-field--invalid" in html
    assert html.index("utrecht-form-field-error-message") < html.index("<input")


def test_a_required_radio_group_is_a_fieldset_without_the_blank_choice():
    html = _render(_Form(), "kind")
    assert html.lstrip().startswith("<fieldset")
    assert re.search(r"<legend[^>]*>Soort", html)
    assert "---------" not in html and 'value=""' not in html
    assert html.count('type="radio"') == 2
    assert html.count("utrecht-radio-button--html-input") == 2
    assert "utrecht-form-field--radio" in html


def test_an_optional_radio_group_names_its_blank_choice():
    html = _render(_Form(), "optional_kind")
    assert "---------" not in html
    assert "Geen keuze" in html


def test_a_checkbox_group_and_a_single_checkbox_put_the_box_before_its_label():
    group = _render(_Form(), "tags")
    assert group.lstrip().startswith("<fieldset") and "utrecht-form-field--checkbox" in group
    single = _render(_Form(), "agree")
    assert "utrecht-form-field--checkbox" in single and "utrecht-checkbox--html-input" in single


def test_a_select_is_styled_as_a_select():
    html = _render(_Form(), "level")
    assert 'class="utrecht-select utrecht-select--html-select"' in html
    assert "<label" in html and html.index("<label") < html.index("<select")


def test_style_widgets_drops_the_blank_choice_of_a_required_radio():
    form = _Form()
    style_widgets(form)
    assert [value for value, _label in form.fields["kind"].choices] == ["a", "b"]
    assert form.fields["kind"].widget.attrs["class"].startswith("utrecht-radio-button")
    assert _Form(data={"name": "x", "kind": "", "level": "1"}).is_valid() is False
