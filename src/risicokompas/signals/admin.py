# SPDX-License-Identifier: EUPL-1.2
"""Signals (meldingen) in the platform admin (/beheer/): read-only. A signal is never deleted or edited
behind the back of its reporter and the triage; its handling goes through the application."""

from risicokompas.signals.models import Signal
from risicokompas.ui.admin import register

register(
    Signal,
    display=("title", "status", "programme", "created_at", "due_date", "organisation"),
    search=("title", "threatens", "cause", "consequence", "programme"),
    filters=("status", "organisation"),
    raw_ids=("reporter", "handled_by", "risk"),
    record=True,
)
