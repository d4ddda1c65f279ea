# SPDX-License-Identifier: EUPL-1.2
"""Calibration (issue 17): what happened (events) checked against what was estimated (approved snapshots)."""
