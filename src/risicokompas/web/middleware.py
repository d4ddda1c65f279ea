# SPDX-License-Identifier: EUPL-1.2
"""Language: Dutch unless the user chose another language (cookie set by the language switcher).

Django's LocaleMiddleware would follow the browser's Accept-Language, so an English browser would get
an English interface nobody asked for; here the organisation's language, Dutch, is the default.
"""

from __future__ import annotations

from django.conf import settings
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
