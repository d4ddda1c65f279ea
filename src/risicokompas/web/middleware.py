# SPDX-License-Identifier: EUPL-1.2
"""Language: Dutch unless the user chose another language (cookie set by the language switcher).

Django's LocaleMiddleware would follow the browser's Accept-Language, so an English browser would get
an English interface nobody asked for; here the organisation's language, Dutch, is the default.

Outside production, a header tells whether a page's simulation came from the (shared) cache.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponseBadRequest
from django.utils import translation


class LanguageMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SimulationCacheHeaderMiddleware:
    """``X-Simulation-Cache: hit`` (or ``miss``, one per simulation in call order) on pages that simulate a
    register, outside production only (``SIMULATION_CACHE_HEADER``): how a test or a developer sees that an
    app server reused a result another server put in the shared cache. Production never shows it."""

    def __init__(self, get_response) -> None:
        if not settings.SIMULATION_CACHE_HEADER:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        from risicokompas.risks.simulation import recording_cache_outcomes

        with recording_cache_outcomes() as outcomes:
            response = self.get_response(request)
        if outcomes:
            response.headers["X-Simulation-Cache"] = ", ".join(outcomes)
        return response


class RejectNulMiddleware:
    """Refuse a request whose parameters hold a NUL character (0x00) with a Dutch 400, before any view
    reads them: PostgreSQL text cannot store it, so a search or filter with one would end in a 500 there
    (and no form field has a use for it anywhere)."""

    MESSAGE = "Het verzoek bevat een ongeldig teken (NUL). Pas de invoer aan en probeer het opnieuw."

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        form = request.method == "POST" and request.content_type == "application/x-www-form-urlencoded"
        if _holds_nul(request.GET) or (form and _holds_nul(request.POST)):
            return HttpResponseBadRequest(self.MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _holds_nul(params) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in params.lists())
