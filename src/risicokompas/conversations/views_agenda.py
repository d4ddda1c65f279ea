# SPDX-License-Identifier: EUPL-1.2
"""During the conversation: adding and removing agenda items, decisions per item, actions.

A decision changes the register in place through ``conversations.services``. When the risk changed after
the item's page was opened, nothing is saved: the page says so and shows the other version's values.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from risicokompas.calibration.access import may_record
from risicokompas.conversations import services
from risicokompas.conversations.access import get_conversation_for, may_manage
from risicokompas.conversations.forms import ActionForm, AgendaItemForm, DecisionForm
from risicokompas.conversations.models import Action, AgendaItem, Conversation
from risicokompas.organisations.access import current_membership
from risicokompas.risks import display
from risicokompas.risks.access import may_edit_risk
from risicokompas.risks.services import stored_text
from risicokompas.ui import display as ui_display


def _item(conversation: Conversation, item_pk: int) -> AgendaItem:
    try:
        return conversation.items.select_related("risk", "signal", "previous_action").get(pk=item_pk)
    except AgendaItem.DoesNotExist:
        raise Http404("Agendapunt niet gevonden") from None


def may_decide_on(membership, conversation: Conversation, item: AgendaItem) -> bool:
    """Whoever runs the conversation decides on its team's risks; other risks need the right to edit them."""
    risk = item.risk
    if risk is None or may_edit_risk(membership, risk):
        return True
    return bool(conversation.programme) and risk.programme == conversation.programme


@login_required
@require_POST
def item_add(request, pk: int):
    conversation = get_conversation_for(request, pk, manage=True)
    form = AgendaItemForm(request.POST, organisation=conversation.organisation)
    if form.is_valid():
        services.add_item(conversation, form.cleaned_data["title"], form.cleaned_data["risk"])
        messages.success(request, _("Het punt is aan de agenda toegevoegd."))
    else:
        messages.error(request, _("Geef het agendapunt een onderwerp."))
    return redirect("conversations:detail", pk=pk)


@login_required
@require_POST
def item_remove(request, pk: int, item_pk: int):
    """Take an item off the agenda, or with ``restore`` put it back. Removed items are kept."""
    conversation = get_conversation_for(request, pk, manage=True)
    item = _item(conversation, item_pk)
    restore = request.POST.get("restore") == "1"
    try:
        services.set_removed(item, not restore)
    except services.ChangeRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("Het punt staat weer op de agenda.") if restore else _("Het punt is van de agenda gehaald."),
        )
    return redirect("conversations:detail", pk=pk)


def _other_version(current) -> list[dict]:
    """The values someone else saved meanwhile, for the message after a refused decision."""
    latest = current.changes.select_related("changed_by").first()
    rows = [
        {"label": _("Kans"), "value": ui_display.probability(current.probability)},
        {"label": _("Maximaal gevolg"), "value": ui_display.euro(current.impact_max)},
        {"label": _("Status"), "value": current.get_status_display()},
        {
            "label": _("Herbeoordelen vóór"),
            "value": display.format_value("review_date", stored_text(current.review_date)),
        },
    ]
    if latest is not None:
        who = (
            latest.changed_by.get_full_name() or latest.changed_by.get_username()
            if latest.changed_by
            else "—"
        )
        rows.append({"label": _("Gewijzigd door"), "value": who})
        rows.append({"label": _("Reden"), "value": latest.reason})
    return rows


@login_required
def item_decide(request, pk: int, item_pk: int):
    conversation = get_conversation_for(request, pk, manage=True)
    membership = current_membership(request)
    item = _item(conversation, item_pk)
    if not may_decide_on(membership, conversation, item):
        raise PermissionDenied("Uw rol staat dit niet toe")
    form = DecisionForm(request.POST or None, item=item)
    other_version = None
    if request.method == "POST" and not item.is_decided and form.is_valid():
        data = form.cleaned_data
        given = services.DecisionInput(
            decision=data["decision"],
            text=data["text"],
            notes=data["notes"],
            expected_version=data["version"],
            estimate=form.estimate(),
            new_risk=form.new_risk(),
            measure=form.measure(),
        )
        try:
            services.record_decision(item, request.user, given)
        except services.ConcurrentEdit as conflict:
            other_version = _other_version(conflict.current)
            fresh = request.POST.copy()
            fresh["version"] = conflict.current.version  # saving again is a deliberate choice
            form = DecisionForm(fresh, item=item)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Het besluit is niet opgeslagen: iemand anders heeft dit risico gewijzigd nadat u deze "
                    "pagina opende. Er is niets overschreven. Bekijk de huidige versie hieronder en sla "
                    "opnieuw op als het besluit blijft staan."
                ),
            )
        except services.ChangeRefused as refusal:
            form.add_error(None, str(refusal))
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                target = {"code": "new_code", "name": "new_name"}.get(field, field)
                form.add_error(target if target in form.fields else None, problems)
        else:
            messages.success(request, _("Het besluit is vastgelegd: %s") % item.title)
            return redirect("conversations:detail", pk=pk)
    if item.risk is not None:
        item.risk.refresh_from_db()
    context = {
        "conversation": conversation,
        "item": item,
        "form": form,
        "other_version": other_version,
        "may_record_event": may_record(membership),
    }
    return render(request, "conversations/item.html", context)


@login_required
@require_POST
def action_create(request, pk: int):
    conversation = get_conversation_for(request, pk, manage=True)
    form = ActionForm(request.POST, conversation=conversation)
    if form.is_valid():
        data = form.cleaned_data
        services.add_action(
            conversation,
            data["description"],
            owner=data["owner"],
            due_date=data["due_date"],
            agenda_item=data["agenda_item"],
        )
        messages.success(request, _("De actie is vastgelegd."))
        return redirect("conversations:detail", pk=pk)
    return render(request, "conversations/action_form.html", {"conversation": conversation, "form": form})


@login_required
@require_POST
def action_complete(request, pk: int, action_pk: int):
    """Close an action of this conversation, or of an earlier one that is on this agenda."""
    conversation = get_conversation_for(request, pk)
    membership = current_membership(request)
    try:
        action = Action.objects.select_related("conversation").get(
            pk=action_pk, conversation__organisation=conversation.organisation
        )
    except Action.DoesNotExist:
        raise Http404("Actie niet gevonden") from None
    on_agenda = (
        action.conversation_id == conversation.pk
        or conversation.items.filter(previous_action=action).exists()
    )
    if not on_agenda:
        raise Http404("Actie niet gevonden")
    if not (may_manage(membership, conversation) or action.owner_id == membership.pk):
        raise PermissionDenied("Uw rol staat dit niet toe")
    services.complete_action(action)
    messages.success(request, _("De actie is afgerond."))
    return redirect("conversations:detail", pk=pk)
