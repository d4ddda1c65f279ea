# SPDX-License-Identifier: EUPL-1.2
"""The one error a register file raises: every problem in the file, each with its row and column.

Imports are all-or-nothing (DESIGN §8): the reader collects every problem it finds and then raises a single
``RegisterFileError``, so a user can fix the whole file in one go instead of one error per upload.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in a register file.

    ``row`` is the row number as the user sees it in Excel (1-based, header and title rows included) and
    ``column`` the column's label as written in the file's header; either is None for a problem that
    concerns the whole file. ``message`` is Dutch, for users.
    """

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column is not None:
            return f"Rij {self.row}, kolom {self.column}: {self.message}"
        if self.row is not None:
            return f"Rij {self.row}: {self.message}"
        if self.column is not None:
            return f"Kolom {self.column}: {self.message}"
        return self.message[:1].upper() + self.message[1:]


class RegisterFileError(ValueError):
    """A register file that cannot be imported; ``problems`` lists everything that is wrong with it."""

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(None, None, problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._text())

    def _text(self) -> str:
        lines = [str(problem) for problem in self.problems]
        if len(lines) == 1:
            return lines[0]
        header = f"Het register bevat {len(lines)} problemen; er is niets ingelezen."
        return "\n".join([header, *(f"- {line}" for line in lines)])

    @property
    def messages(self) -> list[str]:
        """Each problem as one line of Dutch text, e.g. "Rij 14, kolom Kans: ..."."""
        return [str(problem) for problem in self.problems]
