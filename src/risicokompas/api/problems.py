# SPDX-License-Identifier: EUPL-1.2
"""Errors as RFC 9457 problem details (``application/problem+json``), as the API Design Rules ask."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_JSON = "application/problem+json"

TITLES = {
    400: "Ongeldige invoer",
    401: "Niet geauthenticeerd",
    403: "Niet toegestaan",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    409: "Conflict",
    415: "Mediatype niet ondersteund",
    429: "Te veel verzoeken",
}


def problem(status_code: int, detail: str, **extra) -> Response:
    body = {"type": "about:blank", "title": TITLES.get(status_code, "Fout"), "status": status_code}
    body["detail"] = detail
    body.update(extra)
    return Response(body, status=status_code, content_type=PROBLEM_JSON)


def _invalid_params(data, prefix: str = "") -> list[dict[str, str]]:
    """DRF's nested error dict as a flat list of {name, reason}."""
    params: list[dict[str, str]] = []
    if isinstance(data, dict):
        for name, value in data.items():
            params += _invalid_params(value, f"{prefix}.{name}" if prefix else str(name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, dict | list):
                params += _invalid_params(value, f"{prefix}[{index}]")
            else:
                params.append({"name": prefix or "non_field_errors", "reason": str(value)})
    else:
        params.append({"name": prefix or "non_field_errors", "reason": str(data)})
    return params


def handle(exc, context):
    """DRF's exception handler, with every error as problem details."""
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(errors)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        result = problem(
            status.HTTP_400_BAD_REQUEST,
            "De invoer is niet geldig.",
            **{"invalid-params": _invalid_params(response.data)},
        )
    else:
        data = response.data
        detail: str
        if isinstance(exc, Http404):
            detail = str(exc) or "Niet gevonden."
        elif isinstance(exc, PermissionDenied):
            detail = str(exc) or "Uw rol staat dit niet toe."
        else:
            detail = str(data.get("detail", "")) if isinstance(data, dict) else str(data)
        result = problem(response.status_code, detail)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    return result
