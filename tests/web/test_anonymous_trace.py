# SPDX-License-Identifier: EUPL-1.2
"""Filing an anonymous signal leaves no trace that leads back to the reporter.

The request is watched from every side: every row of every table before and after it (sessions, the
security log, history tables, axes …), every log line, every mail and the cache. Only the signal's own row
may appear, and nothing anywhere may name the reporter's id, username, e-mail, address or team. The response
is as long as a named filing's, so an access log's byte count does not tell them apart either.
"""

from __future__ import annotations

import logging
import pickle

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from tests.fixtures import make_user

from risicokompas.signals import notifications
from risicokompas.signals.models import Signal

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
