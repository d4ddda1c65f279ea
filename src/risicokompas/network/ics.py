# SPDX-License-Identifier: EUPL-1.2
"""iCalendar (RFC 5545) export of network meetings, written by hand: it is small.

Text values are escaped (backslash, semicolon, comma, newline); content lines are folded at 75 octets
without splitting a UTF-8 character; lines end in CRLF; times are UTC (``...Z``).
"""

from __future__ import annotations

from datetime import UTC, datetime

PRODID = "-//Risicokompas//Leernetwerk//NL"


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets, continuation lines starting with a space."""
    parts: list[str] = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = char
            limit = 74  # the leading space of a continuation line counts as one octet
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_calendar(meeting, domain: str, now: datetime | None = None) -> str:
    """The meeting as a VCALENDAR with one VEVENT."""
    now = now or datetime.now(UTC)
    description = meeting.programme
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{domain}",
        f"DTSTAMP:{utc(now)}",
        f"DTSTART:{utc(meeting.starts_at)}",
        f"DTEND:{utc(meeting.ends_at)}",
        f"SUMMARY:{escape_text(f'{meeting.network.name}: {meeting.title}')}",
    ]
    if meeting.place:
        lines.append(f"LOCATION:{escape_text(meeting.place)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
