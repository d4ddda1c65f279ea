# SPDX-License-Identifier: EUPL-1.2
"""Frozen snapshots and their approvals in the platform admin (/beheer/): read-only, they are frozen."""

from risicokompas.paragraph.models import Snapshot, SnapshotApproval
from risicokompas.ui.admin import register

register(
    Snapshot,
    display=("title", "document", "year", "reference_date", "created_by", "organisation"),
    search=("title", "content_hash"),
    filters=("document", "year", "organisation"),
    record=True,
)
register(
    SnapshotApproval,
    display=("snapshot", "approved_by", "approved_at", "decision_reference"),
    search=("snapshot__title", "decision_reference"),
    record=True,
)
