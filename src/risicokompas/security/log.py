# SPDX-License-Identifier: EUPL-1.2
"""Writing the security log: ``record(kind, request=…, obj=…)`` from every place a security event happens.

Who and from where come from the request (the signed-in user, ``REMOTE_ADDR``, the current organisation)
unless given. Never record anything about an anonymous signal: no event is written when one is filed.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from risicokompas.security.models import SecurityEvent

Kind = SecurityEvent.Kind
Outcome = SecurityEvent.Outcome


def client_ip(request: HttpRequest | None) -> str | None:
    """The address the request came from. Behind a proxy the proxy must set ``REMOTE_ADDR`` (e.g. gunicorn
    with ``--forwarded-allow-ips``); a client-supplied X-Forwarded-For is not trusted here."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _organisation_id(request: HttpRequest | None) -> int | None:
    membership = getattr(request, "membership", None) if request is not None else None
    return getattr(membership, "organisation_id", None)


def record(
    kind: str,
    *,
    request: HttpRequest | None = None,
    actor=None,
    actor_name: str | None = None,
    organisation_id: int | None = None,
    obj: Any = None,
    object_type: str | None = None,
    outcome: str = Outcome.SUCCESS,
    **detail: Any,
) -> SecurityEvent:
    """Append one event. ``actor`` defaults to the request's signed-in user; ``obj`` is a model instance
    (its model name, pk and str are kept); ``detail`` is stored as JSON (plain values only)."""
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if organisation_id is None:
        organisation_id = _organisation_id(request)
    event = SecurityEvent(
        kind=kind,
        outcome=outcome,
        actor_id=actor.pk if actor is not None else None,
        actor=(actor.get_username() if actor is not None else (actor_name or ""))[:254],
        organisation_id=organisation_id,
        ip=client_ip(request),
        detail={key: value for key, value in detail.items() if value is not None},
    )
    if obj is not None:
        event.object_type = object_type or obj._meta.model_name
        event.object_id = str(obj.pk)
        event.object_repr = str(obj)[:254]
    elif object_type:
        event.object_type = object_type
    event.save()
    return event
