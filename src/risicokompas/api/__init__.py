# SPDX-License-Identifier: EUPL-1.2
"""The REST API under /api/v1/ (Django REST framework, OpenAPI 3 by drf-spectacular), for the begroting
platforms and financial systems around an organisation; authenticated by the organisation's API keys."""
