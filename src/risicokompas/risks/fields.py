# SPDX-License-Identifier: EUPL-1.2
"""The one list of a risk's fields: which a register file carries (and in which column), which are the
estimate (a change needs a reason), which a history row tracks, which a snapshot freezes.

The form, the import and export, the history, the freeze and the demo all read these tuples, so a new
field is added here once and every place that must know it does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RiskField:
    name: str  # the model field (attname for the owner: owner_id)
    column: str | None  # the register-file column key (registerfile.columns), None if a file has none
    estimate: bool = False  # part of the estimate: changes the numbers, a change needs a reason
    amount: bool = False  # an amount in euros


#: In the order of the register file; the fields a file carries.
REGISTER_FIELDS: tuple[RiskField, ...] = (
    RiskField("code", "id"),
    RiskField("name", "risico"),
    RiskField("description", "omschrijving"),
    RiskField("probability", "kans", estimate=True),
    RiskField("impact_max", "gevolg_max", estimate=True, amount=True),
    RiskField("impact_min", "gevolg_min", estimate=True, amount=True),
    RiskField("impact_mode", "gevolg_modus", estimate=True, amount=True),
    RiskField("shape", "verdeling", estimate=True),
    RiskField("nature", "aard", estimate=True),
    RiskField("years", "jaren", estimate=True),
    RiskField("group", "groep", estimate=True),
    RiskField("excluded", "uitgesloten", estimate=True),
    RiskField("programme", "programma"),
    RiskField("owner_label", "eigenaar"),
    RiskField("measures_text", "beheersmaatregelen"),
)
#: Kept on the web only: the bow-tie texts, the linked owner, the status and the review date.
WEB_FIELDS: tuple[RiskField, ...] = (
    RiskField("cause", None),
    RiskField("event", None),
    RiskField("consequence", None),
    RiskField("owner_id", None),
    RiskField("status", None, estimate=True),  # closing a risk takes it out of the numbers
    RiskField("review_date", None),
)
ALL_FIELDS = REGISTER_FIELDS + WEB_FIELDS
BY_NAME = {field.name: field for field in ALL_FIELDS}

#: Fields whose change alters the numbers: a reason is required for each change of these.
ESTIMATE_FIELDS: tuple[str, ...] = tuple(field.name for field in ALL_FIELDS if field.estimate)
#: Every field a history row records (old → new).
TRACKED_FIELDS: tuple[str, ...] = (
    "code",
    "name",
    "cause",
    "event",
    "consequence",
    "description",
    "programme",
    "owner_id",
    "owner_label",
    *ESTIMATE_FIELDS,
    "measures_text",
    "review_date",
)
#: The register file's column for a model field, and back.
COLUMN_OF: dict[str, str] = {field.name: field.column for field in REGISTER_FIELDS if field.column}
FIELD_OF: dict[str, str] = {column: name for name, column in COLUMN_OF.items()}
AMOUNT_FIELDS: tuple[str, ...] = tuple(field.name for field in ALL_FIELDS if field.amount)
#: The fields an import compares and writes, in the order the preview lists them ("notes" holds the
#: file's own extra columns).
IMPORTED_FIELDS: tuple[str, ...] = (
    "name",
    "description",
    "probability",
    "shape",
    "impact_min",
    "impact_mode",
    "impact_max",
    "nature",
    "years",
    "group",
    "excluded",
    "programme",
    "owner_id",  # the eigenaar column read as a member (see ``owners.Directory``), or else as text
    "owner_label",
    "measures_text",
    "notes",
)
#: The plain values of a risk that a client edits (the owner aside: it is chosen among the members on the
#: web); the API writes these.
EDITABLE_FIELDS: tuple[str, ...] = (
    "code",
    "name",
    "cause",
    "event",
    "consequence",
    "description",
    "programme",
    "owner_label",
    "probability",
    "shape",
    "impact_min",
    "impact_mode",
    "impact_max",
    "nature",
    "years",
    "group",
    "excluded",
    "measures_text",
    "status",
    "review_date",
)
#: The fields the risk form edits: the editable values, with the owner as a choice of member or function
#: (``owner`` stands for both owner fields) and the measures kept as their own records.
FORM_FIELDS: tuple[str, ...] = tuple(
    "owner" if name == "owner_label" else name for name in EDITABLE_FIELDS if name != "measures_text"
)
#: The plain fields a snapshot freezes for each open risk (beside its owner's name, measures and flags).
FROZEN_FIELDS: tuple[str, ...] = (*EDITABLE_FIELDS, "updated_at")


def check_consistency() -> None:
    """Every list names known fields only (run by the tests, so a typo cannot hide)."""
    known = {field.name for field in ALL_FIELDS} | {"owner", "notes", "updated_at"}
    for group in (
        ESTIMATE_FIELDS,
        TRACKED_FIELDS,
        IMPORTED_FIELDS,
        FORM_FIELDS,
        EDITABLE_FIELDS,
        FROZEN_FIELDS,
    ):
        unknown = set(group) - known
        if unknown:
            raise ValueError(f"unknown risk fields: {sorted(unknown)}")
