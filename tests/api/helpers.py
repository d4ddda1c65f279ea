# SPDX-License-Identifier: EUPL-1.2
"""Calling the REST API in tests: an API key for a member, and a request with it."""

from __future__ import annotations

import json

from risicokompas.api import keys

API = "/api/v1/"


def key_for(user, scope="write") -> str:
    membership = user.memberships.get()
    return keys.create_key(
        membership, name=f"{user.username}-{scope}", scope=scope, created_by=user
    ).plaintext


def call(client, method, path, key=None, data=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    body = json.dumps(data) if data is not None else None
    return getattr(client, method)(API + path, data=body, content_type="application/json", **headers)
