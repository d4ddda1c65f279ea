# SPDX-License-Identifier: EUPL-1.2
"""Django's session middleware, with one exception: a response may ask that the session is not saved.

With ``SESSION_SAVE_EVERY_REQUEST`` (the inactivity timeout) every request rewrites the session row, and the
row's new expiry then says to the second when that person sent that request. Filing a signal must not leave
that trace (an anonymous signal could be tied to its reporter), so the filing view calls
``skip_session_save(request)``: the session is neither saved nor its cookie renewed for that one response.
"""

from __future__ import annotations

from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import HttpRequest, HttpResponse

_MARK = "_risicokompas_skip_session_save"


def skip_session_save(request: HttpRequest) -> None:
    """Leave the session (its row and its cookie) exactly as it was before this request."""
    setattr(request, _MARK, True)


class SessionMiddleware(DjangoSessionMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if getattr(request, _MARK, False):
            return response
        return super().process_response(request, response)
