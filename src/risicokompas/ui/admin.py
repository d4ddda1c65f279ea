# SPDX-License-Identifier: EUPL-1.2
"""Helpers for the Django admin (``/beheer/``, superusers only) that every app's ``admin.py`` uses.

Models with history (django-simple-history) get its "Geschiedenis" pages, read-only: a past version can be
looked at but never restored from the admin, because a restore would bypass the services that write the
reason and the history rows. Records that are themselves history or a frozen result (a change row, a
snapshot, an approval) are read-only altogether.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from simple_history.admin import SimpleHistoryAdmin


# django-simple-history ships no type information, so its admin class is Any to mypy.
class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    """The history pages of simple_history without "revert" (the button is hidden by the setting
    ``SIMPLE_HISTORY_REVERT_DISABLED``; a forged POST is refused here)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("De geschiedenis is alleen te lezen")
        return super().history_form_view(request, object_id, version_id, extra_context)


class RecordAdmin(admin.ModelAdmin):
    """A record that must never change afterwards: shown, never added, changed or deleted."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def register(
    model: type[models.Model],
    *,
    display: Sequence[str] = ("__str__",),
    search: Sequence[str] = (),
    filters: Sequence[str] = (),
    record: bool = False,
    raw_ids: Sequence[str] = (),
    site: admin.AdminSite = admin.site,
) -> None:
    """Register ``model`` with list columns, search fields and list filters; the base class follows from
    the model (history → read-only history pages, ``record`` → read-only)."""
    if record:
        base: type[admin.ModelAdmin] = RecordAdmin
    elif hasattr(model, "history"):
        base = ReadOnlyHistoryAdmin
    else:
        base = admin.ModelAdmin
    options = {
        "list_display": tuple(display),
        "search_fields": tuple(search),
        "list_filter": tuple(filters),
        "raw_id_fields": tuple(raw_ids),
        "__module__": model.__module__,
    }
    site.register(model, type(f"{model.__name__}Admin", (base,), options))
