# SPDX-License-Identifier: EUPL-1.2
"""What a register file holds: engine risks plus the text a register keeps beside them."""

from __future__ import annotations

from dataclasses import dataclass, field

from risicokompas.engine.model import Profile, Risk


@dataclass(frozen=True)
class RegisterRow:
    """One risk from a register file.

    ``risk`` is the engine input; the other fields are the register's own text. ``notes`` keeps the
    columns the template does not know, by their header text, so nothing a user wrote is lost.
    ``row_number`` is the row in the file it came from (None for a row made in code).
    """

    risk: Risk
    description: str = ""
    programme: str = ""
    owner: str = ""
    measures: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    row_number: int | None = None


@dataclass(frozen=True)
class Register:
    """A whole risk register, read in full or not at all.

    ``default_shape`` is the impact shape used for rows without a ``verdeling`` (DESIGN §5) and
    ``structural_years`` the policy number of years a structural risk counts; both are settings of the
    organisation that the report shows.
    """

    rows: tuple[RegisterRow, ...]
    structural_years: int = 1
    default_shape: str = "uniform"

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))

    @property
    def risks(self) -> tuple[Risk, ...]:
        return tuple(row.risk for row in self.rows)

    def profile(self) -> Profile:
        """The engine's risk profile of this register."""
        return Profile(risks=self.risks, structural_years=self.structural_years)
