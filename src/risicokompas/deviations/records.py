# SPDX-License-Identifier: EUPL-1.2
"""The deviations' part of the paragraph's "Risicobeheersing en risicobewustzijn": counts only."""

from __future__ import annotations

import datetime

from risicokompas.deviations.models import Deliberation, Deviation, Precedent, RuleReview
from risicokompas.organisations.models import Organisation


def paragraph_facts(organisation: Organisation, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """Deviations volgens de bedoeling recorded and deliberated, precedents published and rules changed
    (a rule owner's decision other than "handhaven") in (start, end]."""
    period = {"__date__gt": start, "__date__lte": end}

    def within(field: str) -> dict[str, datetime.date]:
        return {f"{field}{suffix}": day for suffix, day in period.items()}

    return {
        "deviations_recorded": Deviation.objects.filter(
            organisation=organisation, **within("created_at")
        ).count(),
        "deviations_discussed": Deliberation.objects.filter(
            deviation__organisation=organisation, **within("decided_at")
        ).count(),
        "precedents": Precedent.objects.filter(
            organisation=organisation, published=True, **within("published_at")
        ).count(),
        "rules_changed": RuleReview.objects.filter(rule__organisation=organisation, **within("decided_at"))
        .exclude(decision=RuleReview.Decision.KEEP)
        .count(),
    }


def paragraph_examples(organisation: Organisation, start: datetime.date, end: datetime.date) -> list[str]:
    """Published precedents (anonymised summaries) and rule owners' decisions of the period."""
    examples = [
        f"Afwijken volgens de bedoeling (regel ‘{p.rule.title}’): {p.summary.strip()}"
        for p in Precedent.objects.filter(
            organisation=organisation,
            published=True,
            published_at__date__gt=start,
            published_at__date__lte=end,
        ).select_related("rule")
    ]
    for review in RuleReview.objects.filter(
        rule__organisation=organisation, decided_at__date__gt=start, decided_at__date__lte=end
    ).select_related("rule"):
        examples.append(
            f"Na {review.deviations_counted} afwijkingen van de regel ‘{review.rule.title}’ besloot de "
            f"regeleigenaar: {review.get_decision_display().lower()}."
        )
    return examples
