# SPDX-License-Identifier: EUPL-1.2
"""Demo history: five years (2021–2025) of estimates and outcomes for "Gemeente Voorbeeldrecht".

Every year holds the demo register (``demo.DEMO_RISKS``) as it was estimated then, with whether each risk
occurred and what it cost, plus a few losses that were not in the register. It feeds
``risicokompas calibrate`` and, later, the web demo of calibration (DESIGN C10).

The outcomes are drawn from a seeded ``random.Random``, so a seed always gives the same file. They are drawn
with a deliberate, typical bias, so that the calibration has something to find: rare risks (kans ≤ 20%)
occur 1,4 times as often as estimated, likely risks (kans ≥ 70%) a fifth less often, and one in ten
occurred risks costs 5–60% more than its maximum. Everything is invented, like the demo register. The years,
the seed, the bias, the earlier estimates and the surprises are in ``data/geschiedenis.toml``.

Like ``demo``, this module writes files with openpyxl and csv directly and does not use the engine.
"""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

from risicokompas.demo.files import read_toml
from risicokompas.demo.register import CANONICAL_KEYS, DEMO_RISKS

__all__ = [
    "DEMO_HISTORY_SEED",
    "DEMO_HISTORY_YEARS",
    "HISTORY_KEYS",
    "demo_history_rows",
    "write_demo_history",
]

_DATA = read_toml("geschiedenis.toml")

DEMO_HISTORY_YEARS: tuple[int, ...] = tuple(_DATA["years"])
DEMO_HISTORY_SEED: int = _DATA["seed"]

#: The header row of the written file: the year first, then the register, then what happened.
HISTORY_KEYS: tuple[str, ...] = ("jaar", *CANONICAL_KEYS, "opgetreden", "werkelijk_bedrag")

#: Estimates that were different in earlier years: risk id → {year: kans}.
_EARLIER_ESTIMATES: dict[str, dict[int, float]] = {
    code: {int(year): kans for year, kans in by_year.items()}
    for code, by_year in _DATA["earlier_estimates"].items()
}

#: Losses that were in no register: name, explanation, smallest and largest amount.
_SURPRISES: tuple[tuple[str, str, int, int], ...] = tuple(
    (item["name"], item["explanation"], item["low"], item["high"]) for item in _DATA["surprises"]
)

_TRUE_RATE_RARE: float = _DATA["true_rate_rare"]
_TRUE_RATE_LIKELY: float = _DATA["true_rate_likely"]
_OVERRUN_CHANCE: float = _DATA["overrun_chance"]
_Z90 = 1.2815515655446004  # Φ⁻¹(0,9): a lognormal's 90%-value is median · exp(1,2816 σ)


def demo_history_rows(
    *, seed: int = DEMO_HISTORY_SEED, years: tuple[int, ...] = DEMO_HISTORY_YEARS
) -> tuple[dict, ...]:
    """All rows of the history, by ``HISTORY_KEYS``: each demo risk in each year, then that year's surprises."""
    rng = random.Random(seed)
    rows: list[dict] = []
    for year in years:
        for risk in DEMO_RISKS:
            row = {"jaar": year, **risk}
            row["kans"] = _EARLIER_ESTIMATES.get(risk["id"], {}).get(year, risk["kans"])
            occurred = rng.random() < _true_probability(row["kans"])
            row["opgetreden"] = "ja" if occurred else "nee"
            if occurred:
                row["werkelijk_bedrag"] = _realised_amount(row, rng)
            rows.append(row)
        for number in range(1, rng.choice((0, 1, 1, 2)) + 1):
            name, explanation, low, high = rng.choice(_SURPRISES)
            rows.append(
                {
                    "jaar": year,
                    "id": f"V{year}-{number}",
                    "risico": name,
                    "omschrijving": explanation,
                    "opgetreden": "ja",
                    "werkelijk_bedrag": _round_thousands(rng.uniform(low, high)),
                }
            )
    return tuple(rows)


def _true_probability(estimate: float) -> float:
    if estimate <= 0.2:
        return min(1.0, estimate * _TRUE_RATE_RARE)
    if estimate >= 0.7:
        return estimate * _TRUE_RATE_LIKELY
    return estimate


def _realised_amount(row: dict, rng: random.Random) -> int:
    """A draw from the row's estimated shape; one in ten overruns the maximum by 5–60%."""
    high = row["gevolg_max"]
    low = row.get("gevolg_min", 0)
    shape = row.get("verdeling", "uniform")
    if rng.random() < _OVERRUN_CHANCE:
        return _round_thousands(high * rng.uniform(1.05, 1.6))
    if shape == "vast":
        return _round_thousands(high)
    if shape in ("driehoek", "pert"):
        return _round_thousands(rng.triangular(low, high, row["gevolg_modus"]))
    if shape == "lognormaal":
        median = row["gevolg_modus"]
        sigma = math.log(high / median) / _Z90
        return _round_thousands(min(median * math.exp(sigma * rng.gauss(0, 1)), high))
    return _round_thousands(rng.uniform(low, high))


def _round_thousands(amount: float) -> int:
    return round(amount / 1_000) * 1_000


def write_demo_history(path: Path, *, seed: int = DEMO_HISTORY_SEED) -> Path:
    """Write the demo history to ``path`` (.xlsx, one sheet "Geschiedenis", or a Dutch-Excel .csv)."""
    path = Path(path)
    rows = demo_history_rows(seed=seed)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _write_xlsx(path, rows)
    elif suffix == ".csv":
        _write_csv(path, rows)
    else:
        raise ValueError(f"onbekend bestandstype {path.suffix!r}: kies .xlsx of .csv")
    return path


def _write_xlsx(path: Path, rows: tuple[dict, ...]) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Geschiedenis"
    sheet.append(list(HISTORY_KEYS))
    kans_column = HISTORY_KEYS.index("kans") + 1
    for row in rows:
        sheet.append([row.get(key) for key in HISTORY_KEYS])
        sheet.cell(row=sheet.max_row, column=kans_column).number_format = "0%"
    sheet.freeze_panes = "B2"
    workbook.save(path)


def _write_csv(path: Path, rows: tuple[dict, ...]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(HISTORY_KEYS)
        for row in rows:
            writer.writerow([_csv_cell(key, row.get(key)) for key in HISTORY_KEYS])


def _csv_cell(key: str, value: str | float | None) -> str:
    if value is None:
        return ""
    if key == "kans":
        return f"{round(float(value) * 100, 6):g}%".replace(".", ",")
    return str(value)
