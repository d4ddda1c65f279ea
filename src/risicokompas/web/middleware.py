# SPDX-License-Identifier: EUPL-1.2
"""Language: Dutch unless the user chose another language (cookie set by the language switcher).

Django's LocaleMiddleware would follow the browser's Accept-Language, so an English browser would get
an English interface nobody asked for; here the organisation's language, Dutch, is the default.

Outside production, a header tells whether a page's simulation came from the (shared) cache.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
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
