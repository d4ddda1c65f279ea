# Capacity items and the policy history moved to the capacity app.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0004_policychange'),
        ('capacity', '0001_initial'),
    ]

    operations = [
        # Only Django's state forgets the model here; its table and rows now belong to the new app.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='CapacityItem'),
                migrations.DeleteModel(name='PolicyChange'),
            ],
            database_operations=[],
        ),
    ]
