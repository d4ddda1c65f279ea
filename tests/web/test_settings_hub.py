# SPDX-License-Identifier: EUPL-1.2
"""The settings page gathers what a controller sets: policy, classes, scale, appetite, kengetallen
signals and the threshold for rules set aside too often."""

from __future__ import annotations

from django.urls import reverse


def test_the_settings_page_links_to_everything_a_controller_sets(client, cast, login):
    login(cast.controller)
    html = client.get(reverse("capacity:settings")).content.decode()
    for name in ("risks:appetite", "capacity:scale", "capacity:indicator_settings", "deviations:settings"):
        assert f'href="{reverse(name)}"' in html, name
    for field in ("calculation", "certainty_percent", "band_1", "norm_minimum"):
        assert f'name="{field}"' in html
