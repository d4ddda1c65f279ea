# SPDX-License-Identifier: EUPL-1.2
"""Engine benchmark: exact and Monte Carlo against a straightforward NumPy Monte Carlo baseline.

For registers of 100, 1.000 and 10.000 risks (lognormally spread maxima, probabilities 5–90%, impact
uniform(0, max) as the default shape) it reports, side by side:

* time (best of 3 for the exact method) and peak memory (tracemalloc: Python and NumPy allocations, in a
  separate call for fast methods) of the full result (quantile table,
  exceedance curve and drivers) by the engine's ``exact`` and ``montecarlo`` methods;
* the same for a baseline: 1.000.000 iterations with one Bernoulli and one uniform draw per risk per
  iteration, in chunks of 10.000 iterations, quantile by ``np.quantile``;
* each 90% quantile's difference from a reference: the engine's Monte Carlo with 10.000.000 iterations
  (100 and 1.000 risks). For 10.000 risks that reference would take about an hour on two cores, so there
  it is 2.000.000 iterations and the table says so.

First, the exact method on its own at default settings: the bracket (± around the 90% quantile, the
largest over the quantile table from 70% up) at 100, 1.000 and 2.000 risks (target ≤ ±0,1%), and the time
of a full result (quantiles, exceedance, drivers) at 10.000 risks (target < 2 s, best of 3) and 100.000
risks (target < 1 minute, one run).

Run with ``make bench`` (or ``python bench/engine_bench.py --quick`` to skip the 10.000-risk comparison and
the 100.000-risk register).
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc

import numpy as np

from risicokompas.engine import Profile, Risk, Settings, Uniform, simulate

SIZES = (100, 1_000, 10_000)
BRACKET_SIZES = (100, 1_000, 2_000)
TIMED_SIZES = {10_000: (3, 2.0), 100_000: (1, 60.0)}  # risks: (runs, target seconds)
BASELINE_ITERATIONS = 1_000_000
REFERENCE_ITERATIONS = {100: 10_000_000, 1_000: 10_000_000, 10_000: 2_000_000}


def make_register(n: int, seed: int = 2026) -> Profile:
    rng = np.random.default_rng(seed)
    maxima = np.exp(rng.normal(np.log(400_000), 1.1, n))
    probabilities = rng.choice([0.05, 0.1, 0.3, 0.5, 0.7, 0.9], n)
    return Profile(
        tuple(
            Risk(f"R{i}", f"risico {i}", float(p), Uniform(0, float(m)))
            for i, (p, m) in enumerate(zip(probabilities, maxima, strict=True))
        )
    )


def baseline_quantile(profile: Profile, iterations: int, seed: int = 1, level: float = 0.9) -> float:
    """The straightforward way: a Bernoulli and a uniform draw per risk per iteration."""
    rng = np.random.default_rng(seed)
    p = np.array([r.probability for r in profile.risks])
    high = np.array([r.impact.high for r in profile.risks])
    totals = np.empty(iterations)
    chunk = 10_000
    for start in range(0, iterations, chunk):
        rows = min(chunk, iterations - start)
        occurs = rng.random((rows, p.size)) < p
        amounts = rng.random((rows, p.size)) * high
        totals[start : start + rows] = (occurs * amounts).sum(axis=1)
    return float(np.quantile(totals, level))


def measure(function, repeat: int = 1):
    """(result, best seconds, peak bytes) of a call.

    Time and memory come from separate calls: tracemalloc slows every allocation, which would inflate the
    time of code that makes many small arrays. Slow calls (repeat=1) are timed once and not repeated for
    memory; their peak is taken in the same call.
    """
    if repeat == 1:
        tracemalloc.start()
        start = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return result, seconds, peak
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, best, peak


def exact_table(quick: bool) -> None:
    """The exact method's bracket width and speed at default settings."""
    print(
        f"{'risks':>7}  {'bracket q90':>12}  {'widest ≥70%':>12}  {'time (full result)':>19}  {'target':<10}"
    )
    for n in BRACKET_SIZES:
        result = simulate(make_register(n), Settings(method="exact"))
        widest = max(q.relative_uncertainty for q in result.quantiles if q.level >= 0.7)
        print(
            f"{n:>7}  {'±' + format(result.quantile(0.9).relative_uncertainty, '.4%'):>12}  {'±' + format(widest, '.4%'):>12}  {'':>19}  ≤ ±0,1%"
        )
    for n, (runs, target) in TIMED_SIZES.items():
        if quick and n > 10_000:
            continue
        profile = make_register(n)
        best = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            result = simulate(profile, Settings(method="exact"))
            best = min(best, time.perf_counter() - start)
        bracket = result.quantile(0.9).relative_uncertainty
        verdict = "ok" if best < target else "TOO SLOW"
        print(
            f"{n:>7}  {'±' + format(bracket, '.4%'):>12}  {'':>12}  {best:>17.2f} s  < {target:.0f} s {verdict}"
            f" ({len(result.drivers):,} drivers)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="skip the 10.000-risk comparison and 100.000 risks"
    )
    args = parser.parse_args(argv)
    sizes = SIZES[:2] if args.quick else SIZES

    simulate(make_register(10), Settings(method="exact"))  # warm-up: imports and FFT plans
    exact_table(args.quick)

    rows = []
    for n in sizes:
        profile = make_register(n)
        print(f"\n{n} risks: computing the reference ...", file=sys.stderr, flush=True)
        reference_iterations = REFERENCE_ITERATIONS[n]
        reference = simulate(
            profile, Settings(method="montecarlo", iterations=reference_iterations, seed=99, drivers=False)
        ).quantile(0.9)

        exact, t_exact, m_exact = measure(lambda p=profile: simulate(p, Settings(method="exact")), repeat=3)
        mc, t_mc, m_mc = measure(
            lambda p=profile: simulate(
                p, Settings(method="montecarlo", iterations=BASELINE_ITERATIONS, seed=7)
            )
        )
        base_q, t_base, m_base = measure(lambda p=profile: baseline_quantile(p, BASELINE_ITERATIONS))

        def row(name, q, seconds, memory, interval="", n=n, reference=reference, t_base=t_base):
            difference = (q - reference.value) / reference.value
            rows.append((n, name, seconds, memory, q, difference, interval, t_base / seconds))

        q_exact = exact.quantile(0.9)
        row("exact", q_exact.value, t_exact, m_exact, f"±{q_exact.relative_uncertainty:.2%} (bound)")
        q_mc = mc.quantile(0.9)
        row("montecarlo 1M", q_mc.value, t_mc, m_mc, f"±{q_mc.relative_uncertainty:.2%} (95% CI)")
        row("numpy baseline 1M", base_q, t_base, m_base)
        ref_note = (
            f"reference: {reference_iterations:,} iterations, 95% CI ±{reference.relative_uncertainty:.3%}"
        )
        rows.append((n, ref_note, None, None, reference.value, None, "", None))

    print()
    header = f"{'risks':>6}  {'method':<20}{'time':>10}{'peak mem':>11}{'90% quantile':>16}{'vs ref':>9}  {'uncertainty':<22}{'speed-up':>9}"
    print(header)
    print("-" * len(header))
    for n, name, seconds, memory, q, difference, interval, speedup in rows:
        if seconds is None:
            print(f"{n:>6}  {name}  (q90 = {q:,.0f})")
            continue
        print(
            f"{n:>6}  {name:<20}{seconds * 1000:>8.0f}ms{memory / 2**20:>9.0f}MB{q:>16,.0f}{difference:>+9.3%}  "
            f"{interval:<22}{speedup:>8.0f}×"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
