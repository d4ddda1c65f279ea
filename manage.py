#!/usr/bin/env python
# SPDX-License-Identifier: EUPL-1.2
"""Django's command-line utility for Risicokompas."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "risicokompas.conf.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
