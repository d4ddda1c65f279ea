# SPDX-License-Identifier: EUPL-1.2
"""From the register in the database to the engine's frozen input. No risk maths here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, Protocol, TypeVar

from risicokompas.engine import EngineInputError, Profile
from risicokompas.engine import Risk as EngineRisk
from risicokompas.engine.model import Nature
from risicokompas.registerfile.shapes import impact_from_fields
from risicokompas.risks.models import Risk

R = TypeVar("R")


@dataclass(frozen=True)
class RegisterProfile(Generic[R]):
    """The engine profile of the open risks, and the risks that could not be counted, with why.

    ``R`` is what the register was read as: ``Risk`` instances, or the dashboard's ``RiskRow`` tuples.
    """

    profile: Profile
    unquantified: tuple[R, ...]
    invalid: tuple[tuple[R, str], ...]


class EstimatedRisk(Protocol):
    """What ``engine_risk`` reads: a register ``Risk``, or a snapshot's ``FrozenRisk``."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def probability(self) -> Decimal | None: ...
    @property
    def shape(self) -> str: ...
    @property
    def impact_min(self) -> Decimal | None: ...
    @property
    def impact_mode(self) -> Decimal | None: ...
    @property
    def impact_max(self) -> Decimal | None: ...
    @property
    def nature(self) -> str: ...
    @property
    def years(self) -> int | None: ...
    @property
    def group(self) -> str: ...
    @property
    def excluded(self) -> bool: ...


def impact_of(risk: EstimatedRisk, default_shape: str):
    """The risk's impact through the one shape mapping the register file uses
    (``registerfile.shapes.impact_from_fields``): the same row means the same on the web and in a file."""
    return impact_from_fields(
        risk.shape or default_shape,
        None if risk.impact_max is None else float(risk.impact_max),
        None if risk.impact_min is None else float(risk.impact_min),
        None if risk.impact_mode is None else float(risk.impact_mode),
    ).impact


def engine_risk(risk: EstimatedRisk, default_shape: str) -> EngineRisk:
    if risk.probability is None:  # callers pass quantified risks only
        raise EngineInputError("kans", f"risico {risk.code}: geen kans ingevuld")
    return EngineRisk(
        id=risk.code,
        name=risk.name,
        probability=float(risk.probability),
        impact=impact_of(risk, default_shape),
        nature=Nature(risk.nature),
        years=risk.years if risk.nature == Risk.Nature.STRUCTURAL else None,
        group=risk.group or None,
        excluded=risk.excluded,
    )


def register_profile(organisation, risks=None) -> RegisterProfile:
    """The profile of the organisation's open risks (or of ``risks``, for a what-if)."""
    if risks is None:
        risks = organisation.risks.filter(status=Risk.Status.OPEN).order_by("code")
    counted, unquantified, invalid = [], [], []
    for risk in risks:
        if not risk.is_quantified:
            unquantified.append(risk)
            continue
        try:
            counted.append(engine_risk(risk, organisation.default_shape))
        except EngineInputError as error:
            invalid.append((risk, error.message))
    profile = Profile(risks=tuple(counted), structural_years=organisation.structural_years)
    return RegisterProfile(profile=profile, unquantified=tuple(unquantified), invalid=tuple(invalid))
