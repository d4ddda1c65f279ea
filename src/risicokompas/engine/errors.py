# SPDX-License-Identifier: EUPL-1.2
"""The one error type the engine raises for bad input."""

from __future__ import annotations


class EngineInputError(ValueError):
    """Input the engine cannot use. ``field`` names what is wrong; the message is Dutch, for users."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
