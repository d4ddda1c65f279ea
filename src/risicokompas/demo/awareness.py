# SPDX-License-Identifier: EUPL-1.2
"""Demo awareness data for Gemeente Voorbeeldrecht: signals, risk conversations, rules and deviations.

Plain data only, from ``data/meldingen.toml``, ``data/regels.toml`` and ``data/gesprekken.toml``, read by
``manage.py load_demo_awareness``, which creates the records through the apps' own services. Every moment
is a number of days before the day the loader runs (negative: in the future), so the records always fall in
the period that ends today. People are named by their demo username; the texts
never name a person, and hold no citizen's personal data: a case is "een jongere", "een gezin".

Keys used in the files:

- signals (``meldingen.toml``): ``key`` (to refer to the signal's risk from a conversation), the signal's
  own fields, ``reporter`` (a username; none for an anonymous signal), ``filed`` (days ago), and for a
  handled signal ``outcome`` ("nieuw risico", "samengevoegd" or "afgewezen"), ``handler``, ``working_days``
  (after filing) and ``answer`` (``{code}`` is replaced by the risk's code); ``risk`` is the new risk's
  values or the code of the risk it is merged into.
- rules (``regels.toml``): the rule's fields, ``owner`` (a username), ``risks`` (codes), ``created`` (days
  ago) and ``review_in`` (days from today).
- deviations (``regels.toml``): ``rule`` (its title), ``recorder`` (a username; the deviation's team is the
  recorder's team), the deviation's fields, ``acted`` (days ago), ``steps`` (days ago of each step that
  happened: recorded, uitgevoerd, besproken, moresprudentie, gepubliceerd, afgesloten), ``deliberation``
  and ``precedent`` with their fields and who recorded them (``by``).
- conversations (``gesprekken.toml``): the conversation's fields, ``date`` (days ago), ``organiser`` and
  ``participants`` (usernames), ``status`` ("lopend" for one that has started and is not finished; without
  it a conversation in the past is finished, one in the future planned), ``items`` (agenda items with
  their decision), ``actions``, and for the pre-mortem ``premortem`` (the round's items: ``author``,
  ``text``, ``cluster``, ``make_risk``) and ``estimates`` (per cluster, the first estimate of the risk it
  became). The text of a "maatregel" decision has no final full stop: the risk's history adds
  ": Maatregel toegevoegd: …" to it.
"""

from __future__ import annotations

from typing import Any

from risicokompas.demo.files import read_toml

_SIGNALS = read_toml("meldingen.toml")
_RULES = read_toml("regels.toml")
_CONVERSATIONS = read_toml("gesprekken.toml")

#: The register as loaded by ``load_demo`` is dated this many days back, before the first record below,
#: so that a risk's history reads in order: created first, then discussed.
REGISTER_AGE_DAYS: int = read_toml("register.toml")["age_days"]

#: Why an agenda item of each kind is on the agenda, when the item does not say so itself.
AGENDA_REASONS: dict[str, str] = _CONVERSATIONS["agenda_reasons"]

SIGNALS: tuple[dict[str, Any], ...] = tuple(_SIGNALS["signals"])
RULES: tuple[dict[str, Any], ...] = tuple(_RULES["rules"])
DEVIATIONS: tuple[dict[str, Any], ...] = tuple(_RULES["deviations"])
RULE_REVIEWS: tuple[dict[str, Any], ...] = tuple(_RULES["rule_reviews"])
CONVERSATIONS: tuple[dict[str, Any], ...] = tuple(_CONVERSATIONS["conversations"])
