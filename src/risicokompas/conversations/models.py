# SPDX-License-Identifier: EUPL-1.2
"""Risk conversations: a planned session with a generated agenda, decisions, actions and pre-mortem items.

A decision is recorded once on its agenda item and never deleted: a later conversation records a new one.
Actions are closed (afgerond), never removed. Removed agenda items are kept, only hidden from the agenda.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from risicokompas.organisations.models import Membership, Organisation


class Conversation(models.Model):
    class Kind(models.TextChoices):
        TEAM = "teamdialoog", _("Periodieke risicodialoog van het team")
        PREMORTEM = "pre-mortem", _("Pre-mortem voor een project")
        REVIEW = "evaluatie", _("Evaluatie van een opgetreden risico")

    class Status(models.TextChoices):
        PLANNED = "gepland", _("Gepland")
        RUNNING = "lopend", _("Lopend")
        FINISHED = "afgerond", _("Afgerond")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="conversations")
    title = models.CharField(_("titel"), max_length=200)
    programme = models.CharField(
        _("team of programma"),
        max_length=200,
        blank=True,
        help_text=_("Het agendavoorstel gebruikt de risico’s en meldingen van dit programma."),
    )
    date = models.DateField(_("datum"))
    kind = models.CharField(_("soort gesprek"), max_length=20, choices=Kind.choices, default=Kind.TEAM)
    subject_risk = models.ForeignKey(
        "risks.Risk",
        verbose_name=_("opgetreden risico"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="organised_conversations"
    )
    participants = models.ManyToManyField(
        Membership, verbose_name=_("deelnemers"), blank=True, related_name="conversations"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    # Pre-mortem: items stay with their author until the organiser closes the round.
    round_closed = models.BooleanField(_("ronde gesloten"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("risicogesprek")
        verbose_name_plural = _("risicogesprekken")

    def __str__(self) -> str:
        return self.title

    @property
    def is_premortem(self) -> bool:
        return self.kind == self.Kind.PREMORTEM


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        REVIEW_DUE = "herbeoordeling", _("Herbeoordeling nodig")
        SIGNAL = "melding", _("Nieuwe melding")
        MOVED = "gewijzigde inschatting", _("Gewijzigde inschatting")
        DRIVER = "grootste risico", _("Grootste bijdrage aan de benodigde capaciteit")
        ACTION = "actiepunt", _("Actiepunt uit een vorig gesprek")
        OWN = "eigen punt", _("Eigen punt")
        DEVIATION = "afwijking", _("Afwijking, nog te bespreken in het team")

    class Decision(models.TextChoices):
        NONE = "", _("Nog geen besluit")
        CONFIRMED = "bevestigd", _("Inschatting bevestigd")
        CHANGED = "gewijzigd", _("Inschatting gewijzigd")
        CLOSED = "gesloten", _("Risico gesloten")
        NEW_RISK = "nieuw risico", _("Nieuw risico")
        MEASURE = "maatregel", _("Maatregel afgesproken")
        NOTHING = "geen", _("Besproken, geen wijziging")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("soort punt"), max_length=24, choices=Kind.choices, default=Kind.OWN)
    risk = models.ForeignKey(
        "risks.Risk", null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    signal = models.ForeignKey(
        "signals.Signal", null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    previous_action = models.ForeignKey(
        "Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    # Only the rule is named on the agenda; the deviation's page itself is guarded by deviations.access.
    deviation = models.ForeignKey(
        "deviations.Deviation", null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    title = models.CharField(_("onderwerp"), max_length=300)
    reason = models.CharField(_("waarom op de agenda"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    removed = models.BooleanField(_("van de agenda gehaald"), default=False)
    notes = models.TextField(_("aantekeningen"), blank=True)
    decision = models.CharField(
        _("besluit"), max_length=16, choices=Decision.choices, blank=True, default=Decision.NONE
    )
    decision_text = models.TextField(_("toelichting bij het besluit"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The register change the decision made, so the report lists exactly what changed.
    change = models.ForeignKey(
        "risks.RiskChange", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")

    def __str__(self) -> str:
        return self.title

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "afgerond", _("Afgerond")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="actions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("bij agendapunt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    description = models.TextField(_("actie"))
    owner = models.ForeignKey(
        Membership,
        verbose_name=_("eigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversation_actions",
    )
    due_date = models.DateField(_("gereed vóór"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")

    def __str__(self) -> str:
        return self.description[:80]


class PremortemItem(models.Model):
    """'It is a year later and the project failed: why?' The author is stored only so that they can see
    their own items before the round closes; no page ever shows who wrote an item."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="premortem_items")
    author = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("waarom is het misgegaan?"))
    cluster = models.CharField(_("cluster"), max_length=200, blank=True)
    chosen = models.BooleanField(_("wordt een risico"), default=False)
    risk = models.ForeignKey("risks.Risk", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cluster", "created_at", "pk"]
        verbose_name = _("pre-mortempunt")
        verbose_name_plural = _("pre-mortempunten")

    def __str__(self) -> str:
        return self.text[:80]


class ConversationEvent(models.Model):
    """An event (``calibration.Event``) recorded from this conversation, optionally at one agenda item: the
    trace from the team's conclusion that a risk occurred to what it cost. The link lives here because
    conversations stand above calibration: an event knows nothing of conversations."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="event_links")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="event_links"
    )
    event = models.OneToOneField(
        "calibration.Event", on_delete=models.CASCADE, related_name="conversation_link"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("gebeurtenis uit een gesprek")
        verbose_name_plural = _("gebeurtenissen uit gesprekken")

    def __str__(self) -> str:
        return f"{self.conversation} → {self.event}"
