# SPDX-License-Identifier: EUPL-1.2
"""The "Beheer" menu of a beheerder: people, units, programma's, functions and what each role may do.

Only a beheerder of the organisation manages it (the rule ``manage_people``): any other role gets a 403,
and another organisation's person, unit, programma or function is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, ProtectedError, RestrictedError
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from risicokompas.organisations import mfa, people, sso, structure
from risicokompas.organisations.access import current_membership, require
from risicokompas.organisations.forms_beheer import (
    FunctionForm,
    InviteForm,
    PeopleFileForm,
    PersonForm,
    ProgrammeForm,
    SsoDomainsForm,
    UnitForm,
)
from risicokompas.organisations.models import Function, Membership, Programme, Unit
from risicokompas.organisations.peoplefile import PeopleFileError, read_people
from risicokompas.organisations.rules import RULES, may, role_summaries
from risicokompas.security.log import Kind, Outcome, record
from risicokompas.ui.history import version_rows


def require_people_manager(request: HttpRequest) -> Membership:
    """The current membership, or a 403 when it may not manage the organisation's people."""
    membership = current_membership(request)
    require(may(membership, "manage_people"))
    return membership


def _get(model, request: HttpRequest, pk: int):
    """Object ``pk`` of the current organisation, for a beheerder; another organisation's is a 404."""
    membership = require_people_manager(request)
    try:
        return membership, model.objects.get(pk=pk, organisation=membership.organisation)
    except model.DoesNotExist:
        raise Http404("Niet gevonden") from None


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _log_invited(request: HttpRequest, result: people.InviteResult, source: str) -> None:
    for invited in result.memberships:
        record(
            Kind.INVITED,
            request=request,
            obj=invited,
            role=invited.role,
            extra_roles=list(invited.extra_roles or []),
            source=source,
        )


# People ---------------------------------------------------------------------------------------------------


@login_required
def people_list(request):
    membership = require_people_manager(request)
    members = (
        Membership.objects.filter(organisation=membership.organisation)
        .select_related("user", "unit")
        .prefetch_related("user__external_identities")
        .order_by("-user__is_active", "user__last_name", "user__first_name", "user__username")
    )
    rows = [(m, people.status(m)) for m in members]
    return render(request, "beheer/people_list.html", {"rows": rows, "section": "people"})


@login_required
def person_invite(request):
    membership = require_people_manager(request)
    organisation = membership.organisation
    form = InviteForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = people.Person(
            name=data["name"],
            email=data["email"],
            function=data["function"],
            role=data["role"],
            extra_roles=tuple(data["extra_roles"]),
            unit=data["unit"],
        )
        try:
            result = people.invite(organisation, [person], request.user, _base_url(request))
        except people.PeopleError as exc:
            form.add_error("email", str(exc))
        else:
            _log_invited(request, result, "form")
            invited = result.memberships[0]
            if result.mailed:
                messages.success(
                    request,
                    _("%(email)s is uitgenodigd; de uitnodiging is gemaild.") % {"email": invited.user.email},
                )
            else:
                messages.success(
                    request,
                    _("%(email)s had al een account en kan nu inloggen bij %(org)s.")
                    % {"email": invited.user.email, "org": organisation},
                )
            return redirect("beheer:person", invited.pk)
    return render(request, "beheer/person_invite.html", {"form": form, "section": "people"})


@login_required
def people_import(request):
    membership = require_people_manager(request)
    organisation = membership.organisation
    form = PeopleFileForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            found = read_people(upload.read(), upload.name, organisation)
            result = people.invite(organisation, found, request.user, _base_url(request))
        except (PeopleFileError, people.PeopleError) as exc:
            problems = exc.messages if isinstance(exc, PeopleFileError) else [str(exc)]
            record(
                Kind.IMPORTED,
                request=request,
                object_type="people",
                outcome=Outcome.FAILURE,
                file=upload.name,
            )
        else:
            _log_invited(request, result, "file")
            record(
                Kind.IMPORTED,
                request=request,
                object_type="people",
                file=upload.name,
                people=len(result.memberships),
            )
            messages.success(
                request,
                ngettext(
                    "%(n)s persoon uitgenodigd (%(mailed)s uitnodiging gemaild).",
                    "%(n)s mensen uitgenodigd (%(mailed)s uitnodigingen gemaild).",
                    len(result.memberships),
                )
                % {"n": len(result.memberships), "mailed": result.mailed},
            )
            return redirect("beheer:people")
    return render(
        request, "beheer/people_import.html", {"form": form, "problems": problems, "section": "people"}
    )


@login_required
def person_detail(request, pk: int):
    _manager, member = _get(Membership, request, pk)
    form = PersonForm(request.POST or None, membership=member)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        old_roles = [member.role, *sorted(member.extra_roles or [])]
        try:
            changed = people.set_roles(member, data["role"], data["extra_roles"])
        except people.PeopleError as exc:
            form.add_error("role", str(exc))
            record(Kind.ROLES_CHANGED, request=request, obj=member, outcome=Outcome.DENIED, reason=str(exc))
        else:
            if changed:
                record(
                    Kind.ROLES_CHANGED,
                    request=request,
                    obj=member,
                    old=old_roles,
                    new=[member.role, *sorted(member.extra_roles or [])],
                )
            if member.function != data["function"] or member.unit != data["unit"]:
                old = {"function": member.function, "unit": str(member.unit or "")}
                member.function = data["function"]
                people.apply_unit(member, data["unit"])
                member.save()
                record(
                    Kind.MEMBERSHIP_CHANGED,
                    request=request,
                    obj=member,
                    old=old,
                    new={"function": member.function, "unit": str(member.unit or "")},
                )
                changed = True
            if changed:
                messages.success(
                    request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": member.user}
                )
            else:
                messages.info(request, _("Er is niets gewijzigd."))
            return redirect("beheer:person", member.pk)
    context = {
        "member": member,
        "status": people.status(member),
        "form": form,
        "is_self": member.user_id == request.user.pk,
        "mfa_enrolled": mfa.is_enrolled(member.user),
        "password_refused": sso.password_refused(member.user),
        "may_reset_mfa": may(_manager, "read_security_log"),
        "versions": version_rows(member.history.all()),
        "section": "people",
    }
    return render(request, "beheer/person_detail.html", context)


@login_required
@require_POST
def person_resend(request, pk: int):
    _manager, member = _get(Membership, request, pk)
    try:
        people.resend(member, request.user, _base_url(request))
    except people.PeopleError as exc:
        messages.error(request, str(exc))
    else:
        record(Kind.INVITATION_RESENT, request=request, obj=member)
        messages.success(
            request, _("De uitnodiging is opnieuw gemaild naar %(email)s.") % {"email": member.user.email}
        )
    return redirect("beheer:person", member.pk)


@login_required
@require_POST
def person_deactivate(request, pk: int):
    _manager, member = _get(Membership, request, pk)
    try:
        ended = people.deactivate(member, by=request.user)
    except people.PeopleError as exc:
        messages.error(request, str(exc))
        record(Kind.DEACTIVATED, request=request, obj=member, outcome=Outcome.DENIED, reason=str(exc))
    else:
        record(Kind.DEACTIVATED, request=request, obj=member, sessions_ended=ended)
        messages.success(
            request,
            ngettext(
                "%(name)s is gedeactiveerd en kan niet meer inloggen; %(n)s sessie is beëindigd.",
                "%(name)s is gedeactiveerd en kan niet meer inloggen; %(n)s sessies zijn beëindigd.",
                ended,
            )
            % {"name": member.user.get_full_name() or member.user.username, "n": ended},
        )
    return redirect("beheer:person", member.pk)


@login_required
@require_POST
def person_unlink_sso(request, pk: int):
    """Remove the person's link to single sign-on (security log; the person is signed out everywhere).
    Without a password they then need a new invitation to log in."""
    _manager, member = _get(Membership, request, pk)
    if member.user_id == request.user.pk:
        messages.error(request, _("U kunt de koppeling van uw eigen account niet verwijderen."))
    elif sso.unlink(request, member):
        messages.success(
            request,
            _("De koppeling van %(name)s met single sign-on is verwijderd.")
            % {"name": member.user.get_full_name() or member.user.username},
        )
    else:
        messages.info(request, _("Er is niets gewijzigd."))
    return redirect("beheer:person", member.pk)


@login_required
@require_POST
def person_reactivate(request, pk: int):
    _manager, member = _get(Membership, request, pk)
    if people.reactivate(member):
        record(Kind.REACTIVATED, request=request, obj=member)
        messages.success(request, _("%(name)s is weer actief en kan inloggen.") % {"name": member.user})
    return redirect("beheer:person", member.pk)


@login_required
@require_POST
def person_reset_mfa(request, pk: int):
    """A lost phone: remove the person's second factor; they enrol again at their next login."""
    manager, member = _get(Membership, request, pk)
    require(may(manager, "read_security_log"))
    if member.user_id == request.user.pk:
        messages.error(request, _("Uw eigen tweede stap laat u herstellen door een andere beheerder."))
        return redirect("beheer:person", member.pk)
    removed = mfa.reset(member.user)
    ended = people.sign_out_everywhere(member.user)
    record(Kind.MFA_RESET, request=request, obj=member, devices_removed=removed, sessions_ended=ended)
    messages.success(
        request,
        _(
            "De tweede stap van %(name)s is hersteld: bij de volgende keer inloggen stelt %(name)s die opnieuw in."
        )
        % {"name": member.user.get_full_name() or member.user.username},
    )
    return redirect("beheer:person", member.pk)


# Units ----------------------------------------------------------------------------------------------------


def _history(model, organisation):
    return version_rows(model.history.filter(organisation=organisation))


@login_required
def units(request):
    membership = require_people_manager(request)
    organisation = membership.organisation
    form = UnitForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        unit = structure.save_unit(form.save(commit=False))
        messages.success(request, _("%(name)s is toegevoegd.") % {"name": unit.name})
        return redirect("beheer:units")
    counts = dict(
        Unit.objects.filter(organisation=organisation).annotate(n=Count("memberships")).values_list("pk", "n")
    )
    context = {
        "rows": [
            (unit, depth, counts.get(unit.pk, 0)) for unit, depth in structure.units_in_order(organisation)
        ],
        "form": form,
        "versions": _history(Unit, organisation),
        "section": "units",
    }
    return render(request, "beheer/units.html", context)


@login_required
def unit_edit(request, pk: int):
    membership, unit = _get(Unit, request, pk)
    form = UnitForm(request.POST or None, instance=unit, organisation=membership.organisation)
    if request.method == "POST" and form.is_valid():
        structure.save_unit(form.save(commit=False))
        messages.success(request, _("%(name)s is opgeslagen.") % {"name": unit.name})
        return redirect("beheer:units")
    context = {"form": form, "unit": unit, "blocked": structure.unit_in_use(unit), "section": "units"}
    return render(request, "beheer/unit_edit.html", context)


@login_required
@require_POST
def unit_delete(request, pk: int):
    _membership, unit = _get(Unit, request, pk)
    reason = structure.unit_in_use(unit)
    if reason is not None:
        messages.error(
            request,
            _("%(name)s kan niet worden verwijderd: %(reason)s.") % {"name": unit.name, "reason": reason},
        )
        return redirect("beheer:unit_edit", unit.pk)
    try:
        unit.delete()
    except (ProtectedError, RestrictedError):
        messages.error(request, _("%(name)s kan niet worden verwijderd.") % {"name": unit.name})
        return redirect("beheer:unit_edit", unit.pk)
    messages.success(request, _("%(name)s is verwijderd.") % {"name": unit.name})
    return redirect("beheer:units")


# Programma's ----------------------------------------------------------------------------------------------


@login_required
def programmes(request):
    membership = require_people_manager(request)
    organisation = membership.organisation
    form = ProgrammeForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        programme = structure.add_programme(organisation, form.cleaned_data["name"])
        messages.success(request, _("Programma %(name)s is toegevoegd.") % {"name": programme.name})
        return redirect("beheer:programmes")
    context = {
        "programmes": list(Programme.objects.filter(organisation=organisation)),
        "form": form,
        "versions": _history(Programme, organisation),
        "section": "programmes",
    }
    return render(request, "beheer/programmes.html", context)


@login_required
def programme_edit(request, pk: int):
    membership, programme = _get(Programme, request, pk)
    form = ProgrammeForm(request.POST or None, instance=programme, organisation=membership.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Programma %(name)s is opgeslagen.") % {"name": programme.name})
        return redirect("beheer:programmes")
    return render(
        request, "beheer/programme_edit.html", {"form": form, "programme": programme, "section": "programmes"}
    )


@login_required
@require_POST
def programme_move(request, pk: int):
    _membership, programme = _get(Programme, request, pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    if structure.move_programme(programme, step):
        messages.success(request, _("Programma %(name)s is verplaatst.") % {"name": programme.name})
    return redirect("beheer:programmes")


@login_required
@require_POST
def programme_delete(request, pk: int):
    _membership, programme = _get(Programme, request, pk)
    name = programme.name
    programme.delete()
    messages.success(request, _("Programma %(name)s is verwijderd.") % {"name": name})
    return redirect("beheer:programmes")


# Functions ------------------------------------------------------------------------------------------------


@login_required
def functions(request):
    membership = require_people_manager(request)
    organisation = membership.organisation
    form = FunctionForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        function = form.save(commit=False)
        function.organisation = organisation
        function.save()
        messages.success(request, _("Functie %(name)s is toegevoegd.") % {"name": function.name})
        return redirect("beheer:functions")
    rows = [(f, structure.function_users(f)) for f in Function.objects.filter(organisation=organisation)]
    context = {
        "rows": rows,
        "form": form,
        "versions": _history(Function, organisation),
        "section": "functions",
    }
    return render(request, "beheer/functions.html", context)


@login_required
def function_edit(request, pk: int):
    membership, function = _get(Function, request, pk)
    old_name = function.name
    form = FunctionForm(request.POST or None, instance=function, organisation=membership.organisation)
    if request.method == "POST" and form.is_valid():
        new_name = form.cleaned_data["name"]
        function.name = old_name  # rename_function reads the old name from the row
        renamed = structure.rename_function(function, new_name)
        messages.success(
            request,
            ngettext(
                "Functie %(old)s heet nu %(new)s (%(n)s persoon bijgewerkt).",
                "Functie %(old)s heet nu %(new)s (%(n)s mensen bijgewerkt).",
                renamed,
            )
            % {"old": old_name, "new": new_name, "n": renamed},
        )
        return redirect("beheer:functions")
    context = {
        "form": form,
        "function": function,
        "in_use": structure.function_users(function),
        "section": "functions",
    }
    return render(request, "beheer/function_edit.html", context)


@login_required
@require_POST
def function_delete(request, pk: int):
    _membership, function = _get(Function, request, pk)
    if structure.function_users(function):
        messages.error(
            request, _("Functie %(name)s is nog in gebruik en blijft bestaan.") % {"name": function.name}
        )
        return redirect("beheer:functions")
    name = function.name
    function.delete()
    messages.success(request, _("Functie %(name)s is verwijderd.") % {"name": name})
    return redirect("beheer:functions")


# Roles ----------------------------------------------------------------------------------------------------


@login_required
def roles(request):
    require_people_manager(request)
    return render(
        request, "beheer/roles.html", {"summaries": role_summaries(), "rules": RULES, "section": "roles"}
    )


# Single sign-on ------------------------------------------------------------------------------------------


@login_required
def sso_domains(request):
    """The e-mail domains whose people may join through single sign-on (security log on every change)."""
    membership = require_people_manager(request)
    organisation = membership.organisation
    initial = {"domains": "\n".join(organisation.sso_domains or []), "sso_only": organisation.sso_only}
    form = SsoDomainsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if sso.set_domains(request, organisation, form.cleaned_data["domains"]):
            messages.success(request, _("De toegestane domeinen voor single sign-on zijn opgeslagen."))
        if sso.set_sso_only(request, organisation, form.cleaned_data["sso_only"]):
            messages.success(request, _("De keuze voor alleen single sign-on is opgeslagen."))
        return redirect("beheer:sso")
    linked = (
        Membership.objects.filter(organisation=organisation, user__external_identities__isnull=False)
        .select_related("user")
        .prefetch_related("user__external_identities")
        .distinct()
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    context = {
        "form": form,
        "providers": sso.providers(),
        "section": "sso",
        "organisation": organisation,
        "linked": linked,
    }
    return render(request, "beheer/sso.html", context)
