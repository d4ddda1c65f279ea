# SPDX-License-Identifier: EUPL-1.2
"""Import and export of the register. Placeholder bodies: being built."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


def _todo(request):
    return HttpResponse(status=501)


import_upload = import_confirm = export_xlsx = template_xlsx = login_required(_todo)
