# SPDX-License-Identifier: EUPL-1.2
"""A corpus of malformed (and a few awkward but valid) input files, generated at test time.

Each ``Sample`` is one file for one reader: the register (web import and ``risicokompas simulate``), the
capacity file (``risicokompas report``) or the kengetallen sheet (web import). ``ok`` says whether the
file must be accepted; every other sample must be refused with a Dutch message. Nothing binary is committed:
the zip bombs are built here, in memory, in well under a second.
"""

from __future__ import annotations

import codecs
import functools
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook

REGISTER_HEADER = ["Id", "Risico", "Kans", "Maximaal financieel gevolg (€)"]
CAPACITY_HEADER = ["naam", "soort", "aard", "bedrag"]
INDICATOR_HEADER = ["Gegeven", 2025, 2026]

GOOD_REGISTER = [
    REGISTER_HEADER,
    ["R1", "Grondexploitatie", "30%", 1_000_000],
    ["R2", "Jeugdzorg", "50%", 2_000],
]
GOOD_CAPACITY = [CAPACITY_HEADER, ["Algemene reserve", "algemene reserve", "incidenteel", 12_000_000]]
GOOD_INDICATORS = [INDICATOR_HEADER, ["A vaste schulden", 70_000_000, 80_000_000]]

KINDS = ("register", "capacity", "indicators")
GOOD = {"register": GOOD_REGISTER, "capacity": GOOD_CAPACITY, "indicators": GOOD_INDICATORS}


@dataclass(frozen=True)
class Sample:
    kind: str  # register, capacity or indicators
    name: str
    filename: str
    data: bytes
    ok: bool = False
    expect: str = ""  # a part of the Dutch message, when the sample is refused

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.name}"


def xlsx(
    rows: Sequence[Sequence[object]],
    *,
    title: str = "Risico's",
    before: Sequence[tuple[str, Sequence[Sequence[object]], str]] = (),
    after: Sequence[tuple[str, Sequence[Sequence[object]], str]] = (),
    edit: Callable[[object], None] | None = None,
) -> bytes:
    """A workbook with ``rows`` on sheet ``title``; ``before``/``after`` add (title, rows, state) sheets."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_title, content, state in before:
        ws = workbook.create_sheet(sheet_title)
        ws.sheet_state = state
        for row in content:
            ws.append(list(row))
    main = workbook.create_sheet(title)
    for row in rows:
        main.append(list(row))
    for sheet_title, content, state in after:
        ws = workbook.create_sheet(sheet_title)
        ws.sheet_state = state
        for row in content:
            ws.append(list(row))
    if edit is not None:
        edit(main)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Sequence[Sequence[object]], *, delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    text = "\r\n".join(delimiter.join("" if v is None else str(v) for v in row) for row in rows) + "\r\n"
    return text.encode(encoding)


@functools.cache
def zip_bomb(unpacked_mb: int, *, rows: tuple[tuple[object, ...], ...] = ()) -> bytes:
    """A real .xlsx whose first sheet is followed by ``unpacked_mb`` MB of empty rows: ~1 MB packed per GB."""
    good = xlsx(rows or GOOD_REGISTER)
    source = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    chunk = b"<row/>" * (1024 * 1024 // 6)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
                continue
            head, tail = content.split(b"</sheetData>", 1)
            member_info = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            member_info.compress_type = zipfile.ZIP_DEFLATED
            with target.open(member_info, "w", force_zip64=True) as member:
                member.write(head)
                for _ in range(unpacked_mb):
                    member.write(chunk)
                member.write(b"</sheetData>" + tail)
    return out.getvalue()


def _merge(ws) -> None:
    ws.merge_cells("B2:B3")


def _formula_register(ws) -> None:
    ws["C2"] = "=10%*3"  # no cached value: read as empty


def _formula_b2(ws) -> None:
    ws["B2"] = "=1+1"


def _truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def samples() -> list[Sample]:
    """The corpus: at least 40 files over the three readers."""
    out: list[Sample] = []

    def add(
        kind: str, name: str, data: bytes, *, filename: str = "", ok: bool = False, expect: str = ""
    ) -> None:
        ext = "xlsx" if data.startswith(b"PK") else "csv"
        out.append(Sample(kind, name, filename or f"{kind}.{ext}", data, ok, expect))

    for kind in KINDS:
        good = GOOD[kind]
        title = (
            "Kengetallen" if kind == "indicators" else ("Capaciteit" if kind == "capacity" else "Risico's")
        )
        add(kind, "zip-bomb-1gb", zip_bomb(1024), expect="uitgepakt te groot")
        add(kind, "zip-bomb-ratio", zip_bomb(30, rows=_tuples(good)), expect="uitgepakt te groot")
        add(kind, "truncated-zip", _truncate(xlsx(good, title=title)), expect="Excel-bestand")
        add(kind, "empty", b"", filename=f"{kind}.xlsx", expect="")
        add(kind, "pdf-renamed", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", filename=f"{kind}.xlsx")
        add(kind, "png-as-xlsx", b"\x89PNG\r\n\x1a\n" + bytes(200), filename=f"{kind}.xlsx")
        add(kind, "only-header", xlsx(good[:1], title=title))
        add(
            kind,
            "hidden-sheet-first",
            xlsx(good, title=title, before=[("Oud", _bad_rows(kind), "hidden")]),
            ok=True,
        )
        add(
            kind,
            "very-hidden-only-data",
            xlsx([["leeg"]], title=title, before=[("Geheim", good, "veryHidden")]),
        )
        big = "x" * 200_000
        add(kind, "huge-cell", xlsx([*good, _huge_row(kind, big)], title=title), expect="te lang (maximaal")
        add(
            kind,
            "too-many-rows",
            xlsx([*good, *(_filler(kind, i) for i in range(12_000))], title=title),
            expect="meer dan 10.000 rijen",
        )
        add(
            kind,
            "too-many-columns",
            xlsx([good[0], [*good[1], *range(300)]], title=title),
            expect="Rij 2: de rij heeft meer dan 200 gevulde kolommen",
        )
        add(kind, "good", xlsx(good, title=title), ok=True)

    # The register (web and command line) ---------------------------------------------------------
    r = GOOD_REGISTER
    add("register", "merged-cells", xlsx(r, edit=_merge), expect="Rij 3")
    add(
        "register",
        "formula-without-value",
        xlsx(r, edit=_formula_register),
        expect="Rij 2, kolom C: de formule",
    )
    add("register", "duplicate-headers", xlsx([[*REGISTER_HEADER, "Kans"], *r[1:]]), expect="twee keer")
    add(
        "register",
        "missing-kans-column",
        xlsx([[h for h in REGISTER_HEADER if h != "Kans"], ["R1", "X", 10]]),
    )
    add("register", "probability-140", xlsx([REGISTER_HEADER, ["R1", "Dijk", "140%", 1000]]), expect="Rij 2")
    add("register", "negative-amount", xlsx([REGISTER_HEADER, ["R1", "Dijk", "30%", -1000]]), expect="Rij 2")
    add("register", "amount-as-words", xlsx([REGISTER_HEADER, ["R1", "Dijk", "30%", "veel"]]), expect="Rij 2")
    add("register", "dates-as-text", xlsx([REGISTER_HEADER, ["R1", "Dijk", "1-3-2025", "1-3-2025"]]))
    add("register", "csv-semicolon", csv_bytes(r), ok=True)
    add("register", "csv-comma", csv_bytes(r, delimiter=","), ok=True)
    add("register", "csv-bom", codecs.BOM_UTF8 + csv_bytes(r), ok=True)
    add("register", "csv-utf16", csv_bytes(r, encoding="utf-16"), ok=True)
    add("register", "csv-cp1252", csv_bytes([*r, ["R3", "Café", "10%", 5]], encoding="cp1252"), ok=True)
    add("register", "csv-invalid-utf8-binary", b"Id;Risico\r\n\xff\xfe\x00\x01\x02\x80\x81\r\n")
    add("register", "csv-nul-bytes", csv_bytes(r).replace(b"R1", b"R\x001"))
    add("register", "csv-huge-field", csv_bytes([*r, ["R3", "y" * 150_000, "10%", 5]]), expect="te lang")
    add(
        "register",
        "csv-long-field",
        csv_bytes([*r, ["R3", "y" * 6000, "10%", 5]]),
        expect="Rij 4, kolom B: te lang",
    )
    add("register", "csv-unclosed-quote", csv_bytes(r) + b'R3;"open;10%;5\r\n' + b"x;" * 10, expect="")
    add("register", "csv-only-header", csv_bytes(r[:1]))
    add("register", "csv-no-header", csv_bytes([["a", "b"], ["1", "2"]]), expect="kopregel")
    add(
        "register",
        "csv-many-lines",
        csv_bytes([*r, *([f"R{i}", "x", "1%", 1] for i in range(3, 12_003))]),
        expect="meer dan 10.000 rijen",
    )
    add(
        "register",
        "ods",
        b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
    )
    add("register", "ole-xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), filename="register.xls")

    # The capacity file (command line) --------------------------------------------------------------
    c = CAPACITY_HEADER
    add("capacity", "csv-good", csv_bytes(GOOD_CAPACITY), ok=True)
    add("capacity", "negative-amount", csv_bytes([c, ["Reserve", "algemene reserve", "incidenteel", "-5"]]))
    add("capacity", "bad-aard", csv_bytes([c, ["Reserve", "algemene reserve", "soms", "5"]]), expect="Rij 2")
    add("capacity", "empty-amount", csv_bytes([c, ["Reserve", "algemene reserve", "incidenteel", ""]]))
    add("capacity", "duplicate-names", csv_bytes([c, GOOD_CAPACITY[1], GOOD_CAPACITY[1]]), expect="ook al")
    add("capacity", "missing-column", csv_bytes([["naam", "bedrag"], ["Reserve", "5"]]), expect="ontbreekt")

    # The kengetallen sheet (web) ---------------------------------------------------------------------
    k = INDICATOR_HEADER
    add("indicators", "csv-not-xlsx", csv_bytes(GOOD_INDICATORS), filename="kengetallen.xlsx")
    add("indicators", "year-as-word", xlsx([["Gegeven", "volgend jaar"], ["A vaste schulden", 1]]))
    add("indicators", "unknown-letter", xlsx([k, ["Z onbekend", 1, 2]]), expect="geen bekend gegeven")
    add("indicators", "negative-debt", xlsx([k, ["A vaste schulden", -5, 1]]), expect="negatief")
    add("indicators", "duplicate-year", xlsx([["Gegeven", 2025, 2025], ["A vaste schulden", 1, 2]]))
    add("indicators", "duplicate-letter", xlsx([k, ["A vaste schulden", 1, 2], ["long_term_debt", 1, 2]]))
    add(
        "indicators",
        "formula-without-value",
        xlsx(k and GOOD_INDICATORS, title="Kengetallen", edit=_formula_b2),
    )
    add("indicators", "merged-cells", xlsx(GOOD_INDICATORS, title="Kengetallen", edit=_merge), ok=True)
    return out


def _bad_rows(kind: str) -> list[list[object]]:
    """Rows that would be refused, on a hidden sheet in front of the good one."""
    if kind == "register":
        return [REGISTER_HEADER, ["H1", "Verborgen", "300%", -1]]
    if kind == "capacity":
        return [CAPACITY_HEADER, ["Verborgen", "x", "soms", "veel"]]
    return [["Gegeven", "geen jaar"], ["onbekend", "veel"]]


def _huge_row(kind: str, text: str) -> list[object]:
    if kind == "register":
        return ["R9", text, "10%", 5]
    if kind == "capacity":
        return [text, "algemene reserve", "incidenteel", 5]
    return [text, 1, 2]


def _filler(kind: str, i: int) -> list[object]:
    if kind == "register":
        return [f"F{i}", "vulling", "1%", 1]
    if kind == "capacity":
        return [f"onderdeel {i}", "reserve", "incidenteel", 1]
    return ["A vaste schulden", 1, 2]


def _tuples(rows: Sequence[Sequence[object]]) -> tuple[tuple[object, ...], ...]:
    return tuple(tuple(row) for row in rows)
