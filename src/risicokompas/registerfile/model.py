# SPDX-License-Identifier: EUPL-1.2
"""What a register file holds: engine risks plus the text a register keeps beside them, and the risks that
are named but not yet quantified."""

from __future__ import annotations

from dataclasses import dataclass, field

from risicokompas.engine.model import Nature, Profile, Risk


@dataclass(frozen=True)
class RegisterRow:
    """One risk from a register file.

    ``risk`` is the engine input; the other fields are the register's own text. ``notes`` keeps the
    columns the template does not know, by their header text, so nothing a user wrote is lost.
    ``row_number`` is the row in the file it came from (None for a row made in code). ``assumed_mode`` is
    True when the row had no "meest waarschijnlijk gevolg" and ``shapes.MISSING_MODE_RULE`` supplied it.
    """

    risk: Risk
    description: str = ""
    programme: str = ""
    owner: str = ""
    measures: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    row_number: int | None = None
    assumed_mode: bool = False


@dataclass(frozen=True)
class UnquantifiedRow:
    """A risk that is named but not (yet) quantified: its kans or maximum is PM, onbekend or empty.

    It is kept and listed (the paragraph names non-quantifiable risks, DESIGN §6), never counted as zero
    and never dropped. Whatever the row does state is kept as read, so the register can be written back.
    ``probability`` or ``maximum`` is None for what is not quantified; ``shape`` is the verdeling as
    written (None when empty).
    """

    id: str
    name: str
    probability: float | None = None
    maximum: float | None = None
    minimum: float | None = None
    mode: float | None = None
    shape: str | None = None
    nature: Nature = Nature.INCIDENTAL
    years: int | None = None
    group: str | None = None
    excluded: bool = False
    description: str = ""
    programme: str = ""
    owner: str = ""
    measures: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    row_number: int | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        """The register columns that are not quantified: "kans" and/or "gevolg_max"."""
        return tuple(
            key for key, value in (("kans", self.probability), ("gevolg_max", self.maximum)) if value is None
        )

    def to_dict(self) -> dict[str, str]:
        """For JSON: id and name (what a list of non-quantified risks shows)."""
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True)
class Register:
    """A whole risk register, read in full or not at all.

    ``default_shape`` is the impact shape used for rows without a ``verdeling`` (DESIGN §5) and
    ``structural_years`` the policy number of years a structural risk counts; both are settings of the
    organisation that the report shows. ``unquantified`` holds the named risks without a kans or maximum;
    they are not in the profile.
    """

    rows: tuple[RegisterRow, ...]
    structural_years: int = 1
    default_shape: str = "uniform"
    unquantified: tuple[UnquantifiedRow, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))
        object.__setattr__(self, "unquantified", tuple(self.unquantified))

    @property
    def risks(self) -> tuple[Risk, ...]:
        return tuple(row.risk for row in self.rows)

    @property
    def assumed_mode_ids(self) -> tuple[str, ...]:
        """Ids of the risks whose "meest waarschijnlijk gevolg" came from ``shapes.MISSING_MODE_RULE``."""
        return tuple(row.risk.id for row in self.rows if row.assumed_mode)

    def profile(self) -> Profile:
        """The engine's risk profile of this register (the quantified risks)."""
        return Profile(risks=self.risks, structural_years=self.structural_years)
