# SPDX-License-Identifier: EUPL-1.2
"""Resisting capacity, kengetallen and policy changes in the platform admin (/beheer/)."""

from risicokompas.capacity.models import (
    CapacityItem,
    IndicatorYear,
    ParagraphSettings,
    PolicyChange,
    SeparateRequirement,
    TaxCapacityInputs,
)
from risicokompas.ui.admin import register

register(
    CapacityItem,
    display=("name", "kind", "nature", "amount", "amount_unknown", "organisation"),
    search=("name", "explanation"),
    filters=("kind", "nature", "organisation"),
)
register(
    PolicyChange,
    display=("changed_at", "subject", "label", "action", "changed_by", "organisation"),
    search=("label", "reason"),
    filters=("subject", "action", "organisation"),
    record=True,
)
register(TaxCapacityInputs, display=("organisation", "year", "nature"), filters=("year", "organisation"))
register(
    SeparateRequirement,
    display=("name", "kind", "amount", "organisation"),
    search=("name", "explanation"),
    filters=("kind", "organisation"),
)
register(IndicatorYear, display=("organisation", "year", "kind"), filters=("year", "kind", "organisation"))
register(ParagraphSettings, display=("organisation",), search=("organisation__name",))
