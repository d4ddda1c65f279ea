# SPDX-License-Identifier: EUPL-1.2
"""The conversations' part of the paragraph's "Risicobeheersing en risicobewustzijn": counts and teams."""

from __future__ import annotations

import datetime

from risicokompas.conversations.models import Conversation
from risicokompas.organisations.models import Organisation


def paragraph_facts(
    organisation: Organisation, start: datetime.date, end: datetime.date
) -> dict[str, object]:
    """Risk conversations and pre-mortems held (finished, dated in (start, end]) and the teams that held
    them. Team names only: who took part is never reported."""
    held = Conversation.objects.filter(
        organisation=organisation,
        status=Conversation.Status.FINISHED,
        date__gt=start,
        date__lte=end,
    )
    dialogues = held.exclude(kind=Conversation.Kind.PREMORTEM)
    return {
        "conversations": dialogues.count(),
        "premortems": held.filter(kind=Conversation.Kind.PREMORTEM).count(),
        "teams": sorted({p for p in dialogues.values_list("programme", flat=True) if p.strip()}),
    }


def paragraph_examples(organisation: Organisation, start: datetime.date, end: datetime.date) -> list[str]:
    """Pre-mortems and evaluations of an occurred risk held in the period (team and subject only)."""
    held = Conversation.objects.filter(
        organisation=organisation, status=Conversation.Status.FINISHED, date__gt=start, date__lte=end
    ).exclude(kind=Conversation.Kind.TEAM)
    examples = []
    for c in held:
        team = f"Het team {c.programme}" if c.programme.strip() else "Een team"
        what = "een pre-mortem" if c.is_premortem else "een evaluatie van een opgetreden risico"
        examples.append(f"{team} hield {what}: ‘{c.title.strip()}’.")
    return examples
