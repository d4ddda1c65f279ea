# SPDX-License-Identifier: EUPL-1.2
"""Frozen inputs of the engine: risks, the risk profile and the simulation settings."""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from typing import Any, Literal

from risicokompas.engine.distributions import Impact, impact_to_dict, scale_impact
from risicokompas.engine.errors import EngineInputError

#: Calculation value of each kansklasse 1–5 (DESIGN §5).
CLASS_PROBABILITIES: dict[int, float] = {1: 0.10, 2: 0.30, 3: 0.50, 4: 0.70, 5: 0.90}

#: The quantile levels of the standard table.
DEFAULT_LEVELS: tuple[float, ...] = (0.50, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95, 0.99)


def probability_from_class(kansklasse: int) -> float:
    """The calculation probability of a kansklasse 1–5: 10/30/50/70/90%."""
    try:
        return CLASS_PROBABILITIES[int(kansklasse)]
    except (KeyError, ValueError, TypeError) as exc:
        raise EngineInputError("kans", f"kansklasse {kansklasse!r} bestaat niet (1 t/m 5)") from exc


class Nature(StrEnum):
    """Incidental (one-off) or structural (recurring yearly) consequence."""

    INCIDENTAL = "incidenteel"
    STRUCTURAL = "structureel"


@dataclass(frozen=True)
class Risk:
    """One risk: an event with a yearly probability and a loss distribution if it occurs.

    For a structural risk the impact is the annual amount; it counts ``years`` times (or the profile's
    ``structural_years`` when ``years`` is None). An ``excluded`` risk (covered by a voorziening or an
    insurance) stays in the register but not in the profile.
    """

    id: str
    name: str
    probability: float
    impact: Impact
    nature: Nature = Nature.INCIDENTAL
    years: int | None = None
    group: str | None = None
    excluded: bool = False

    def __post_init__(self) -> None:
        p = self.probability
        if isinstance(p, bool) or not isinstance(p, int | float) or not math.isfinite(p):
            raise EngineInputError("kans", f"risico {self.id}: {p!r} is geen kans")
        if not 0.0 <= p <= 1.0:
            raise EngineInputError("kans", f"risico {self.id}: kans {p} ligt niet tussen 0 en 1")
        if self.years is not None and (not isinstance(self.years, int) or self.years < 1):
            raise EngineInputError("jaren", f"risico {self.id}: aantal jaren moet een geheel getal ≥ 1 zijn")
        object.__setattr__(self, "nature", Nature(self.nature))

    def multiplier(self, structural_years: int) -> int:
        """How many times the impact counts: the years of a structural risk, else 1."""
        if self.nature is Nature.STRUCTURAL:
            return self.years if self.years is not None else structural_years
        return 1

    def with_measure(self, probability: float | None = None, impact_factor: float = 1.0) -> Risk:
        """This risk after a measure: a new probability and/or all amounts multiplied by a factor."""
        return replace(
            self,
            probability=self.probability if probability is None else probability,
            impact=scale_impact(self.impact, impact_factor),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "probability": self.probability,
            "impact": impact_to_dict(self.impact),
            "nature": self.nature.value,
            "years": self.years,
            "group": self.group,
            "excluded": self.excluded,
        }


@dataclass(frozen=True)
class Profile:
    """The risk profile: the risks plus the policy choices that shape their aggregation.

    ``correlations`` maps a group name to the correlation (0–1) of the risks in that group; a group that
    is not listed is independent. Dependence is therefore always an explicit, visible choice.
    """

    risks: tuple[Risk, ...]
    structural_years: int = 1
    correlations: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "risks", tuple(self.risks))
        if isinstance(self.correlations, dict):
            object.__setattr__(self, "correlations", tuple(sorted(self.correlations.items())))
        if not isinstance(self.structural_years, int) or self.structural_years < 1:
            raise EngineInputError("structurele_jaren", "moet een geheel getal ≥ 1 zijn")
        ids = [risk.id for risk in self.risks]
        duplicates = sorted(i for i, n in Counter(ids).items() if n > 1)
        if duplicates:
            raise EngineInputError("id", f"dubbele risico-id's: {', '.join(duplicates)}")
        for group, rho in self.correlations:
            if not 0.0 <= rho <= 1.0:
                raise EngineInputError(
                    "correlatie", f"groep {group}: correlatie {rho} ligt niet tussen 0 en 1"
                )

    @property
    def correlation_map(self) -> dict[str, float]:
        return dict(self.correlations)

    def correlation_of(self, risk: Risk) -> float:
        if risk.group is None:
            return 0.0
        return self.correlation_map.get(risk.group, 0.0)

    @property
    def active(self) -> tuple[Risk, ...]:
        """Risks that count in the profile: not excluded, with a chance and an amount."""
        return tuple(
            r for r in self.risks if not r.excluded and r.probability > 0 and r.impact.nominal_max > 0
        )

    @property
    def has_dependence(self) -> bool:
        return any(self.correlation_of(r) > 0 for r in self.active)

    def without(self, risk_id: str) -> Profile:
        return replace(self, risks=tuple(r for r in self.risks if r.id != risk_id))

    def replacing(self, risk: Risk) -> Profile:
        if risk.id not in {r.id for r in self.risks}:
            raise EngineInputError("id", f"risico {risk.id} staat niet in het profiel")
        return replace(self, risks=tuple(risk if r.id == risk.id else r for r in self.risks))

    def get(self, risk_id: str) -> Risk:
        for risk in self.risks:
            if risk.id == risk_id:
                return risk
        raise EngineInputError("id", f"risico {risk_id} staat niet in het profiel")

    @cached_property
    def canonical_json(self) -> str:
        """``to_dict`` as canonical JSON (sorted keys, no spaces), the part of ``input_hash`` that is the
        profile: written once per profile, though a register is hashed for its cache key and its result."""
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), allow_nan=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "risks": [r.to_dict() for r in self.risks],
            "structural_years": self.structural_years,
            "correlations": dict(self.correlations),
        }


Method = Literal["auto", "exact", "montecarlo"]


@dataclass(frozen=True)
class Settings:
    """How to simulate. Randomness comes only from ``seed``; ``chunk_size`` never changes a result."""

    method: Method = "auto"
    certainty: float = 0.90
    levels: tuple[float, ...] = DEFAULT_LEVELS
    iterations: int = 100_000
    seed: int | None = None
    chunk_size: int = 65_536
    tolerance: float | None = None
    max_iterations: int = 10_000_000
    grid_size: int | None = None
    capacity: float | None = None
    drivers: bool = True

    def __post_init__(self) -> None:
        if self.method not in ("auto", "exact", "montecarlo"):
            raise EngineInputError("methode", f"onbekende methode {self.method!r}")
        if not 0.0 < self.certainty < 1.0:
            raise EngineInputError(
                "zekerheid", f"zekerheidspercentage {self.certainty} ligt niet tussen 0 en 1"
            )
        levels = tuple(sorted(set(self.levels) | {self.certainty}))
        if any(not 0.0 < q < 1.0 for q in levels):
            raise EngineInputError("niveaus", "kwantielniveaus moeten tussen 0 en 1 liggen")
        object.__setattr__(self, "levels", levels)
        if self.iterations < 1000:
            raise EngineInputError("iteraties", "gebruik minstens 1.000 iteraties")
        if self.chunk_size < 1:
            raise EngineInputError("chunk_size", "moet positief zijn")
        if self.tolerance is not None and not 0 < self.tolerance < 1:
            raise EngineInputError("tolerantie", "relatieve tolerantie moet tussen 0 en 1 liggen")
        if self.capacity is not None and (not math.isfinite(self.capacity) or self.capacity < 0):
            raise EngineInputError("capaciteit", "beschikbare capaciteit mag niet negatief zijn")
        if self.seed is not None and (not isinstance(self.seed, int) or self.seed < 0):
            raise EngineInputError("seed", "seed moet een geheel getal ≥ 0 zijn")

    def hash_fields(self) -> dict[str, Any]:
        """Everything that can change a number (so not chunk_size)."""
        return {
            "method": self.method,
            "certainty": self.certainty,
            "levels": list(self.levels),
            "iterations": self.iterations,
            "seed": self.seed,
            "tolerance": self.tolerance,
            "max_iterations": self.max_iterations,
            "grid_size": self.grid_size,
            "capacity": self.capacity,
        }


def input_hash(profile: Profile, settings: Settings) -> str:
    """SHA-256 over a canonical JSON of everything that determines the result."""
    # The canonical JSON of {"profile": …, "settings": …}, its profile part written once per profile.
    settings_text = json.dumps(settings.hash_fields(), sort_keys=True, separators=(",", ":"), allow_nan=False)
    text = '{"profile":' + profile.canonical_json + ',"settings":' + settings_text + "}"
    return hashlib.sha256(text.encode()).hexdigest()
