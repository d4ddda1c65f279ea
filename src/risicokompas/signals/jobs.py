# SPDX-License-Identifier: EUPL-1.2
"""The daily announcement of anonymous signals as a scheduled job (celery beat; cron may run
``manage.py announce_signals`` instead)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from risicokompas.jobs.registry import Outcome
from risicokompas.signals import notifications

ANNOUNCE = "signals.announce"


def announce_signals(job, progress) -> Outcome:
    """Mail the triagers about the anonymous signals filed since the last run (idempotent: each once)."""
    count = notifications.announce_pending(settings.RISICOKOMPAS_BASE_URL)
    return Outcome(
        message=_("%(count)d anonieme melding(en) aangekondigd.") % {"count": count}, data={"count": count}
    )
