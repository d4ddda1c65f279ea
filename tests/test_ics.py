# SPDX-License-Identifier: EUPL-1.2
"""The hand-written iCalendar export (RFC 5545): structure, escaping, UTC times and line folding."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from risicokompas.network.ics import escape_text, fold, meeting_calendar


def meeting(**changes):
    values = {
        "pk": 7,
        "title": "Bijeenkomst",
        "network": SimpleNamespace(name="Leernetwerk"),
        "starts_at": datetime(2026, 6, 1, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam")),
        "ends_at": datetime(2026, 6, 1, 17, 0, tzinfo=ZoneInfo("Europe/Amsterdam")),
        "place": "Stadhuis, Raadzaal",
        "programme": "Opening; welkom\nCasus",
    }
    values.update(changes)
    return SimpleNamespace(**values)


def test_escaping_of_text_values():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_a_calendar_has_one_event_with_the_required_properties_in_utc():
    text = meeting_calendar(meeting(), "example.org", now=datetime(2026, 5, 1, 8, 0, tzinfo=UTC))
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "VERSION:2.0" in lines and "BEGIN:VEVENT" in lines and "END:VEVENT" in lines
    assert "UID:meeting-7@example.org" in lines
    assert "DTSTAMP:20260501T080000Z" in lines
    assert "DTSTART:20260601T120000Z" in lines and "DTEND:20260601T150000Z" in lines
    assert "LOCATION:Stadhuis\\, Raadzaal" in lines
    assert "DESCRIPTION:Opening\\; welkom\\nCasus" in lines
    assert "\n" not in text.replace("\r\n", "")


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    line = "DESCRIPTION:" + "é" * 100 + "x" * 50
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line
    assert fold("SUMMARY:kort") == "SUMMARY:kort"


def test_every_line_of_a_long_calendar_is_at_most_75_octets():
    text = meeting_calendar(meeting(programme="Spreker: " + "lange tekst, " * 40), "example.org")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
