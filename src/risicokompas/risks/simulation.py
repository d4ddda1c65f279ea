# SPDX-License-Identifier: EUPL-1.2
"""Simulate a register: the one service the dashboard, the conversation agenda, snapshots, what-if and
sensitivity use, cached by the engine's input hash in Django's cache framework.

The input hash covers every number that can change a result, so two requests (or two app servers sharing
a cache such as Redis) with the same inputs get the same entry, and a changed register never sees a stale
result. Nothing is invalidated by hand: a change makes a new hash.

One computation per input hash at a time: whoever computes marks the hash busy in the same cache, and a
request that finds it busy (the worker or thread computing the dashboard after a change, another app
server, another tab) waits for that result instead of running the engine beside it on the same cores. A
marker left by a process that died expires; a waiter never waits longer than ``WAIT_SECONDS`` and then
computes itself.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.cache import cache

from risicokompas.capacity.services import available_total, separate_requirements_total
from risicokompas.engine import Profile, Settings, SimulationResult, simulate
from risicokompas.engine.conventional import RequiredCapacity, required_capacity
from risicokompas.engine.model import input_hash
from risicokompas.engine.standing import Standing, assess_standing, capacity_for_simulation
from risicokompas.organisations.models import Organisation
from risicokompas.risks.models import Risk
from risicokompas.risks.profile import RegisterProfile, register_profile

#: Monte Carlo is only used for correlated groups; a fixed seed keeps a register's result stable.
REGISTER_SEED = 20_240_101
CACHE_PREFIX = "risicokompas:simulation:"
#: A day: results never go stale (the key is the input hash), this only bounds what the cache keeps.
CACHE_SECONDS = 24 * 60 * 60
#: How long a busy marker lives if its process never removes it (far above any register's computation).
BUSY_SECONDS = 120
#: The longest a request waits for another's computation of the same inputs before computing them itself.
WAIT_SECONDS = 10.0


#: While a request records them (``recording_cache_outcomes``): per ``simulate_cached`` "hit", "miss", or
#: "waited" (found busy, and computed by whoever marked it).
_outcomes: ContextVar[list[str] | None] = ContextVar("simulation_cache_outcomes", default=None)


def cache_key(profile: Profile, settings: Settings) -> str:
    return CACHE_PREFIX + input_hash(profile, settings)


@contextmanager
def recording_cache_outcomes() -> Iterator[list[str]]:
    """Collect whether each ``simulate_cached`` inside the block found its result in the cache ("hit"),
    waited for another's computation of it ("waited") or computed it ("miss"), in call order. The web layer shows them in a response header outside production,
    so a test can see that a second app server reused the result of the first."""
    outcomes: list[str] = []
    token = _outcomes.set(outcomes)
    try:
        yield outcomes
    finally:
        _outcomes.reset(token)


def simulate_cached(profile: Profile, settings: Settings, key: str | None = None) -> SimulationResult:
    """``engine.simulate`` through the cache: computed once per input hash (``key``: its cache key when the
    caller computed it already; hashing a large register is not free)."""
    key = key or cache_key(profile, settings)
    result = cache.get(key)
    outcome = "hit"
    if result is None:
        if cache.add(key + BUSY_SUFFIX, True, BUSY_SECONDS):  # atomic: only one caller marks it
            outcome = "miss"
            try:
                result = _compute(profile, settings, key)
            finally:
                cache.delete(key + BUSY_SUFFIX)
        else:
            result = _wait_while_busy(key)
            outcome = "waited"
            if result is None:  # they failed, or take too long: compute, and leave their marker alone
                outcome = "miss"
                result = _compute(profile, settings, key)
    recorder = _outcomes.get()
    if recorder is not None:
        recorder.append(outcome)
    return result


BUSY_SUFFIX = ":busy"


def _compute(profile: Profile, settings: Settings, key: str) -> SimulationResult:
    result = simulate(profile, settings)
    cache.set(key, result, CACHE_SECONDS)
    return result


def _wait_while_busy(key: str) -> SimulationResult | None:
    """The result under ``key`` once whoever marked it busy has stored it; None when they stopped without
    a result, or after ``WAIT_SECONDS``."""
    deadline = time.monotonic() + WAIT_SECONDS
    pause = 0.005
    while time.monotonic() < deadline:
        time.sleep(pause)
        pause = min(pause * 2, 0.05)
        result = cache.get(key)
        if result is not None:
            return result
        if cache.get(key + BUSY_SUFFIX) is None:  # done or failed; its result may have landed just now
            return cache.get(key)
    return cache.get(key)


@dataclass(frozen=True)
class RegisterSimulation:
    """The organisation's open register simulated against its capacity, and its weerstandsvermogen."""

    register: RegisterProfile
    result: SimulationResult
    required: (
        RequiredCapacity  # the official figure (the organisation's method) with the simulation beside it
    )
    standing: Standing
    available: float  # capacity items (year t) + the computed onbenutte belastingcapaciteit when counted
    available_items: float
    separate_required: float
    key: str  # the cache key (engine input hash) of ``result``: charts drawn from it share this key


def simulate_register(
    organisation: Organisation, risks: list[Risk] | None = None, register: RegisterProfile | None = None
) -> RegisterSimulation:
    """Simulate the organisation's open risks (or ``risks``, or the ``register`` profile the caller built
    already) with its policy and its capacity."""
    register = register if register is not None else register_profile(organisation, risks)
    available_items, available = available_total(organisation)
    separate = float(separate_requirements_total(organisation))
    settings = Settings(
        certainty=float(organisation.certainty),
        capacity=capacity_for_simulation(available, separate),
        seed=REGISTER_SEED,
    )
    key = cache_key(register.profile, settings)
    result = simulate_cached(register.profile, settings, key)
    required = required_capacity(register.profile, result.required_capacity, organisation.calculation_method)
    standing = assess_standing(
        available,
        required.value,
        separate,
        _optional_float(organisation.norm_minimum),
        _optional_float(organisation.norm_maximum),
        None if not organisation.ratio_scale else organisation.scale,
    )
    return RegisterSimulation(
        register=register,
        result=result,
        required=required,
        standing=standing,
        available=available,
        available_items=available_items,
        separate_required=separate,
        key=key,
    )


def _optional_float(value) -> float | None:
    return None if value is None else float(value)
