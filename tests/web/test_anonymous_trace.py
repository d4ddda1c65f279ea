# SPDX-License-Identifier: EUPL-1.2
"""Filing an anonymous signal leaves no trace that leads back to the reporter.

The request is watched from every side: every row of every table before and after it (sessions, the
security log, history tables, axes …), every log line, every mail and the cache. Only the signal's own row
may appear, and nothing anywhere may name the reporter's id, username, e-mail, address or team. The response
is as long as a named filing's, so an access log's byte count does not tell them apart either. And the
signal's id, its addresses and its place in every list say nothing about when it was filed among the others.
"""

from __future__ import annotations

import datetime
import logging
import pickle
import random
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone
from tests.fixtures import make_user

from risicokompas.conversations.agenda import untriaged_signals
from risicokompas.conversations.models import AgendaItem, Conversation
from risicokompas.signals import models as signal_models
from risicokompas.signals import notifications
from risicokompas.signals.models import SIGNAL_ID_MAX, SIGNAL_ID_MIN, Signal

TEAM = "Wijkteam Noordoost"
SIGNAL = {
    "title": "Vervoerder Wmo gaat failliet",
    "threatens": "Vervoer naar dagbesteding",
    "cause": "Krappe marges",
    "consequence": "Noodcontract",
    "likelihood_class": "2",
    "impact_class": "3",
    "programme": "",
}


def _all_rows() -> dict[str, set[tuple]]:
    """Every row of every table, as text, by table name."""
    tables = connection.introspection.table_names()
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # table names from introspection
            rows[table] = {tuple(str(value) for value in row) for row in cursor.fetchall()}
    return rows


def _cache_items() -> dict[str, bytes]:
    store = getattr(cache, "_cache", None)
    assert store is not None, "the tests use the local-memory cache"
    return {key: value if isinstance(value, bytes) else pickle.dumps(value) for key, value in store.items()}


@pytest.fixture
def reporter(cast):
    user = make_user("anna.jansen", cast.org, "medewerker", team=TEAM)
    user.first_name, user.last_name, user.email = "Anna", "Jansen", "anna.jansen@example.org"
    user.save()
    cast.controller.email = "controller@example.org"
    cast.controller.save()
    return user


def _identifying(user) -> set[str]:
    return {
        user.username,
        user.email,
        "Jansen",
        TEAM,
        "127.0.0.1",
        f"user:{user.pk}",
        f'"actor_id": {user.pk}',
    }


def test_the_form_never_preselects_the_reporters_team(client, cast, reporter, login):
    cast.org.risks.create(code="R1", name="x", programme=TEAM)  # the team is one of the choices
    login(reporter)
    form = client.get(reverse("signals:create")).context["form"]
    assert (TEAM, TEAM) in form.fields["programme"].choices
    assert form["programme"].value() in ("", None)


def test_an_anonymous_filing_changes_only_the_signal_row_and_says_nothing_anywhere(
    client, cast, reporter, login, caplog
):
    login(reporter)
    client.get(reverse("signals:create"))  # a normal request first: the session row exists and is current
    mail.outbox.clear()
    before, cache_before = _all_rows(), _cache_items()
    caplog.set_level(logging.DEBUG)

    response = client.post(reverse("signals:create"), {**SIGNAL, "anonymous": "on"})

    assert response.status_code == 200 and "bewaar deze code" in response.content.decode()
    after, cache_after = _all_rows(), _cache_items()
    changed = {table for table in after if after[table] != before.get(table)}
    assert changed == {Signal._meta.db_table}, changed  # no session, security-log, history or axes row
    (new_row,) = after[Signal._meta.db_table] - before[Signal._meta.db_table]
    words = _identifying(reporter)
    assert not [w for w in words if any(w.lower() in value.lower() for value in new_row)]
    assert Signal.objects.get().reporter_id is None
    assert "sessionid" not in response.cookies  # the session cookie is not renewed either

    logged = "\n".join(f"{r.name} {r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert not [w for w in words if w.lower() in logged.lower()]
    assert not mail.outbox  # no mail at the second of filing
    for key, value in cache_after.items():
        if cache_before.get(key) != value:
            assert not [w for w in words if w.encode() in key.encode() + value]

    # The daily run announces it later, saying nothing about who filed it.
    assert notifications.announce_pending("https://risicokompas.example") == 1
    (message,) = mail.outbox
    text = message.subject + message.body + " ".join(message.to)
    assert "Gemeld door: anoniem" in message.body
    assert not [w for w in words if w.lower() in text.lower()]


def test_anonymous_and_named_filings_have_responses_of_the_same_size(client, cast, reporter, login):
    login(reporter)
    anonymous = client.post(reverse("signals:create"), {**SIGNAL, "anonymous": "on"})
    named = client.post(reverse("signals:create"), SIGNAL)
    assert "bewaar deze code" in anonymous.content.decode()
    assert "bewaar deze code" not in named.content.decode()
    assert len(anonymous.content) == len(named.content)
    assert sorted(anonymous.headers) == sorted(named.headers)


def test_a_named_filing_still_mails_at_once_and_the_session_keeps_working(client, cast, reporter, login):
    login(reporter)
    client.post(reverse("signals:create"), SIGNAL)
    assert [m.to for m in mail.outbox] == [["controller@example.org"]]
    assert "Anna Jansen" in mail.outbox[0].body
    assert client.get(reverse("signals:mine")).status_code == 200  # still signed in


def test_the_daily_command_announces_pending_anonymous_signals_once(client, cast, reporter, login, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.RISICOKOMPAS_BASE_URL = "https://risicokompas.example"
    login(reporter)
    client.post(reverse("signals:create"), {**SIGNAL, "anonymous": "on"})
    out = StringIO()
    call_command("announce_signals", stdout=out)
    assert "1 anonieme melding(en) aangekondigd" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["controller@example.org"]]
    assert "https://risicokompas.example/" in mail.outbox[0].body
    call_command("announce_signals", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_celery_beat_announces_pending_anonymous_signals_once(client, cast, reporter, login, settings):
    from risicokompas.jobs.models import Job
    from risicokompas.jobs.tasks import run_periodic

    entry = settings.CELERY_BEAT_SCHEDULE["anonieme-meldingen"]
    assert entry["task"] == "risicokompas.jobs.periodic" and entry["args"][0] == "signals.announce"
    login(reporter)
    client.post(reverse("signals:create"), {**SIGNAL, "anonymous": "on"})
    assert mail.outbox == []
    assert run_periodic.apply(args=entry["args"]).get() == Job.Status.DONE
    assert [m.to for m in mail.outbox] == [["controller@example.org"]]
    run_periodic.apply(args=entry["args"])  # a second run announces nothing again
    assert len(mail.outbox) == 1
    assert Job.objects.filter(kind="signals.announce").order_by("pk").first().message.startswith("1 anonieme")


# --- the order of filing -----------------------------------------------------------------------------------

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FILINGS = 40
SIGNAL_LINK = re.compile(r'href="/meldingen/(\d+)/"')


def _kendall_tau(ranks: list[int]) -> float:
    """Kendall's rank correlation of ``ranks`` with 0, 1, 2, …: 1 for the same order, about 0 for none."""
    pairs = [(i, j) for i in range(len(ranks)) for j in range(i + 1, len(ranks))]
    agree = sum(1 if ranks[i] < ranks[j] else -1 for i, j in pairs)
    return agree / len(pairs)


def _file_interleaved(client, reporter, monkeypatch) -> list[int]:
    """File named and anonymous signals by turns (in a shuffled pattern), a minute apart on one day; the
    ids in the order they were filed."""
    pattern = [True, False] * (FILINGS // 2)
    random.Random(20261202).shuffle(pattern)
    start = datetime.datetime(2026, 12, 2, 9, 0, tzinfo=AMSTERDAM)
    filed = []
    for minute, anonymous in enumerate(pattern):
        monkeypatch.setattr(timezone, "now", lambda minute=minute: start + datetime.timedelta(minutes=minute))
        data = {**SIGNAL, "title": f"Melding {minute}", **({"anonymous": "on"} if anonymous else {})}
        assert client.post(reverse("signals:create"), data).status_code == 200
        filed.append(Signal.objects.get(title=f"Melding {minute}").pk)
    return filed


def test_ids_addresses_and_lists_carry_no_order_of_filing(client, cast, reporter, login, monkeypatch):
    """A sequential id would place an anonymous signal (its time kept to the day) between the named signals
    filed before and after it. The ids are random, of one length, and every list orders by day and id."""
    login(reporter)
    filed = _file_interleaved(client, reporter, monkeypatch)

    assert len(set(filed)) == FILINGS
    assert all(SIGNAL_ID_MIN <= pk <= SIGNAL_ID_MAX and len(str(pk)) == 16 for pk in filed)
    by_id = sorted(filed)
    tau = _kendall_tau([by_id.index(pk) for pk in filed])
    # A counter gives 1.0; for random ids tau has a standard deviation of about 0.11 at 40 filings.
    assert abs(tau) < 0.5, tau
    assert sorted(filed) != filed and sorted(filed, reverse=True) != filed

    # The inbox, the conversation agenda and the default order list them by (day, random id): the same
    # order however they were filed.
    login(cast.controller)
    inbox = client.get(reverse("signals:inbox")).content.decode()
    listed = [int(pk) for pk in SIGNAL_LINK.findall(inbox)]
    assert listed == by_id
    conversation = Conversation.objects.create(
        organisation=cast.org, title="Overleg", date=datetime.date(2026, 12, 3), organiser=cast.controller
    )
    assert [item.signal.pk for item in untriaged_signals(conversation)] == by_id
    assert list(Signal.objects.values_list("pk", flat=True)) == by_id
    # The announcement mails of the anonymous ones link to the random id, nothing more.
    notifications.announce_pending("https://risicokompas.example")
    links = {int(pk) for m in mail.outbox for pk in re.findall(r"/meldingen/(\d+)/behandelen/", m.body)}
    assert links and links <= set(filed)


def test_a_clash_of_random_ids_draws_a_new_one(cast, monkeypatch):
    first = Signal.objects.create(organisation=cast.org, title="Eerste", due_date=datetime.date(2026, 12, 9))
    fresh = SIGNAL_ID_MIN + 7 if first.pk != SIGNAL_ID_MIN + 7 else SIGNAL_ID_MIN + 8
    monkeypatch.setattr(signal_models, "new_signal_id", lambda: fresh)
    second = Signal(organisation=cast.org, title="Tweede", due_date=datetime.date(2026, 12, 9), id=first.pk)
    second.save()
    assert second.pk == fresh and Signal.objects.count() == 2
    assert Signal.objects.get(pk=first.pk).title == "Eerste"

    monkeypatch.setattr(signal_models, "new_signal_id", lambda: first.pk)  # every draw taken: give up
    third = Signal(organisation=cast.org, title="Derde", due_date=datetime.date(2026, 12, 9), id=first.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        third.save()
    assert Signal.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_signals_random_ids_and_keeps_every_row(cast):
    before = [("signals", "0003_signal_announcement_pending")]
    after = [("signals", "0004_signal_random_id")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        old = apps.get_model("signals", "Signal").objects
        rows = [
            old.create(organisation_id=cast.org.pk, title=f"Oud {n}", due_date=datetime.date(2026, 1, n))
            for n in range(1, 6)
        ]
        assert [row.pk for row in rows] == sorted(row.pk for row in rows)  # the old counter
        conversation = Conversation.objects.create(
            organisation=cast.org, title="Overleg", date=datetime.date(2026, 1, 9), organiser=cast.controller
        )
        item = AgendaItem.objects.create(conversation=conversation, title="Oud 3", signal_id=rows[2].pk)

        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps.get_model("signals", "Signal").objects
        kept = {row.title: row.pk for row in new.all()}
        assert sorted(kept) == [f"Oud {n}" for n in range(1, 6)]
        assert all(SIGNAL_ID_MIN <= pk <= SIGNAL_ID_MAX for pk in kept.values())
        assert not set(kept.values()) & {row.pk for row in rows}
        assert AgendaItem.objects.get(pk=item.pk).signal_id == kept["Oud 3"]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
