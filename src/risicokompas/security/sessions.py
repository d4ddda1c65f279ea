# SPDX-License-Identifier: EUPL-1.2
"""Django's session middleware, with one exception: a response may ask that the session is not saved.

With ``SESSION_SAVE_EVERY_REQUEST`` (the inactivity timeout) every request rewrites the session row, and the
row's new expiry then says to the second when that person sent that request. Filing a signal must not leave
that trace (an anonymous signal could be tied to its reporter), so the filing view calls
``skip_session_save(request)``: the session is neither saved nor its cookie renewed for that one response.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import logout
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

_MARK = "_risicokompas_skip_session_save"


def skip_session_save(request: HttpRequest) -> None:
    """Leave the session (its row and its cookie) exactly as it was before this request."""
    setattr(request, _MARK, True)


class SessionMiddleware(DjangoSessionMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if getattr(request, _MARK, False):
            return response
        return super().process_response(request, response)


# --- signing a person out everywhere, whatever the session engine ---------------------------------------

#: The moment a session began (ISO 8601, UTC), written at login.
SINCE_KEY = "_risicokompas_since"
_CACHE_KEY = "session-cutoff:{}"
_CACHE_SECONDS = 3600


def mark_session_start(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: remember when this session began (the cutoff compares against it)."""
    if request is not None and hasattr(request, "session"):
        request.session[SINCE_KEY] = timezone.now().isoformat()


def end_sessions_before(user, moment: datetime.datetime | None = None) -> None:
    """Every session of ``user`` that began before ``moment`` (now) ends at its next request."""
    from risicokompas.security.models import SessionCutoff

    moment = moment or timezone.now()
    SessionCutoff.objects.update_or_create(user=user, defaults={"not_before": moment})
    cache.set(_CACHE_KEY.format(user.pk), moment.timestamp(), _CACHE_SECONDS)


def _cutoff(user_id: int) -> float:
    """The user's cutoff as a timestamp, 0 without one; read through the (shared) cache."""
    from risicokompas.security.models import SessionCutoff

    key = _CACHE_KEY.format(user_id)
    found = cache.get(key)
    if found is None:
        moment = SessionCutoff.objects.filter(user_id=user_id).values_list("not_before", flat=True).first()
        found = moment.timestamp() if moment is not None else 0.0
        cache.set(key, found, _CACHE_SECONDS)
    return float(found)


class SessionCutoffMiddleware:
    """After authentication: a session that began before its person's cutoff is logged out."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            cutoff = _cutoff(user.pk)
            if cutoff:
                since = request.session.get(SINCE_KEY)
                began = datetime.datetime.fromisoformat(since).timestamp() if since else 0.0
                if began < cutoff:
                    logout(request)
        return self.get_response(request)
