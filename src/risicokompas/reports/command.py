# SPDX-License-Identifier: EUPL-1.2
"""What ``risicokompas report`` does: register + capacity file → simulation → paragraph in one format.

Kept out of ``cli.py`` so the command line stays a thin layer; errors are the library's own
(``RegisterFileError``, ``CapacityFileError``, ``EngineInputError``, ``ValueProblem``), which the CLI
turns into one Dutch line and exit code 2.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from risicokompas.engine import Settings, simulate
from risicokompas.registerfile import read_register
from risicokompas.registerfile.values import ValueProblem, parse_decimal
from risicokompas.reports import render
from risicokompas.reports.build import from_simulation
from risicokompas.reports.capacityfile import read_capacity

#: Output suffix → render format; ".html" is the fragment for publishing platforms.
SUFFIX_FORMATS = {".docx": "docx", ".pdf": "pdf", ".html": "fragment", ".htm": "fragment"}


@dataclass(frozen=True)
class ReportRequest:
    register: Path
    capacity: Path
    out: Path
    title: str
    year: int
    certainty: float
    organisation: str
    default_shape: str = "uniform"
    structural_years: int = 1
    norm_min: float | None = None
    full_page: bool = False


def parse_ratio(text: str | None) -> float | None:
    """A ratio as typed, "1,0" or "1.4"; None stays None."""
    if text is None:
        return None
    try:
        value = float(parse_decimal(text.strip()))
    except (ValueError, ArithmeticError):
        raise ValueProblem(f"'{text}' is geen geldige ratio (bijvoorbeeld 1,0)") from None
    if value < 0:
        raise ValueProblem(f"de norm {text} mag niet negatief zijn")
    return value


def output_format(out: Path, *, full_page: bool = False) -> str | None:
    """The render format for an output path, or None for a suffix we do not write."""
    fmt = SUFFIX_FORMATS.get(out.suffix.lower())
    return "html" if fmt == "fragment" and full_page else fmt


def write_report(request: ReportRequest) -> Path:
    """Read both files, simulate, render and write ``request.out``; returns the path written."""
    register = read_register(
        request.register, default_shape=request.default_shape, structural_years=request.structural_years
    )
    capacity_rows = read_capacity(request.capacity)
    available = sum(row.amount for row in capacity_rows)
    profile = register.profile()
    result = simulate(profile, Settings(certainty=request.certainty, capacity=available))
    active = {risk.id for risk in profile.active}
    data = from_simulation(
        profile,
        result,
        organisation=request.organisation,
        title=request.title,
        year=request.year,
        reference_date=datetime.date.today(),
        capacity_rows=capacity_rows,
        measures={row.risk.id: row.measures for row in register.rows},
        default_shape=register.default_shape,
        unquantified=[f"{r.id} {r.name}" for r in profile.risks if r.id not in active and not r.excluded],
        norm_min=request.norm_min,
    )
    fmt = output_format(request.out, full_page=request.full_page)
    if fmt is None:
        raise ValueError(f"onbekend formaat voor {request.out.name}; kies .docx, .pdf, .html of .htm")
    request.out.write_bytes(render(data, fmt))
    return request.out
