# SPDX-License-Identifier: EUPL-1.2
"""Limits on an input file, checked before and while it is read, so a bad file costs bounded memory and time.

An upload limit counts the bytes sent, and an .xlsx is a ZIP archive: 1 MB can expand to gigabytes. So
before openpyxl opens a workbook the archive's directory is read (``check_xlsx``): the total uncompressed
size of its members and the compression ratio must stay under ``MAX_UNCOMPRESSED_BYTES`` and
``MAX_COMPRESSION_RATIO``. Python's ``zipfile`` never inflates a member beyond the size its directory
declares, so checking the declared sizes bounds what is really inflated. While the cells are read, the number
of rows, columns and cells and the length of every text are limited too (``CellLimits``). The register,
events, capacity, people and kengetallen files, on the web and the command line, all pass through here.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from risicokompas.engine.present import format_number
from risicokompas.registerfile.errors import Problem, RegisterFileError

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: The largest file read at all (the web's upload limit is lower: 5 MB).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: The largest total size of an .xlsx archive's members once unpacked.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
#: The largest ratio of unpacked to packed size, of one member or of the whole archive.
MAX_COMPRESSION_RATIO = 100
#: Archives smaller than this when unpacked are not held to the ratio (tiny members compress oddly).
RATIO_FLOOR_BYTES = 1024 * 1024
#: The most members an .xlsx archive may hold.
MAX_MEMBERS = 1000
#: The longest text of one cell (a risk's explanation fits easily; a 1 GB name does not).
MAX_CELL_CHARS = 5000
#: The most rows and columns of a sheet, and cells in all.
MAX_ROWS = 10_000
MAX_COLUMNS = 200
MAX_CELLS = 300_000
#: After this many cells that are too long, the rest are not listed.
MAX_LISTED = 20

TOO_BIG = "het bestand is groter dan {mb} MB; verklein het bestand of splits het"
UNPACKED_TOO_BIG = (
    "Het bestand is uitgepakt te groot ({size} MB; maximaal {limit} MB): een Excel-bestand is ingepakt, en "
    "dit bestand pakt uit tot meer dan een register nodig heeft. Sla alleen het werkblad met de gegevens "
    "op in een nieuwe werkmap"
)
RATIO_TOO_HIGH = (
    "Het bestand is uitgepakt te groot in verhouding tot het bestand zelf ({ratio}×; maximaal "
    "{limit}×); zo'n bestand is geen gewone werkmap. Sla de gegevens op in een nieuwe werkmap"
)
NO_VISIBLE_SHEET = "de werkmap heeft geen zichtbaar werkblad; maak het werkblad met de gegevens zichtbaar"

_T = TypeVar("_T")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def check_size(data: bytes | int) -> None:
    """Refuse a file larger than ``MAX_FILE_BYTES`` (bytes, or the size of a file on disk)."""
    size = data if isinstance(data, int) else len(data)
    if size > MAX_FILE_BYTES:
        raise RegisterFileError(TOO_BIG.format(mb=_mb(MAX_FILE_BYTES)))


def check_xlsx(data: bytes) -> None:
    """Refuse an .xlsx archive that would unpack too large, before anything is unpacked.

    A file that is not a readable ZIP archive is left for the reader to refuse in its own words.
    """
    check_size(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return
    if len(members) > MAX_MEMBERS:
        raise RegisterFileError(
            f"het bestand bevat {len(members)} onderdelen (maximaal {MAX_MEMBERS}); het is geen gewone werkmap"
        )
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise RegisterFileError(UNPACKED_TOO_BIG.format(size=_mb(total), limit=_mb(MAX_UNCOMPRESSED_BYTES)))
    if total < RATIO_FLOOR_BYTES:
        return
    packed = max(1, sum(member.compress_size for member in members))
    worst = max(
        [total / packed]
        + [m.file_size / max(1, m.compress_size) for m in members if m.file_size >= RATIO_FLOOR_BYTES]
    )
    if worst > MAX_COMPRESSION_RATIO:
        raise RegisterFileError(RATIO_TOO_HIGH.format(ratio=f"{worst:.0f}", limit=MAX_COMPRESSION_RATIO))


def open_workbook(data: bytes) -> Workbook:
    """The workbook in ``data``, read-only with cached values, after ``check_xlsx``.

    Raises RegisterFileError for a file openpyxl cannot open (the caller words it for its file kind).
    """
    import warnings

    from openpyxl import load_workbook

    check_xlsx(data)
    with warnings.catch_warnings():
        # openpyxl warns about Excel extensions it drops (e.g. extended data validation); harmless here.
        warnings.simplefilter("ignore")
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)


def visible_sheets(workbook: Workbook) -> list[Worksheet]:
    """The sheets a user sees in Excel, in order: a hidden ("hidden" or "veryHidden") sheet is never read."""
    return [ws for ws in workbook.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]


def column_name(index: int) -> str:
    """Excel's letter for the 0-based column ``index`` (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class CellLimits:
    """Counts rows and cells while a sheet or CSV file is read, and collects the cells that are too long.

    ``rows(iterable)`` passes the rows through, trimmed of trailing empty cells, and raises RegisterFileError
    as soon as the file has too many rows, columns or cells; ``finish()`` raises one RegisterFileError that
    lists every text longer than ``MAX_CELL_CHARS`` (as "Rij N, kolom X: te lang …").
    """

    def __init__(self) -> None:
        self.cells = 0
        self.too_long: list[Problem] = []

    def rows(self, rows: Iterable[Sequence[_T]]) -> Iterator[tuple[_T, ...]]:
        for number, row in enumerate(rows, start=1):
            if number > MAX_ROWS:
                raise RegisterFileError(
                    f"het bestand heeft meer dan {format_number(MAX_ROWS)} rijen; verwijder lege of overbodige rijen"
                )
            trimmed = _trim(row)
            if len(trimmed) > MAX_COLUMNS:
                raise RegisterFileError(
                    [Problem(number, None, f"de rij heeft meer dan {MAX_COLUMNS} gevulde kolommen")]
                )
            self.cells += len(trimmed)
            if self.cells > MAX_CELLS:
                raise RegisterFileError(
                    f"het bestand heeft meer dan {format_number(MAX_CELLS)} cellen; het is te groot om in te lezen"
                )
            for index, value in enumerate(trimmed):
                self.check_text(value, number, index)
            yield trimmed

    def check_text(self, value: object, row: int, index: int) -> None:
        text = getattr(value, "value", value)
        if isinstance(text, str) and len(text) > MAX_CELL_CHARS and len(self.too_long) < MAX_LISTED:
            self.too_long.append(
                Problem(row, column_name(index), f"te lang (maximaal {format_number(MAX_CELL_CHARS)} tekens)")
            )

    def finish(self) -> None:
        if self.too_long:
            raise RegisterFileError(self.too_long)


def _trim(row: Sequence[_T]) -> tuple[_T, ...]:
    end = len(row)
    while end and _empty(row[end - 1]):
        end -= 1
    return tuple(row[:end])


def _empty(value: object) -> bool:
    value = getattr(value, "value", value)
    return value is None or (isinstance(value, str) and not value.strip())


UNCALCULATED = (
    "de formule heeft geen berekende waarde (het bestand is niet in Excel opgeslagen); open het in Excel, "
    "sla het op en probeer het opnieuw"
)


def uncalculated_formulas(data: bytes, title: str, rows: Sequence[Sequence[object]]) -> list[Problem]:
    """The cells of sheet ``title`` that hold a formula without a cached value (read as empty otherwise).

    A workbook written by a program rather than saved by Excel has formulas but no results; reading those
    cells as empty would silently turn an amount into "unknown". Only a workbook with formulas is read a
    second time, within the same limits.
    """
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if not any(
                b"<f" in archive.read(m)
                for m in archive.infolist()
                if m.filename.startswith("xl/worksheets/")
            ):
                return []
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return []
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    problems: list[Problem] = []
    try:
        ws = workbook[title]
        for number, row in enumerate(ws.iter_rows(max_row=len(rows), values_only=True), start=1):
            cached = rows[number - 1]
            for index, value in enumerate(row[:MAX_COLUMNS]):
                shown = cached[index] if index < len(cached) else None
                if isinstance(value, str) and value.startswith("=") and _empty(shown):
                    problems.append(Problem(number, column_name(index), UNCALCULATED))
                    if len(problems) >= MAX_LISTED:
                        return problems
    finally:
        workbook.close()
    return problems
