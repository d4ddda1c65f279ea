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

from risicokompas.organisations.models import Organisation


class Coordinator(models.Model):
    """A user who may create and run learning networks (the platform's netwerkcoördinator)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator"
    )
    title = models.CharField(_("functie"), max_length=200, blank=True)

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
    created_at = models.DateTimeField(auto_now_add=True)

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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="one_membership_per_network")
        ]
        ordering = ["organisation__name"]
        verbose_name = _("deelnemende organisatie")
        verbose_name_plural = _("deelnemende organisaties")

    def __str__(self) -> str:
        return f"{self.organisation} in {self.network}"


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

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "user"], name="one_role_per_member_user")]
        verbose_name = _("netwerkdeelnemer")
        verbose_name_plural = _("netwerkdeelnemers")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
