# SPDX-License-Identifier: EUPL-1.2
"""Structured logs: one JSON object per line (``LOG_FORMAT=json``), for a log collector in production.

Each line holds the time (UTC, ISO 8601), the level, the logger, the message and, when Django's request
logger passes them, the request's method, path and response status; an exception's traceback is kept as
text. Nothing else from the request is written (no query string, no user, no body), so a log line can never
carry what a form sent — an anonymous signal's text included.
"""

from __future__ import annotations

import datetime
import json
import logging


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None:
            entry["method"] = getattr(request, "method", None)
            entry["path"] = getattr(request, "path", None)
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
