# SPDX-License-Identifier: EUPL-1.2
"""How every model keeps the history of what users change: one declared table, enforced by a test
(``tests/web/test_history_policy.py``) that walks every model of every app, so a new model cannot forget.

Three ways, each with who and when (and why where the change has a reason):

- ``EXPLICIT``: the service that makes the change writes a history row of its own (old → new, who, when,
  why): risks and measures in ``risks.RiskChange``, policy, capacity, tax capacity, separate groups and
  kengetallen in ``capacity.PolicyChange``, deviations in ``deviations.DeviationChange``;
- ``RECORDED``: django-simple-history keeps every version (``Model.history``): who (the signed-in user of
  the request), when, and old → new by comparing versions;
- ``NOT_CHANGED``: the row is itself the record and is never changed afterwards (a log row, a decision, a
  frozen snapshot), or keeps its own who/when by design — each with the reason.
"""

from __future__ import annotations

#: model label → the model whose rows hold its history (written by the service that makes the change).
EXPLICIT: dict[str, str] = {
    "organisations.Organisation": "capacity.PolicyChange",  # the policy settings; name/kind only by operators
    "capacity.CapacityItem": "capacity.PolicyChange",
    "capacity.TaxCapacityInputs": "capacity.PolicyChange",
    "capacity.SeparateRequirement": "capacity.PolicyChange",
    "capacity.IndicatorYear": "capacity.PolicyChange",
    "risks.Risk": "risks.RiskChange",
    "risks.Measure": "risks.RiskChange",
    "deviations.Deviation": "deviations.DeviationChange",
}

#: models whose every version django-simple-history keeps (``history = HistoricalRecords()``).
RECORDED: frozenset[str] = frozenset(
    {
        "organisations.Membership",
        "organisations.Unit",
        "organisations.Programme",
        "organisations.Function",
        "capacity.ParagraphSettings",
        "risks.RiskAppetite",
        "calibration.Event",
        "conversations.Conversation",
        "conversations.Action",
        "deviations.Rule",
        "deviations.DeviationSettings",
        "deviations.Deliberation",
        "deviations.RuleReview",
        "network.Coordinator",
        "network.Network",
        "network.NetworkMember",
        "network.Application",
        "network.Participant",
        "network.ChangeAssignment",
        "network.Meeting",
        "network.Attendance",
        "network.Contribution",
        "network.SharedItem",
    }
)

#: model label → why it needs no history of changes.
NOT_CHANGED: dict[str, str] = {
    "capacity.PolicyChange": "a history row itself: append-only",
    "risks.RiskChange": "a history row itself: append-only",
    "organisations.ExternalIdentity": "the link to a provider's sub, made at the first SSO login and never "
    "changed; the security log records the login that made it",
    "jobs.Job": "a background job's own record of what it did and made; users start and retry it, never edit it",
    "risks.ReminderSent": "a log row that an owner was mailed about an overdue review: append-only",
    "deviations.DeviationChange": "a history row itself: append-only",
    "paragraph.Snapshot": "frozen at creation; its save refuses changes and its content hash is verified",
    "paragraph.SnapshotApproval": "a decision bound to the snapshot's content hash; never changed",
    "conversations.AgendaItem": "a decision is final once recorded (who and when on the row); never replaced",
    "conversations.PremortemItem": "a contribution to a pre-mortem round, kept as written",
    "conversations.ConversationEvent": "links an event to the conversation it came from; never changed",
    "deviations.Precedent": "a judged deviation kept as judged; a later judgement makes a new precedent",
    "signals.Signal": (
        "keeps its own who/when of handling (handled_by, handled_at, answer); no version history by design, "
        "because a history row written when an anonymous signal is filed would link it to its reporter"
    ),
    "network.BenchmarkOptIn": "an opt-in with who and when; opting out deletes it (the choice is the record)",
    "network.BenchmarkRelease": "a published state of the benchmark; never changed (see network.benchmark_data)",
    "network.PooledCalibrationRelease": (
        "a published aggregate of a network's pooled calibration: written once, never changed; a newer "
        "release takes its place on the page"
    ),
    "network.ProgressEntry": "a dated progress note with its author: append-only",
    "network.Comment": "a comment with its author and time: append-only",
    "network.Reuse": "a record that a member reused a story, with who and when: append-only",
    "api.ApiKey": (
        "keeps its own who/when: created_by/created_at, revoked_by/revoked_at (a revoked key is never "
        "valid again); last_used_at is a stamp, every use is logged in ApiKeyUse"
    ),
    "api.ApiKeyUse": "a log row of one request made with a key: append-only",
    "security.SessionCutoff": (
        "a technical stamp (sessions of this person begun before it are over); the deactivation, reset or "
        "unlink that set it is in the security log with who, when and from where"
    ),
    "security.SecurityEvent": (
        "the security log: append-only (save, delete and the queryset refuse changes; on PostgreSQL a "
        "trigger refuses UPDATE and DELETE); only the retention command prunes old rows"
    ),
}
