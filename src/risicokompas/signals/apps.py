# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "risicokompas.signals"
    label = "signals"
    verbose_name = _("Meldingen")

    def ready(self) -> None:
        # The paragraph (a layer below) counts this app's records for its period through this collector.
        from risicokompas.paragraph.records import register_examples, register_facts
        from risicokompas.signals.records import paragraph_examples, paragraph_facts

        register_facts(paragraph_facts)
        register_examples(paragraph_examples)

        from risicokompas.jobs.registry import register
        from risicokompas.signals import jobs

        register(jobs.ANNOUNCE, jobs.announce_signals)
