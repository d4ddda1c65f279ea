# SPDX-License-Identifier: EUPL-1.2
"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Only ``/usr/bin/chromium`` is used, never a browser downloaded by ``playwright install``; without it the
tests are skipped with that reason. The helpers (axe-core check, login, screenshots) are in ``fixtures.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django then refuses ORM calls from it
# (SynchronousOnlyOperation). The tests call the ORM only for setup and checks, never concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("RISICOKOMPAS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} ontbreekt: installeer Debian's chromium (make install doet dat)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    # Every browser test also checks the Content-Security-Policy: nothing on any page it visits (htmx,
    # the SVG charts, forms) may be refused by it.
    refused: list[str] = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield page
    context.close()
    assert refused == [], "\n".join(refused)
