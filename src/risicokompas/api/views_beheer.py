# SPDX-License-Identifier: EUPL-1.2
"""The beheerder's page for API keys (/beheer-organisatie/api-sleutels/): create one (shown once), revoke
one, see when each was last used and its recent use."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from risicokompas.api import keys
from risicokompas.api.models import ApiKey, ApiKeyUse
from risicokompas.organisations.access import current_membership, require
from risicokompas.organisations.models import Membership
from risicokompas.organisations.rules import may
from risicokompas.security.log import Kind, record

RECENT_USES = 50


class KeyForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Naam"), max_length=200)
    membership = forms.ModelChoiceField(
        label=gettext_lazy("Werkt namens"),
        queryset=Membership.objects.none(),
        help_text=gettext_lazy("De sleutel mag wat deze persoon (of dit dienstaccount) mag, en niet meer."),
    )
    scope = forms.ChoiceField(label=gettext_lazy("Rechten"), choices=ApiKey.Scope.choices)

    def __init__(self, *args, organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Membership.objects.filter(
            organisation=organisation, user__is_active=True
        ).select_related("user")


def require_key_manager(request) -> Membership:
    membership = current_membership(request)
    require(may(membership, "manage_people"))
    return membership


@login_required
def key_list(request):
    membership = require_key_manager(request)
    organisation = membership.organisation
    form = KeyForm(request.POST or None, organisation=organisation, initial={"membership": membership})
    new_key = None
    if request.method == "POST" and form.is_valid():
        created = keys.create_key(
            form.cleaned_data["membership"],
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            created_by=request.user,
        )
        new_key = created.plaintext
        record(
            Kind.API_KEY_CREATED,
            request=request,
            obj=created.key,
            scope=created.key.scope,
            prefix=created.key.prefix,
            acts_as=created.key.membership.user.get_username(),
        )
        form = KeyForm(organisation=organisation, initial={"membership": membership})
    api_keys = ApiKey.objects.filter(organisation=organisation).select_related(
        "membership__user", "created_by"
    )
    uses = ApiKeyUse.objects.filter(key__organisation=organisation).select_related("key")[:RECENT_USES]
    return render(
        request,
        "api/keys.html",
        {"form": form, "api_keys": api_keys, "uses": uses, "new_key": new_key, "section": "api"},
    )


@login_required
@require_POST
def key_revoke(request, pk: int):
    membership = require_key_manager(request)
    try:
        key = ApiKey.objects.get(pk=pk, organisation=membership.organisation)
    except ApiKey.DoesNotExist:
        raise Http404("Sleutel niet gevonden") from None
    was_active = key.revoked_at is None
    keys.revoke_key(key, revoked_by=request.user)
    if was_active:
        record(Kind.API_KEY_REVOKED, request=request, obj=key, prefix=key.prefix)
    messages.success(request, _("De sleutel ‘%s’ is ingetrokken.") % key.name)
    return redirect("api_keys:list")
