# SPDX-License-Identifier: EUPL-1.2
"""Network views. Placeholder bodies: being built."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


def _todo(request, pk=None):
    return HttpResponse(status=501)


network_list = login_required(_todo)
