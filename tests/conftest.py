# SPDX-License-Identifier: EUPL-1.2
"""Pytest fixtures shared by all tests; the plain helpers they use live in ``tests/fixtures.py``."""

from __future__ import annotations

import pytest

from tests.fixtures import Cast


@pytest.fixture
def cast(db) -> Cast:
    """Gemeente Aadorp with a controller, owner, employee and reader; Gemeente Bedorp with its controller."""
    return Cast()


@pytest.fixture
def login(client):
    """login(user) logs the test client in as that user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
