# SPDX-License-Identifier: EUPL-1.2
"""Background jobs: work that takes too long for a request, run by a Celery worker (or in-process)."""
