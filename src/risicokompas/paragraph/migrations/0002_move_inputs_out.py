# The paragraph's inputs moved to the capacity app.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('paragraph', '0001_initial'),
        ('capacity', '0001_initial'),
    ]

    operations = [
        # Only Django's state forgets the model here; its table and rows now belong to the new app.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='TaxCapacityInputs'),
                migrations.DeleteModel(name='SeparateRequirement'),
                migrations.DeleteModel(name='IndicatorYear'),
                migrations.DeleteModel(name='ParagraphSettings'),
            ],
            database_operations=[],
        ),
    ]
