# SPDX-License-Identifier: EUPL-1.2
"""The pre-mortem round: participants add items silently; after the round closes the group clusters them
and chooses which become risks.

Before the round closes, other people's items are not sent to the browser at all (not hidden by CSS), and
no page ever shows who wrote an item.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from risicokompas.conversations import services
from risicokompas.conversations.access import get_conversation_for, is_participant, may_manage
from risicokompas.conversations.forms import PremortemForm
from risicokompas.organisations.access import current_membership


def _premortem(request, pk: int, manage: bool = False):
    conversation = get_conversation_for(request, pk, manage=manage)
    if not conversation.is_premortem:
        raise Http404("Dit gesprek is geen pre-mortem")
    return conversation


@login_required
@require_POST
def premortem_add(request, pk: int):
    conversation = _premortem(request, pk)
    membership = current_membership(request)
    if not (is_participant(membership, conversation) or may_manage(membership, conversation)):
        raise PermissionDenied("Uw rol staat dit niet toe")
    form = PremortemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Schrijf op waarom het project is mislukt."))
    else:
        try:
            services.add_premortem_item(conversation, membership, form.cleaned_data["text"])
        except services.ChangeRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Uw punt is toegevoegd. Anderen zien het pas als de ronde sluit."))
    return redirect("conversations:detail", pk=pk)


@login_required
@require_POST
def premortem_close(request, pk: int):
    conversation = _premortem(request, pk, manage=True)
    services.close_round(conversation)
    messages.success(request, _("De ronde is gesloten; alle punten zijn nu zichtbaar."))
    return redirect("conversations:detail", pk=pk)


@login_required
@require_POST
def premortem_cluster(request, pk: int):
    """Save the clusters and choices; with ``make_risks`` also turn the chosen items into risks."""
    conversation = _premortem(request, pk, manage=True)
    choices = {
        item.pk: (request.POST.get(f"cluster-{item.pk}", ""), request.POST.get(f"chosen-{item.pk}") == "1")
        for item in conversation.premortem_items.filter(risk__isnull=True)
    }
    try:
        services.save_clusters(conversation, choices)
    except services.ChangeRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("conversations:detail", pk=pk)
    if "make_risks" in request.POST:
        risks = services.make_risks(conversation, request.user)
        if not risks:
            messages.error(
                request,
                _(
                    "Er is geen risico gemaakt: kies eerst ten minste één cluster of punt met "
                    "‘wordt een risico’, en geef het een naam."
                ),
            )
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d nieuw risico in het register: %(codes)s",
                    "%(count)d nieuwe risico’s in het register: %(codes)s",
                    len(risks),
                )
                % {"count": len(risks), "codes": ", ".join(r.code for r in risks)},
            )
    else:
        messages.success(request, _("De clusters en keuzes zijn opgeslagen."))
    return redirect("conversations:detail", pk=pk)
