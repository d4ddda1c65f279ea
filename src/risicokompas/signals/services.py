# SPDX-License-Identifier: EUPL-1.2
"""Filing and triaging signals. Every change to a signal goes through here.

Anonymity is decided when a signal is filed: an anonymous row gets no reporter, and its filing time is
rounded down to the start of the day, so that neither a link nor a timestamp points at the person. The
anonymous reporter gets a receipt code, shown once; only its SHA-256 hash is stored.

Due dates count working days Monday to Friday. Public holidays are not known to the application (there is
no holiday calendar), so a due date that passes over Koningsdag or Christmas is a day or two early.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from risicokompas.risks.models import Risk, RiskChange
from risicokompas.risks.services import create_risk
from risicokompas.signals.models import Signal

#: Letters and digits that cannot be mistaken for each other when read aloud or copied (no 0/O, 1/I/L).
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 12  # 31^12 ≈ 2^59 codes: guessing one is hopeless, so an unsalted hash is enough
#: Kansklasse 1–5 → the probability the engine calculates with (DESIGN §5).
CLASS_PROBABILITY = {k: Decimal(v) for k, v in {1: "0.1", 2: "0.3", 3: "0.5", 4: "0.7", 5: "0.9"}.items()}


class SignalClosed(Exception):
    """A triage of a signal that has already been answered."""

    def __init__(self) -> None:
        super().__init__(_("Deze melding is al afgehandeld."))


# --- working days ------------------------------------------------------------------------------------------


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days (Mon–Fri) after ``start``; no holiday calendar."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days (Mon–Fri) after ``start`` up to and including ``end``; 0 when ``end`` is not later."""
    if end <= start:
        return 0
    full_weeks, rest = divmod((end - start).days, 7)
    count = full_weeks * 5
    for offset in range(1, rest + 1):
        if (start + timedelta(days=full_weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count


def is_overdue(signal: Signal, today: date | None = None) -> bool:
    """An open signal not answered by its due date."""
    return signal.is_open and (today or timezone.localdate()) > signal.due_date


# --- receipt codes -----------------------------------------------------------------------------------------


def new_receipt_code() -> str:
    """A random code in groups of four, e.g. ``K7QM-2XPD-9HWR``."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECEIPT_LENGTH, 4))


def receipt_hash(code: str) -> str:
    """SHA-256 of the code, ignoring case, spaces and dashes (people retype codes loosely)."""
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


def find_by_receipt(organisation, code: str) -> Signal | None:
    if not code.strip():
        return None
    return Signal.objects.filter(organisation=organisation, receipt_hash=receipt_hash(code)).first()


# --- filing ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filed:
    signal: Signal
    receipt_code: str | None  # only for an anonymous signal; shown once, never stored


SIGNAL_FIELDS = (
    "title",
    "threatens",
    "cause",
    "consequence",
    "likelihood_class",
    "impact_class",
    "programme",
)


def start_of_day(moment: datetime) -> datetime:
    local = timezone.localtime(moment)
    return timezone.make_aware(datetime.combine(local.date(), time.min))


@transaction.atomic
def file_signal(organisation, user, values: dict, *, anonymous: bool) -> Filed:
    """Store a signal. ``user`` is only linked when the signal is not anonymous."""
    now = timezone.now()
    today = timezone.localdate(now)
    signal = Signal(
        organisation=organisation,
        reporter=None if anonymous else user,
        created_at=start_of_day(now) if anonymous else now,
        due_date=add_working_days(today, organisation.signal_response_days),
        **{field: values.get(field) for field in SIGNAL_FIELDS if field in values},
    )
    code = None
    if anonymous:
        code = new_receipt_code()
        signal.receipt_hash = receipt_hash(code)
        signal.announcement_pending = True
    signal.full_clean()
    signal.save()
    return Filed(signal=signal, receipt_code=code)


# --- triage ------------------------------------------------------------------------------------------------


def next_signal_risk_code(organisation) -> str:
    """The first free code ``M1``, ``M2``, … of the organisation's risks.

    Counted over the risks, not taken from the signal's id: that id is random and long (see
    ``signals.models``), and a number from the signal would say where it stands among the filings.
    """
    taken = set(
        Risk.objects.filter(organisation=organisation, code__startswith="M").values_list("code", flat=True)
    )
    number = 1
    while f"M{number}" in taken:
        number += 1
    return f"M{number}"


def risk_initial(signal: Signal) -> dict:
    """The values a new risk starts from: the signal's text, and its rough likelihood class as a
    probability. The rough impact class is not turned into an amount: the triager estimates that."""
    description = _("Bedreigt: %s") % signal.threatens if signal.threatens else ""
    initial: dict[str, object] = {
        "code": next_signal_risk_code(signal.organisation),
        "name": signal.title,
        "event": signal.title,
        "cause": signal.cause,
        "consequence": signal.consequence,
        "description": description,
        "programme": signal.programme,
    }
    if signal.likelihood_class:
        initial["probability"] = CLASS_PROBABILITY[signal.likelihood_class]
    return initial


def _lock_open(signal: Signal) -> Signal:
    current = Signal.objects.select_for_update().get(pk=signal.pk)
    if not current.is_open:
        raise SignalClosed()
    return current


def _close(signal: Signal, user, status: str, answer: str, risk: Risk | None = None) -> Signal:
    signal.status = status
    signal.answer = answer.strip()
    signal.risk = risk
    signal.handled_by = user
    signal.handled_at = timezone.now()
    signal.save(update_fields=["status", "answer", "risk", "handled_by", "handled_at"])
    return signal


@transaction.atomic
def to_new_risk(signal: Signal, user, values: dict, *, answer: str = "") -> Risk:
    """Make the signal a new risk; the risk's first history row names the signal as its source."""
    signal = _lock_open(signal)
    risk = create_risk(
        signal.organisation,
        user,
        values,
        reason=_("Aangemaakt uit melding ‘%s’") % signal.title,
        source=RiskChange.Source.SIGNAL,
    )
    default = _("Uw melding is opgenomen in het risicoregister als risico %(code)s.") % {"code": risk.code}
    _close(signal, user, Signal.Status.NEW_RISK, answer or default, risk)
    return risk


@transaction.atomic
def merge(signal: Signal, user, risk: Risk, *, answer: str = "") -> Signal:
    """Add the signal to an existing risk of the same organisation, noted in that risk's history."""
    signal = _lock_open(signal)
    if risk.organisation_id != signal.organisation_id:
        raise ValueError("risk of another organisation")
    RiskChange.objects.create(
        risk=risk,
        changed_by=user,
        reason=_("Melding ‘%s’ samengevoegd") % signal.title,
        source=RiskChange.Source.SIGNAL,
        changes={},
    )
    default = _("Uw melding is toegevoegd aan het bestaande risico %(code)s %(name)s.") % {
        "code": risk.code,
        "name": risk.name,
    }
    return _close(signal, user, Signal.Status.MERGED, answer or default, risk)


@transaction.atomic
def decline(signal: Signal, user, *, reason: str) -> Signal:
    """Close the signal without a risk; the reporter sees ``reason``, so it is required."""
    if not reason.strip():
        raise ValueError(_("Geef een reden: de melder ziet die."))
    signal = _lock_open(signal)
    return _close(signal, user, Signal.Status.DECLINED, reason)
