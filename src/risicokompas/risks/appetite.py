# SPDX-License-Identifier: EUPL-1.2
"""Risk appetite: which risks and deviations lie outside what the bestuur accepts.

A risk's score is its place on the risicokaart (kansklasse × gevolgklasse with the organisation's bands,
``engine.riskmap``); it is outside the appetite of its programme when the score exceeds the level's
maximum: risicomijdend 4, voorzichtig 9, open 15, risicozoekend 25 (``RiskAppetite.MAX_SCORE``).
An unquantified risk has no score and is never marked.
"""

from __future__ import annotations

from dataclasses import dataclass

from risicokompas.engine.riskmap import impact_class, probability_class, score
from risicokompas.risks.models import Risk, RiskAppetite


def risk_score(risk: Risk) -> int | None:
    if risk.probability is None or risk.impact_max is None:  # not quantified
        return None
    bands = risk.organisation.bands
    return score(probability_class(float(risk.probability)), impact_class(float(risk.impact_max), bands))


def appetites_by_programme(organisation) -> dict[str, RiskAppetite]:
    return {a.programme.casefold(): a for a in RiskAppetite.objects.filter(organisation=organisation)}


def outside_appetite(risk: Risk | None, appetites: dict[str, RiskAppetite]) -> bool:
    if risk is None:
        return False
    appetite = appetites.get(risk.programme.strip().casefold())
    risk_points = risk_score(risk)
    return appetite is not None and risk_points is not None and risk_points > appetite.max_score


def appetite_exceeded(risk: Risk | None) -> RiskAppetite | None:
    """The appetite of the risk's programme when the risk's score exceeds it; else None (one query)."""
    if risk is None or not risk.programme.strip():
        return None
    points = risk_score(risk)
    if points is None:
        return None
    appetite = RiskAppetite.objects.filter(
        organisation_id=risk.organisation_id, programme__iexact=risk.programme.strip()
    ).first()
    return appetite if appetite is not None and points > appetite.max_score else None


def exceeded_by_pk(risks, organisation) -> dict[int, RiskAppetite]:
    """For register rows annotated with ``score`` (``risks.filters.with_classes``): {risk pk: the appetite
    its score exceeds}. One query for the organisation's appetites, whatever the number of rows."""
    appetites = appetites_by_programme(organisation)
    if not appetites:
        return {}
    marks = {}
    for risk in risks:
        appetite = appetites.get(risk.programme.strip().casefold())
        if appetite is not None and risk.score is not None and risk.score > appetite.max_score:
            marks[risk.pk] = appetite
    return marks


@dataclass(frozen=True)
class ProgrammeAppetite:
    programme: str
    appetite: RiskAppetite | None
    risks_outside: list[tuple[Risk, int]]


def overview(organisation) -> list[ProgrammeAppetite]:
    """Per programme (of the register and of the appetites): the appetite and the open risks above it."""
    appetites = appetites_by_programme(organisation)
    risks = Risk.objects.filter(organisation=organisation, status=Risk.Status.OPEN).select_related(
        "organisation"
    )
    programmes = {a.programme for a in appetites.values()}
    programmes |= {r.programme for r in risks if r.programme.strip()}
    rows = []
    for programme in sorted(programmes, key=str.casefold):
        appetite = appetites.get(programme.casefold())
        outside = []
        if appetite is not None:
            for risk in risks:
                points = risk_score(risk)
                if (
                    risk.programme.casefold() == programme.casefold()
                    and points
                    and points > appetite.max_score
                ):
                    outside.append((risk, points))
        rows.append(ProgrammeAppetite(programme, appetite, sorted(outside, key=lambda pair: -pair[1])))
    return rows
