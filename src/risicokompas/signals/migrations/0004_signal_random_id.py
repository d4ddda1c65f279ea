# SPDX-License-Identifier: EUPL-1.2
"""Signal ids drawn at random instead of counted up (see ``signals.models.new_signal_id``).

The id column keeps its type (bigint) and loses its sequence. Existing signals get a random id too, so that
their old, sequential numbers stop telling the order in which they were filed; every row that points at a
signal (an agenda item) follows it to the new id. No row is added or removed. Links to a signal made before
this migration (in a mail already sent) no longer resolve.
"""

import django.db.models.functions.datetime
from django.db import migrations, models

import risicokompas.signals.models


def renumber(apps, schema_editor):
    Signal = apps.get_model("signals", "Signal")
    pointers = [
        (rel.related_model, rel.field.attname)
        for rel in Signal._meta.related_objects
        if rel.field.many_to_one or rel.field.one_to_one
    ]
    old_ids = list(Signal.objects.order_by("pk").values_list("pk", flat=True))
    taken = set(old_ids)
    for old in old_ids:
        new = risicokompas.signals.models.new_signal_id()
        while new in taken:
            new = risicokompas.signals.models.new_signal_id()
        taken.add(new)
        Signal.objects.filter(pk=old).update(id=new)
        for model, attname in pointers:
            model._base_manager.filter(**{attname: old}).update(**{attname: new})


class Migration(migrations.Migration):
    dependencies = [
        ("signals", "0003_signal_announcement_pending"),
        ("conversations", "0001_initial"),  # agenda items point at signals
    ]

    operations = [
        migrations.AlterModelOptions(
            name="signal",
            options={
                "ordering": [
                    models.OrderBy(django.db.models.functions.datetime.TruncDate("created_at"), descending=True),
                    "id",
                ],
                "verbose_name": "melding",
                "verbose_name_plural": "meldingen",
            },
        ),
        migrations.AlterField(
            model_name="signal",
            name="id",
            field=models.BigIntegerField(
                default=risicokompas.signals.models.new_signal_id,
                editable=False,
                primary_key=True,
                serialize=False,
                verbose_name="ID",
            ),
        ),
        migrations.RunPython(renumber, migrations.RunPython.noop),
    ]
