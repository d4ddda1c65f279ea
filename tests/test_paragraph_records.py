# SPDX-License-Identifier: EUPL-1.2
"""What a snapshot freezes of the period: measures and their effect, conversations, signals, deviations;
and, for the jaarstukken, the year's events next to what the approved begroting expected."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from risicokompas.calibration.services import record_event
from risicokompas.capacity.models import CapacityItem
from risicokompas.conversations.models import Conversation
from risicokompas.deviations.models import Deliberation, Deviation, Precedent, Rule, RuleReview
from risicokompas.paragraph import freeze as freezing
from risicokompas.paragraph.models import Snapshot, SnapshotApproval
from risicokompas.paragraph.records import example_suggestions
from risicokompas.reports import compose
from risicokompas.reports.figures import shown_required_of
from risicokompas.reports.html import render_fragment
from risicokompas.risks.models import Risk
from risicokompas.risks.services import save_measure, update_risk
from risicokompas.signals.models import Signal
from tests.fixtures import make_risk

START = datetime.date(2026, 5, 1)
END = datetime.date(2026, 11, 1)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@pytest.fixture
def register(cast):
    make_risk(cast.org, "R01", probability=Decimal("0.3"), impact_max=Decimal("1000000"), shape="vast")
    make_risk(cast.org, "R02", probability=Decimal("0.5"), impact_max=Decimal("400000"), shape="vast")
    make_risk(cast.org, "R03", probability=Decimal("0.2"), impact_max=Decimal("800000"), shape="vast")
    CapacityItem.objects.create(
        organisation=cast.org, name="Algemene reserve", kind="algemene reserve", amount=Decimal("2500000")
    )
    return cast


def freeze(cast, title: str, day: datetime.date, document: str = "begroting", year: int = 2027) -> Snapshot:
    snapshot = freezing.freeze(cast.org, cast.controller, title, document, year, day)
    snapshot.refresh_from_db()
    return snapshot


def test_a_measure_with_a_new_estimate_shows_the_requirement_before_and_after(register):
    first = freeze(register, "Voorjaarsnota", START)
    risk = Risk.objects.get(organisation=register.org, code="R01")
    save_measure(risk, register.controller, {"description": "Borgstelling afbouwen", "status": "uitgevoerd"})
    update_risk(risk, register.controller, {"probability": Decimal("0.1")}, reason="Na de maatregel")
    second = freeze(register, "Begroting", END)

    record = second.frozen_inputs.records
    assert record.previous == "Voorjaarsnota"
    assert (record.period_start, record.period_end) == (START.isoformat(), END.isoformat())
    assert record.facts["measures_completed"] == 1
    assert record.required_before == pytest.approx(first.frozen_result.total_required)
    (effect,) = record.measures
    assert (effect.risk, effect.measure, effect.basis) == (
        "R01 Risico R01",
        "Borgstelling afbouwen",
        "herschat",
    )
    # Only R01 changed, so "before" is the first snapshot's requirement and "after" the second's.
    assert effect.before == pytest.approx(first.frozen_result.total_required, rel=1e-9)
    assert effect.after == pytest.approx(second.frozen_result.total_required, rel=1e-9)
    assert effect.after < effect.before
    assert freezing.verify(second)  # the records never change the recomputed numbers


def test_a_measure_without_a_new_estimate_changes_nothing_and_says_so(register):
    freeze(register, "Voorjaarsnota", START)
    risk = Risk.objects.get(organisation=register.org, code="R02")
    save_measure(
        risk, register.controller, {"description": "Contract heronderhandelen", "status": "uitgevoerd"}
    )
    second = freeze(register, "Begroting", END)
    (effect,) = second.frozen_inputs.records.measures
    assert effect.basis == "ongewijzigd"
    assert effect.before == effect.after == pytest.approx(second.frozen_result.total_required)


def test_a_measure_done_before_the_previous_snapshot_is_not_counted_again(register):
    risk = Risk.objects.get(organisation=register.org, code="R02")
    save_measure(risk, register.controller, {"description": "Oud", "status": "uitgevoerd"})
    freeze(register, "Voorjaarsnota", START)
    second = freeze(register, "Begroting", END)
    assert second.frozen_inputs.records.measures == ()
    assert second.frozen_inputs.records.facts["measures_completed"] == 0


def test_the_period_counts_come_from_every_app_and_only_from_the_period(register):
    org, other = register.org, register.other_org
    freeze(register, "Voorjaarsnota", START)
    inside, before = datetime.date(2026, 7, 1), datetime.date(2026, 3, 1)
    due = datetime.date(2026, 7, 10)

    def signal(organisation, filed, handled=None, status=Signal.Status.NEW):
        return Signal.objects.create(
            organisation=organisation,
            title="Lekkage in het zwembad",
            created_at=at(filed),
            due_date=due,
            handled_at=at(handled) if handled else None,
            status=status,
        )

    signal(org, inside, datetime.date(2026, 7, 5), Signal.Status.NEW_RISK)  # in time, into the register
    signal(org, inside, datetime.date(2026, 7, 20), Signal.Status.DECLINED)  # late
    signal(org, inside)  # still open
    signal(org, before, datetime.date(2026, 3, 2), Signal.Status.MERGED)  # before the period
    signal(other, inside, datetime.date(2026, 7, 5), Signal.Status.NEW_RISK)  # another organisation

    def conversation(organisation, day, kind=Conversation.Kind.TEAM, programme="Sociaal domein", **extra):
        return Conversation.objects.create(
            organisation=organisation,
            title="Risicodialoog",
            date=day,
            kind=kind,
            programme=programme,
            status=extra.get("status", Conversation.Status.FINISHED),
        )

    conversation(org, inside)
    conversation(org, inside, programme="Ruimte")
    conversation(org, inside, programme="Ruimte", status=Conversation.Status.PLANNED)  # not held
    conversation(org, inside, Conversation.Kind.PREMORTEM, programme="Project Stadshart")
    conversation(org, before, programme="Bedrijfsvoering")  # before the period
    conversation(other, inside, programme="Bedorp")

    rule = Rule.objects.create(organisation=org, title="Termijn herindicatie")
    deviations = [
        Deviation.objects.create(
            organisation=org,
            rule=rule,
            situation="s",
            why_letter_defeats_purpose="w",
            what_instead="i",
            acted_on=inside,
        )
        for _ in range(3)
    ]
    Deviation.objects.filter(pk=deviations[0].pk).update(created_at=at(before))
    Deviation.objects.filter(pk__in=[d.pk for d in deviations[1:]]).update(created_at=at(inside))
    deliberation = Deliberation.objects.create(
        deviation=deviations[1],
        case="c",
        stake="s",
        options="o",
        judgement="j",
        outcome="onderschreven",
        lesson="l",
    )
    Deliberation.objects.filter(pk=deliberation.pk).update(decided_at=at(inside))
    Precedent.objects.create(
        organisation=org,
        deviation=deviations[1],
        rule=rule,
        summary="Sneller handelen diende de bedoeling.",
        outcome="onderschreven",
        tipping_point="t",
        published=True,
        published_at=at(inside),
    )
    for decision in (RuleReview.Decision.REWRITE, RuleReview.Decision.KEEP):
        review = RuleReview.objects.create(
            rule=rule, decision=decision, explanation="e", deviations_counted=3
        )
        RuleReview.objects.filter(pk=review.pk).update(decided_at=at(inside))

    Risk.objects.filter(organisation=org, code="R01").update(last_discussed_on=inside)
    record = freeze(register, "Begroting", END).frozen_inputs.records
    facts = record.facts
    assert {
        k: facts[k] for k in ("signals_reported", "signals_handled", "signals_in_time", "signals_to_register")
    } == {
        "signals_reported": 3,
        "signals_handled": 2,
        "signals_in_time": 1,
        "signals_to_register": 1,
    }
    assert (facts["conversations"], facts["premortems"]) == (2, 1)
    assert record.teams == ("Ruimte", "Sociaal domein")
    assert {
        k: facts[k] for k in ("deviations_recorded", "deviations_discussed", "precedents", "rules_changed")
    } == {
        "deviations_recorded": 2,
        "deviations_discussed": 1,
        "precedents": 1,
        "rules_changed": 1,
    }
    # R01's share of the Euler contributions: only it was discussed in the last twelve months.
    second = Snapshot.objects.get(title="Begroting")
    share = {d.id: d.share for d in second.frozen_result.drivers}
    assert facts["discussed_share"] == pytest.approx(share["R01"] / sum(share.values()))

    suggestions = example_suggestions(org, record)
    assert any("Sneller handelen diende de bedoeling." in s for s in suggestions)
    assert any("Project Stadshart" in s and "pre-mortem" in s for s in suggestions)
    assert any("Lekkage in het zwembad" in s for s in suggestions)
    assert not any("Bedorp" in s for s in suggestions)


def test_section_eight_prints_the_counts_the_effects_and_the_examples_and_no_names(register):
    freeze(register, "Voorjaarsnota", START)
    risk = Risk.objects.get(organisation=register.org, code="R01")
    save_measure(risk, register.controller, {"description": "Borgstelling afbouwen", "status": "uitgevoerd"})
    update_risk(risk, register.controller, {"probability": Decimal("0.1")}, reason="Na de maatregel")
    Conversation.objects.create(
        organisation=register.org,
        title="Risicodialoog",
        date=datetime.date(2026, 7, 1),
        programme="Sociaal domein",
        status=Conversation.Status.FINISHED,
        organiser=register.controller,
    )
    register.controller.first_name, register.controller.last_name = "Cornelia", "Controleur"
    register.controller.save()
    snapshot = freeze(register, "Begroting", END)
    snapshot.texts = {**snapshot.texts, "voorbeelden": ["Het team besprak een afwijking.", "", "Tweede."]}
    snapshot.save()

    from risicokompas.paragraph.views_reports import paragraph_data

    data = paragraph_data(snapshot)
    section = compose(data).sections[7]
    assert section.title == "Risicobeheersing en risicobewustzijn"
    html = render_fragment(data)
    assert "Borgstelling afbouwen" in html and "herschat na de maatregel" in html
    assert "Risicogesprekken gevoerd" in html and "Sociaal domein" in html
    assert "Het team besprak een afwijking." in html and "Tweede." in html
    assert "Cornelia" not in html and "Controleur" not in html


@pytest.fixture
def history(register):
    """Begroting 2025 approved, then the events of 2025, then the jaarstukken 2025."""
    budget = freeze(register, "Begroting 2025", datetime.date(2024, 11, 1), year=2025)
    SnapshotApproval.objects.create(snapshot=budget, approved_by=register.controller, decision_reference="b")
    r01 = Risk.objects.get(organisation=register.org, code="R01")
    record_event(
        register.org,
        register.controller,
        {"date": datetime.date(2025, 3, 1), "amount": Decimal("1000000"), "description": "Borg aangesproken"},
        [r01],
    )
    record_event(
        register.org,
        register.controller,
        {"date": datetime.date(2025, 6, 1), "amount": Decimal("250000"), "description": "Storm"},
    )
    record_event(  # another year: not in the 2025 account
        register.org,
        register.controller,
        {"date": datetime.date(2026, 2, 1), "amount": Decimal("999"), "description": "Later"},
    )
    accounts = freeze(register, "Jaarstukken 2025", datetime.date(2026, 4, 15), "jaarstukken", 2025)
    return budget, accounts


def test_the_jaarstukken_freeze_the_year_next_to_what_the_begroting_expected(history):
    budget, accounts = history
    account = accounts.frozen_inputs.year_account
    assert account.year == 2025
    assert [(e.date, e.risks, e.amount) for e in account.events] == [
        ("2025-03-01", "R01 Risico R01", 1_000_000.0),
        ("2025-06-01", "", 250_000.0),
    ]
    assert account.realised == 1_250_000.0
    assert account.budget_snapshot == "Begroting 2025"
    assert account.expected_required == shown_required_of(budget.frozen_result).total.value
    assert account.expected_mean == pytest.approx(budget.frozen_result.mean)
    assert account.exceeded is (budget.frozen_result.total_required < 1_250_000)
    calibration = account.calibration
    # One risk-year each for R01 (occurred), R02 and R03 (not): Brier = ((0,3−1)² + 0,5² + 0,2²) / 3.
    assert calibration["brier"] == pytest.approx(((0.3 - 1) ** 2 + 0.5**2 + 0.2**2) / 3)
    assert calibration["surprises"] == {"count": 1, "amount": 250_000.0, "share": pytest.approx(0.2)}
    assert calibration["exceedance"]["years"] == 1
    assert "Kupiec" in calibration["reading"]
    # A begroting snapshot has no year account.
    assert budget.frozen_inputs.year_account is None


def test_the_jaarstukken_paragraph_has_the_year_section_and_the_begroting_has_not(history):
    from risicokompas.paragraph.views_reports import paragraph_data

    budget, accounts = history
    document = compose(paragraph_data(accounts))
    last = document.sections[-1]
    assert last.title == "Wat er in 2025 gebeurde"
    html = render_fragment(paragraph_data(accounts))
    for text in (
        "Borg aangesproken",
        "niet in het register",
        "€ 1.250.000",
        "Verwacht en werkelijk",
        "Brierscore",
    ):
        assert text in html, text
    assert "gebeurde" not in compose(paragraph_data(budget)).sections[-1].title


def test_a_jaarstukken_snapshot_is_never_the_register_that_calibration_checks(history):
    from risicokompas.calibration.history import approved_snapshots

    budget, accounts = history
    SnapshotApproval.objects.create(snapshot=accounts, approved_by=None, decision_reference="j")
    assert approved_snapshots(budget.organisation) == {2025: budget}
