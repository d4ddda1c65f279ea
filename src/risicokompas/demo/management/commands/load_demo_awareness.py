# SPDX-License-Identifier: EUPL-1.2
"""``manage.py load_demo_awareness``: what Gemeente Voorbeeldrecht did with its risks in the past months.

Signals (answered in time or late, taken into the register, merged, declined, still open), risk conversations
(team dialogues, a pre-mortem, an evaluation, one planned), rules with their deviations, the team's
deliberations, published moresprudentie and a rule owner's decision. The texts are in ``demo.awareness``.

Everything is made through the apps' own services, so the register's history, the deviations' history and
"laatst besproken" are what the application itself would have written. Afterwards each record gets the
moment it happened, counted back from today, so the records always fall in the period that ends today (the
paragraph's "Risicobeheersing en risicobewustzijn" counts them). The register ``load_demo`` made is dated
before the first of them, so a risk's history reads in order.

Idempotent: a signal, conversation, rule, deviation or rule decision that exists (by its title or text) is
left alone. Deterministic apart from the receipt codes of the anonymous signals, which nobody holds. Run
``load_demo`` first.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from risicokompas.conversations import services as conversations
from risicokompas.conversations.models import Action, AgendaItem, Conversation, PremortemItem
from risicokompas.demo.awareness import (
    AGENDA_REASONS,
    CONVERSATIONS,
    DEVIATIONS,
    REGISTER_AGE_DAYS,
    RULE_REVIEWS,
    RULES,
    SIGNALS,
)
from risicokompas.demo.management.commands.load_demo import DEMO_MEASURES, DEMO_USERS, REASON
from risicokompas.demo.register import DEMO_ORGANISATION, DEMO_RISKS
from risicokompas.deviations import services as deviations
from risicokompas.deviations.models import (
    Deliberation,
    Deviation,
    DeviationChange,
    Precedent,
    Rule,
    RuleReview,
)
from risicokompas.organisations.models import Organisation
from risicokompas.risks.models import Measure, Risk, RiskChange
from risicokompas.risks.services import update_risk
from risicokompas.signals import services as signals
from risicokompas.signals.models import Signal

DEVIATION_FIELDS = (
    "situation",
    "why_letter_defeats_purpose",
    "what_instead",
    "alternatives",
    "decided_by_level",
    "decided_by_name",
    "accepted_risk_text",
)
RISK_AMOUNTS = ("impact_min", "impact_mode", "impact_max")


def _decimals(values: dict[str, Any]) -> dict[str, Any]:
    """Probabilities and amounts of the data module as the ``Decimal`` the models keep."""
    return {
        key: Decimal(str(value)) if key in ("probability", *RISK_AMOUNTS) and value is not None else value
        for key, value in values.items()
    }


class Command(BaseCommand):
    help = (
        "Laadt meldingen, risicogesprekken, regels, afwijkingen en moresprudentie van de afgelopen maanden "
        "voor Gemeente Voorbeeldrecht (voer eerst load_demo uit)."
    )

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        organisation = Organisation.objects.filter(name=DEMO_ORGANISATION["name"]).first()
        if organisation is None:
            raise CommandError(
                "Gemeente Voorbeeldrecht bestaat nog niet: voer eerst manage.py load_demo uit."
            )
        self.organisation = organisation
        self.started = timezone.now()
        self.today = timezone.localdate(self.started)
        self.users = {
            user.username: user for user in get_user_model().objects.filter(username__in=DEMO_USERS)
        }
        self.members = {
            member.user.username: member for member in organisation.memberships.select_related("user")
        }
        self.counts: Counter[str] = Counter()

        self.date_register()
        rules = self.load_rules()
        self.load_deviations(rules)
        self.load_reviews(rules)
        self.load_signals()
        self.load_conversations()
        c = self.counts
        self.stdout.write(
            f"Voorbeeldgegevens risicobewustzijn geladen: {c['signals']} meldingen, {c['conversations']} "
            f"risicogesprekken, {c['rules']} regels, {c['deviations']} afwijkingen, {c['precedents']} "
            f"moresprudentie en {c['reviews']} beslissingen over regels toegevoegd."
        )

    # --- moments ----------------------------------------------------------------------------------------

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    @staticmethod
    def at(day: date, hour: int, minute: int = 0) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))

    def moment(self, days_ago: int, hour: int, minute: int = 0) -> datetime:
        return self.at(self.day(days_ago), hour, minute)

    @staticmethod
    def date_history(instance: models.Model, *moments: datetime) -> None:
        """Date the instance's historical rows: the first at the first moment, later rows at the next ones
        (the last moment for all that follow)."""
        history = type(instance).history  # type: ignore[attr-defined]
        rows = history.filter(id=instance.pk).order_by("history_id").values_list("history_id", flat=True)
        for index, history_id in enumerate(list(rows)):
            history.filter(history_id=history_id).update(history_date=moments[min(index, len(moments) - 1)])

    def date_new_changes(self, risk: Risk, moment: datetime) -> None:
        """Date the history rows this run just wrote for ``risk`` (those not dated yet)."""
        RiskChange.objects.filter(risk=risk, changed_at__gte=self.started).update(changed_at=moment)

    # --- lookups ----------------------------------------------------------------------------------------

    def risk(self, reference: str) -> Risk:
        """A risk by its code, or ``signal:<key>`` for the risk a demo signal was taken into."""
        risk = None
        if reference.startswith("signal:"):
            signal = self.organisation.signals.filter(title=self.signal_title(reference[7:])).first()
            risk = signal.risk if signal is not None else None
        else:
            risk = self.organisation.risks.filter(code=reference).first()
        if risk is None:
            raise CommandError(
                f"Risico {reference} ontbreekt in het register van Voorbeeldrecht: voer eerst manage.py "
                "load_demo uit."
            )
        return risk

    @staticmethod
    def signal_title(key: str) -> str:
        return next(data["title"] for data in SIGNALS if data["key"] == key)

    # --- the register of load_demo ------------------------------------------------------------------------

    def date_register(self) -> None:
        """Date the demo register, its first history rows and its measures before the records below."""
        moment = self.moment(REGISTER_AGE_DAYS, 9)
        risks = Risk.objects.filter(
            organisation=self.organisation, code__in=[row["id"] for row in DEMO_RISKS]
        )
        risks.filter(created_at__gt=moment).update(created_at=moment)
        descriptions = [measure["description"] for measures in DEMO_MEASURES.values() for measure in measures]
        first_rows = Q(created=True, reason=REASON)
        for description in descriptions:
            first_rows |= Q(reason__endswith=description)
        RiskChange.objects.filter(first_rows, risk__in=risks, changed_at__gt=moment).update(changed_at=moment)
        Measure.objects.filter(risk__in=risks, description__in=descriptions, created_at__gt=moment).update(
            created_at=moment
        )

    # --- rules, deviations, rule decisions ------------------------------------------------------------------

    def load_rules(self) -> dict[str, Rule]:
        rules = {}
        for data in RULES:
            rule = Rule.objects.filter(organisation=self.organisation, title=data["title"]).first()
            if rule is None:
                owner = self.members[data["owner"]]
                rule = Rule(
                    organisation=self.organisation,
                    owner=owner,
                    owner_team=owner.team,
                    review_date=self.today + timedelta(days=data["review_in"]),
                    **{
                        field: data[field]
                        for field in ("title", "kind", "purpose", "legal_basis", "hardship_clause", "mandate")
                    },
                )
                rule.full_clean()
                rule.save()
                rule.risks.set([self.risk(code) for code in data["risks"]])
                created = self.moment(data["created"], 9, 30)
                Rule.objects.filter(pk=rule.pk).update(created_at=created)
                self.date_history(rule, created)
                self.counts["rules"] += 1
            rules[rule.title] = rule
        return rules

    def date_last_change(self, deviation: Deviation, moment: datetime) -> None:
        last = DeviationChange.objects.filter(deviation=deviation).order_by("-pk").first()
        if last is not None:
            DeviationChange.objects.filter(pk=last.pk).update(changed_at=moment)

    def load_deviations(self, rules: dict[str, Rule]) -> None:
        for data in DEVIATIONS:
            rule = rules[data["rule"]]
            if Deviation.objects.filter(
                organisation=self.organisation, rule=rule, situation=data["situation"]
            ).exists():
                continue
            self.load_deviation(rule, data)
            self.counts["deviations"] += 1

    def load_deviation(self, rule: Rule, data: dict[str, Any]) -> None:
        """Record the deviation and take it through the steps it went through, each at its moment."""
        recorder = self.users[data["recorder"]]
        steps: dict[str, int] = data["steps"]
        values: dict[str, Any] = {field: data[field] for field in DEVIATION_FIELDS if field in data}
        values["rule"] = rule
        values["acted_on"] = self.day(data["acted"])
        if data.get("accepted_risk"):
            values["accepted_risk"] = self.risk(data["accepted_risk"])
        if data.get("financial_effect") is not None:
            values["financial_effect"] = Decimal(data["financial_effect"])
        team = self.members[data["recorder"]].team
        deviation = deviations.record_deviation(self.organisation, recorder, team, values)
        last = self.moment(steps["vastgelegd"], 9, 15)
        Deviation.objects.filter(pk=deviation.pk).update(created_at=last)
        self.date_last_change(deviation, last)

        if "uitgevoerd" in steps:
            deviation = deviations.advance(deviation, user=recorder)
            last = self.moment(steps["uitgevoerd"], 16)
            self.date_last_change(deviation, last)
        lead = recorder
        if "besproken" in steps:
            given = dict(data["deliberation"])
            lead = self.users[given.pop("by")]
            deliberation = deviations.deliberate(deviation, lead, given)
            last = self.moment(steps["besproken"], 14)
            Deliberation.objects.filter(pk=deliberation.pk).update(decided_at=last)
            self.date_history(deliberation, last)
            self.date_last_change(deviation, last)
            deviation = Deviation.objects.get(pk=deviation.pk)
        if "moresprudentie" in steps:
            given = dict(data["precedent"])
            author = self.users[given.pop("by")]
            at_once = given.pop("publish") == "direct"
            precedent = deviations.make_precedent(deviation, author, given, publish=at_once)
            last = self.moment(steps["moresprudentie"], 15)
            Precedent.objects.filter(pk=precedent.pk).update(
                created_at=last, published_at=last if at_once else None
            )
            self.date_last_change(deviation, last)
            if not at_once and "gepubliceerd" in steps:
                deviations.publish(precedent, author)
                last = self.moment(steps["gepubliceerd"], 11)
                Precedent.objects.filter(pk=precedent.pk).update(published_at=last)
                self.date_last_change(deviation, last)
            self.counts["precedents"] += 1
        if "afgesloten" in steps:
            deviation = deviations.advance(deviation, user=lead)
            last = self.moment(steps["afgesloten"], 10)
            self.date_last_change(deviation, last)
        Deviation.objects.filter(pk=deviation.pk).update(updated_at=last)

    def load_reviews(self, rules: dict[str, Rule]) -> None:
        """The rule owner's decisions, after the deviations they count are in place."""
        for data in RULE_REVIEWS:
            rule = rules[data["rule"]]
            if rule.reviews.filter(decision=data["decision"], explanation=data["explanation"]).exists():
                continue
            review = deviations.record_review(
                rule, self.users[data["by"]], decision=data["decision"], explanation=data["explanation"]
            )
            moment = self.moment(data["days_ago"], 11)
            RuleReview.objects.filter(pk=review.pk).update(decided_at=moment)
            self.date_history(review, moment)
            self.counts["reviews"] += 1

    # --- signals ----------------------------------------------------------------------------------------

    def load_signals(self) -> None:
        for number, data in enumerate(SIGNALS):
            if self.organisation.signals.filter(title=data["title"]).exists():
                continue
            self.load_signal(data, minute=5 + 7 * number)
            self.counts["signals"] += 1

    def load_signal(self, data: dict[str, Any], minute: int) -> None:
        """File the signal as its reporter did, then triage it as its handler did, each on its day."""
        reporter = self.users[data["reporter"]] if data.get("reporter") else None
        values = {field: data[field] for field in signals.SIGNAL_FIELDS if field in data}
        signal = signals.file_signal(self.organisation, reporter, values, anonymous=reporter is None).signal
        filed = self.day(data["filed"])
        created = self.at(filed, 9, minute)
        Signal.objects.filter(pk=signal.pk).update(
            created_at=signals.start_of_day(created) if reporter is None else created,
            due_date=signals.add_working_days(filed, self.organisation.signal_response_days),
        )
        signal.refresh_from_db()
        outcome = data.get("outcome")
        if outcome is None:
            return
        handler = self.users[data["handler"]]
        handled_on = signals.add_working_days(filed, data["working_days"])
        handled = self.at(handled_on, 14, minute)
        if outcome == Signal.Status.NEW_RISK:
            values = {**signals.risk_initial(signal), **_decimals(data["risk"])}
            values["review_date"] = handled_on + timedelta(days=self.organisation.review_interval_days)
            answer = data["answer"].format(code=values["code"])
            risk = signals.to_new_risk(signal, handler, values, answer=answer)
            Risk.objects.filter(pk=risk.pk).update(created_at=handled)
            self.date_new_changes(risk, handled)
        elif outcome == Signal.Status.MERGED:
            risk = self.risk(data["risk"])
            signals.merge(signal, handler, risk, answer=data["answer"].format(code=risk.code))
            self.date_new_changes(risk, handled)
        elif outcome == Signal.Status.DECLINED:
            signals.decline(signal, handler, reason=data["answer"])
        else:
            raise CommandError(f"Onbekende afhandeling {outcome!r} van de melding ‘{data['title']}’.")
        Signal.objects.filter(pk=signal.pk).update(handled_at=handled)

    # --- conversations ----------------------------------------------------------------------------------

    def load_conversations(self) -> None:
        for data in CONVERSATIONS:
            if self.organisation.conversations.filter(title=data["title"]).exists():
                continue
            self.load_conversation(data)
            self.counts["conversations"] += 1

    def load_conversation(self, data: dict[str, Any]) -> None:
        """Plan the conversation, hold it (pre-mortem round, agenda, decisions, actions) and finish it; a
        conversation in the future is only planned, with its agenda, and a running one is started, not
        finished."""
        organiser = self.users[data["organiser"]]
        day = self.day(data["date"])
        conversation = Conversation(
            organisation=self.organisation,
            title=data["title"],
            programme=data["programme"],
            date=day,
            kind=data["kind"],
            subject_risk=self.risk(data["subject_risk"]) if data.get("subject_risk") else None,
            organiser=organiser,
        )
        conversation.full_clean()
        conversation.save()
        conversation.participants.set([self.members[username] for username in data["participants"]])
        planned = self.at(min(day - timedelta(days=14), self.today - timedelta(days=3)), 9)
        Conversation.objects.filter(pk=conversation.pk).update(created_at=planned)
        held = data["date"] > 0
        running = data.get("status") == Conversation.Status.RUNNING
        start = self.at(day, 10)

        if "premortem" in data:
            self.hold_premortem(conversation, organiser, data, start)
        for item_data in data["items"]:
            self.add_item(conversation, organiser, item_data)
        for action_data in data["actions"]:
            self.add_action(conversation, action_data, day, start)
        if running:
            conversations.set_status(conversation, Conversation.Status.RUNNING)
        elif held:
            conversations.set_status(conversation, Conversation.Status.FINISHED)
        if held:
            self.date_decisions(conversation, start)
        self.date_history(conversation, planned, start)

    def hold_premortem(
        self, conversation: Conversation, organiser, data: dict[str, Any], start: datetime
    ) -> None:
        """The round ("it went wrong: why?"), closed and clustered; the chosen clusters become risks, which
        the project leader estimates a week later."""
        chosen = {}
        for number, given in enumerate(data["premortem"]):
            item = conversations.add_premortem_item(
                conversation, self.members[given["author"]], given["text"]
            )
            PremortemItem.objects.filter(pk=item.pk).update(created_at=start + timedelta(minutes=5 + number))
            chosen[item.pk] = (given["cluster"], given["make_risk"])
        conversations.close_round(conversation)
        conversations.save_clusters(conversation, chosen)
        for risk in conversations.make_risks(conversation, organiser):
            estimate = data["estimates"].get(risk.name)
            if not estimate:
                continue
            estimated_on = conversation.date + timedelta(days=7)
            values = _decimals(estimate)
            values["review_date"] = estimated_on + timedelta(days=self.organisation.review_interval_days)
            result = update_risk(
                risk,
                organiser,
                values,
                reason=f"Eerste inschatting na de pre-mortem ‘{conversation.title}’",
            )
            if result.change is not None:
                RiskChange.objects.filter(pk=result.change.pk).update(changed_at=self.at(estimated_on, 11))

    def add_item(self, conversation: Conversation, organiser, data: dict[str, Any]) -> None:
        risk = self.risk(data["risk"]) if data.get("risk") else None
        signal = (
            self.organisation.signals.get(title=self.signal_title(data["signal"]))
            if data.get("signal")
            else None
        )
        title = data.get("title") or (f"{risk.code} {risk.name}" if risk else signal.title if signal else "")
        item = conversations.add_item(conversation, title, risk)
        kind = data.get("kind", AgendaItem.Kind.OWN)
        AgendaItem.objects.filter(pk=item.pk).update(
            kind=kind, signal=signal, reason=data.get("reason") or AGENDA_REASONS.get(kind, "")
        )
        if "decision" not in data:
            return
        given = conversations.DecisionInput(
            decision=data["decision"], text=data.get("text", ""), notes=data.get("notes", "")
        )
        if "estimate" in data:
            given.estimate = _decimals(data["estimate"])
            given.estimate["review_date"] = conversation.date + timedelta(
                days=self.organisation.review_interval_days
            )
        if "measure" in data:
            measure = dict(data["measure"])
            measure["due_date"] = conversation.date + timedelta(days=measure.pop("due_days"))
            measure["status"] = Measure.Status.PLANNED
            given.measure = measure
        conversations.record_decision(item, organiser, given)

    def add_action(
        self, conversation: Conversation, data: dict[str, Any], day: date, start: datetime
    ) -> None:
        action = conversations.add_action(
            conversation,
            data["description"],
            owner=self.members[data["owner"]],
            due_date=day + timedelta(days=data["due_days"]),
        )
        created = start + timedelta(hours=1)
        moments = [created]
        Action.objects.filter(pk=action.pk).update(created_at=created)
        if data.get("done_days") is not None:
            conversations.complete_action(action)
            done = self.at(day + timedelta(days=data["done_days"]), 15)
            Action.objects.filter(pk=action.pk).update(done_at=done)
            moments.append(done)
        self.date_history(action, *moments)

    def date_decisions(self, conversation: Conversation, start: datetime) -> None:
        """Each decision, the register change it made, and a measure or risk it created, at the
        conversation's own moment, ten minutes apart."""
        decided = conversation.items.exclude(decision="").order_by("position", "pk")
        for number, item in enumerate(decided):
            moment = start + timedelta(minutes=10 * number)
            AgendaItem.objects.filter(pk=item.pk).update(decided_at=moment)
            if item.change_id is not None:
                RiskChange.objects.filter(pk=item.change_id, changed_at__gte=self.started).update(
                    changed_at=moment
                )
            risk_id = item.risk_id
            if risk_id is not None and item.decision == AgendaItem.Decision.NEW_RISK:
                Risk.objects.filter(pk=risk_id, created_at__gte=self.started).update(created_at=moment)
            if risk_id is not None and item.decision == AgendaItem.Decision.MEASURE:
                Measure.objects.filter(risk_id=risk_id, created_at__gte=self.started).update(
                    created_at=moment
                )
