# SPDX-License-Identifier: EUPL-1.2
"""Simulate a register read from a file or from JSON rows with the options of ``risicokompas simulate``,
given as text the way the command line takes them ("95%", "0,7", "grond=0,5"), and the one JSON answer that
``simulate --json`` prints and the API's simulation returns.

Pure: no Django, no app; the command line and the API both call it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from risicokompas.engine import Settings, SimulationResult, simulate
from risicokompas.engine.capacity import assess
from risicokompas.engine.conventional import (
    CalculationMethod,
    CalculationName,
    RequiredCapacity,
    required_capacity,
)
from risicokompas.engine.model import Profile
from risicokompas.registerfile import Register
from risicokompas.registerfile.shapes import MISSING_MODE_RULE
from risicokompas.registerfile.values import ValueProblem, parse_amount, parse_decimal, parse_probability


class BadInput(Exception):
    """An input problem to report in one line, not as a traceback."""


class Progress(Protocol):
    def __call__(self, done: int, total: int) -> None: ...

    def finish(self) -> None: ...


def simulate_register(
    register: Register,
    *,
    zekerheid: str = "90",
    methode: str = "auto",
    iteraties: int = 100_000,
    seed: int | None = None,
    tolerantie: str | None = None,
    capaciteit: str | None = None,
    rekenmethode: str = CalculationName.SIMULATION.value,
    factor: str | None = None,
    correlatie: Sequence[str] = (),
    progress: Callable[[Settings], Progress | None] | None = None,
) -> tuple[SimulationResult, RequiredCapacity, Profile]:
    """Simulate a register read from a file (or JSON rows) with the options of ``simulate``, given as
    the command line takes them (text such as "95%" or "0,7"); ``BadInput`` or ``ValueProblem`` for bad ones."""
    profile = register.profile()
    correlations = parse_correlations(list(correlatie))
    if correlations:
        profile = replace(profile, correlations=tuple(sorted(correlations.items())))
    if rekenmethode not in {name.value for name in CalculationName}:
        raise BadInput(f"onbekende rekenmethode '{rekenmethode}'")
    if methode not in ("auto", "exact", "montecarlo"):
        raise BadInput(f"onbekende methode '{methode}': kies auto, exact of montecarlo")
    settings = Settings(
        method=methode,  # type: ignore[arg-type]  # checked above
        certainty=parse_level(zekerheid),
        iterations=iteraties,
        seed=seed,
        tolerance=None if tolerantie is None else parse_level(tolerantie),
        capacity=None if capaciteit is None else parse_amount(capaciteit),
    )
    method = CalculationMethod(CalculationName(rekenmethode), 1.0 if factor is None else parse_factor(factor))
    bar = progress(settings) if progress is not None else None
    result = simulate(profile, settings, progress=bar)
    if bar is not None:
        bar.finish()
    return result, required_capacity(profile, result.required_capacity, method), profile


def json_payload(
    result: SimulationResult,
    source: Path | str,
    *,
    required: RequiredCapacity | None = None,
    register: Register | None = None,
) -> dict[str, Any]:
    """The result's dict, with the official method's figure as ``required_capacity`` (and the ratio and
    class from it), ``calculation``, ``factor``, ``conventional``, ``unquantified`` and ``assumed_mode``."""
    payload = result.to_dict()
    if required is not None:
        payload.update(required.to_dict())
        if result.capacity is not None:
            assessment = assess(result.capacity, required.value)
            payload["ratio"] = assessment.ratio
            cls = assessment.ratio_class
            payload["class"] = cls.letter if cls is not None else None
            payload["class_label"] = cls.label if cls is not None else None
    if register is not None:
        payload["unquantified"] = [row.to_dict() for row in register.unquantified]
        payload["assumed_mode"] = {"ids": list(register.assumed_mode_ids), "rule": MISSING_MODE_RULE}
    payload["register"] = str(source)
    return payload


def parse_level(text: str) -> float:
    try:
        value = parse_probability(text.strip())
    except ValueProblem as error:
        raise BadInput(f"{text!r} is geen percentage: {error}") from None
    if not 0 < value < 1:
        raise BadInput(f"{text} ligt niet tussen 0% en 100%")
    return value


def parse_factor(text: str) -> float:
    """A factor typed the Dutch way: "0,7", "0.7", "1,1" or "70%"."""
    stripped = text.strip()
    percent = stripped.endswith("%")
    try:
        value = parse_decimal(stripped[:-1] if percent else stripped)
    except (ValueError, ArithmeticError):
        raise BadInput(f"--factor {text!r} is geen getal; schrijf bijvoorbeeld 0,7") from None
    return float(value / 100 if percent else value)


def parse_correlations(items: list[str]) -> dict[str, float]:
    correlations = {}
    for item in items:
        group, sep, value = item.partition("=")
        if not sep or not group.strip():
            raise BadInput(f"--correlatie {item!r}: schrijf GROEP=WAARDE, bijvoorbeeld grond=0,5")
        try:
            rho = float(value.strip().replace(",", "."))
        except ValueError:
            raise BadInput(f"--correlatie {item!r}: {value!r} is geen getal") from None
        if not 0 <= rho <= 1:
            raise BadInput(f"--correlatie {item!r}: een correlatie ligt tussen 0 en 1")
        correlations[group.strip()] = rho
    return correlations
