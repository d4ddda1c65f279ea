# SPDX-License-Identifier: EUPL-1.2
"""Signal views: file a signal, follow it up (named or by receipt code), and the triagers' inbox.

Views stay thin: ``signals.access`` decides who may see or triage what, ``signals.services`` makes every
change, ``signals.notifications`` sends the mail after a change is saved.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from risicokompas.organisations.access import current_membership
from risicokompas.risks.forms import RiskForm
from risicokompas.risks.models import Risk
from risicokompas.security.sessions import skip_session_save
from risicokompas.signals import notifications, services
from risicokompas.signals.access import get_signal_for, may_triage, require_inbox, triage_queryset
from risicokompas.signals.forms import AnswerForm, DeclineForm, MergeForm, ReceiptForm, SignalForm
from risicokompas.signals.models import Signal, filing_free_order

HANDLED_SHOWN = 20


@dataclass(frozen=True)
class InboxSignal:
    """An open signal in the inbox, with its age in working days and whether its term has passed."""

    signal: Signal
    age: int
    overdue: bool


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@never_cache  # the confirmation may hold a receipt code: keep it out of caches and browser history
@login_required
def signal_create(request):
    membership = current_membership(request)
    organisation = membership.organisation
    form = SignalForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        filed = services.file_signal(
            organisation, request.user, form.values(), anonymous=form.cleaned_data["anonymous"]
        )
        notifications.notify_new_signal(filed.signal, _base_url(request))  # named only; see there
        # No session write for a filing (named or anonymous alike): the session row's new expiry would
        # record the second this person filed.
        skip_session_save(request)
        # Rendered, not redirected: the receipt code exists only in this response, nowhere else.
        return _filed_response(request, filed.signal, filed.receipt_code)
    return render(request, "signals/create.html", {"form": form})


def _filed_response(request, signal: Signal, receipt_code: str | None) -> HttpResponse:
    """The confirmation, padded to the same length whether the signal is anonymous or named, so that an
    access log's response size does not tell the two apart."""

    def page(code: str | None, padding: int = 0) -> str:
        context = {"signal": signal, "receipt_code": code, "padding": " " * padding}
        return render_to_string("signals/filed.html", context, request=request)

    placeholder = receipt_code or services.new_receipt_code()
    sizes = {len(page(None).encode()), len(page(placeholder).encode())}
    content = page(receipt_code)
    content = page(receipt_code, max(sizes) - len(content.encode()))
    return HttpResponse(content)


@login_required
def my_signals(request):
    membership = current_membership(request)
    signals = Signal.objects.filter(organisation=membership.organisation, reporter=request.user)
    context = {"signals": signals.select_related("risk"), "receipt_form": ReceiptForm()}
    return render(request, "signals/mine.html", context)


@never_cache
@login_required
def receipt(request):
    """Look up an anonymous signal by its receipt code (POST, so the code stays out of URLs and logs)."""
    membership = current_membership(request)
    form = ReceiptForm(request.POST or None)
    signal = None
    if request.method == "POST" and form.is_valid():
        signal = services.find_by_receipt(membership.organisation, form.cleaned_data["code"])
        if signal is None:
            form.add_error("code", _("Er is geen melding met deze ontvangstcode. Controleer de code."))
    return render(request, "signals/receipt.html", {"form": form, "signal": signal})


@login_required
def inbox(request):
    membership = require_inbox(request)
    today = timezone.localdate()
    signals = triage_queryset(membership)
    programmes = sorted(
        set(signals.exclude(programme="").values_list("programme", flat=True)), key=str.casefold
    )
    programme = request.GET.get("programma", "")
    if programme == "-":
        signals = signals.filter(programme="")
    elif programme:
        signals = signals.filter(programme=programme)
    counts = Counter(signals.values_list("status", flat=True))
    open_signals = [
        InboxSignal(
            signal,
            age=services.working_days_between(timezone.localdate(signal.created_at), today),
            overdue=services.is_overdue(signal, today),
        )
        for signal in signals.filter(status__in=[Signal.Status.NEW, Signal.Status.IN_PROGRESS]).order_by(
            *filing_free_order(newest_first=False)
        )
    ]
    handled = signals.exclude(status__in=[Signal.Status.NEW, Signal.Status.IN_PROGRESS]).order_by(
        "-handled_at", "-pk"
    )[:HANDLED_SHOWN]
    context = {
        "counts": [(label, counts.get(value, 0)) for value, label in Signal.Status.choices],
        "overdue_count": sum(row.overdue for row in open_signals),
        "open_signals": open_signals,
        "handled": handled.select_related("risk"),
        "programmes": programmes,
        "programme": programme,
        "response_days": membership.organisation.signal_response_days,
    }
    return render(request, "signals/inbox.html", context)


@login_required
def signal_detail(request, pk: int):
    signal = get_signal_for(request, pk)
    membership = current_membership(request)
    context = {
        "signal": signal,
        "may_triage": may_triage(membership, signal),
        "overdue": services.is_overdue(signal),
    }
    return render(request, "signals/detail.html", context)


def _mergeable_risks(membership):
    risks = Risk.objects.filter(organisation=membership.organisation)
    return risks if membership.can_edit_all_risks else risks.filter(owner=membership)


@login_required
def signal_triage(request, pk: int):
    signal = get_signal_for(request, pk, triage=True)
    if not signal.is_open:
        messages.info(request, _("Deze melding is al afgehandeld."))
        return redirect("signals:detail", pk=signal.pk)
    membership = current_membership(request)
    organisation = membership.organisation
    may_choose_owner = membership.can_edit_all_risks
    action = request.POST.get("action") if request.method == "POST" else None
    data = {name: request.POST if action == name else None for name in ("risk", "merge", "decline")}
    instance = Risk(organisation=organisation, owner=None if may_choose_owner else membership)
    risk_form = RiskForm(
        data["risk"],
        instance=instance,
        initial=services.risk_initial(signal),
        organisation=organisation,
        may_choose_owner=may_choose_owner,
        prefix="risk",
    )
    answer_form = AnswerForm(data["risk"], prefix="risk")
    merge_form = MergeForm(data["merge"], risks=_mergeable_risks(membership), prefix="merge")
    decline_form = DeclineForm(data["decline"], prefix="decline")
    outcome = None
    try:
        if action == "risk" and risk_form.is_valid() and answer_form.is_valid():
            values = risk_form.values()
            if not may_choose_owner:
                values["owner"] = membership  # a risico-eigenaar's new risk is theirs
            risk = services.to_new_risk(
                signal, request.user, values, answer=answer_form.cleaned_data["answer"]
            )
            outcome = _("De melding is opgenomen als risico %s.") % risk.code
        elif action == "merge" and merge_form.is_valid():
            risk = merge_form.cleaned_data["risk"]
            services.merge(signal, request.user, risk, answer=merge_form.cleaned_data["answer"])
            outcome = _("De melding is toegevoegd aan risico %s.") % risk.code
        elif action == "decline" and decline_form.is_valid():
            services.decline(signal, request.user, reason=decline_form.cleaned_data["reason"])
            outcome = _("De melding is afgewezen; de melder ziet uw reden.")
    except services.SignalClosed as closed:
        messages.info(request, str(closed))
        return redirect("signals:detail", pk=signal.pk)
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            risk_form.add_error(field if field in risk_form.fields else None, problems)
    if outcome:
        signal.refresh_from_db()
        notifications.notify_reporter(signal, _base_url(request))
        messages.success(request, outcome)
        return redirect("signals:inbox")
    context = {
        "signal": signal,
        "risk_form": risk_form,
        "answer_form": answer_form,
        "merge_form": merge_form,
        "decline_form": decline_form,
        "action": action,
    }
    return render(request, "signals/triage.html", context)
