# SPDX-License-Identifier: EUPL-1.2
"""Export of the register: database risks as register-file rows (see ``registerfile`` for the file itself).

Every risk with a complete, valid estimate is written with its effective shape, so the file states exactly
the distribution the calculation uses. A risk without a probability or a maximum amount is written as a
niet-gekwantificeerde row ("PM"), so an export reads back unchanged; only a risk whose stated amounts the
engine refuses is left out.
"""

from __future__ import annotations

from risicokompas.engine import EngineInputError
from risicokompas.engine import Risk as EngineRisk
from risicokompas.engine.model import Nature
from risicokompas.registerfile import RegisterRow
from risicokompas.registerfile.model import UnquantifiedRow
from risicokompas.risks.models import Risk
from risicokompas.risks.owners import Directory
from risicokompas.risks.profile import engine_risk


def organisation_risks(organisation):
    """All risks of the organisation, with their owners' users joined."""
    return Risk.objects.filter(organisation=organisation).select_related("owner__user").order_by("code")


def exportable(risk: Risk, default_shape: str) -> EngineRisk | None:
    """The engine risk an export writes, or None when the risk has no complete, valid estimate."""
    if not risk.is_quantified:
        return None
    try:
        return engine_risk(risk, default_shape)
    except EngineInputError:
        return None


def owner_text(risk: Risk, directory: Directory | None = None) -> str:
    """The risk owner as the register file names it: the member's name (or e-mail, when the name is not
    theirs alone), else the function text; reading it back finds the same owner."""
    if risk.owner_id is None:
        return risk.owner_label
    return (directory or Directory(risk.organisation_id)).text_of(risk)


def _float(value) -> float | None:
    return None if value is None else float(value)


def _texts(risk: Risk, directory: Directory) -> dict:
    return {
        "description": risk.description,
        "programme": risk.programme,
        "owner": owner_text(risk, directory),
        "measures": risk.measures_text,
        "notes": {
            str(key): str(value) for key, value in (risk.notes or {}).items() if value not in ("", None)
        },
    }


def export_rows(risks, default_shape: str) -> list[RegisterRow | UnquantifiedRow]:
    """The register rows of ``risks``: quantified ones with their estimate, the others as "PM" rows."""
    rows: list[RegisterRow | UnquantifiedRow] = []
    directories: dict[int, Directory] = {}
    for risk in risks:
        if risk.organisation_id not in directories:
            directories[risk.organisation_id] = Directory(risk.organisation_id)
        directory = directories[risk.organisation_id]
        if not risk.is_quantified:
            rows.append(
                UnquantifiedRow(
                    id=risk.code,
                    name=risk.name,
                    probability=_float(risk.probability),
                    maximum=_float(risk.impact_max),
                    minimum=_float(risk.impact_min),
                    mode=_float(risk.impact_mode),
                    shape=risk.shape or None,
                    nature=Nature(risk.nature),
                    years=risk.years,
                    group=risk.group or None,
                    excluded=risk.excluded,
                    **_texts(risk, directory),
                )
            )
            continue
        estimate = exportable(risk, default_shape)
        if estimate is None:
            continue
        rows.append(
            RegisterRow(
                risk=estimate,
                description=risk.description,
                programme=risk.programme,
                owner=owner_text(risk, directory),
                measures=risk.measures_text,
                notes={
                    str(key): str(value)
                    for key, value in (risk.notes or {}).items()
                    if value not in ("", None)
                },
            )
        )
    return rows
