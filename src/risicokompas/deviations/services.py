# SPDX-License-Identifier: EUPL-1.2
"""Every change to deviations, deliberations, precedents and rule decisions goes through here.

Also the read helpers other apps may use: ``deviations_for_agenda`` gives the deviations a team still has
to discuss, for the team's next deliberation or a risk conversation's agenda.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from risicokompas.deviations.models import (
    Deliberation,
    Deviation,
    DeviationChange,
    DeviationSettings,
    Precedent,
    Rule,
    RuleReview,
    Value,
)
from risicokompas.risks import appetite
from risicokompas.risks.models import Risk, RiskChange
from risicokompas.risks.services import create_risk

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Status = Deviation.Status
#: The status changes a person makes by hand; "besproken" is set by recording the deliberation.
MANUAL_STEPS = {Status.INTENDED: Status.DONE, Status.DISCUSSED: Status.CLOSED}


class ChangeRefused(Exception):
    """A change that may not be made, with a message for the user."""


def _log(deviation: Deviation, user, action: str, reason: str = "", **changes) -> DeviationChange:
    """Keep one history row; ``changes`` maps a field label to ``(old, new)``, stored as strings."""
    return DeviationChange.objects.create(
        deviation=deviation,
        changed_by=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        reason=reason,
        changes={
            label: ["" if old is None else str(old), "" if new is None else str(new)]
            for label, (old, new) in changes.items()
        },
    )


def _label(choices, value) -> str:
    return str(dict(choices.choices).get(value, value)) if value not in (None, "") else ""


def deviations_for_agenda(organisation, team: str) -> QuerySet[Deviation]:
    """The team's deviations still to be discussed (status uitgevoerd), oldest first.

    Made for the team's next deliberation here, and for the risk conversations' agenda.
    """
    return (
        Deviation.objects.filter(organisation=organisation, team__iexact=team.strip(), status=Status.DONE)
        .select_related("rule", "accepted_risk")
        .order_by("acted_on", "created_at", "pk")
    )


def _next_risk_code(organisation) -> str:
    codes = set(Risk.objects.filter(organisation=organisation).values_list("code", flat=True))
    number = 1
    while f"AFW{number:02d}" in codes:
        number += 1
    return f"AFW{number:02d}"


@transaction.atomic
def record_deviation(organisation, user, team: str, values: dict, *, new_risk_name: str = "") -> Deviation:
    """Record a deviation; below the rule's mandate it is flagged and put before the required level.

    With ``new_risk_name`` the accepted risk is added to the register (unquantified, for its owner to
    estimate), with a history row saying where it came from.
    """
    deviation = Deviation(organisation=organisation, recorded_by=user, team=team.strip(), **values)
    rule = deviation.rule
    if deviation.decided_by_level < rule.mandate:
        deviation.outside_mandate = True
        deviation.routed_to_level = rule.mandate
        deviation.mandate_decision = Deviation.MandateDecision.PENDING
    if new_risk_name.strip():
        deviation.accepted_risk = create_risk(
            organisation,
            user,
            {
                "code": _next_risk_code(organisation),
                "name": new_risk_name.strip(),
                "programme": team.strip(),
                "description": _("Aanvaard bij een afwijking van de regel ‘%s’.") % rule.title,
            },
            reason=_("Risico aanvaard bij een afwijking volgens de bedoeling"),
            source=RiskChange.Source.MANUAL,
        )
    deviation.full_clean()
    deviation.save()
    reason = _("Afwijking vastgelegd")
    if deviation.outside_mandate:
        reason += ", " + _("buiten het mandaat voorgelegd aan: %s") % deviation.get_routed_to_level_display()
    _log(
        deviation,
        user,
        DeviationChange.Action.RECORDED,
        reason,
        **{str(_("Status")): (None, deviation.get_status_display())},
    )
    return deviation


def _bump(deviation: Deviation, expected_version: int | None) -> Deviation:
    current = Deviation.objects.select_for_update().get(pk=deviation.pk)
    if expected_version is not None and current.version != expected_version:
        raise ChangeRefused(
            _("Iemand anders heeft deze afwijking intussen gewijzigd. Bekijk de nieuwe versie.")
        )
    current.version += 1
    return current


@transaction.atomic
def advance(deviation: Deviation, *, expected_version: int | None = None, user=None) -> Deviation:
    """Voorgenomen → uitgevoerd, or besproken → afgesloten."""
    current = _bump(deviation, expected_version)
    following = MANUAL_STEPS.get(Status(current.status))
    if following is None:
        raise ChangeRefused(_("Deze stap kan nu niet: een uitgevoerde afwijking wordt eerst besproken."))
    before = current.get_status_display()
    current.status = following
    current.save()
    reason = _("Uitgevoerd; komt op de agenda van het team") if following == Status.DONE else _("Afgesloten")
    _log(
        current,
        user,
        DeviationChange.Action.STATUS,
        reason,
        **{str(_("Status")): (before, current.get_status_display())},
    )
    return current


@transaction.atomic
def decide_mandate(deviation: Deviation, user, *, confirmed: bool, note: str) -> Deviation:
    """The person with the required mandate confirms (or not) a deviation decided outside the mandate."""
    current = _bump(deviation, None)
    if not current.awaits_mandate:
        raise ChangeRefused(_("Over deze afwijking is al besloten."))
    current.mandate_decision = (
        Deviation.MandateDecision.CONFIRMED if confirmed else Deviation.MandateDecision.REFUSED
    )
    current.mandate_note = note.strip()
    current.mandate_decided_by = user
    current.mandate_decided_at = timezone.now()
    current.save()
    _log(
        current,
        user,
        DeviationChange.Action.MANDATE,
        current.mandate_note,
        **{
            str(_("Besluit van de bevoegde")): (
                _label(Deviation.MandateDecision, Deviation.MandateDecision.PENDING),
                current.get_mandate_decision_display(),
            )
        },
    )
    return current


@transaction.atomic
def deliberate(deviation: Deviation, user, values: dict) -> Deliberation:
    """Record the team's judgement; the deviation is then 'besproken'."""
    current = _bump(deviation, None)
    if current.status != Status.DONE:
        raise ChangeRefused(
            _("Alleen een uitgevoerde afwijking die nog niet besproken is, kan worden besproken.")
        )
    deliberation = Deliberation(deviation=current, recorded_by=user, **values)
    deliberation.full_clean()
    deliberation.save()
    before = current.get_status_display()
    current.status = Status.DISCUSSED
    current.save()
    _log(
        current,
        user,
        DeviationChange.Action.DELIBERATED,
        deliberation.lesson,
        **{
            str(_("Status")): (before, current.get_status_display()),
            str(_("Uitkomst")): (None, deliberation.get_outcome_display()),
        },
    )
    return deliberation


@transaction.atomic
def make_precedent(deviation: Deviation, user, values: dict, *, publish: bool) -> Precedent:
    """Turn a judged deviation into moresprudentie; published, it is readable organisation-wide."""
    if not hasattr(deviation, "deliberation"):
        raise ChangeRefused(_("Alleen een besproken afwijking kan moresprudentie worden."))
    if Precedent.objects.filter(deviation=deviation).exists():
        raise ChangeRefused(_("Van deze afwijking is al moresprudentie gemaakt."))
    precedent = Precedent(
        organisation=deviation.organisation,
        deviation=deviation,
        rule=deviation.rule,
        outcome=deviation.deliberation.outcome,
        created_by=user,
        published=publish,
        published_at=timezone.now() if publish else None,
        **values,
    )
    precedent.full_clean()
    precedent.save()
    _log(
        deviation,
        user,
        DeviationChange.Action.PRECEDENT,
        _("Moresprudentie gemaakt en gepubliceerd")
        if publish
        else _("Moresprudentie gemaakt, nog niet gepubliceerd"),
    )
    return precedent


@transaction.atomic
def publish(precedent: Precedent, user=None) -> Precedent:
    if not precedent.published:
        precedent.published = True
        precedent.published_at = timezone.now()
        precedent.save(update_fields=["published", "published_at"])
        if precedent.deviation is not None:
            _log(
                precedent.deviation,
                user,
                DeviationChange.Action.PUBLISHED,
                _("Moresprudentie gepubliceerd voor de hele organisatie"),
                **{str(_("Gepubliceerd")): (_("nee"), _("ja"))},
            )
    return precedent


def published_precedents(organisation, *, rule=None, value: str = "", text: str = "") -> QuerySet[Precedent]:
    """Search published precedents by rule, value and free text in the summary or the situation."""
    precedents = Precedent.objects.filter(organisation=organisation, published=True).select_related("rule")
    if rule is not None:
        precedents = precedents.filter(rule=rule)
    if value:
        # JSON containment is not on every database: filter the (small) list in Python instead.
        precedents = precedents.filter(pk__in=[p.pk for p in precedents if value in p.values])
    if text.strip():
        needle = text.strip()
        precedents = precedents.filter(
            Q(summary__icontains=needle)
            | Q(conditions__icontains=needle)
            | Q(tipping_point__icontains=needle)
        )
    return precedents


# --- the rule owner's view -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleOverview:
    """How often and why a rule was set aside: counts only, never people."""

    count: int
    window_months: int
    threshold: int
    since_last_review: int
    needs_decision: bool
    by_status: list[tuple[StrOrPromise, int]]
    by_outcome: list[tuple[StrOrPromise, int]]
    by_value: list[tuple[StrOrPromise, int]]
    outside_mandate: int
    lessons: list[str]
    last_review: RuleReview | None


def window_start(settings: DeviationSettings):
    return timezone.now() - timedelta(days=round(settings.window_months * 365.25 / 12))


def rule_overview(rule: Rule) -> RuleOverview:
    """The rule owner's overview; a decision is asked when, since the last decision, the rule was set
    aside at least ``threshold`` times within the window (see ``DeviationSettings``)."""
    settings = DeviationSettings.for_organisation(rule.organisation)
    recent = list(
        rule.deviations.filter(created_at__gte=window_start(settings)).select_related("deliberation")
    )
    last_review = rule.reviews.first()
    since = [d for d in recent if last_review is None or d.created_at > last_review.decided_at]
    statuses = Counter(d.status for d in recent)
    deliberations = [d.deliberation for d in recent if hasattr(d, "deliberation")]
    outcomes = Counter(d.outcome for d in deliberations)
    values = Counter(v for d in deliberations for v in d.values)
    return RuleOverview(
        count=len(recent),
        window_months=settings.window_months,
        threshold=settings.threshold,
        since_last_review=len(since),
        needs_decision=len(since) >= settings.threshold,
        by_status=[(label, statuses.get(value, 0)) for value, label in Status.choices],
        by_outcome=[(label, outcomes.get(value, 0)) for value, label in Deliberation.Outcome.choices],
        by_value=[(label, values[value]) for value, label in Value.choices if values.get(value)],
        outside_mandate=sum(d.outside_mandate for d in recent),
        lessons=[d.lesson for d in deliberations if d.lesson.strip()],
        last_review=last_review,
    )


def crossed_threshold(rule: Rule) -> bool:
    """True exactly when the latest deviation made the rule reach the threshold (to notify once)."""
    overview = rule_overview(rule)
    return overview.since_last_review == overview.threshold


@transaction.atomic
def record_review(rule: Rule, user, *, decision: str, explanation: str) -> RuleReview:
    overview = rule_overview(rule)
    review = RuleReview(
        rule=rule,
        decision=decision,
        explanation=explanation.strip(),
        deviations_counted=overview.count,
        decided_by=user,
    )
    review.full_clean()
    review.save()
    return review


# --- the organisation-wide overview for managers -----------------------------------------------------------

REPORT_MONTHS = 12


@dataclass(frozen=True)
class OrganisationReport:
    """Deviations, lessons and rule decisions of the last twelve months: counts only, never people."""

    since: object
    total: int
    by_status: list[tuple[StrOrPromise, int]]
    by_outcome: list[tuple[StrOrPromise, int]]
    by_rule: list[tuple[Rule, int]]
    outside_mandate: int
    lessons: list[tuple[Rule, str]]
    reviews: list[RuleReview]


def organisation_report(organisation) -> OrganisationReport:
    since = timezone.now() - timedelta(days=round(REPORT_MONTHS * 365.25 / 12))
    deviations = list(
        Deviation.objects.filter(organisation=organisation, created_at__gte=since).select_related(
            "rule", "deliberation"
        )
    )
    statuses = Counter(d.status for d in deviations)
    deliberations = [d.deliberation for d in deviations if hasattr(d, "deliberation")]
    outcomes = Counter(d.outcome for d in deliberations)
    rules = Counter(d.rule for d in deviations)
    return OrganisationReport(
        since=since,
        total=len(deviations),
        by_status=[(label, statuses.get(value, 0)) for value, label in Status.choices],
        by_outcome=[(label, outcomes.get(value, 0)) for value, label in Deliberation.Outcome.choices],
        by_rule=sorted(rules.items(), key=lambda pair: (-pair[1], pair[0].title.casefold())),
        outside_mandate=sum(d.outside_mandate for d in deviations),
        lessons=[
            (d.deviation.rule, d.lesson.strip())
            for d in sorted(deliberations, key=lambda d: d.decided_at, reverse=True)
            if d.lesson.strip()
        ],
        reviews=list(
            RuleReview.objects.filter(rule__organisation=organisation, decided_at__gte=since).select_related(
                "rule"
            )
        ),
    )


def mark_deviations(deviations, organisation) -> list[Deviation]:
    """The deviations, each with ``outside_appetite`` set from its accepted risk."""
    appetites = appetite.appetites_by_programme(organisation)
    marked = list(deviations)
    for deviation in marked:
        deviation.outside_appetite = appetite.outside_appetite(deviation.accepted_risk, appetites)
    return marked
