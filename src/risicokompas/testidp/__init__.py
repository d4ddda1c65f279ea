# SPDX-License-Identifier: EUPL-1.2
"""A small OpenID Connect provider for trying single sign-on locally and for the SSO tests.

Never part of an installation: it runs as its own process with its own database (``python -m
risicokompas.testidp``), built on django-oidc-provider, and signs its ID tokens with RS256 like a real
provider. Its users are fictitious; see docs/deployment.md, "Single sign-on (OpenID Connect)".
"""
