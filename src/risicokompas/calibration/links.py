# SPDX-License-Identifier: EUPL-1.2
"""Links on the calibration page that apps above calibration provide (calibration may not import them).

An app higher in the layers registers a provider in its ``AppConfig.ready``; the page asks every provider
for the links that fit the signed-in user and their organisation. The learning network adds "Vergelijk
met het netwerk" for an organisation that takes part in a network's pooled calibration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpRequest

from risicokompas.organisations.models import Organisation


@dataclass(frozen=True)
class PageLink:
    text: str
    url: str


Provider = Callable[[HttpRequest, Organisation], Iterable[PageLink]]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """Add ``provider`` once (``ready`` may run more than once, e.g. in tests)."""
    if provider not in _providers:
        _providers.append(provider)


def links_for(request: HttpRequest, organisation: Organisation) -> list[PageLink]:
    return [link for provider in _providers for link in provider(request, organisation)]
