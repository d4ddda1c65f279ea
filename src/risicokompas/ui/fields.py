# SPDX-License-Identifier: EUPL-1.2
"""Form fields shared by the apps: Dutch amounts in, exact Decimals out.

Parsing reuses the register file's value parsers, so "€ 1.250.000" means the same in a form as in an
imported spreadsheet.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from risicokompas.engine.present import format_exact as format_number
from risicokompas.registerfile.values import (
    NOT_QUANTIFIED_MARK,
    ValueProblem,
    is_not_quantified,
    parse_amount,
)

TEXT_ATTRS = {"class": "utrecht-textbox utrecht-textbox--html-input"}
NUMBER_ATTRS = {**TEXT_ATTRS, "inputmode": "decimal", "autocomplete": "off"}


#: What an ``AmountField(allow_pm=True)`` returns for an amount typed as not known yet ("PM").
PM = NOT_QUANTIFIED_MARK

#: The largest amount a form accepts: far above any budget, well inside what the database stores exactly.
MAX_AMOUNT = Decimal("1e15")


class AmountField(forms.CharField):
    """An amount in euros typed the Dutch way ("€ 1.250.000", "1250000", "250k"); never negative.

    With ``allow_pm`` an amount that is not known yet, typed as a register file writes it ("PM", "p.m.",
    "onbekend", "nog niet bekend"), is accepted and cleans to ``PM``; the form decides what it means.
    """

    def __init__(
        self, *, min_value: Decimal | None = None, whole: bool = False, allow_pm: bool = False, **kwargs
    ) -> None:
        self.min_value = min_value
        self.whole = whole
        self.allow_pm = allow_pm
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs=NUMBER_ATTRS))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return format_number(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        if self.allow_pm and is_not_quantified(text):
            return PM
        try:
            amount = Decimal(repr(parse_amount(text))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        except ValueProblem as problem:  # already Dutch: "'abc' is geen geldig bedrag (…)"
            message = problem.message[:1].upper() + problem.message[1:]
            raise forms.ValidationError(f"{message}.", code="invalid") from None
        except (InvalidOperation, OverflowError):  # a number too large to hold in cents
            amount = None
        if amount is None or not amount.is_finite() or abs(amount) >= MAX_AMOUNT:
            raise forms.ValidationError(
                _("Het bedrag is te groot: vul minder dan %(maximum)s in."),
                code="max_value",
                params={"maximum": format_number(MAX_AMOUNT)},
            )
        if self.whole and amount != amount.to_integral_value():
            raise forms.ValidationError(_("Vul een bedrag in hele euro's in."), code="whole")
        if self.min_value is not None and amount < self.min_value:
            raise forms.ValidationError(
                _("Het bedrag moet minstens %(minimum)s zijn."),
                code="min_value",
                params={"minimum": format_number(self.min_value)},
            )
        return int(amount) if self.whole else amount
