# SPDX-License-Identifier: EUPL-1.2
"""Stories and cases: the shared library of a network, the explicit share step, comments and reuse.

Sharing takes two steps: the preview shows exactly the title, body and source that will be visible to the
network, with their fingerprint (SHA-256); confirming publishes that content only if it still has that
fingerprint. Nothing of a member's own records is shared any other way.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from risicokompas.deviations.models import Precedent
from risicokompas.network import services
from risicokompas.network.access import NetworkAccess, require_active, require_member
from risicokompas.network.forms import CommentForm, ReuseForm, ShareForm
from risicokompas.network.models import SharedItem


def _item(access: NetworkAccess, item_pk: int) -> SharedItem:
    try:
        return access.network.shared_items.select_related("member__organisation").get(pk=item_pk)
    except SharedItem.DoesNotExist:
        raise Http404("Verhaal niet gevonden") from None


@login_required
def story_list(request, pk):
    access = require_active(request, pk)
    items = access.network.shared_items.select_related("member__organisation")
    kind = request.GET.get("soort", "")
    if kind in SharedItem.Kind.values:
        items = items.filter(kind=kind)
    context = {
        "access": access,
        "network": access.network,
        "items": items,
        "kinds": SharedItem.Kind.choices,
        "kind": kind,
    }
    return render(request, "network/stories.html", context)


@login_required
def story_detail(request, pk, item_pk):
    access = require_active(request, pk)
    item = _item(access, item_pk)
    context = {
        "access": access,
        "network": access.network,
        "item": item,
        "comments": item.comments.select_related("author", "member__organisation"),
        "reuses": item.reuses.select_related("member__organisation"),
        "comment_form": CommentForm(),
        "reuse_form": ReuseForm(),
        "reused": access.member is not None and item.reuses.filter(member=access.member).exists(),
    }
    return render(request, "network/story.html", context)


def _initial_from_precedent(access: NetworkAccess, precedent_pk: str) -> dict:
    """Prefill from a published precedent of the user's own organisation (its anonymised summary only)."""
    if not precedent_pk.isascii() or not precedent_pk.isdigit():  # "?moresprudentie=abc" names none
        raise Http404("Moresprudentie niet gevonden")
    precedent = (
        Precedent.objects.filter(
            pk=precedent_pk, organisation=access.acting_member.organisation, published=True
        )
        .select_related("rule")
        .first()
    )
    if precedent is None:
        raise Http404("Moresprudentie niet gevonden")
    body = precedent.summary
    if precedent.tipping_point:
        body += "\n\n" + _("Kantelpunt: %(text)s") % {"text": precedent.tipping_point}
    return {
        "kind": SharedItem.Kind.PRECEDENT,
        "title": _("Afwijken van ‘%(rule)s’") % {"rule": precedent.rule.title},
        "body": body,
        "source": _("Moresprudentie over de regel ‘%(rule)s’") % {"rule": precedent.rule.title},
    }


@login_required
def share(request, pk):
    access = require_member(request, pk)
    action = request.POST.get("action", "")
    if request.method == "POST":
        form = ShareForm(request.POST)
        if form.is_valid():
            content = services.ShareContent(**form.cleaned_data)
            if action == "confirm":
                try:
                    item = services.share(
                        access.acting_member, request.user, content, request.POST.get("digest", "")
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("Gedeeld met het netwerk."))
                    return redirect("network:story", pk=pk, item_pk=item.pk)
            elif action == "preview":
                context = {
                    "access": access,
                    "network": access.network,
                    "form": form,
                    "content": content,
                    "kind_label": SharedItem.Kind(content.kind).label,
                    "digest": services.share_digest(content),
                }
                return render(request, "network/share_preview.html", context)
    else:
        initial = {}
        if request.GET.get("moresprudentie"):
            initial = _initial_from_precedent(access, request.GET["moresprudentie"])
        form = ShareForm(initial=initial)
    precedents = Precedent.objects.filter(
        organisation=access.acting_member.organisation, published=True
    ).select_related("rule")[:20]
    context = {"access": access, "network": access.network, "form": form, "precedents": precedents}
    return render(request, "network/share.html", context)


@require_POST
@login_required
def comment(request, pk, item_pk):
    access = require_active(request, pk)
    item = _item(access, item_pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        saved = form.save(commit=False)
        saved.item = item
        saved.author = request.user
        saved.member = access.member
        saved.save()
        messages.success(request, _("Uw reactie is geplaatst."))
    else:
        messages.error(request, _("Schrijf eerst een reactie."))
    return redirect("network:story", pk=pk, item_pk=item.pk)


@require_POST
@login_required
def reuse(request, pk, item_pk):
    access = require_member(request, pk)
    item = _item(access, item_pk)
    form = ReuseForm(request.POST)
    if form.is_valid():
        item.reuses.update_or_create(
            member=access.member, defaults={"note": form.cleaned_data["note"], "created_by": request.user}
        )
        messages.success(request, _("Genoteerd dat uw organisatie dit hergebruikt."))
    return redirect("network:story", pk=pk, item_pk=item.pk)
