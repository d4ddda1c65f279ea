# SPDX-License-Identifier: EUPL-1.2
"""The job kinds: apps above this one register a function by name in their ``AppConfig.ready``.

A job function takes the job and a ``Progress`` and returns an ``Outcome``; it raises ``JobFailed`` with a
Dutch reason the user can act on. It must be idempotent: run again with the same inputs (a retry, or a
worker that died and got the message again) it gives the same result and writes no records twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from risicokompas.jobs.models import Job
    from risicokompas.jobs.progress import Progress


class JobFailed(Exception):
    """The job cannot be done; ``message`` (Dutch) is shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Outcome:
    """What a job made: a message, data for the page (``link``, ``link_text``) and optionally a file."""

    message: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    file: bytes | None = None
    filename: str = ""
    content_type: str = "application/octet-stream"
    #: Keep the job's input file after it is done (a later job uses it); normally it is dropped.
    keep_input: bool = False


JobFunction = Callable[["Job", "Progress"], Outcome]
_KINDS: dict[str, JobFunction] = {}


def register(kind: str, function: JobFunction) -> None:
    """Register ``function`` as job kind ``kind`` (registering the same function again is harmless)."""
    existing = _KINDS.get(kind)
    if existing is not None and existing is not function:
        raise ValueError(f"job kind {kind!r} is already registered")
    _KINDS[kind] = function


def function_for(kind: str) -> JobFunction:
    try:
        return _KINDS[kind]
    except KeyError:
        raise JobFailed(f"Onbekende soort taak: {kind}.") from None


def kinds() -> tuple[str, ...]:
    return tuple(sorted(_KINDS))
