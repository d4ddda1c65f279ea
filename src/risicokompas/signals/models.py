# SPDX-License-Identifier: EUPL-1.2
"""Risk signals: any employee reports a possible risk in under a minute and always gets an answer.

An anonymous signal stores no link to its reporter at all (no user, no session, no address); the reporter
looks it up with a receipt code, of which only a hash is kept. Signals are never deleted, only closed.

A signal's id is drawn at random when it is filed, not counted up: a sequential id would put an anonymous
signal, whose filing time is kept only to the day, between the named signals filed before and after it.
Lists order signals by the day they were filed and then by that random id (``filing_free_order``), so
neither an id, an address, nor a place in a list tells which signal came first within a day.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, router, transaction
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from risicokompas.organisations.models import Organisation

if TYPE_CHECKING:
    from django.db.models.expressions import Combinable
    from django_stubs_ext import StrOrPromise


def _class_field(
    verbose_name: StrOrPromise,
) -> models.PositiveSmallIntegerField[float | int | str | Combinable | None, int | None]:
    """An optional class from 1 to 5 (kans or gevolg)."""
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


#: Signal ids lie in [2**52, 2**53): every id has 16 digits (its length says nothing either), and every id
#: stays exact as a JSON number, which JavaScript reads as a double (exact up to 2**53).
SIGNAL_ID_MIN = 2**52
SIGNAL_ID_MAX = 2**53 - 1
#: A clash among 2**52 values is already unlikely once; a few fresh draws make it practically impossible.
SIGNAL_ID_ATTEMPTS = 5


def new_signal_id() -> int:
    """A random signal id from a cryptographic source: it carries no order and cannot be guessed."""
    return SIGNAL_ID_MIN + secrets.randbelow(SIGNAL_ID_MAX - SIGNAL_ID_MIN + 1)


def filing_free_order(*, newest_first: bool = True) -> list:
    """An order of signals that does not follow the order of filing: the day of filing, then the random id.

    Not the filing time itself: an anonymous signal's time is the start of its day, so ordering by time
    would still place named signals among each other, and ties would fall back to the database's own
    (insertion) order.
    """
    day = TruncDate("created_at")
    return [day.desc() if newest_first else day.asc(), "id"]


class Signal(models.Model):
    class Status(models.TextChoices):
        NEW = "nieuw", _("Nieuw")
        IN_PROGRESS = "in behandeling", _("In behandeling")
        NEW_RISK = "nieuw risico", _("Opgenomen als nieuw risico")
        MERGED = "samengevoegd", _("Toegevoegd aan een bestaand risico")
        DECLINED = "afgewezen", _("Niet overgenomen")

    id = models.BigIntegerField(primary_key=True, default=new_signal_id, editable=False, verbose_name="ID")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="signals")
    # Null for an anonymous signal: then nothing in this row points to the person who filed it.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="signals"
    )
    receipt_hash = models.CharField(max_length=64, blank=True, db_index=True)  # SHA-256 of the receipt code
    title = models.CharField(_("wat kan er gebeuren?"), max_length=300)
    threatens = models.CharField(_("wat komt in gevaar (doel of taak)?"), max_length=300, blank=True)
    cause = models.TextField(_("oorzaak"), blank=True)
    consequence = models.TextField(_("gevolg"), blank=True)
    likelihood_class = _class_field(_("inschatting kans (1–5)"))
    impact_class = _class_field(_("inschatting gevolg (1–5)"))
    programme = models.CharField(_("team of programma"), max_length=200, blank=True)
    # Not auto_now_add: filing sets it, and for an anonymous signal rounds it to the day (see services).
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    due_date = models.DateField(_("beantwoorden vóór"))
    # An anonymous signal is announced to its triagers by the next daily run (``announce_signals``), not by
    # a mail sent at the second it was filed: that mail's time would point at who was busy filing then.
    announcement_pending = models.BooleanField(default=False, editable=False)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("antwoord aan de melder"), blank=True)
    risk = models.ForeignKey(
        "risks.Risk", null=True, blank=True, on_delete=models.SET_NULL, related_name="signals"
    )

    class Meta:
        ordering = filing_free_order()
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Insert with a fresh random id if the drawn one is taken (see ``new_signal_id``)."""
        if not self._state.adding:
            super().save(*args, **kwargs)
            return
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        for attempt in range(1, SIGNAL_ID_ATTEMPTS + 1):
            try:
                with transaction.atomic(using=using):
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                taken = Signal.objects.using(using).filter(pk=self.pk).exists()
                if not taken or attempt == SIGNAL_ID_ATTEMPTS:
                    raise
                self.pk = new_signal_id()

    @property
    def is_anonymous(self) -> bool:
        return self.reporter_id is None

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.NEW, self.Status.IN_PROGRESS)
