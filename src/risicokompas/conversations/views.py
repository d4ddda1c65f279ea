# SPDX-License-Identifier: EUPL-1.2
"""Conversations: the list, planning one, its page (agenda, actions), status and report.

The agenda, decisions and actions are in ``views_agenda``, the pre-mortem round (its own page) in
``views_premortem``.
``conversations.access`` decides who may see or run a conversation.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from risicokompas.calibration.access import may_record
from risicokompas.conversations import agenda, report, services
from risicokompas.conversations.access import (
    get_conversation_for,
    may_manage,
    may_plan,
    readable_conversations,
    require_plan,
)
from risicokompas.conversations.forms import ActionForm, AgendaItemForm, ConversationForm
from risicokompas.conversations.models import Conversation
from risicokompas.organisations.access import current_membership


@login_required
def conversation_list(request):
    membership = current_membership(request)
    conversations = readable_conversations(membership).select_related("organiser")
    context = {"conversations": conversations, "may_plan": may_plan(membership)}
    return render(request, "conversations/list.html", context)


@login_required
def conversation_create(request):
    membership = require_plan(request)
    organisation = membership.organisation
    fixed = None if membership.can_edit_all_risks else membership.team
    form = ConversationForm(
        request.POST or None,
        instance=Conversation(organisation=organisation, organiser=request.user),
        organisation=organisation,
        fixed_programme=fixed,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            conversation = form.save()
            agenda.fill_agenda(conversation)
        messages.success(request, _("Het gesprek is gepland en de agenda is voorgesteld."))
        return redirect("conversations:detail", pk=conversation.pk)
    return render(request, "conversations/form.html", {"form": form})


@login_required
def conversation_detail(request, pk: int):
    conversation = get_conversation_for(request, pk)
    membership = current_membership(request)
    manage = may_manage(membership, conversation)
    items = list(
        conversation.items.select_related(
            "risk", "signal", "previous_action__owner__user", "decided_by"
        ).prefetch_related("event_links__event")
    )
    context = {
        "conversation": conversation,
        "participants": conversation.participants.select_related("user"),
        "items": [item for item in items if not item.removed],
        "removed_items": [item for item in items if item.removed],
        "actions": conversation.actions.select_related("owner__user", "agenda_item"),
        "may_manage": manage,
        "may_record_event": manage and may_record(membership),
        "events": conversation.event_links.select_related("event", "agenda_item").prefetch_related(
            "event__risks"
        ),
        "membership": membership,
        "statuses": Conversation.Status,
    }
    if manage:
        context["item_form"] = AgendaItemForm(organisation=conversation.organisation)
        context["action_form"] = ActionForm(conversation=conversation)
    if conversation.is_premortem:
        context["premortem_count"] = conversation.premortem_items.count()
    return render(request, "conversations/detail.html", context)


@login_required
@require_POST
def conversation_status(request, pk: int):
    conversation = get_conversation_for(request, pk, manage=True)
    status = request.POST.get("status")
    if status in Conversation.Status.values:
        services.set_status(conversation, status)
        messages.success(request, _("Het gesprek is nu: %s.") % Conversation.Status(status).label.lower())
    else:
        messages.error(request, _("Kies de nieuwe status van het gesprek; er is niets veranderd."))
    return redirect("conversations:detail", pk=pk)


@login_required
def conversation_report(request, pk: int):
    conversation = get_conversation_for(request, pk)
    response = HttpResponse(report.report_html(conversation), content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="verslag-risicogesprek-{conversation.pk}.html"'
    return response


@login_required
@require_POST
def conversation_mail(request, pk: int):
    conversation = get_conversation_for(request, pk, manage=True)
    sent = report.mail_report(conversation)
    if sent:
        messages.success(request, _("Het verslag is gemaild naar %d deelnemer(s).") % sent)
    else:
        messages.warning(request, _("Geen van de deelnemers heeft een e-mailadres; er is niets verstuurd."))
    return redirect("conversations:detail", pk=pk)
