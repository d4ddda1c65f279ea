# Risk appetite moved to the register (risks app).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('deviations', '0002_deviationchange'),
        ('risks', '0002_last_discussed_and_appetite'),
    ]

    operations = [
        # Only Django's state forgets the model here; its table and rows now belong to the new app.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='RiskAppetite'),
            ],
            database_operations=[],
        ),
    ]
