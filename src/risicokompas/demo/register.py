# SPDX-License-Identifier: EUPL-1.2
"""Demo data: the fictional "Gemeente Voorbeeldrecht", a realistic and deterministic example municipality.

Voorbeeldrecht has about 45.000 inhabitants and a begroting of about € 180 mln. Its risk register has 60
risks spread over the BBV programma's, written the way a Dutch controller keeps them: a kans per year, a
maximum financial consequence in euros and, for some risks, a minimum, a most likely amount and a shape. Its
available weerstandscapaciteit is listed per component.

The content is in the data files (``demo.files``): the register is ``data/risicoregister.csv``, itself a
register file in the template's columns as Dutch Excel saves it, so it opens in a spreadsheet and reads with
``registerfile.read_register``; the organisation's policy and capacity are in ``data/organisaties.toml``, and each risk's cause, event and
consequence in ``data/oorzaak-gevolg.toml``.
Everything is invented: the names, amounts and roles describe no real organisation and contain no personal
data; owners are roles, never people.

The data is used by ``risicokompas demo`` (``make run``), by README examples and by ``manage.py load_demo``.
``write_demo_register`` writes the register as .xlsx or .csv with the canonical column keys as header row,
using only openpyxl and csv directly, so the demo file does not depend on the register file writer.
"""

from __future__ import annotations

import csv
from pathlib import Path

from risicokompas.demo.files import read_register_csv, read_toml
from risicokompas.registerfile.columns import COLUMNS

__all__ = [
    "CANONICAL_KEYS",
    "DEMO_BOWTIES",
    "DEMO_CAPACITY",
    "DEMO_ORGANISATION",
    "DEMO_RISKS",
    "demo_capacity_total",
    "demo_sum_of_maxima",
    "write_demo_register",
]

#: The canonical register file columns, in template order; the header row of the written file.
CANONICAL_KEYS: tuple[str, ...] = tuple(column.key for column in COLUMNS)

_ORGANISATIONS = read_toml("organisaties.toml")

#: Voorbeeldrecht and its policy for the calculation (``data/organisaties.toml``).
DEMO_ORGANISATION: dict = {
    key: value for key, value in _ORGANISATIONS["voorbeeldrecht"].items() if key not in ("units", "capacity")
}

#: The 60 risks, by register-file key (``data/risicoregister.csv``, a register file as Dutch Excel saves it).
DEMO_RISKS: tuple[dict, ...] = read_register_csv("risicoregister.csv")

#: Cause → event → consequence of each risk, by id (``data/oorzaak-gevolg.toml``): the register file has no
#: columns for them, the web application keeps them with the risk.
DEMO_BOWTIES: dict[str, dict[str, str]] = read_toml("oorzaak-gevolg.toml")

#: The available weerstandscapaciteit per component (``data/organisaties.toml``).
DEMO_CAPACITY: tuple[dict, ...] = tuple(_ORGANISATIONS["voorbeeldrecht"]["capacity"])


def demo_capacity_total() -> float:
    """The available weerstandscapaciteit of Voorbeeldrecht: the sum of all ``DEMO_CAPACITY`` items."""
    return float(sum(item["bedrag"] for item in DEMO_CAPACITY))


def demo_sum_of_maxima(*, structural_years: int | None = None) -> float:
    """Σ maximum consequence of the risks in the profile (excluded risks left out).

    A structural risk counts its annual amount times its own ``jaren`` or, without it, times
    ``structural_years`` (default: the organisation's setting).
    """
    years = DEMO_ORGANISATION["structural_years"] if structural_years is None else structural_years
    total = 0.0
    for risk in DEMO_RISKS:
        if risk.get("uitgesloten") == "ja":
            continue
        multiplier = risk.get("jaren", years) if risk.get("aard") == "structureel" else 1
        total += risk["gevolg_max"] * multiplier
    return total


def write_demo_register(path: Path) -> Path:
    """Write ``DEMO_RISKS`` to ``path`` (.xlsx or .csv) with the canonical keys as header row.

    The .xlsx has one sheet "Risico's" with numbers as numbers and the kans formatted as a percentage. The
    .csv is what Dutch Excel exports: ``;`` separated, UTF-8 with BOM, amounts as whole numbers and the
    kans as a percentage ("30%"). Returns ``path``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _write_xlsx(path)
    elif suffix == ".csv":
        _write_csv(path)
    else:
        raise ValueError(f"onbekend bestandstype {path.suffix!r}: kies .xlsx of .csv")
    return path


def _write_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Risico's"
    sheet.append(list(CANONICAL_KEYS))
    kans_column = CANONICAL_KEYS.index("kans") + 1
    amount_columns = [CANONICAL_KEYS.index(key) + 1 for key in ("gevolg_max", "gevolg_min", "gevolg_modus")]
    for risk in DEMO_RISKS:
        sheet.append([risk.get(key) for key in CANONICAL_KEYS])
        row = sheet.max_row
        sheet.cell(row=row, column=kans_column).number_format = "0%"
        for column in amount_columns:
            sheet.cell(row=row, column=column).number_format = "#,##0"
    sheet.freeze_panes = "A2"
    workbook.save(path)


def _csv_cell(key: str, value: str | float | None) -> str:
    if value is None:
        return ""
    if key == "kans":
        percent = round(float(value) * 100, 6)
        return f"{percent:g}%".replace(".", ",")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _write_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(CANONICAL_KEYS)
        for risk in DEMO_RISKS:
            writer.writerow([_csv_cell(key, risk.get(key)) for key in CANONICAL_KEYS])
