# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "risicokompas.network"
    label = "network"
    verbose_name = _("Leernetwerk")

    def ready(self) -> None:
        # The calibration page links to the network's pooled calibration; calibration, lower in the
        # layers, only offers the hook.
        from risicokompas.calibration import links
        from risicokompas.network.pooled_calibration import calibration_page_links

        links.register(calibration_page_links)

        from risicokompas.jobs.registry import register
        from risicokompas.network import jobs

        register(jobs.RECOMPUTE, jobs.recompute_benchmarks)
