# SPDX-License-Identifier: EUPL-1.2
"""Logins, failed logins, lockouts (django-axes) and logouts go into the security log."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from risicokompas.security.log import Kind, Outcome, record


def _logged_in(sender, request, user, **kwargs) -> None:
    if getattr(request, "sso_provider", None):
        return  # a single sign-on login is recorded as SSO_LOGIN, with its provider
    record(Kind.LOGIN, request=request, actor=user, obj=user, object_type="user")


def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        # An SSO session's logout that continues at its provider (RP-initiated logout) names the provider.
        provider = getattr(request, "sso_logout", None)
        record(
            Kind.LOGOUT,
            request=request,
            actor=user,
            obj=user,
            object_type="user",
            provider=provider,
            provider_logout=True if provider else None,
        )


def _account(username: str | None):
    if not username:
        return None
    return get_user_model().objects.filter(username__iexact=username).first()


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or "")[:254]
    account = _account(username)
    record(
        Kind.LOGIN_FAILED,
        request=request,
        actor=account,
        actor_name=username,
        obj=account,
        object_type="user",
        outcome=Outcome.FAILURE,
    )


def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    account = _account(username)
    record(
        Kind.LOCKED_OUT,
        request=request,
        actor=account,
        actor_name=str(username or "")[:254],
        obj=account,
        object_type="user",
        outcome=Outcome.DENIED,
    )


def connect() -> None:
    from risicokompas.security.sessions import mark_session_start

    user_logged_in.connect(mark_session_start, dispatch_uid="security_session_start")
    user_logged_in.connect(_logged_in, dispatch_uid="security_log_login")
    user_logged_out.connect(_logged_out, dispatch_uid="security_log_logout")
    user_login_failed.connect(_login_failed, dispatch_uid="security_log_login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="security_log_locked_out")
