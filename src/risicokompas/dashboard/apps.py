# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "risicokompas.dashboard"
    label = "dashboard"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from risicokompas.capacity.models import CapacityItem
        from risicokompas.dashboard import precompute
        from risicokompas.jobs.registry import register
        from risicokompas.risks.models import RiskChange

        register(precompute.PRECOMPUTE, precompute.precompute)
        # Every change to a risk's estimate leaves a RiskChange (risks.services); capacity items change the
        # ratio. Policy settings are rarer and simply computed on the next visit.
        post_save.connect(
            precompute.on_risk_change, sender=RiskChange, dispatch_uid="dashboard_precompute_risk"
        )
        post_save.connect(
            precompute.on_organisation_record,
            sender=CapacityItem,
            dispatch_uid="dashboard_precompute_capacity",
        )
        post_delete.connect(
            precompute.on_organisation_record,
            sender=CapacityItem,
            dispatch_uid="dashboard_precompute_capacity_del",
        )
