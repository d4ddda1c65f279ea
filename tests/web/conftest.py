# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the web tests that walk every route (``tests/web/access_world.py``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from tests.web.access_world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """Two organisations with one object of every kind, built once per module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
