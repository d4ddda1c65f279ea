# SPDX-License-Identifier: EUPL-1.2
"""One computation per input hash at a time: a request that finds the simulation of its inputs being
computed (by the dashboard's background thread or worker, another app server, another tab) waits for that
result instead of running the engine beside it; a marker left behind never blocks for long."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.cache import cache

from risicokompas.engine import Profile, Risk, Settings, Uniform
from risicokompas.risks import simulation

PROFILE = Profile(risks=(Risk("R01", "Risico R01", 0.3, Uniform(0, 1_000_000)),))
SETTINGS = Settings(certainty=0.9, seed=1)
KEY = simulation.cache_key(PROFILE, SETTINGS)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def engine(monkeypatch):
    """The engine, counted; ``entered`` is set inside it and it goes on once ``release`` is set."""
    real = simulation.simulate
    calls: list[int] = []
    entered, release = threading.Event(), threading.Event()

    def simulate(profile, settings):
        calls.append(1)
        entered.set()
        assert release.wait(10)
        return real(profile, settings)

    monkeypatch.setattr(simulation, "simulate", simulate)
    return calls, entered, release


def _in_thread(outcomes: dict, name: str) -> threading.Thread:
    def run() -> None:
        with simulation.recording_cache_outcomes() as recorded:
            outcomes[name] = (simulation.simulate_cached(PROFILE, SETTINGS), recorded)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_second_request_waits_for_the_first_computation_of_the_same_inputs(engine, monkeypatch):
    calls, entered, release = engine
    waiting = threading.Event()

    class Clock:  # the waiter's pauses: tell the test that it is waiting
        monotonic = staticmethod(time.monotonic)

        @staticmethod
        def sleep(seconds: float) -> None:
            waiting.set()
            time.sleep(seconds)

    monkeypatch.setattr(simulation, "time", Clock)
    outcomes: dict = {}
    first = _in_thread(outcomes, "first")
    assert entered.wait(10)
    second = _in_thread(outcomes, "second")
    assert waiting.wait(10)  # the second found the inputs busy and waits
    assert len(calls) == 1
    release.set()
    first.join(10)
    second.join(10)
    (result_1, recorded_1), (result_2, recorded_2) = outcomes["first"], outcomes["second"]
    assert (recorded_1, recorded_2) == (["miss"], ["waited"])
    assert len(calls) == 1
    assert result_2.required_capacity == result_1.required_capacity > 0
    assert cache.get(KEY + simulation.BUSY_SUFFIX) is None  # the marker went with the computation


def test_a_marker_nobody_removes_delays_a_request_only_briefly(engine, monkeypatch):
    calls, _, release = engine
    release.set()
    monkeypatch.setattr(simulation, "WAIT_SECONDS", 0.05)
    cache.set(KEY + simulation.BUSY_SUFFIX, True, 60)  # as a process that died while computing leaves it
    started = time.monotonic()
    with simulation.recording_cache_outcomes() as recorded:
        result = simulation.simulate_cached(PROFILE, SETTINGS)
    assert time.monotonic() - started < 5
    assert recorded == ["miss"] and len(calls) == 1 and result.required_capacity > 0
    assert cache.get(KEY) is not None
    assert cache.get(KEY + simulation.BUSY_SUFFIX) is True  # not ours to remove: it expires by itself


def test_a_failed_computation_leaves_no_marker(monkeypatch):
    def broken(profile, settings):
        raise RuntimeError("de rekenkern faalde")

    monkeypatch.setattr(simulation, "simulate", broken)
    with pytest.raises(RuntimeError):
        simulation.simulate_cached(PROFILE, SETTINGS)
    assert cache.get(KEY + simulation.BUSY_SUFFIX) is None
    monkeypatch.undo()
    with simulation.recording_cache_outcomes() as recorded:
        assert simulation.simulate_cached(PROFILE, SETTINGS).required_capacity > 0
    assert recorded == ["miss"]
