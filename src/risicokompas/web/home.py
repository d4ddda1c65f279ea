# SPDX-License-Identifier: EUPL-1.2
"""Where each person starts after logging in: a home for every role, never a 404.

The web package is the composition root, so this is the one place that may read every app: the employee's
signals and their team's deviations, the risk owner's reviews and actions, the snapshots awaiting the
bestuur, and the "Aan de slag" checklist of a new organisation. Controllers, beheerders and bestuur start
on the dashboard itself, with those panels above it while there is something to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from risicokompas.conversations.models import Action
from risicokompas.dashboard.views import dashboard_context
from risicokompas.deviations.access import may_record, visible_deviations
from risicokompas.network.access import is_coordinator
from risicokompas.organisations.models import Membership
from risicokompas.paragraph.checklist import checklist_for
from risicokompas.paragraph.models import Snapshot
from risicokompas.risks.models import Risk
from risicokompas.signals.models import Signal

Role = Membership.Role
#: A risk owner sees the reviews that are overdue or due within this many days.
REVIEW_HORIZON_DAYS = 30
#: How many recent items a home page lists before linking to the full list.
RECENT = 5


@dataclass(frozen=True)
class Home:
    """Either a page to render (template and context) or a URL name to redirect to."""

    template: str = ""
    context: dict = field(default_factory=dict)
    redirect_to: str = ""


def home_for(user, membership: Membership | None) -> Home:
    if membership is None:
        if is_coordinator(user):
            return Home(redirect_to="network:list")
        if user.is_superuser:
            return Home(redirect_to="admin:index")
        return Home("web/home_no_membership.html")
    if membership.has_role(Role.CONTROLLER, Role.BEHEERDER, Role.BESTUUR):
        panels = dashboard_panels(membership)
        if not panels:
            return Home(redirect_to="dashboard:home")
        return Home("web/home_dashboard.html", {**dashboard_context(membership), **panels})
    if membership.has_role(Role.RISK_OWNER):
        return Home("web/home_owner.html", owner_context(membership))
    if membership.has_role(Role.MEDEWERKER):
        return Home("web/home_employee.html", employee_context(user, membership))
    return Home(redirect_to="dashboard:home")  # lezer: the dashboard is what they read


def dashboard_panels(membership: Membership) -> dict:
    """What the dashboard shows above itself on the home page: the "Aan de slag" checklist of a
    controller or beheerder until every step is done, and the snapshots awaiting a bestuur member."""
    panels: dict = {}
    if membership.has_role(Role.CONTROLLER, Role.BEHEERDER):
        checklist = checklist_for(membership.organisation)
        if not checklist.done:
            panels["checklist"] = checklist
    if membership.has_role(Role.BESTUUR):
        awaiting = list(awaiting_approval(membership))
        if awaiting:
            panels["awaiting"] = awaiting
    return panels


def awaiting_approval(membership: Membership):
    return Snapshot.objects.filter(organisation=membership.organisation, approval__isnull=True).order_by(
        "-created_at"
    )


def owner_context(membership: Membership) -> dict:
    today = timezone.localdate()
    reviews = Risk.objects.filter(
        organisation=membership.organisation,
        owner=membership,
        status=Risk.Status.OPEN,
        review_date__lte=today + timedelta(days=REVIEW_HORIZON_DAYS),
    ).order_by("review_date", "code")
    actions = (
        Action.objects.filter(
            conversation__organisation=membership.organisation, owner=membership, status=Action.Status.OPEN
        )
        .select_related("conversation")
        .order_by("due_date", "pk")
    )
    return {"reviews": reviews, "actions": actions, "today": today, "horizon": REVIEW_HORIZON_DAYS}


def employee_context(user, membership: Membership) -> dict:
    signals = Signal.objects.filter(organisation=membership.organisation, reporter=user).order_by(
        "-created_at"
    )
    deviations = visible_deviations(membership, user).select_related("rule").order_by("-created_at")
    return {
        "signals": signals[:RECENT],
        "signal_count": signals.count(),
        "deviations": deviations[:RECENT],
        "deviation_count": deviations.count(),
        "may_record": may_record(membership),
    }
