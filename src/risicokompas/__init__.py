# SPDX-License-Identifier: EUPL-1.2
"""Risicokompas: open-source risk management for Dutch municipalities."""

__version__ = "0.1.0"
