# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeviationsConfig(AppConfig):
    name = "risicokompas.deviations"
    label = "deviations"
    verbose_name = _("Afwijken volgens de bedoeling")

    def ready(self) -> None:
        # The paragraph (a layer below) counts this app's records for its period through this collector.
        from risicokompas.deviations.records import paragraph_examples, paragraph_facts
        from risicokompas.paragraph.records import register_examples, register_facts

        register_facts(paragraph_facts)
        register_examples(paragraph_examples)
