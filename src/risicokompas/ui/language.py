# SPDX-License-Identifier: EUPL-1.2
"""The interface language, and what does not follow it.

A user may read the interface in English (the footer's choice, a cookie). Mail does not follow that
choice: it goes to colleagues, the raad's members or a reporter whose language nobody chose, so it is
written in the organisation's language, Dutch (``LANGUAGE_CODE``), whoever's request sends it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop

P = ParamSpec("P")
T = TypeVar("T")


def in_organisation_language(send: Callable[P, T]) -> Callable[P, T]:
    """Run ``send`` (something that writes mail) in the organisation's language, not the reader's."""

    @functools.wraps(send)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        with translation.override(settings.LANGUAGE_CODE):
            return send(*args, **kwargs)

    return wrapper


#: Words the engine returns in Dutch (it never imports Django) and the pages show through
#: ``{% translate value %}``: listed here so that ``make messages`` puts them in the catalogue.
ENGINE_WORDS = (
    # risicokaart colours (engine.riskmap.RiskColour)
    gettext_noop("groen"),
    gettext_noop("oranje"),
    gettext_noop("rood"),
    # NAR classes of the ratio (engine.capacity.RatioClass); an organisation's own labels stay as entered
    gettext_noop("uitstekend"),
    gettext_noop("ruim voldoende"),
    gettext_noop("voldoende"),
    gettext_noop("matig"),
    gettext_noop("onvoldoende"),
    gettext_noop("ruim onvoldoende"),
)
