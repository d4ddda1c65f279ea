# SPDX-License-Identifier: EUPL-1.2
"""Error pages in the site's style, in the user's language, saying what to do next: 403, 404, 500 and a
refused form (CSRF), and 503 when the database was busy with someone else's change. Django's own pages are English and bare, and its yellow debug page is for developers:
with DEBUG on (the development default) a signed-in user still gets these pages for 403 and 404
(``FriendlyErrorsMiddleware``); a developer who wants the debug page sets DEBUG_ERROR_PAGES=1."""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

#: How a database says it is busy with someone else's change (SQLite's lock, PostgreSQL's lock waits and
#: deadlocks): the request did nothing and can simply be tried again.
BUSY_MESSAGES = (
    "database is locked",
    "database table is locked",
    "deadlock detected",
    "could not serialize access",
    "lock timeout",
    "could not obtain lock",
)
RETRY_AFTER_SECONDS = 2


def is_busy(exception: BaseException | None) -> bool:
    """Whether ``exception`` means the database was busy (locked), not that something is broken."""
    if not isinstance(exception, OperationalError):
        return False
    text = str(exception).lower()
    return any(message in text for message in BUSY_MESSAGES)


def busy(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: nothing was saved, try again; the API answers with a problem document."""
    detail = "Het systeem is even bezet met andere wijzigingen. Er is niets opgeslagen; probeer het opnieuw."
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"type": "about:blank", "title": "Even bezet", "status": 503, "detail": detail},
            status=503,
            content_type="application/problem+json",
        )
    else:
        from django.template import loader

        response = HttpResponse(loader.get_template("errors/503.html").render({}), status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["X-Risicokompas-Error-Page"] = "503"
    return response


def _page(request: HttpRequest, status: int, template: str) -> HttpResponse:
    response = render(request, template, {"status": status}, status=status)
    response.headers["X-Risicokompas-Error-Page"] = str(status)  # ours, not Django's debug page
    return response


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403, "errors/403.html")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404, "errors/404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception, so it is still at hand: a busy database (also when a
    # middleware hit it, for instance saving the session) is a 503 "try again", not a 500.
    if is_busy(sys.exc_info()[1]):
        return busy(request)
    # No context processors that could fail again: the base template is not used on a 500.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render({}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(request, 403, "errors/csrf.html")


class FriendlyErrorsMiddleware:
    """With DEBUG on, show a signed-in user the Dutch 403/404 pages instead of Django's debug page."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # An address that matches no URL never reaches a view (so not process_exception below): the
        # resolver's 404 arrives here as Django's debug page, which a signed-in user should not see.
        if (
            response.status_code == 404
            and self._friendly(request)
            and "X-Risicokompas-Error-Page" not in response.headers
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return not_found(request)
        return response

    @staticmethod
    def _friendly(request: HttpRequest) -> bool:
        if not settings.DEBUG or getattr(settings, "DEBUG_ERROR_PAGES", False):
            return False
        user = getattr(request, "user", None)
        return user is not None and user.is_authenticated

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_busy(exception):
            return busy(request)  # with DEBUG on or off: the database was busy, try again
        if not self._friendly(request):
            return None  # without DEBUG, Django calls the handlers above itself
        if isinstance(exception, Http404):
            return not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return forbidden(request, exception)
        return None
