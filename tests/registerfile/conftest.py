# SPDX-License-Identifier: EUPL-1.2
"""Factories for register files built at test time (no binary fixtures in the repository)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from risicokompas.registerfile import RegisterFileError, read_register


@pytest.fixture
def make_xlsx(tmp_path: Path) -> Callable[..., Path]:
    """Write rows (header included) to a sheet; ``sheets`` gives several sheets as title → rows."""

    def make(
        rows: Sequence[Sequence[object]] | None = None,
        *,
        name: str = "register.xlsx",
        sheet: str = "Risico's",
        sheets: dict[str, Sequence[Sequence[object]]] | None = None,
    ) -> Path:
        workbook = Workbook()
        workbook.remove(workbook.active)
        for title, content in (sheets or {sheet: rows or []}).items():
            worksheet = workbook.create_sheet(title)
            for row in content:
                worksheet.append(list(row))
        path = tmp_path / name
        workbook.save(path)
        return path

    return make


@pytest.fixture
def make_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write rows (header included) as CSV with the given delimiter and encoding."""

    def make(
        rows: Sequence[Sequence[object]],
        *,
        delimiter: str = ";",
        encoding: str = "utf-8",
        name: str = "register.csv",
    ) -> Path:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        path = tmp_path / name
        path.write_bytes(buffer.getvalue().encode(encoding))
        return path

    return make


@pytest.fixture
def problems_of() -> Callable[..., list[str]]:
    """The problems reading a file reports, as the lines a user sees; fails when the file reads fine."""

    def problems(source: object, **options: object) -> list[str]:
        with pytest.raises(RegisterFileError) as caught:
            read_register(source, **options)
        return caught.value.messages

    return problems
