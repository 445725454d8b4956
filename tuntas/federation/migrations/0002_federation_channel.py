"""The channel "federasi": reports received from another Tuntas deployment."""

from django.db import migrations


def add_channel(apps, schema_editor):
    Channel = apps.get_model("reference", "Channel")
    Channel.objects.get_or_create(
        code="federasi",
        defaults={"name": "Federasi (instansi Tuntas lain)", "is_outside_system": False, "order": 90},
    )


def remove_channel(apps, schema_editor):
    Channel = apps.get_model("reference", "Channel")
    Report = apps.get_model("reports", "Report")
    if not Report.objects.filter(channel__code="federasi").exists():
        Channel.objects.filter(code="federasi").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("federation", "0001_initial"),
        ("reference", "0001_initial"),
        ("reports", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_channel, remove_channel)]
