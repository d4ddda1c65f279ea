# SPDX-License-Identifier: EUPL-1.2
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "risicokompas.conf.settings")
application = get_wsgi_application()

from risicokompas.web.startup import settle  # noqa: E402 - needs the settings configured above

settle()
