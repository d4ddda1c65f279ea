# SPDX-License-Identifier: EUPL-1.2
"""Risks, measures, their change history, the risk appetite and the reminders sent, in the platform admin
(/beheer/)."""

from risicokompas.risks.models import Measure, ReminderSent, Risk, RiskAppetite, RiskChange
from risicokompas.ui.admin import register

register(
    Risk,
    display=("code", "name", "programme", "status", "review_date", "organisation"),
    search=("code", "name", "description", "programme", "owner_label"),
    filters=("status", "nature", "organisation"),
    raw_ids=("owner",),
)
register(
    Measure,
    display=("description", "risk", "status", "due_date"),
    search=("description", "owner_label", "risk__code", "risk__name"),
    filters=("status",),
    raw_ids=("risk",),
)
register(
    RiskChange,
    display=("changed_at", "risk", "changed_by", "source", "created"),
    search=("risk__code", "risk__name", "reason"),
    filters=("source", "created"),
    record=True,
)
register(
    RiskAppetite,
    display=("programme", "level", "decided_on", "organisation"),
    search=("programme", "statement"),
    filters=("level", "organisation"),
)
register(
    ReminderSent,
    display=("sent_on", "risk", "membership"),
    search=("risk__code", "risk__name", "membership__user__email"),
    filters=("sent_on",),
    raw_ids=("risk", "membership"),
    record=True,
)
