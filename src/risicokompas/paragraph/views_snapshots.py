# SPDX-License-Identifier: EUPL-1.2
"""Snapshot pages: list with ratio history, freeze, detail, approve, texts, compare, sensitivity, what-if.

Views are thin: access through ``access_snapshots``, numbers from ``freeze``/``compare``/``sensitivity``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from risicokompas import charts
from risicokompas.engine import ENGINE_VERSION
from risicokompas.jobs import services as jobs
from risicokompas.jobs.models import Job
from risicokompas.organisations.access import current_membership
from risicokompas.paragraph import freeze as freezing
from risicokompas.paragraph import jobs as paragraph_jobs
from risicokompas.paragraph.access_snapshots import (
    get_snapshot_for,
    may_approve_snapshots,
    may_write_snapshots,
    require_snapshot_writer,
)
from risicokompas.paragraph.compare import STEPS, compare, ratio_history
from risicokompas.paragraph.forms_snapshots import ApprovalForm, SnapshotCreateForm, TextsForm, WhatIfForm
from risicokompas.paragraph.models import SnapshotApproval
from risicokompas.paragraph.notifications import offer_for_approval
from risicokompas.paragraph.records import example_suggestions
from risicokompas.paragraph.sensitivity import (
    CORRELATION_ITERATIONS,
    WhatIfStep,
    group_names,
    what_if,
    what_if_steps,
)
from risicokompas.paragraph.views_reports import paragraph_data
from risicokompas.reports import compose
from risicokompas.reports.document import Text
from risicokompas.reports.figures import shown_required_of
from risicokompas.reports.html import render_fragment
from risicokompas.security.log import Kind, record
from risicokompas.snapshot import SnapshotResult, given

TOP_DRIVERS = 10


def _context(request, **extra) -> dict:
    membership = current_membership(request)
    return {
        "membership": membership,
        "organisation": membership.organisation,
        "may_write": may_write_snapshots(membership),
        "may_approve": may_approve_snapshots(membership),
        **extra,
    }


def _approval(snapshot):
    return SnapshotApproval.objects.filter(snapshot=snapshot).select_related("approved_by").first()


@login_required
def snapshot_list(request):
    membership = current_membership(request)
    history = ratio_history(membership.organisation)
    norm = membership.organisation.norm_minimum
    svg = charts.ratio_history_svg(
        [(f"{p.snapshot.title} ({p.reference_date:%d-%m-%Y})", p.ratio) for p in history],
        None if norm is None else float(norm),
    )
    return render(
        request,
        "paragraph/snapshot_list.html",
        _context(request, history=history, history_svg=svg if history else "", latest=history[::-1]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def snapshot_create(request):
    membership = require_snapshot_writer(request)
    organisation = membership.organisation
    form = SnapshotCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        snapshot = freezing.freeze(
            organisation, request.user, data["title"], data["document"], data["year"], data["reference_date"]
        )
        messages.success(request, _("De momentopname is vastgelegd."))
        return redirect("paragraph:snapshot_detail", pk=snapshot.pk)
    live = freezing.compute(freezing.collect_inputs(organisation))
    return render(request, "paragraph/snapshot_create.html", _context(request, form=form, live=live))


def _quantile_rows(result: SnapshotResult) -> list[dict]:
    certainty_key = f"{given(result.certainty, 'result.certainty') * 100:g}"
    return [
        {
            "level": float(key) / 100,
            "value": value,
            "interval": result.quantile_intervals.get(key),
            "is_certainty": key == certainty_key,
        }
        for key, value in result.quantile_levels()
    ]


def _capacity_rows(result: SnapshotResult) -> list[dict]:
    return [
        {"kind": kind, "years": [years[k] for k in freezing.YEAR_KEYS]}
        for kind, years in result.capacity.by_kind.items()
    ]


@login_required
def snapshot_detail(request, pk):
    snapshot = get_snapshot_for(request, pk)
    result = snapshot.frozen_result
    context = _context(
        request,
        snapshot=snapshot,
        result=snapshot.result,  # the stored JSON, as the template reads it
        inputs=snapshot.inputs,
        approval=_approval(snapshot),
        verified=freezing.verify(snapshot),
        shown=shown_required_of(result),  # the rounding of the dashboard and the paragraph
        current_engine=ENGINE_VERSION,
        quantile_rows=_quantile_rows(result),
        capacity_rows=_capacity_rows(result),
        year_keys=freezing.YEAR_KEYS,
        by_year=result.capacity.year_amounts(),
        pm_items=[item.name for item in snapshot.frozen_inputs.pm_capacity_items],
        drivers=result.drivers[:TOP_DRIVERS],
        texts=[(key, label, snapshot.texts.get(key, "")) for key, label in freezing.TEXT_BLOCKS],
        carried=freezing.carried_texts(snapshot),
    )
    return render(request, "paragraph/snapshot_detail.html", context)


@login_required
@require_POST
def snapshot_offer(request, pk):
    """Offer the snapshot to the bestuur for approval: each bestuur member gets a mail with the link."""
    snapshot = get_snapshot_for(request, pk, "write")
    if _approval(snapshot) is not None:
        messages.info(request, _("Deze momentopname is al vastgesteld."))
        return redirect("paragraph:snapshot_detail", pk=snapshot.pk)
    count = offer_for_approval(snapshot, settings.RISICOKOMPAS_BASE_URL, request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "Aangeboden ter vaststelling: %(count)s bestuurslid heeft een mail gekregen.",
                "Aangeboden ter vaststelling: %(count)s bestuursleden hebben een mail gekregen.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.warning(
            request,
            _(
                "Er is niemand met de rol bestuur en een e-mailadres in deze organisatie; vraag de beheerder "
                "om bestuursleden toe te voegen."
            ),
        )
    return redirect("paragraph:snapshot_detail", pk=snapshot.pk)


@login_required
@require_http_methods(["GET", "POST"])
def snapshot_approve(request, pk):
    snapshot = get_snapshot_for(request, pk, "approve")
    if _approval(snapshot) is not None:
        messages.info(request, _("Deze momentopname is al vastgesteld."))
        return redirect("paragraph:snapshot_detail", pk=snapshot.pk)
    form = ApprovalForm(request.POST if request.method == "POST" else None)  # an empty POST is still bound
    missing = freezing.missing_texts(snapshot)
    if request.method == "POST" and missing:
        form.add_error(
            None,
            _("Vaststellen kan pas als deze teksten zijn ingevuld: %s.") % ", ".join(_(m) for m in missing),
        )
    if request.method == "POST" and not missing and form.is_valid():
        with transaction.atomic():
            SnapshotApproval.objects.create(
                snapshot=snapshot,
                approved_by=request.user,
                decision_reference=form.cleaned_data["decision_reference"],
            )
            record(
                Kind.APPROVED,
                request=request,
                obj=snapshot,
                decision_reference=form.cleaned_data["decision_reference"],
                content_hash=snapshot.content_hash,
            )
        messages.success(request, _("De momentopname is vastgesteld; de teksten liggen nu vast."))
        return redirect("paragraph:snapshot_detail", pk=snapshot.pk)
    return render(
        request,
        "paragraph/snapshot_approve.html",
        _context(request, snapshot=snapshot, form=form, missing=missing, **_preview(snapshot)),
    )


def _preview(snapshot) -> dict:
    """The whole paragraph as it will be published (the HTML fragment), with its empty sections and the
    texts still marked "overgenomen — controleer"."""
    document = compose(paragraph_data(snapshot))
    empty = [
        section.heading
        for section in document.sections
        if any(isinstance(b, Text) and b.kind == "placeholder" for b in section.blocks)
    ]
    labels = dict(freezing.TEXT_BLOCKS)
    carried = [labels[key] for key in freezing.carried_texts(snapshot) if key in labels]
    # Our own renderer with autoescape: the controller's texts are escaped inside the fragment.
    return {
        "preview": mark_safe(render_fragment(document, heading_level=3)),  # under the page's h2
        "empty": empty,
        "carried": carried,
    }


@login_required
@require_http_methods(["GET", "POST"])
def snapshot_texts(request, pk):
    snapshot = get_snapshot_for(request, pk, "write")
    if _approval(snapshot) is not None:
        messages.error(
            request, _("Deze momentopname is vastgesteld: de teksten kunnen niet meer worden gewijzigd.")
        )
        return redirect("paragraph:snapshot_detail", pk=snapshot.pk)
    form = TextsForm(request.POST or None, initial=snapshot.texts)
    for key in freezing.carried_texts(snapshot):
        if key in form.fields:
            form.fields[key].help_text = _("Overgenomen uit de vorige momentopname — controleer de tekst.")
    if request.method == "POST" and form.is_valid():
        snapshot.texts = form.texts()
        snapshot.save(update_fields=["texts"])
        messages.success(request, _("De teksten zijn opgeslagen."))
        return redirect("paragraph:snapshot_detail", pk=snapshot.pk)
    suggestions = example_suggestions(snapshot.organisation, snapshot.frozen_inputs.records)
    return render(
        request,
        "paragraph/snapshot_texts.html",
        _context(request, snapshot=snapshot, form=form, suggestions=suggestions),
    )


@login_required
def snapshot_compare(request):
    membership = current_membership(request)
    snapshots = list(membership.organisation.snapshots.order_by("reference_date", "created_at", "pk"))
    comparison = None
    if request.GET.get("a") and request.GET.get("b"):
        a = get_snapshot_for(request, request.GET["a"])
        b = get_snapshot_for(request, request.GET["b"])
        comparison = compare(a, b)
    elif request.GET.get("a") or request.GET.get("b"):
        raise Http404("Kies twee momentopnamen")
    return render(
        request,
        "paragraph/snapshot_compare.html",
        _context(request, snapshots=snapshots, comparison=comparison, steps=STEPS),
    )


@login_required
def snapshot_sensitivity(request, pk):
    """The panel is computed in a background job (several simulations); the page shows its rows once a job
    for this snapshot is done, and otherwise starts one and shows its progress. Without a worker (no
    REDIS_URL) the job runs at once, so the rows are there on the first visit."""
    snapshot = get_snapshot_for(request, pk)
    inputs = snapshot.frozen_inputs
    params = paragraph_jobs.sensitivity_params(snapshot)
    key = jobs.input_key(paragraph_jobs.SENSITIVITY, params)
    done = Job.objects.filter(
        organisation=snapshot.organisation, input_key=key, status=Job.Status.DONE
    ).first()
    job = None
    if done is None:
        job = jobs.start(
            paragraph_jobs.SENSITIVITY,
            organisation=snapshot.organisation,
            user=request.user,
            title=_("Gevoeligheid van %(title)s") % {"title": snapshot.title},
            params=params,
        )
        if job.status == Job.Status.DONE:
            done, job = job, None
    return render(
        request,
        "paragraph/snapshot_sensitivity.html",
        _context(
            request,
            snapshot=snapshot,
            rows=done.result["rows"] if done is not None else None,
            job=job,
            progress=job.progress if job is not None else 0,
            message=job.message if job is not None else "",
            poll_seconds=2,
            groups=group_names(inputs),
            iterations=CORRELATION_ITERATIONS,
        ),
    )


@login_required
def snapshot_whatif(request, pk):
    snapshot = get_snapshot_for(request, pk)
    submitted = "submit" in request.GET
    inputs = snapshot.frozen_inputs
    form = WhatIfForm(request.GET if submitted else None, inputs=inputs)
    outcome = None
    steps: tuple[WhatIfStep, ...] = ()
    if submitted and form.is_valid():
        changes = {
            "measures": form.cleaned_data["measures"],
            "remove": form.cleaned_data["remove"],
            "capacity_delta": form.capacity_delta(),
        }
        if not (changes["measures"] or changes["remove"] or changes["capacity_delta"]):
            form.add_error(None, _("Kies ten minste één wijziging om door te rekenen."))
        else:
            outcome = what_if(inputs, **changes)
            if len(changes["measures"]) + len(changes["remove"]) + bool(changes["capacity_delta"]) > 1:
                steps = what_if_steps(inputs, **changes)
    return render(
        request,
        "paragraph/snapshot_whatif.html",
        _context(
            request,
            snapshot=snapshot,
            form=form,
            outcome=outcome,
            steps=steps,
            grouped=[(name, form[name], form.groups(name)) for name in ("measures", "remove")],
        ),
    )
