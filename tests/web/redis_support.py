# SPDX-License-Identifier: EUPL-1.2
"""Which Redis the tests use: REDIS_URL when set, else the local one on its own database when it answers."""

from __future__ import annotations

import os
import socket

LOCAL_REDIS = "redis://127.0.0.1:6379/15"  # a database of its own, away from a development instance


def _redis_answers(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


REDIS_URL = os.environ.get("REDIS_URL") or (LOCAL_REDIS if _redis_answers() else "")
