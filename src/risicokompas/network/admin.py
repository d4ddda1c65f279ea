# SPDX-License-Identifier: EUPL-1.2
"""Learning networks, their members, meetings and shared work in the platform admin (/beheer/)."""

from risicokompas.network.models import (
    Application,
    Attendance,
    BenchmarkOptIn,
    BenchmarkRelease,
    ChangeAssignment,
    Comment,
    Contribution,
    Coordinator,
    Meeting,
    Network,
    NetworkMember,
    Participant,
    PooledCalibrationRelease,
    ProgressEntry,
    Reuse,
    SharedItem,
)
from risicokompas.ui.admin import register

register(
    Coordinator,
    display=("user", "title"),
    search=("user__username", "user__email", "title"),
    raw_ids=("user",),
)
register(Network, display=("name", "starts_on", "ends_on"), search=("name", "description"))
register(
    NetworkMember,
    display=("organisation", "network", "status", "joined_at"),
    search=("organisation__name", "network__name"),
    filters=("status", "network"),
)
register(
    Application,
    display=("organisation", "network", "status", "applied_at", "decided_at"),
    search=("organisation__name", "network__name"),
    filters=("status", "network"),
    raw_ids=("organisation", "applied_by", "decided_by"),
)
register(
    Participant,
    display=("user", "member", "role"),
    search=("user__username", "user__email"),
    filters=("role",),
    raw_ids=("user", "member"),
)
register(
    BenchmarkOptIn,
    display=("member", "indicator", "opted_in_at"),
    filters=("indicator",),
    raw_ids=("member", "opted_in_by"),
)
register(
    BenchmarkRelease,
    display=("network", "published_at"),
    filters=("network",),
    record=True,
)
register(
    PooledCalibrationRelease,
    display=("network", "published_at"),
    filters=("network",),
    record=True,
)
register(
    ChangeAssignment,
    display=("member", "goal", "updated_at"),
    search=("goal", "approach"),
    raw_ids=("member", "updated_by"),
)
register(
    ProgressEntry,
    display=("assignment", "month", "author"),
    search=("text",),
    raw_ids=("assignment", "author"),
)
register(
    Meeting,
    display=("title", "network", "starts_at", "place"),
    search=("title", "place"),
    filters=("network",),
)
register(
    Attendance, display=("meeting", "member", "present"), filters=("present",), raw_ids=("meeting", "member")
)
register(
    Contribution,
    display=("meeting", "member", "created_at"),
    search=("text",),
    raw_ids=("meeting", "member", "prepared_by"),
)
register(
    SharedItem,
    display=("title", "kind", "network", "member", "shared_at"),
    search=("title", "body", "source"),
    filters=("kind", "network"),
    raw_ids=("member", "shared_by"),
)
register(
    Comment, display=("item", "author", "created_at"), search=("text",), raw_ids=("item", "author", "member")
)
register(
    Reuse,
    display=("item", "member", "created_at"),
    search=("note",),
    raw_ids=("item", "member", "created_by"),
)
