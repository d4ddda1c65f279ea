# SPDX-License-Identifier: EUPL-1.2
"""Who may see a job: only the person who started it, in the organisation they work in now.

Another organisation's job, or a colleague's, is a 404 (its existence is not revealed).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from risicokompas.jobs.models import Job
from risicokompas.organisations.access import current_membership


def get_job_for(request: HttpRequest, pk) -> Job:
    membership = current_membership(request)
    try:
        return Job.objects.get(pk=int(pk), organisation=membership.organisation, user=membership.user)
    except (Job.DoesNotExist, ValueError, TypeError):
        raise Http404("Taak niet gevonden") from None
