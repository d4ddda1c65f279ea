# SPDX-License-Identifier: EUPL-1.2
"""The pre-mortem round on its own page: participants add items silently; after the round closes the group
clusters them and chooses which become risks.

Before the round closes, other people's items are not sent to the browser at all (not hidden by CSS), and
no page ever shows who wrote an item. Every action redirects back to the page (POST → redirect → GET) with
a message that counts what happened; an action that would change nothing is refused with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from risicokompas.conversations import services
from risicokompas.conversations.access import get_conversation_for, is_participant, may_manage
from risicokompas.conversations.forms import PremortemForm
from risicokompas.organisations.access import current_membership


def _premortem(request, pk: int, manage: bool = False):
    conversation = get_conversation_for(request, pk, manage=manage)
    if not conversation.is_premortem:
        raise Http404("Dit gesprek is geen pre-mortem")
    return conversation


def _back(pk: int):
    return redirect("conversations:premortem", pk=pk)


@login_required
@require_GET
def premortem_page(request, pk: int):
    """The question, the items the viewer may see, and (after the round) the clusters and the choice."""
    conversation = _premortem(request, pk)
    membership = current_membership(request)
    manage = may_manage(membership, conversation)
    context = {
        "conversation": conversation,
        "may_manage": manage,
        "premortem_items": services.visible_premortem_items(conversation, membership).select_related("risk"),
        "premortem_count": conversation.premortem_items.count(),
        "crumbs": [
            (reverse("conversations:list"), _("Risicogesprekken")),
            (reverse("conversations:detail", args=[pk]), conversation.title),
        ],
    }
    if not conversation.round_closed and (manage or is_participant(membership, conversation)):
        context["premortem_form"] = PremortemForm()
    return render(request, "conversations/premortem.html", context)


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
        return _back(pk)
    try:
        services.add_premortem_item(conversation, membership, form.cleaned_data["text"])
    except services.ChangeRefused as refusal:
        messages.error(request, str(refusal))
        return _back(pk)
    own = conversation.premortem_items.filter(author=membership).count()
    messages.success(
        request,
        ngettext(
            "Uw punt is toegevoegd; u heeft nu %(count)d punt ingediend. Anderen zien het pas als de ronde "
            "sluit.",
            "Uw punt is toegevoegd; u heeft nu %(count)d punten ingediend. Anderen zien ze pas als de ronde "
            "sluit.",
            own,
        )
        % {"count": own},
    )
    return _back(pk)


@login_required
@require_POST
def premortem_close(request, pk: int):
    conversation = _premortem(request, pk, manage=True)
    try:
        count = services.close_round(conversation)
    except services.ChangeRefused as refusal:
        messages.error(request, str(refusal))
        return _back(pk)
    messages.success(
        request,
        ngettext(
            "De ronde is gesloten; %(count)d punt is nu voor iedereen zichtbaar.",
            "De ronde is gesloten; %(count)d punten zijn nu voor iedereen zichtbaar.",
            count,
        )
        % {"count": count},
    )
    return _back(pk)


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
        changed = services.save_clusters(conversation, choices)
    except services.ChangeRefused as refusal:
        messages.error(request, str(refusal))
        return _back(pk)
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
    elif not changed:
        messages.error(request, _("Er is niets veranderd: geef punten een cluster of kies ze als risico."))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d punt bijgewerkt (cluster of keuze).",
                "%(count)d punten bijgewerkt (cluster of keuze).",
                changed,
            )
            % {"count": changed},
        )
    return _back(pk)
