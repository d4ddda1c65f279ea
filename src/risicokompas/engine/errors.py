# SPDX-License-Identifier: EUPL-1.2
"""The one error type the engine raises for bad input."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


class EngineInputError(ValueError):
    """Input the engine cannot use. ``field`` names what is wrong; the message is Dutch, for users."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def check_inputs(
    inputs: DataclassInstance,
    labels: Mapping[str, str],
    *,
    invalid: str,
    negative: str,
    may_be_negative: frozenset[str] = frozenset(),
) -> None:
    """Validate a frozen dataclass of optional numbers: each is None or a finite number, not negative
    unless its field is in ``may_be_negative``. ``invalid``/``negative`` are the Dutch messages, formatted
    with ``label`` and ``value``."""
    import math
    from dataclasses import fields

    for f in fields(inputs):
        value = getattr(inputs, f.name)
        if value is None:
            continue
        label = labels[f.name]
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise EngineInputError(f.name, invalid.format(label=label, value=repr(value)))
        if value < 0 and f.name not in may_be_negative:
            raise EngineInputError(f.name, negative.format(label=label, value=value))
