# Write "last discussed" onto each risk from the decisions recorded so far. From now on the service that
# records a decision keeps it up to date (conversations.services.refresh_last_discussed).

from django.db import migrations

HELD = ("lopend", "afgerond")


def fill(apps, schema_editor):
    AgendaItem = apps.get_model("conversations", "AgendaItem")
    Risk = apps.get_model("risks", "Risk")
    seen = set()
    items = (
        AgendaItem.objects.exclude(decision="")
        .filter(risk__isnull=False, conversation__status__in=HELD)
        .select_related("conversation")
        .order_by("-conversation__date", "-decided_at")
    )
    for item in items:
        if item.risk_id in seen:
            continue
        seen.add(item.risk_id)
        conversation = item.conversation
        Risk.objects.filter(pk=item.risk_id).update(
            last_discussed_on=conversation.date,
            last_discussed_team=conversation.programme,
            last_discussed_title=conversation.title,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0002_agendaitem_deviation_alter_agendaitem_kind"),
        ("risks", "0002_last_discussed_and_appetite"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
