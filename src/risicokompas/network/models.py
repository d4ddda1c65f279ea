# SPDX-License-Identifier: EUPL-1.2
"""Learning networks: organisations learning from each other (DESIGN C8).

A network coordinator (a platform role, not a member of any organisation's register) runs networks;
organisations join as members and name their participants. Nothing of a member's own data becomes
visible to the network unless it is explicitly shared (see ``SharedItem``) or opted in to the anonymised
benchmark.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from risicokompas.organisations.models import Organisation


class Coordinator(models.Model):
    """A user who may create and run learning networks (the platform's netwerkcoördinator)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator"
    )
    title = models.CharField(_("functie"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("netwerkcoördinator")
        verbose_name_plural = _("netwerkcoördinatoren")


class Network(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    starts_on = models.DateField(_("begint op"), null=True, blank=True)
    ends_on = models.DateField(_("eindigt op"), null=True, blank=True)
    coordinators = models.ManyToManyField(
        Coordinator, related_name="networks", verbose_name=_("coördinatoren")
    )
    open_for_applications = models.BooleanField(
        _("open voor aanmelding"),
        default=False,
        help_text=_(
            "Controllers en beheerders van andere organisaties zien dit netwerk en kunnen zich aanmelden."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("leernetwerk")
        verbose_name_plural = _("leernetwerken")

    def __str__(self) -> str:
        return self.name


class NetworkMember(models.Model):
    """An organisation in a network: invited by a coordinator, active once a controller accepts."""

    class Status(models.TextChoices):
        INVITED = "uitgenodigd", _("Uitgenodigd")
        ACTIVE = "deelnemer", _("Deelnemer")
        LEFT = "vertrokken", _("Vertrokken")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="network_memberships"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.INVITED)
    invited_at = models.DateTimeField(auto_now_add=True)
    joined_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="one_membership_per_network")
        ]
        ordering = ["organisation__name"]
        verbose_name = _("deelnemende organisatie")
        verbose_name_plural = _("deelnemende organisaties")

    def __str__(self) -> str:
        return f"{self.organisation} in {self.network}"


class Application(models.Model):
    """An organisation asks to join a network that is open for applications; a coordinator decides.

    Only the applying organisation and the network's coordinators ever see the motivation.
    """

    class Status(models.TextChoices):
        PENDING = "aangemeld", _("Aangemeld")
        ACCEPTED = "aangenomen", _("Aangenomen")
        DECLINED = "afgewezen", _("Afgewezen")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="network_applications"
    )
    motivation = models.TextField(_("motivatie"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reden"), blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"],
                condition=models.Q(status="aangemeld"),
                name="one_open_application_per_network",
            )
        ]
        ordering = ["-applied_at"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")

    def __str__(self) -> str:
        return f"{self.organisation} → {self.network}"


class Participant(models.Model):
    """A person an organisation sends to the network, with their role there."""

    class Role(models.TextChoices):
        CONTROL = "control", _("Control / risicomanagement")
        SECRETARY = "gemeentesecretaris", _("Gemeentesecretaris")
        CHANGE = "verandermanager", _("Verandermanager")
        OTHER = "anders", _("Anders")

    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_roles")
    role = models.CharField(
        _("rol in het netwerk"), max_length=20, choices=Role.choices, default=Role.CONTROL
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "user"], name="one_role_per_member_user")]
        verbose_name = _("netwerkdeelnemer")
        verbose_name_plural = _("netwerkdeelnemers")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class BenchmarkOptIn(models.Model):
    """A member's explicit opt-in to contribute one indicator to the anonymised benchmark.

    ``indicator`` is a key of ``benchmark_data.SPECS``, or ``pooled_calibration.OPT_IN`` ("kalibratie")
    for the pooled calibration, which has its own opt-in page and explanation.
    """

    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="benchmark_opt_ins")
    indicator = models.CharField(_("indicator"), max_length=40)
    opted_in_at = models.DateTimeField(auto_now_add=True)
    opted_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "indicator"], name="one_opt_in_per_member_indicator")
        ]
        verbose_name = _("deelname aan benchmark")
        verbose_name_plural = _("deelnames aan benchmark")


class PooledCalibrationRelease(models.Model):
    """A published state of a network's pooled calibration: the sums shown, and which organisations (by a
    fingerprint of their counts) they were computed from. See ``pooled_calibration`` for when a new one
    is published; a release is never changed."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="calibration_releases")
    published_at = models.DateTimeField(auto_now_add=True)
    #: organisation id (as text) → fingerprint of that organisation's counts
    fingerprints = models.JSONField(default=dict)
    #: the pooled sums: organisations, years, exceeded, expected, risk_years, occurred, squared_error
    totals = models.JSONField(default=dict)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("publicatie gezamenlijke kalibratie")
        verbose_name_plural = _("publicaties gezamenlijke kalibratie")


class BenchmarkRelease(models.Model):
    """A published state of a network's benchmark: the values the page is computed from, and a fingerprint
    of each organisation's values. A new one follows the pooled calibration's rule (``benchmark_data``):
    only when at least three organisations changed against every earlier release. Never changed."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="benchmark_releases")
    published_at = models.DateTimeField(auto_now_add=True)
    #: organisation id (as text) → fingerprint of all its benchmark values
    fingerprints = models.JSONField(default=dict)
    #: indicator key → {organisation id (as text) → value}
    values = models.JSONField(default=dict)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("publicatie benchmark")
        verbose_name_plural = _("publicaties benchmark")


class ChangeAssignment(models.Model):
    """A member's veranderopgave: what it wants to change and how; the network sees it."""

    member = models.OneToOneField(NetworkMember, on_delete=models.CASCADE, related_name="assignment")
    goal = models.TextField(_("doel"), blank=True)
    approach = models.TextField(_("aanpak"), blank=True)
    milestones = models.TextField(_("mijlpalen"), blank=True)
    obstacles = models.TextField(_("belemmeringen"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("veranderopgave")
        verbose_name_plural = _("veranderopgaven")

    def __str__(self) -> str:
        return f"{_('Veranderopgave')} {self.member.organisation}"


class ProgressEntry(models.Model):
    """One month's entry in the progress log of a change assignment."""

    assignment = models.ForeignKey(ChangeAssignment, on_delete=models.CASCADE, related_name="progress")
    month = models.DateField(_("maand"))
    text = models.TextField(_("voortgang"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "-pk"]
        verbose_name = _("voortgangsnotitie")
        verbose_name_plural = _("voortgangslogboek")


class Meeting(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    place = models.CharField(_("plaats"), max_length=300, blank=True)
    programme = models.TextField(
        _("programma"), blank=True, help_text=_("Sprekers en onderwerpen, één onderdeel per regel.")
    )
    notes = models.TextField(_("verslag en uitkomsten"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """Who of a member organisation attended a meeting (participants only, no other personal data)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("aanwezig"), default=False)
    names = models.TextField(_("wie waren er"), blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_meeting_member")
        ]
        ordering = ["member__organisation__name"]
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")


class Contribution(models.Model):
    """What a member prepared for a meeting (a story, a question, a case)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="contributions")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="contributions")
    text = models.TextField(_("bijdrage"))
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bijdrage")
        verbose_name_plural = _("bijdragen")


class SharedItem(models.Model):
    """A story or anonymised case a member published to the network.

    Created only by the explicit share step (``network.services.share``): the preview shows exactly the
    title, body and source that will be published, with a hash of them; confirming publishes exactly that.
    """

    class Kind(models.TextChoices):
        STORY = "verhaal", _("Inspiratieverhaal")
        PRECEDENT = "moresprudentie", _("Casus: moresprudentie")
        LESSON = "les", _("Casus: les uit een risicogesprek")
        RULE_CHANGE = "regelwijziging", _("Casus: aangepaste regel")
        OTHER = "anders", _("Casus: anders")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="shared_items")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="shared_items")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.STORY)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"))
    source = models.CharField(_("bron"), max_length=300, blank=True)
    content_hash = models.CharField(max_length=64)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-shared_at", "-pk"]
        verbose_name = _("gedeeld verhaal of casus")
        verbose_name_plural = _("gedeelde verhalen en casussen")

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    item = models.ForeignKey(SharedItem, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(NetworkMember, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("reactie"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")


class Reuse(models.Model):
    """A member marks that it reuses a shared item (and how)."""

    item = models.ForeignKey(SharedItem, on_delete=models.CASCADE, related_name="reuses")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="reuses")
    note = models.TextField(_("hoe gebruikt u het?"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="one_reuse_per_item_member")]
        ordering = ["created_at", "pk"]
        verbose_name = _("hergebruik")
        verbose_name_plural = _("hergebruik")
