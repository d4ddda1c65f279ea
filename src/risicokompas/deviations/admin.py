# SPDX-License-Identifier: EUPL-1.2
"""Rules, deviations, deliberations and precedents in the platform admin (/beheer/)."""

from risicokompas.deviations.models import (
    Deliberation,
    Deviation,
    DeviationChange,
    DeviationSettings,
    Precedent,
    Rule,
    RuleReview,
)
from risicokompas.ui.admin import register

register(
    Rule,
    display=("title", "kind", "owner", "active", "review_date", "organisation"),
    search=("title", "purpose", "legal_basis", "owner_team"),
    filters=("kind", "active", "organisation"),
)
register(
    Deviation,
    display=("rule", "team", "status", "created_at", "organisation"),
    search=("team", "situation", "rule__title"),
    filters=("status", "decided_by_level", "organisation"),
    raw_ids=("rule", "recorded_by", "mandate_decided_by", "accepted_risk"),
)
register(
    DeviationChange,
    display=("changed_at", "deviation", "action", "changed_by"),
    search=("reason",),
    filters=("action",),
    record=True,
)
register(
    Deliberation,
    display=("deviation", "outcome", "decided_at"),
    search=("case", "judgement", "lesson"),
    filters=("outcome",),
    raw_ids=("deviation", "recorded_by"),
)
register(
    Precedent,
    display=("summary", "rule", "outcome", "published", "organisation"),
    search=("summary", "conditions", "tipping_point"),
    filters=("outcome", "published", "organisation"),
    raw_ids=("deviation", "rule", "created_by"),
)
register(
    RuleReview,
    display=("rule", "decision", "decided_at", "decided_by"),
    search=("rule__title", "explanation"),
    filters=("decision",),
    raw_ids=("rule", "decided_by"),
)
register(
    DeviationSettings, display=("organisation", "threshold", "window_months"), search=("organisation__name",)
)
