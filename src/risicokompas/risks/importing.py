# SPDX-License-Identifier: EUPL-1.2
"""Import of the register: uploaded rows as database values, the difference with the register, applying it.

Both sides are compared in "file space": what the register file can say about a risk. A database risk is
first turned into the values its export would hold (the effective shape, the amounts that shape uses, the
years of a structural risk only), so an exported file reads back as "no changes". Consequences:

- ``shape`` is compared by its effect: a blank shape (the organisation's default) equals the default named
  explicitly. A new risk keeps a blank shape when its row had no ``verdeling``.
- Only the fields that differ are written on update; numbers the file cannot hold are left alone.
- A column the file lacks (omschrijving, programma, …) leaves that field alone; of the unknown columns
  (notes) only those in the file are replaced.
- The import never changes a risk's status, except closing the open risks that are absent from the file
  when the user chooses so. Risks that no export can hold (see ``exporting``) are never closed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from risicokompas.engine import Risk as EngineRisk
from risicokompas.engine.model import Nature
from risicokompas.registerfile import Problem, RegisterFileError, RegisterRow, read_register_bytes
from risicokompas.registerfile.header import find_header
from risicokompas.registerfile.model import UnquantifiedRow
from risicokompas.registerfile.shapes import impact_columns
from risicokompas.registerfile.sources import load_table
from risicokompas.registerfile.values import is_empty
from risicokompas.risks.exporting import exportable, organisation_risks
from risicokompas.risks.fields import AMOUNT_FIELDS, COLUMN_OF, IMPORTED_FIELDS
from risicokompas.risks.models import Risk, RiskChange
from risicokompas.risks.owners import Directory, Owner
from risicokompas.risks.services import create_risk, create_risks, update_risk

#: The fields an import compares and writes, in the order the preview lists them.
COMPARED_FIELDS = IMPORTED_FIELDS
_LABELS = {"owner": "risico-eigenaar", "measures_text": "beheersmaatregelen", "code": "id"}
_PROBABILITY = Decimal("0.00001")
_CENT = Decimal("0.01")
_MAX_AMOUNT = Decimal("1e12")  # 14 digits with 2 decimals
_MAX_YEARS = 32767
# Register columns whose length the database limits: file key → model field.
_LIMITED_COLUMNS = {COLUMN_OF[name]: name for name in ("code", "name", "group", "programme", "owner_label")}
# Fields left alone when the file lacks their column; without "aard" the years cannot be read either.
_OPTIONAL_COLUMNS = {
    **{name: COLUMN_OF[name] for name in ("description", "programme", "owner_label", "measures_text")},
    "owner_id": COLUMN_OF["owner_label"],
    **{name: COLUMN_OF[name] for name in ("group", "nature", "excluded")},
    "years": COLUMN_OF["nature"],
}
_AMOUNT_COLUMNS = {name: COLUMN_OF[name] for name in AMOUNT_FIELDS}
_OWNER_FIELDS = frozenset({"owner_id", "owner_label"})
PROGRESS_EVERY = 500  # a background import reports its progress every this many risks
BULK_FROM = 200  # from this many new risks on they are written in batches (services.create_risks)


# ---- Import: file → values -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FileRisk:
    """One row of an uploaded register as database values; ``values["shape"]`` is blank without verdeling."""

    code: str
    row_number: int
    values: dict
    code_given: bool = True
    #: Fields whose column the file lacks: they are left as they are.
    skipped: frozenset[str] = frozenset()
    #: The file's own (unknown) columns: only these notes are replaced, other notes are kept.
    note_columns: tuple[str, ...] = ()
    #: Whom the ``eigenaar`` cell names: a member, or the text kept as it is (``values`` hold both).
    owner: Owner = dataclasses.field(default_factory=Owner)


def read_upload(data: bytes, filename: str, organisation) -> tuple[FileRisk, ...]:
    """Every row of an uploaded register as database values; RegisterFileError lists every problem."""
    register = read_register_bytes(
        data,
        filename=filename,
        default_shape=organisation.default_shape,
        structural_years=organisation.structural_years,
    )
    # The reader fills in the default shape and an id; whether the row named them is only in the raw grid.
    table = load_table(data, filename=filename)
    header = find_header(table)

    def blank(row_number: int, key: str) -> bool:
        cells, index = table.rows[row_number - 1], header.index.get(key)
        return index is None or index >= len(cells) or is_empty(cells[index].value)

    skipped = frozenset(field for field, key in _OPTIONAL_COLUMNS.items() if key not in header.index)
    directory = Directory(organisation)
    note_columns = tuple(header.notes.values())
    risks, problems = [], []
    for row in register.rows:
        assert row.row_number is not None, "a row read from a file knows its row number"
        values = {**estimate_values(row.risk), **_text_values(row)}
        if blank(row.row_number, "verdeling"):
            values["shape"] = ""
        if row.assumed_mode:
            values["impact_mode"] = None  # the shared rule supplies it again wherever it is read
        problems += _database_problems(row, values, header.label_of)
        code_given = not blank(row.row_number, "id")
        owner = _read_owner(directory, values)
        risks.append(FileRisk(row.risk.id, row.row_number, values, code_given, skipped, note_columns, owner))
    # Named but not quantified (kans or maximum "PM", onbekend or empty): imported as such, never dropped.
    for named in register.unquantified:
        assert named.row_number is not None, "a row read from a file knows its row number"
        values = {**unquantified_values(named), **_text_values(named)}
        problems += _database_problems(named, values, header.label_of)
        code_given = not blank(named.row_number, "id")
        owner = _read_owner(directory, values)
        risks.append(FileRisk(named.id, named.row_number, values, code_given, skipped, note_columns, owner))
    risks.sort(key=lambda item: item.row_number or 0)
    if problems:
        raise RegisterFileError(problems)
    return tuple(risks)


def _read_owner(directory: Directory, values: dict) -> Owner:
    """Put the owner the ``eigenaar`` text names into ``values``: a member, or else the text itself."""
    owner = directory.read(values["owner_label"])
    values["owner_id"] = owner.membership_id
    values["owner_label"] = owner.label
    return owner


def estimate_values(estimate: EngineRisk) -> dict:
    """The estimate fields of an engine risk as database values (exact Decimals)."""
    columns = impact_columns(estimate.impact)
    structural = estimate.nature is Nature.STRUCTURAL
    return {
        "probability": _decimal(estimate.probability, _PROBABILITY),
        "shape": columns["verdeling"],
        "impact_min": _decimal(columns.get("gevolg_min"), _CENT),
        "impact_mode": _decimal(columns.get("gevolg_modus"), _CENT),
        "impact_max": _decimal(columns.get("gevolg_max"), _CENT),
        "nature": estimate.nature.value,
        "years": estimate.years if structural else None,
        "group": estimate.group or "",
        "excluded": estimate.excluded,
    }


def unquantified_values(row: UnquantifiedRow) -> dict:
    """The estimate fields of a risk that is not (yet) quantified: what the row states, None elsewhere."""
    structural = row.nature is Nature.STRUCTURAL
    return {
        "probability": _decimal(row.probability, _PROBABILITY),
        "shape": row.shape or "",
        "impact_min": _decimal(row.minimum, _CENT),
        "impact_mode": _decimal(row.mode, _CENT),
        "impact_max": _decimal(row.maximum, _CENT),
        "nature": row.nature.value,
        "years": row.years if structural else None,
        "group": row.group or "",
        "excluded": row.excluded,
    }


def _text_values(row: RegisterRow | UnquantifiedRow) -> dict:
    return {
        "name": _clean(row.risk.name if isinstance(row, RegisterRow) else row.name),
        "description": _clean(row.description),
        "programme": _clean(row.programme),
        "owner_label": _clean(row.owner),
        "measures_text": _clean(row.measures),
        "notes": _clean_notes(row.notes),
    }


def _model_field(name: str) -> models.Field:
    field = Risk._meta.get_field(name)
    assert isinstance(field, models.Field), "a risk's own field, not a reverse relation"
    return field


def _database_problems(row: RegisterRow | UnquantifiedRow, values: dict, label_of) -> list[Problem]:
    """What the file allows but the database cannot hold (too long, too large)."""
    problems = []
    texts = {**values, "code": row.risk.id if isinstance(row, RegisterRow) else row.id}
    for key, field in _LIMITED_COLUMNS.items():
        limit = _model_field(field).max_length
        if limit is not None and len(texts[field]) > limit:
            problems.append(Problem(row.row_number, label_of(key), f"de tekst is langer dan {limit} tekens"))
    for field, key in _AMOUNT_COLUMNS.items():
        if values[field] is not None and values[field] >= _MAX_AMOUNT:
            problems.append(
                Problem(row.row_number, label_of(key), "het bedrag is groter dan het register toestaat")
            )
    if values["years"] is not None and values["years"] > _MAX_YEARS:
        problems.append(Problem(row.row_number, label_of("jaren"), "het aantal jaren is te groot"))
    return problems


def _decimal(value, exponent: Decimal) -> Decimal | None:
    if value is None:
        return None
    return Decimal(repr(float(value))).quantize(exponent, rounding=ROUND_HALF_UP)


def _clean(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").strip()


def _clean_notes(notes) -> dict[str, str]:
    return {str(key): _clean(str(value)) for key, value in (notes or {}).items() if _clean(str(value or ""))}


# ---- The difference ------------------------------------------------------------------------------------


def comparable(risk: Risk, default_shape: str) -> dict:
    """A database risk as the register file would state it (see the module docstring)."""
    estimate = exportable(risk, default_shape)
    if estimate is not None:
        values = estimate_values(estimate)
    else:
        structural = risk.nature == Risk.Nature.STRUCTURAL
        values = {
            "probability": risk.probability,
            "shape": risk.shape or default_shape,
            "impact_min": risk.impact_min,
            "impact_mode": risk.impact_mode,
            "impact_max": risk.impact_max,
            "nature": risk.nature,
            "years": risk.years if structural else None,
            "group": risk.group,
            "excluded": risk.excluded,
        }
    values.update(
        name=_clean(risk.name),
        description=_clean(risk.description),
        programme=_clean(risk.programme),
        owner_id=risk.owner_id,
        owner_label="" if risk.owner_id is not None else _clean(risk.owner_label),  # a member wins
        measures_text=_clean(risk.measures_text),
        notes=_clean_notes(risk.notes),
    )
    return values


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object

    @property
    def label(self) -> str:
        return capfirst(_LABELS.get(self.field) or str(_model_field(self.field).verbose_name))


@dataclass(frozen=True)
class RiskUpdate:
    """A risk the file changes: the values to write and each field's old → new (as the file states them)."""

    risk: Risk
    values: dict
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class ImportPlan:
    """What an import will do to the register, matched by code.

    ``absent`` are open risks missing from the file (closed only when the user chooses so);
    ``not_exportable`` are open risks missing from the file that no export can hold: always left alone.
    """

    new: tuple[FileRisk, ...]
    changed: tuple[RiskUpdate, ...]
    unchanged: int
    absent: tuple[Risk, ...]
    not_exportable: tuple[Risk, ...]

    @property
    def digest(self) -> str:
        """A fingerprint of the difference, to see at confirmation whether it is still what was shown."""
        content = {
            "new": [[item.code, item.values] for item in self.new],
            "changed": [
                [item.risk.code, [[c.field, c.old, c.new] for c in item.changes]] for item in self.changed
            ],
            "unchanged": self.unchanged,
            "absent": [risk.code for risk in self.absent],
        }
        text = json.dumps(content, sort_keys=True, default=_json_text)
        return hashlib.sha256(text.encode()).hexdigest()


def _json_text(value) -> str:
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


def build_plan(organisation, file_risks: tuple[FileRisk, ...], risks) -> ImportPlan:
    """The difference between the uploaded rows and ``risks`` (all the organisation's risks)."""
    default_shape = organisation.default_shape
    directory = Directory(organisation)
    by_code = {risk.code: risk for risk in risks}
    _refuse_generated_codes(file_risks, by_code)
    new, changed, unchanged = [], [], 0
    for item in file_risks:
        risk = by_code.get(item.code)
        if risk is None:
            new.append(item)
            continue
        update = _update(risk, item, default_shape, directory)
        if update is None:
            unchanged += 1
        else:
            changed.append(update)
    in_file = {item.code for item in file_risks}
    missing = [r for r in by_code.values() if r.code not in in_file and r.status == Risk.Status.OPEN]
    missing.sort(key=lambda risk: risk.code)
    return ImportPlan(
        new=tuple(new),
        changed=tuple(changed),
        unchanged=unchanged,
        absent=tuple(r for r in missing if exportable(r, default_shape) is not None),
        not_exportable=tuple(r for r in missing if r.is_quantified and exportable(r, default_shape) is None),
    )


def _refuse_generated_codes(file_risks: tuple[FileRisk, ...], by_code: dict[str, Risk]) -> None:
    # A row without id gets "R" plus its row number; matching that to an existing risk would be a guess.
    problems = [
        Problem(
            item.row_number,
            "Id",
            f"het id ontbreekt en het automatisch toegekende id '{item.code}' bestaat al in het register; "
            "vul een eigen id in",
        )
        for item in file_risks
        if not item.code_given and item.code in by_code
    ]
    if problems:
        raise RegisterFileError(problems)


def _update(risk: Risk, item: FileRisk, default_shape: str, directory: Directory) -> RiskUpdate | None:
    old = comparable(risk, default_shape)
    kept_notes = {key: text for key, text in old["notes"].items() if key not in item.note_columns}
    values = {**item.values, "notes": {**kept_notes, **item.values["notes"]}}
    new = {**values, "shape": values["shape"] or default_shape}
    # An amount the file's shape does not use (None) is no change: it stays, unused, as it is.
    fields = [
        field
        for field in COMPARED_FIELDS
        if field not in item.skipped
        and old[field] != new[field]
        and not (field in _AMOUNT_COLUMNS and new[field] is None)
    ]
    if not fields:
        return None
    # The member and the text are one owner: both are written, and the preview shows one line for them.
    changes = []
    for field in fields:
        if field not in _OWNER_FIELDS:
            changes.append(FieldChange(field, old[field], new[field]))
        elif not any(change.field == "owner" for change in changes):
            was = directory.of(old["owner_id"], old["owner_label"])
            becomes = directory.of(new["owner_id"], new["owner_label"])
            changes.append(FieldChange("owner", was, becomes))
    if _OWNER_FIELDS & set(fields):
        fields += [field for field in _OWNER_FIELDS if field not in fields]
    return RiskUpdate(
        risk=risk,
        values={field: values[field] for field in fields},
        changes=tuple(changes),
    )


# ---- Applying ------------------------------------------------------------------------------------------


class StalePreview(Exception):
    """The register changed after the preview was shown: the difference is no longer the one confirmed."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("stale preview")
        self.plan = plan


@dataclass(frozen=True)
class ImportResult:
    new: int
    changed: int
    unchanged: int
    closed: int


def success_text(result: ImportResult) -> str:
    text = _("Import voltooid: %(new)d nieuw, %(changed)d gewijzigd, %(unchanged)d ongewijzigd") % {
        "new": result.new,
        "changed": result.changed,
        "unchanged": result.unchanged,
    }
    if result.closed:
        text += _(", %(closed)d gesloten") % {"closed": result.closed}
    return text + "."


def apply_import(
    organisation,
    user,
    file_risks: tuple[FileRisk, ...],
    *,
    digest: str,
    reason: str,
    close_absent: bool,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Apply the difference the user confirmed, all of it or nothing.

    The organisation's risks are locked and the difference is made again inside the transaction; when it is
    not the one with ``digest`` (someone changed the register meanwhile) StalePreview carries the new one.
    Any error (ChangeRefused, ValidationError) rolls back every change. ``progress(done, total)`` is told
    how many of the risks to write are written (a background import shows it).
    """
    with transaction.atomic():
        # Lock first, then read with the owners joined (a lock cannot cover the nullable side of a join).
        list(Risk.objects.select_for_update().filter(organisation=organisation).values_list("pk"))
        risks = list(organisation_risks(organisation))
        plan = build_plan(organisation, file_risks, risks)
        if plan.digest != digest:
            raise StalePreview(plan)
        source = RiskChange.Source.IMPORT
        closing = plan.absent if close_absent else ()
        total, done = len(plan.new) + len(plan.changed) + len(closing), 0

        def step(count: int = 1) -> None:
            nonlocal done
            before, done = done, done + count
            if progress is not None and (done // PROGRESS_EVERY > before // PROGRESS_EVERY or done == total):
                progress(done, total)

        if len(plan.new) >= BULK_FROM:
            # A large import: the new risks in batches, each with the history row create_risk writes.
            create_risks(
                organisation,
                user,
                [{"code": item.code, **item.values} for item in plan.new],
                reason=reason,
                source=source,
                progress=lambda count: step(count - done),
            )
        else:
            for item in plan.new:
                create_risk(
                    organisation, user, {"code": item.code, **item.values}, reason=reason, source=source
                )
                step()
        for update in plan.changed:
            step()
            update_risk(
                update.risk,
                user,
                update.values,
                reason=reason,
                expected_version=update.risk.version,
                source=source,
            )
        for risk in closing:
            step()
            update_risk(
                risk,
                user,
                {"status": Risk.Status.CLOSED},
                reason=reason,
                expected_version=risk.version,
                source=source,
            )
    return ImportResult(len(plan.new), len(plan.changed), plan.unchanged, len(closing))
