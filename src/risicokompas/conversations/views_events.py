# SPDX-License-Identifier: EUPL-1.2
"""Recording an event from a conversation: the team established that a risk occurred (or that a loss
happened that the register did not foresee), and records what it cost straight from the agenda.

The form is calibration's event form; who may record which risk is calibration's rule
(``calibration.access``); the conversation keeps the link (``ConversationEvent``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from risicokompas.calibration.access import may_record_surprise, recordable_risks, require_record
from risicokompas.calibration.forms import EventForm
from risicokompas.conversations import services
from risicokompas.conversations.access import get_conversation_for
from risicokompas.conversations.models import AgendaItem, Conversation


def _initial(conversation: Conversation, item: AgendaItem | None, risks) -> dict:
    """The risk of the agenda item (or the occurred risk an evaluation is about), its programme, and the
    conversation named in the description."""
    risk_id = item.risk_id if item is not None else conversation.subject_risk_id
    risk = risks.filter(pk=risk_id).first() if risk_id else None
    initial: dict = {"programme": conversation.programme}
    what = ""
    if risk is not None:
        initial.update(risks=[risk], programme=risk.programme or conversation.programme)
        what = risk.event or risk.name
    elif item is not None:
        what = item.title
    occasion = services.event_occasion(conversation)
    initial["description"] = f"{what}\n({occasion[:1].upper()}{occasion[1:]})".strip()
    return initial


@login_required
def event_create(request: HttpRequest, pk: int, item_pk: int | None = None) -> HttpResponse:
    conversation = get_conversation_for(request, pk, manage=True)
    membership = require_record(request)
    item = None
    if item_pk is not None:
        item = conversation.items.select_related("risk").filter(pk=item_pk).first()
        if item is None:
            raise Http404("Agendapunt niet gevonden")
    risks = recordable_risks(membership)
    form = EventForm(
        request.POST or None,
        initial=_initial(conversation, item, risks),
        risks=risks,
        allow_surprise=may_record_surprise(membership),
    )
    if request.method == "POST" and form.is_valid():
        services.record_event(
            conversation, item, request.user, form.values(), list(form.cleaned_data["risks"])
        )
        messages.success(request, _("De gebeurtenis is vastgelegd bij dit gesprek."))
        return redirect("conversations:detail", pk=pk)
    context = {"conversation": conversation, "item": item, "form": form}
    return render(request, "conversations/event_form.html", context)
