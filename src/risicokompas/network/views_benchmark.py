# SPDX-License-Identifier: EUPL-1.2
"""The anonymised benchmark of a learning network, and a member's opt-in per indicator (DESIGN C8).

Who sees what:

- the benchmark (``access.require_active``): participants and controllers/beheerders of an active member,
  and the network's coordinators; everyone else gets a 404. Members see their own position (their own
  organisation's data); a coordinator sees the distribution only.
- the opt-in pages (``access.require_member_manager``), per indicator and for the pooled calibration:
  the controller/beheerder of an active member organisation; a participant in another role gets 403,
  anyone else 404.
- the pooled calibration (``pooled_calibration``) is a section of the benchmark page, for the same people.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from risicokompas.charts import benchmark_range_svg, benchmark_svg
from risicokompas.network import benchmark_data as data
from risicokompas.network import pooled_calibration
from risicokompas.network.access import require_active, require_member_manager
from risicokompas.network.benchmark import MIN_GROUP, Suppressed, summarise, summarise_categories
from risicokompas.network.forms import BenchmarkOptInForm, CalibrationOptInForm
from risicokompas.network.models import BenchmarkOptIn, Network, NetworkMember


def _numeric_section(spec, values, own, index: int, label: str | None = None) -> dict:
    summary = summarise(values, own, unit=spec.unit, style=spec.style)
    section = {"key": spec.key, "label": label or spec.label, "spec": spec, "summary": summary}
    if isinstance(summary, Suppressed):
        return section
    section["quartiles"] = summary.quartiles_display
    section["rows"] = [
        {"label": b.label, "count": b.count, "own": i == summary.own_bin} for i, b in enumerate(summary.bins)
    ]
    section["own_display"] = None if own is None else summary.display(own)
    # The released groups and quartiles on one scale (only figures the page states already): with a handful
    # of organisations there are one or two groups, so bars of counts alone would say little.
    section["chart"] = benchmark_range_svg(
        [(b.lower, b.upper, b.count, b.label) for b in summary.bins],
        (summary.p25, summary.median, summary.p75),
        summary.display,
        own,
        unit=summary.unit,
        title=section["label"],
        id_prefix=f"rk-benchmark-{index}",
    )
    return section


def _category_section(spec, values, own, index: int) -> dict:
    summary = summarise_categories(values, own)
    section = {"key": spec.key, "label": spec.label, "spec": spec, "summary": summary}
    if isinstance(summary, Suppressed):
        return section
    section["rows"] = [
        {"label": c.label, "count": c.count, "own": c.label == summary.own_category}
        for c in summary.categories
    ]
    section["own_display"] = own
    own_index = next((i for i, row in enumerate(section["rows"]) if row["own"]), None)
    section["chart"] = benchmark_svg(
        [(row["label"], row["count"]) for row in section["rows"]],
        own_index,
        title=spec.label,
        id_prefix=f"rk-benchmark-{index}",
    )
    return section


def build_sections(
    network: Network, member: NetworkMember | None, release: data.Released | None = None
) -> list[dict]:
    """The sections of the page, from the network's current release (never from the values of the moment,
    see ``benchmark_data``); the member's own values are its own, live."""
    collected = (release or data.released(network)).values
    own = data.own_values(member.organisation) if member is not None else {}
    sections: list[dict] = []
    for spec in data.SPECS:
        by_org = collected[spec.key]
        mine = own.get(spec.key)
        index = len(sections)
        if spec.kind == "category":
            sections.append(_category_section(spec, list(by_org.values()), mine, index))
        elif spec.key == "risk_count":
            # risk_count values are counts per programme, "" the total (see benchmark_data.value).
            risk_counts = cast(dict[int, dict[str, int]], by_org)
            own_counts = cast(dict[str, int] | None, mine)
            totals = [counts[""] for counts in risk_counts.values()]
            own_total = None if own_counts is None else own_counts[""]
            sections.append(_numeric_section(spec, totals, own_total, index))
            for name in data.shared_programmes(risk_counts):
                counts = [c.get(name, 0) for c in risk_counts.values()]
                label = _("Aantal open risico's in programma %(name)s") % {"name": name}
                own_count = None if own_counts is None else own_counts.get(name, 0)
                sections.append(_numeric_section(spec, counts, own_count, len(sections), label))
        else:
            sections.append(_numeric_section(spec, list(by_org.values()), mine, index))
    return sections


@login_required
def benchmark(request, pk: int):
    access = require_active(request, pk)
    member = access.member if access.may_act_as_member else None
    release = data.released(access.network)
    context = {
        "network": access.network,
        "member": member,
        "release": release,
        "sections": build_sections(access.network, member, release),
        "calibration": pooled_calibration.section(access.network, member),
        "can_opt_in": access.may_act_as_member and access.manages_member,
    }
    return render(request, "network/benchmark.html", context)


@login_required
def benchmark_optin(request, pk: int):
    access = require_member_manager(request, pk)
    network, member = access.network, access.acting_member
    current = set(member.benchmark_opt_ins.values_list("indicator", flat=True))
    if request.method == "POST":
        chosen = {key for key in request.POST.getlist("indicator") if key in data.SPEC_BY_KEY}
        with transaction.atomic():
            # Only the indicators of this page: the pooled calibration has its own opt-in.
            member.benchmark_opt_ins.filter(indicator__in=data.SPEC_BY_KEY).exclude(
                indicator__in=chosen
            ).delete()
            for key in sorted(chosen - current):
                BenchmarkOptIn.objects.create(member=member, indicator=key, opted_in_by=request.user)
        messages.success(request, _("Uw keuze voor de benchmark is opgeslagen."))
        return redirect("network:benchmark", pk=network.pk)
    form = BenchmarkOptInForm(specs=data.SPECS, initial={"indicator": sorted(current)})
    context = {"network": network, "member": member, "form": form}
    return render(request, "network/benchmark_optin.html", context)


@login_required
def calibration_optin(request, pk: int):
    """The controller/beheerder opts the organisation in to (or out of) the pooled calibration."""
    access = require_member_manager(request, pk)
    network, member = access.network, access.acting_member
    opted_in = pooled_calibration.is_opted_in(member)
    form = CalibrationOptInForm(
        request.POST if request.method == "POST" else None,
        organisation=member.organisation,
        initial={"deelnemen": "ja" if opted_in else "nee"},
    )
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["deelnemen"] == "ja"
        with transaction.atomic():
            if wanted and not opted_in:
                BenchmarkOptIn.objects.create(
                    member=member, indicator=pooled_calibration.OPT_IN, opted_in_by=request.user
                )
            elif not wanted:
                member.benchmark_opt_ins.filter(indicator=pooled_calibration.OPT_IN).delete()
        if wanted:
            messages.success(request, _("Uw organisatie doet mee aan de gezamenlijke kalibratie."))
        else:
            messages.success(request, _("Uw organisatie doet niet mee aan de gezamenlijke kalibratie."))
        return redirect(f"{reverse('network:benchmark', args=[network.pk])}#{pooled_calibration.ANCHOR}")
    context = {
        "network": network,
        "member": member,
        "form": form,
        "min_group": MIN_GROUP,
        "min_changed": pooled_calibration.MIN_CHANGED,
    }
    return render(request, "network/calibration_optin.html", context)
