# SPDX-License-Identifier: EUPL-1.2
"""The app server's start (``risicokompas.web.wsgi``): every view imported, then what was loaded frozen out
of the garbage collector's walks."""

from __future__ import annotations

import gc
import sys

from risicokompas.web.startup import settle


def test_settle_imports_the_views_and_freezes_what_is_loaded():
    gc.unfreeze()
    try:
        settle()
        assert gc.get_freeze_count() > 10_000  # the application: modules, URL patterns, templates' code
        assert "risicokompas.dashboard.views" in sys.modules
        assert "risicokompas.api.views" in sys.modules
        frozen = gc.get_freeze_count()
        later = [[n] for n in range(1_000)]  # what requests make afterwards stays collectable
        assert all(gc.is_tracked(o) for o in later) and gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()  # the test process goes on as before


def test_the_wsgi_module_settles_the_application(monkeypatch):
    calls = []
    monkeypatch.setattr("risicokompas.web.startup.settle", lambda: calls.append(True))
    sys.modules.pop("risicokompas.web.wsgi", None)
    import risicokompas.web.wsgi as wsgi

    assert calls == [True]
    assert callable(wsgi.application)
