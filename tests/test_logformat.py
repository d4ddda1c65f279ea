# SPDX-License-Identifier: EUPL-1.2
"""Structured logs: LOG_FORMAT=json gives one JSON object per line with time, level, logger and message,
plus the request's method, path and status when Django's request logger passes them — nothing more."""

import json
import logging
import os
import subprocess
import sys
from types import SimpleNamespace

from risicokompas.conf.logformat import JsonFormatter


def record(**extra) -> logging.LogRecord:
    rec = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/x",), None)
    for key, value in extra.items():
        setattr(rec, key, value)
    return rec


def test_a_line_is_one_json_object_with_time_level_logger_and_message():
    line = JsonFormatter().format(record())
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert entry["message"] == "Not Found: /x" and entry["time"].endswith("+00:00")


def test_a_request_gives_its_method_path_and_status_but_never_its_query_or_user():
    request = SimpleNamespace(method="POST", path="/meldingen/nieuw/", GET={"q": "geheim"}, user="iemand")
    entry = json.loads(JsonFormatter().format(record(request=request, status_code=403)))
    assert (entry["method"], entry["path"], entry["status"]) == ("POST", "/meldingen/nieuw/", 403)
    assert "geheim" not in json.dumps(entry) and "iemand" not in json.dumps(entry)


def test_an_unknown_log_format_stops_the_start_with_a_clear_message():
    env = {**os.environ, "LOG_FORMAT": "xml", "DJANGO_SETTINGS_MODULE": "risicokompas.conf.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "LOG_FORMAT moet 'text' of 'json' zijn" in result.stderr
