# SPDX-License-Identifier: EUPL-1.2
"""Background jobs in the platform admin (/beheer/): read-only, for operators looking at what ran."""

from risicokompas.jobs.models import Job
from risicokompas.ui.admin import register

register(
    Job,
    display=("title", "kind", "status", "progress", "organisation", "created_at", "finished_at"),
    search=("title", "kind", "message"),
    filters=("status", "kind"),
    record=True,
    raw_ids=("organisation", "user"),
)
