# SPDX-License-Identifier: EUPL-1.2
"""The demo's data files: ``demo/data/*.toml`` and the register ``demo/data/risicoregister.csv``.

Everything the demo shows (names, texts, amounts, people, rules, conversations, the network) is in those
files, so a controller can adapt the demo without reading Python; the modules of this package only turn
them into records, deterministically. The files ship inside the package (``pyproject.toml`` package-data)
and are read through ``importlib.resources``, so they are found in a wheel as well as in a checkout.
"""

from __future__ import annotations

import csv
import io
import tomllib
from importlib.resources import files
from typing import Any

from risicokompas.registerfile.values import parse_exact_amount, parse_probability, parse_years

__all__ = ["data_text", "read_register_csv", "read_toml"]

DATA = files("risicokompas.demo") / "data"

_AMOUNTS = ("gevolg_max", "gevolg_min", "gevolg_modus")


def data_text(name: str) -> str:
    """The text of one data file (UTF-8; a byte-order mark is dropped)."""
    return (DATA / name).read_text(encoding="utf-8-sig")


def read_toml(name: str) -> dict[str, Any]:
    """One TOML data file as a dict."""
    return tomllib.loads(data_text(name))


def read_register_csv(name: str) -> tuple[dict[str, Any], ...]:
    """A register file as Dutch Excel saves it (``;``, UTF-8 with BOM, canonical column keys as header) as
    rows of register keys. Empty cells are left out; the kans, amounts and years read by the register
    file's own rules (``30%`` or ``0,3``; ``1250000`` or ``€ 1.250.000``), so a file saved again by Excel
    still reads. The kans becomes a fraction, a whole amount an ``int``."""
    rows = []
    for record in csv.DictReader(io.StringIO(data_text(name), newline=""), delimiter=";"):
        row: dict[str, Any] = {}
        for key, text in record.items():
            text = (text or "").strip()
            if not text:
                continue
            if key == "kans":
                row[key] = parse_probability(text)
            elif key in _AMOUNTS:
                amount = parse_exact_amount(text)
                row[key] = int(amount) if amount == amount.to_integral_value() else float(amount)
            elif key == "jaren":
                row[key] = parse_years(text)
            else:
                row[key] = text
        rows.append(row)
    return tuple(rows)
