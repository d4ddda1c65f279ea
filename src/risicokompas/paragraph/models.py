# SPDX-License-Identifier: EUPL-1.2
"""The paragraph weerstandsvermogen en risicobeheersing: its inputs beyond the register, and snapshots.

A snapshot (momentopname at a peildatum) freezes everything a document needs: register, capacity,
kengetallen, policy settings and the engine result. It never changes afterwards; only the text blocks of
the paragraph may be edited until a bestuur member approves it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from risicokompas.organisations.models import Organisation
from risicokompas.snapshot import SnapshotInputs, SnapshotResult


class Snapshot(models.Model):
    """A frozen momentopname for one document. ``inputs`` and ``result`` never change after creation."""

    class Document(models.TextChoices):
        BUDGET = "begroting", _("Begroting")
        ACCOUNTS = "jaarstukken", _("Jaarstukken")
        OTHER = "overig", _("Overig")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="snapshots")
    title = models.CharField(_("titel"), max_length=200)
    document = models.CharField(
        _("document"), max_length=16, choices=Document.choices, default=Document.BUDGET
    )
    year = models.PositiveSmallIntegerField(_("begrotingsjaar t"))
    reference_date = models.DateField(_("peildatum"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    inputs = models.JSONField()  # everything the numbers depend on: risicokompas.snapshot.SnapshotInputs
    result = models.JSONField()  # engine result and derived figures: risicokompas.snapshot.SnapshotResult
    engine_version = models.CharField(max_length=20)
    input_hash = models.CharField(max_length=64)
    content_hash = models.CharField(max_length=64)  # SHA-256 of inputs + result: what an approval binds to
    texts = models.JSONField(default=dict, blank=True)  # editable text blocks until approved

    #: Fields that never change once the snapshot exists (``texts`` may change until approval).
    FROZEN_FIELDS = (
        "organisation_id",
        "document",
        "year",
        "reference_date",
        "inputs",
        "result",
        "engine_version",
        "input_hash",
        "content_hash",
    )

    class FrozenError(Exception):
        """Raised when a save would change a frozen snapshot (or the texts of an approved one)."""

    class Meta:
        ordering = ["-reference_date", "-created_at"]
        verbose_name = _("momentopname")
        verbose_name_plural = _("momentopnamen")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Create freely; afterwards refuse any change to the frozen fields, and to the texts once approved.

        The check compares with the stored row rather than trusting in-memory state, so it also catches
        a modified copy. (``QuerySet.update`` bypasses ``save``; nothing in the code base uses it here.)
        """
        if self.pk is not None and not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values(*self.FROZEN_FIELDS, "texts").first()
            if stored is not None:
                changed = [f for f in self.FROZEN_FIELDS if getattr(self, f) != stored[f]]
                if changed:
                    raise self.FrozenError(f"momentopname {self.pk} is vastgelegd: {', '.join(changed)}")
                if self.texts != stored["texts"] and self.is_approved:
                    raise self.FrozenError(f"momentopname {self.pk} is vastgesteld: teksten liggen vast")
        super().save(*args, **kwargs)

    @property
    def frozen_inputs(self) -> SnapshotInputs:
        """``inputs`` read into the typed, versioned layout of ``risicokompas.snapshot``."""
        return SnapshotInputs.from_dict(self.inputs)

    @property
    def frozen_result(self) -> SnapshotResult:
        """``result`` read into the typed layout of ``risicokompas.snapshot``."""
        return SnapshotResult.from_dict(self.result)

    @property
    def is_approved(self) -> bool:
        return SnapshotApproval.objects.filter(snapshot_id=self.pk).exists() if self.pk else False


class SnapshotApproval(models.Model):
    """A bestuur member's approval of exactly one snapshot (bound to its content hash)."""

    snapshot = models.OneToOneField(Snapshot, on_delete=models.PROTECT, related_name="approval")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)
    decision_reference = models.CharField(_("besluit (kenmerk)"), max_length=200)
    content_hash = models.CharField(max_length=64)

    def save(self, *args, **kwargs) -> None:
        """An approval is written once, bound to the snapshot's content hash, and never changed."""
        if not self._state.adding:
            raise Snapshot.FrozenError("een vaststelling wordt niet gewijzigd")
        self.content_hash = self.snapshot.content_hash
        super().save(*args, **kwargs)

    @property
    def is_bound(self) -> bool:
        """True while the approval's hash is the snapshot's hash (always, unless data was tampered with)."""
        return self.content_hash == self.snapshot.content_hash
