"""The channel Open311 reports come in on (reference data: editable afterwards)."""

from django.db import migrations


def add_channel(apps, schema_editor):
    Channel = apps.get_model("reference", "Channel")
    Channel.objects.get_or_create(
        code="open311",
        defaults={"name": "Aplikasi (Open311)", "is_outside_system": False, "order": 20},
    )


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]

    operations = [migrations.RunPython(add_channel, migrations.RunPython.noop)]
